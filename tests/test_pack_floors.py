"""Safety floors for knowledge packs (issue 16, item 1).

A pack may add signs and make triage more urgent. Lowering a shipped sign's tier, changing its
rule, adding a self-care sign, or changing a shipped question's kind, values or skip rule (or a
medicine's cause or strength) is GLC111, unless the pack file declares it under `overrides:`;
then every output says so. Whenever a pack is in use, the output says which.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from galacli.core.check import decide_tier, gather
from galacli.errors import DataError
from galacli.knowledge import loader
from galacli.knowledge.loader import KnowledgeFile, load_knowledge
from galacli.knowledge.model import TIER_ORDER

PACKAGE = Path(__file__).resolve().parent.parent / "galacli"
SHIPPED = load_knowledge()
SIGNS = yaml.safe_load((PACKAGE / "data/warning_signs.yaml").read_text(encoding="utf-8"))["signs"]
QUESTIONS = yaml.safe_load((PACKAGE / "data/questions.yaml").read_text(encoding="utf-8"))[
    "questions"
]
MEDICINES = yaml.safe_load((PACKAGE / "data/medicines.yaml").read_text(encoding="utf-8"))[
    "medicines"
]
ASKABLE = [q for q in SHIPPED.questions if not q.derived]
OVERRIDE = {"overrides": [{"id": "apoplexy", "reason": "Our ward triages headaches itself"}]}


def sign(sign_id: str, **changes: Any) -> dict[str, Any]:
    entry = next(dict(s) for s in SIGNS if s["id"] == sign_id)
    return {**entry, **changes}


def question(question_id: str, **changes: Any) -> dict[str, Any]:
    entry = next(dict(q) for q in QUESTIONS if q["id"] == question_id)
    return {**entry, **changes}


def write(folder: Path, name: str, content: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return folder


def rank(tier: str) -> int:
    return TIER_ORDER.index(tier)  # type: ignore[arg-type]


# ---- the cases the issue found


def test_lowering_a_sign_tier_is_glc111(run, tmp_path: Path) -> None:
    folder = write(
        tmp_path / "p", "warning_signs.yaml", {"signs": [sign("apoplexy", tier="self-care")]}
    )
    result = run("check", "-a", "sudden_severe_headache=yes", "--data-dir", str(folder))
    assert result.exit_code == 3
    assert "GLC111 lowers the tier of 'apoplexy' from emergency to self-care" in result.stderr
    checked = run("validate", str(folder))
    assert checked.exit_code == 3 and "GLC111" in checked.stdout


def test_changing_a_question_kind_is_glc111(run, tmp_path: Path) -> None:
    folder = write(
        tmp_path / "p", "questions.yaml", {"questions": [question("age_group", kind="list")]}
    )
    result = run("check", "-a", "age_group=newborn", "-a", "fever=yes", "--data-dir", str(folder))
    assert result.exit_code == 3
    assert "GLC111 changes the kind of question 'age_group'" in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        (
            "warning_signs.yaml",
            {"signs": [sign("apoplexy", when={"all": [{"sex": "male"}, {"sex": "female"}]})]},
            "changes the rule of the warning sign 'apoplexy'",
        ),
        (
            "warning_signs.yaml",
            {"signs": [sign("apoplexy", id="calm-headache", tier="self-care")]},
            "adds a self-care sign",
        ),
        (
            "questions.yaml",
            {
                "questions": [
                    question(
                        "sex",
                        values=[
                            {"id": "female", "label": {"en": "Female"}},
                            {"id": "male", "label": {"en": "Male"}},
                            {"id": "other", "label": {"en": "Other"}},
                        ],
                    )
                ]
            },
            "changes the values of question 'sex'",
        ),
        (
            "questions.yaml",
            {"questions": [question("sudden_severe_headache", ask_if={"age_group": "teen"})]},
            "changes when question 'sudden_severe_headache' is asked",
        ),
        (
            "medicines.yaml",
            {"medicines": [{**MEDICINES[0], "strength": "none"}]},
            f"says medicine '{MEDICINES[0]['id']}' no longer raises prolactin",
        ),
    ],
)
def test_other_changes_that_can_lower_triage_are_glc111(
    run, tmp_path: Path, name: str, content: dict[str, Any], needle: str
) -> None:
    folder = write(tmp_path / "p", name, content)
    result = run("faq", "--data-dir", str(folder))
    assert result.exit_code == 3
    assert "GLC111" in result.stderr and needle in result.stderr


def test_raising_a_tier_and_changing_words_need_no_override(run, tmp_path: Path) -> None:
    entry = sign("missed-periods", tier="urgent", text={"en": "Our own words for this sign."})
    new = sign("apoplexy", id="our-emergency", when={"chest_injury": "yes"})
    folder = write(tmp_path / "p", "warning_signs.yaml", {"signs": [entry, new]})
    data = run.json(
        "check",
        "-a",
        "missed_periods=yes",
        "-a",
        "pregnant_or_breastfeeding=no",
        "--data-dir",
        str(folder),
    )
    assert data["urgency"] == "urgent"
    assert data["knowledge"]["pack"] == str(folder)
    assert data["knowledge"]["overrides"] == []
    assert "GLC111" not in run("validate", str(folder)).stdout


def test_a_declared_override_applies_and_every_output_says_so(run, tmp_path: Path) -> None:
    content = {"signs": [sign("apoplexy", tier="self-care")], **OVERRIDE}
    folder = write(tmp_path / "p", "warning_signs.yaml", content)
    assert run("validate", str(folder)).exit_code == 0
    data = run.json("check", "-a", "sudden_severe_headache=yes", "--data-dir", str(folder))
    assert data["urgency"] != "emergency"
    [override] = data["knowledge"]["overrides"]
    assert (
        override["id"] == "apoplexy" and override["reason"] == "Our ward triages headaches itself"
    )
    for lang in ("en", "zh"):
        for fmt in ("plain", "rich", "markdown"):
            result = run("faq", "men", "--data-dir", str(folder), "-f", fmt, "--lang", lang)
            assert result.exit_code == 0
            word = "本地规则" if lang == "zh" else "Local rules"
            assert word in result.stdout.splitlines()[0] or word in result.stdout[:200]
            assert "apoplexy" in result.stdout[:600]  # the notice comes first
            assert str(folder) in result.stderr and len(result.stderr.splitlines()) == 1
    for fmt in ("markdown", "html"):
        handout = run("handout", "--data-dir", str(folder), "-f", fmt)
        assert "Local rules" in handout.stdout[:6000] and "apoplexy" in handout.stdout
    handout_json = json.loads(run("handout", "--data-dir", str(folder), "-f", "json").stdout)
    assert handout_json["knowledge"]["overrides"][0]["id"] == "apoplexy"
    version = run("--version", env={"GALACLI_DATA_DIR": str(folder)})
    assert str(folder) in version.stdout and "apoplexy" in version.stdout


def test_an_override_that_changes_nothing_is_glc112(run, tmp_path: Path) -> None:
    folder = write(tmp_path / "p", "warning_signs.yaml", {"signs": [sign("apoplexy")], **OVERRIDE})
    result = run("validate", str(folder))
    assert result.exit_code == 3 and "GLC112" in result.stdout


def test_a_pack_in_use_is_named_on_stderr_and_in_json(run, tmp_path: Path) -> None:
    folder = write(tmp_path / "p", "warning_signs.yaml", {"signs": [sign("apoplexy")]})
    plain = run("when-to-worry", "--data-dir", str(folder), "-f", "plain")
    assert plain.exit_code == 0
    assert plain.stderr.count("\n") == 1 and f"knowledge pack {folder}" in plain.stderr
    assert run.json("sources", "--data-dir", str(folder))["knowledge"]["pack"] == str(folder)
    assert "knowledge" not in run.json("sources")  # no pack: the contract is unchanged
    assert run("when-to-worry", "-f", "plain").stderr == ""
    version = run("--version", env={"GALACLI_DATA_DIR": str(folder)})
    assert f"with the pack {folder}" in version.stdout
    assert "pack" not in run("--version").stdout


def test_overrides_survive_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GALACLI_CACHE_DIR", str(tmp_path / "cache"))
    content = {"signs": [sign("apoplexy", tier="self-care")], **OVERRIDE}
    folder = write(tmp_path / "p", "warning_signs.yaml", content)
    cold = loader.load_cached(loader.files_for(folder))
    warm = loader.load_cached(loader.files_for(folder))
    assert cold.overrides == warm.overrides and [o.id for o in warm.overrides] == ["apoplexy"]


# ---- the campaign: random changes to shipped entries never lower a tier unless declared


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, str]:
    answers: dict[str, str] = {}
    for q in ASKABLE:
        if draw(st.booleans()):
            continue
        if q.kind == "list":
            answers[q.id] = draw(st.sampled_from(["risperidone", "ibuprofen", "none"]))
        else:
            answers[q.id] = draw(st.sampled_from([c.id for c in q.values]))
    return answers


@st.composite
def mutated_packs(draw: st.DrawFn) -> tuple[str, dict[str, Any], str]:
    """(file key, pack file content, the id changed)."""
    kind = draw(
        st.sampled_from(["tier", "when", "new", "kind", "values", "ask_if", "medicine", "words"])
    )
    if kind in ("tier", "when", "new", "words"):
        entry = dict(draw(st.sampled_from(SIGNS)))
        if kind == "tier":
            entry["tier"] = draw(st.sampled_from(list(TIER_ORDER)))
        elif kind == "when":
            entry["when"] = draw(st.sampled_from(SIGNS))["when"]
        elif kind == "new":
            entry["id"] = "pack-sign"
            entry["tier"] = draw(st.sampled_from(list(TIER_ORDER)))
        else:
            entry["text"] = {"en": draw(st.text(min_size=1, max_size=20).filter(str.strip))}
        return "warning_signs.yaml", {"signs": [entry]}, entry["id"]
    if kind == "medicine":
        entry = dict(draw(st.sampled_from(MEDICINES)))
        entry["strength"] = draw(st.sampled_from(["high", "none", "lowers", "unclear"]))
        return "medicines.yaml", {"medicines": [entry]}, entry["id"]
    entry = dict(draw(st.sampled_from(QUESTIONS)))
    if kind == "kind":
        entry["kind"] = draw(st.sampled_from(["choice", "list"]))
    elif kind == "values":
        entry["values"] = list(entry.get("values", ()))[1:]
    else:
        entry["ask_if"] = draw(st.sampled_from([q.get("ask_if") for q in QUESTIONS]))
        if entry["ask_if"] is None:
            entry.pop("ask_if")
    return "questions.yaml", {"questions": [entry]}, entry["id"]


KEYS = {"warning_signs.yaml": "signs", "questions.yaml": "questions", "medicines.yaml": "medicines"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_packs(), st.booleans(), st.lists(answer_sets(), min_size=3, max_size=3))
def test_no_random_pack_lowers_a_tier_unless_it_says_so(
    pack: tuple[str, dict[str, Any], str], declare: bool, answers: list[dict[str, str]]
) -> None:
    name, content, entry_id = pack
    if declare:
        content = {**content, "overrides": [{"id": entry_id, "reason": "on purpose"}]}
    data = yaml.safe_dump(content, allow_unicode=True).encode()
    files = [*loader.read_shipped(), KnowledgeFile(KEYS[name], f"pack/{name}", data)]
    try:
        kb = loader.build(files)
    except DataError:
        return  # refused with a located message (exit 3), never a crash
    if kb.overrides:
        assert declare
        return
    for given_answers in answers:
        told, in_pack = gather(SHIPPED, given_answers), gather(kb, given_answers)
        shipped = decide_tier(SHIPPED, told.sets, told.cautious).tier
        packed = decide_tier(kb, in_pack.sets, in_pack.cautious).tier
        assert rank(packed) <= rank(shipped), (content, given_answers, shipped, packed)
