"""Knowledge packs (`--data-dir`, GALACLI_DATA_DIR) and `galacli validate`, including hostile
packs: every problem is one located line with a stable code, never a traceback or a hang."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from galacli.core.answers import read_answers
from galacli.errors import DataError
from galacli.knowledge import loader, safe_yaml
from galacli.knowledge.loader import load_knowledge

ENTRY = """\
  - id: {id}
    question: {{en: "{question}"}}
    short_answer: {{en: "Our clinic sees people with nipple discharge on Tuesdays."}}
    answer: {{en: "Our breast clinic is open on Tuesdays. You can come without a letter."}}
    tags: {{en: [clinic, tuesday]}}
    sources: [NHS-ND]
    reviewed: 2026-10-01
"""
LINE = re.compile(r"^(?P<file>[^:\n]+)(?::(?P<line>\d+))?: (?P<code>GLC\d{3}) .+$")


def pack(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def faq_pack(folder: Path, *entries: tuple[str, str]) -> Path:
    body = "".join(ENTRY.format(id=i, question=q) for i, q in entries)
    return pack(folder, {"faq.yaml": f"faq:\n{body}"})


def codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    lines = result.stdout.splitlines()
    for line in lines:
        assert LINE.match(line), f"not FILE:LINE: GLCnnn message: {line!r}"
    return [LINE.match(line)["code"] for line in lines]  # type: ignore[index]


# ---- adding and replacing


def test_a_pack_adds_an_entry(run, tmp_path: Path) -> None:
    folder = faq_pack(tmp_path / "pack", ("clinic-hours", "When is the breast clinic open?"))
    result = run("faq", "clinic-hours", "--data-dir", str(folder), "-f", "plain")
    assert result.exit_code == 0, result.stderr
    assert "Tuesdays" in result.stdout
    listed = run.json("faq", "--data-dir", str(folder))
    assert listed["results"][-1]["id"] == "clinic-hours"
    found = run.json("faq", "clinic", "open", "--data-dir", str(folder))
    assert found["results"][0]["id"] == "clinic-hours"
    assert run("faq", "clinic-hours", "-f", "plain").exit_code == 1  # the pack is not remembered


def test_a_pack_replaces_an_entry_in_place(run, tmp_path: Path) -> None:
    shipped = [item["id"] for item in run.json("faq")["results"]]
    folder = faq_pack(tmp_path / "pack", ("men", "Our clinic's own answer for men"))
    listed = run.json("faq", "--data-dir", str(folder))
    assert [item["id"] for item in listed["results"]] == shipped
    men = run.json("faq", "men", "--data-dir", str(folder))["results"][0]
    assert men["question"] == "Our clinic's own answer for men"


def test_the_environment_variable_names_a_pack(run, tmp_path: Path) -> None:
    folder = faq_pack(tmp_path / "pack", ("clinic-hours", "When is the breast clinic open?"))
    result = run("faq", "clinic-hours", "-f", "plain", env={"GALACLI_DATA_DIR": str(folder)})
    assert result.exit_code == 0


def test_a_pack_in_the_shipped_layout_works(run, tmp_path: Path) -> None:
    folder = faq_pack(tmp_path / "pack" / "data", ("clinic-hours", "When is the clinic open?"))
    result = run("faq", "clinic-hours", "--data-dir", str(folder.parent), "-f", "plain")
    assert result.exit_code == 0, result.stderr


def test_a_pack_can_add_a_medicine_to_the_drug_lookup(run, tmp_path: Path) -> None:
    folder = pack(
        tmp_path / "pack",
        {
            "medicines.yaml": """\
medicines:
  - id: examplazine
    generic: {en: Examplazine}
    brands: [Examplex]
    class: {en: "an example antipsychotic"}
    cause: medication
    strength: listed
    sources: [NHS-ND]
    reviewed: 2026-10-01
"""
        },
    )
    result = run("causes", "--drug", "Examplex", "--data-dir", str(folder), "-f", "json")
    assert result.exit_code == 0, result.stderr + result.stdout


def test_packs_are_cached_by_content(run, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("GALACLI_CACHE_DIR", str(cache))
    folder = faq_pack(tmp_path / "pack", ("clinic-hours", "When is the breast clinic open?"))
    load_knowledge.cache_clear()
    kb = load_knowledge(str(folder))
    assert "clinic-hours" in kb.faq_by_id
    assert len(list(cache.glob("knowledge-*.msgpack"))) == 1
    load_knowledge.cache_clear()
    assert "clinic-hours" in load_knowledge(str(folder)).faq_by_id  # from the cache
    load_knowledge.cache_clear()


def test_a_missing_pack_folder_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("faq", "--data-dir", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


# ---- validate


def test_the_shipped_knowledge_validates_clean(run) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert "No problems" in result.stderr


def test_a_clean_pack_validates(run, tmp_path: Path) -> None:
    folder = faq_pack(tmp_path / "pack", ("clinic-hours", "When is the breast clinic open?"))
    result = run("validate", str(folder))
    assert result.exit_code == 0, result.stdout


def test_validate_reports_every_problem_with_file_line_and_code(run, tmp_path: Path) -> None:
    folder = pack(
        tmp_path / "pack",
        {
            "faq.yaml": """\
faq:
  - id: clinic-hours
    question: {en: "When is the clinic open?", zh: "诊所什么时候开门？"}
    short_answer: {en: "Take 50 mg of it each day.", zh: "每天服用。"}
    answer: {en: "Our breast clinic is open on Tuesdays.", zh: "周二开门。"}
    tags: {en: [clinic]}
    sources: [NOPE]
    related: [not-a-question]
    reviewed: 2999-01-01
  - id: clinic-hours
    question: {en: "Again?"}
    short_answer: {en: "Again."}
    answer: {en: "Again."}
    tags: {en: [again]}
    sources: [NHS-ND]
    reviewed: 2026-01-01
  - id: Bad Id
    question: {en: "Bad?"}
""",
            "notes.yaml": "just: notes\n",
        },
    )
    result = run("validate", str(folder))
    assert result.exit_code == 3
    found = codes(result)
    assert {"GLC102", "GLC103", "GLC110"} <= set(found)
    # the schema problem stops the merge; fix it and the later checks speak
    text = (folder / "faq.yaml").read_text(encoding="utf-8")
    (folder / "faq.yaml").write_text(
        text.split('  - id: clinic-hours\n    question: {en: "Again')[0]
    )
    (folder / "notes.yaml").unlink()
    result = run("validate", str(folder))
    assert result.exit_code == 3
    found = codes(result)
    assert {"GLC104", "GLC106", "GLC108", "GLC201"} <= set(found), result.stdout
    lines = result.stdout.splitlines()
    assert f"{folder / 'faq.yaml'}:7: GLC104 unknown source id 'NOPE' (faq[0].sources[0])" in lines
    assert any(":9: GLC108" in line for line in lines)
    assert any(
        "GLC106 has no Chinese (zh) text" in line and "(faq[0].tags)" in line for line in lines
    )
    assert "problem" in result.stderr


def test_validate_json_lists_problems(run, tmp_path: Path) -> None:
    folder = pack(tmp_path / "pack", {"faq.yaml": "faq: [{id: x}]\n"})
    result = run("validate", str(folder), "-f", "json")
    assert result.exit_code == 3
    import json

    document = json.loads(result.stdout)
    assert document["command"] == "validate"
    [problem] = document["problems"]
    assert problem["code"] == "GLC102"
    assert problem["file"].endswith("faq.yaml")
    assert problem["line"] == 1


def test_a_normal_load_stops_at_the_first_problem_with_its_code(run, tmp_path: Path) -> None:
    folder = pack(tmp_path / "pack", {"faq.yaml": "faq:\n  - id: x\n    question: 3\n"})
    result = run("faq", "--data-dir", str(folder))
    assert result.exit_code == 3
    assert re.match(r"galacli: .*faq\.yaml:\d+: GLC102 ", result.stderr)
    assert "Traceback" not in result.stderr


def test_an_empty_pack_folder_is_reported(run, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("validate", str(tmp_path / "empty"))
    assert result.exit_code == 3
    assert codes(result) == ["GLC110"]


# ---- hostile packs: one clear message, exit 3, and fast


def billion_laughs() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for n, name in enumerate("bcdefghij"):
        previous = "abcdefghij"[n]
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    return text


HOSTILE: dict[str, tuple[str | bytes, str, str]] = {
    "bad YAML": ("faq:\n  - id: [\n", "GLC101", "not valid YAML"),
    "python tag": ("faq: !!python/object/apply:os.system ['echo pwned']\n", "GLC101", "YAML"),
    "billion laughs": (billion_laughs(), "GLC101", "expands to more than"),
    "deep nesting": ("faq: " + "[" * 100_000 + "]" * 100_000 + "\n", "GLC101", "nests deeper"),
    "empty file": ("", "GLC101", "is empty"),
    "not UTF-8": (b"faq:\n  - id: caf\xe9\n", "GLC100", "not UTF-8"),
    "not a mapping": ("- just\n- a list\n", "GLC102", "mapping"),
    "wrong type": ("faq: 3\n", "GLC102", "must be a list"),
    "unknown section": ("faq: []\nextra: 1\n", "GLC102", "unknown section 'extra'"),
    "impossible date": ("faq:\n  - reviewed: 2026-02-30\n", "GLC101", "day is out of range"),
    "huge number": ("faq:\n  - id: " + "9" * 5000 + "\n", "GLC101", "a number is too long"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_packs_fail_fast_with_one_clear_message(run, tmp_path: Path, name: str) -> None:
    content, code, words = HOSTILE[name]
    folder = pack(tmp_path / "pack", {"faq.yaml": content})
    start = time.perf_counter()
    result = run("validate", str(folder))
    assert time.perf_counter() - start < 5
    assert result.exit_code == 3
    assert codes(result) == [code]
    assert words in result.stdout
    loaded = run("faq", "--data-dir", str(folder))
    assert loaded.exit_code == 3
    assert code in loaded.stderr and "Traceback" not in loaded.stderr


def test_a_python_tag_is_never_run(run, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    content = f"faq: !!python/object/apply:os.system ['touch {marker}']\n"
    folder = pack(tmp_path / "pack", {"faq.yaml": content})
    assert run("faq", "--data-dir", str(folder)).exit_code == 3
    assert not marker.exists()


def test_a_file_over_the_size_limit_is_refused(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(safe_yaml, "MAX_BYTES", 1000)
    folder = faq_pack(tmp_path / "pack", *[(f"q-{n}", f"Question {n}?") for n in range(10)])
    result = run("validate", str(folder))
    assert result.exit_code == 3
    assert codes(result) == ["GLC100"]
    assert "too large" in result.stdout


@pytest.mark.parametrize("content", [billion_laughs(), "sex: " + "[" * 100_000])
def test_hostile_answers_files_fail_fast(tmp_path: Path, content: str) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(DataError) as caught:
        read_answers(load_knowledge(), [], path, "en")
    assert time.perf_counter() - start < 5
    assert caught.value.file == str(path)


def test_the_wrong_tier_order_is_reported(data_copy: Path) -> None:
    path = data_copy / "data" / "warning_signs.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: self-care\n", "  - id: routine\n", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        loader.load_from(data_copy)
    assert "GLC10" in caught.value.message


def test_every_documented_code_exists_and_every_code_is_documented() -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (GLC\d{3}) \|", readme, re.M))
    source = "".join(p.read_text(encoding="utf-8") for p in (root / "galacli").rglob("*.py"))
    used = set(re.findall(r'"(GLC\d{3})"', source))
    assert documented == used


@pytest.mark.parametrize("value", ["0", "-1", "1.5", "x", "99999999999999999999999999"])
def test_a_leading_number_out_of_range_is_glc102(run, tmp_path: Path, value: str) -> None:
    # A huge number once passed validation and then crashed every command (exit 70).
    cause = f"""causes:
  - id: herbal-tea
    name: {{en: "Herbal teas", zh: "草药茶"}}
    category: medicines-and-substances
    leading: {value}
    summary: {{en: "Some teas.", zh: "一些茶。"}}
    mechanism: {{en: "Unknown.", zh: "不明。"}}
    notice: []
    doctor_checks: []
    what_helps: []
    how_common: {{en: "Rare.", zh: "少见。"}}
    when_to_worry: {{en: "If it lasts.", zh: "如果持续。"}}
    sources: [AAFP22]
    reviewed: 2026-11-21
"""
    folder = pack(tmp_path / "pack", {"causes.yaml": cause})
    for args in (["validate", str(folder)], ["causes", "milk", "--data-dir", str(folder)]):
        result = run(*args)
        assert result.exit_code == 3, (args, result.stderr)
        said = result.stdout + result.stderr
        assert "GLC102" in said and "Traceback" not in said
