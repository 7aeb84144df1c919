"""Emergency numbers by region (issue 12): one substitution point, every format, every text.

The knowledge says {emergency_number} and {advice_line}; galacli.regions renders them for the
region the user chose or their locale names. These tests hold that to the whole knowledge base
and to every output format, and pin the lint that keeps the data to it.
"""

from __future__ import annotations

import json
import re

import msgspec
import pytest

from galacli import regions
from galacli.env import resolve_region
from galacli.errors import UsageError
from galacli.knowledge.lint import all_texts, region_findings, wording_findings
from galacli.knowledge.loader import load_knowledge
from galacli.knowledge.model import Text
from galacli.strings import STRINGS

KB = load_knowledge()
CODES = sorted(regions.REGIONS)
LEFTOVER = re.compile(r"\{(?:emergency_number|advice_line)\}")
CJK_NEXT_TO_LATIN = re.compile(r"[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]")


# ------------------------------------------------------------------ resolving the region
@pytest.mark.parametrize(
    ("typed", "code"), [("gb", "GB"), ("GB", "GB"), ("uk", "GB"), ("Us", "US"), (" cn ", "CN")]
)
def test_region_option_is_an_iso_code_in_any_case(typed: str, code: str) -> None:
    region, notice = resolve_region(typed, {})
    assert region is not None and region.code == code and notice is None


@pytest.mark.parametrize("typed", ["xx", "", "england", "999"])
def test_unknown_region_option_is_a_usage_error_listing_the_known_ones(typed: str) -> None:
    with pytest.raises(UsageError) as raised:
        resolve_region(typed, {})
    for code in CODES:
        assert code.lower() in raised.value.message


@pytest.mark.parametrize(
    ("environ", "code"),
    [
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LANG": "zh_CN.UTF-8"}, "CN"),
        ({"LANG": "en_IE@euro"}, "IE"),
        ({"LC_MESSAGES": "en_AU.UTF-8", "LANG": "en_GB.UTF-8"}, "AU"),
        ({"LC_ALL": "en_NZ.UTF-8", "LC_MESSAGES": "en_AU.UTF-8", "LANG": "en_GB.UTF-8"}, "NZ"),
        ({"GALACLI_REGION": "in", "LC_ALL": "en_GB.UTF-8"}, "IN"),
        # The first locale variable that is set decides, as the C library reads them.
        ({"LC_ALL": "C.UTF-8", "LANG": "en_GB.UTF-8"}, None),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "de_DE.UTF-8"}, None),
        ({"LANG": "en"}, None),
        ({}, None),
    ],
)
def test_region_from_the_environment(environ: dict[str, str], code: str | None) -> None:
    region, notice = resolve_region(None, environ)
    assert (region.code if region else None) == code
    assert notice is None


def test_unknown_galacli_region_falls_back_with_a_notice() -> None:
    region, notice = resolve_region(None, {"GALACLI_REGION": "zz", "LANG": "en_GB.UTF-8"})
    assert region is None
    assert notice is not None and "zz" in notice and "gb" in notice


def test_every_region_has_an_emergency_number_and_complete_advice() -> None:
    for code, region in regions.REGIONS.items():
        assert region.code == code and re.fullmatch(r"\d{3}", region.emergency)
        assert (region.advice is None) == (region.advice_en is None) == (region.advice_zh is None)


# ------------------------------------------------------------------ the substitution itself
@pytest.mark.parametrize("code", [*CODES, None])
def test_every_text_renders_without_placeholders_and_with_chinese_spacing(
    code: str | None,
) -> None:
    region = regions.lookup(code) if code else None
    texts = [(lang, text) for _, _, lang, text in all_texts(KB)]
    texts += [(lang, text) for lang, table in STRINGS.items() for text in table.values()]
    used = 0
    for lang, text in texts:
        filled = regions.fill(text, lang, region)
        assert not LEFTOVER.search(filled), text
        if filled != text:
            used += 1
            if lang == "zh":
                # Only the spacing the placeholder introduced is checked here; the data's own
                # typography is tests/test_chinese.py's.
                assert len(CJK_NEXT_TO_LATIN.findall(filled)) <= len(
                    CJK_NEXT_TO_LATIN.findall(text)
                ), filled
    assert used > 20  # the placeholder is really used across the knowledge


@pytest.mark.parametrize(
    ("lang", "code", "expected"),
    [
        ("en", "GB", "Call 999 or go"),
        ("en", "US", "Call 911 or go"),
        ("en", "IE", "Call 112 (or 999) or go"),
        ("en", None, "Call your local emergency number or go"),
        ("zh", "CN", "拨打急救电话 120 或去急诊"),
        ("zh", "GB", "拨打急救电话 999 或去急诊"),
        ("zh", None, "拨打当地的急救电话（中国大陆为 120）或去急诊"),
    ],
)
def test_fill(lang: str, code: str | None, expected: str) -> None:
    template = {
        "en": "Call {emergency_number} or go to the emergency department now.",
        "zh": "请立即拨打{emergency_number}或去急诊。",
    }[lang]
    region = regions.lookup(code) if code else None
    assert expected in regions.fill(template, lang, region)


def test_localise_leaves_what_the_user_typed_alone() -> None:
    from galacli.core.faq import find_faq

    result = find_faq(KB, ["milk", "{emergency_number}"], "en", 5)
    assert regions.localise(result, regions.lookup("gb")).query == "milk {emergency_number}"


def test_validate_messages_keep_the_placeholder_they_are_about() -> None:
    from galacli.core.records import Problem, ValidateResult

    message = "tells the reader to call for help without {emergency_number}"
    problem = Problem(file="f.yaml", line=1, code="GLC207", message=message, field="x")
    result = ValidateResult(lang="en", data_dir=None, files=[], entries=0, problems=[problem])
    localised = regions.localise(result, regions.lookup("gb"))
    assert localised.problems[0].message == message and localised.region == "GB"


# ------------------------------------------------------------------ end to end, every format
FORMATS = ("plain", "rich", "markdown", "json")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("code", "number"), [("us", "911"), ("gb", "999"), ("au", "000")])
def test_the_number_appears_in_every_format(run, fmt: str, code: str, number: str) -> None:
    result = run("when-to-worry", "--region", code, "--format", fmt, "--color", "never")
    assert result.exit_code == 0
    assert f"Call {number} or go to the emergency department" in result.stdout
    assert not LEFTOVER.search(result.stdout)
    assert "your local emergency number" not in result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_the_number_appears_in_every_handout(run, fmt: str) -> None:
    result = run("handout", "--all", "--region", "us", "--format", fmt)
    assert result.exit_code == 0
    assert "Call 911" in result.stdout and not LEFTOVER.search(result.stdout)
    zh = run("handout", "--all", "--lang", "zh", "--region", "cn", "--format", fmt)
    assert "急救电话 120" in zh.stdout and not LEFTOVER.search(zh.stdout)


def test_done_when_locale_gives_999(run) -> None:
    result = run("when-to-worry", env={"LANG": "en_GB.UTF-8"})
    assert "Call 999 or go to the emergency department" in result.stdout
    urgent = run("check", "-a", "discharge=bloody", env={"LANG": "en_GB.UTF-8"})
    assert "If you are not sure how urgent it is, call NHS 111 for advice" in urgent.stdout
    elsewhere = run("check", "-a", "discharge=bloody", "--region", "us")
    assert "If you are not sure how urgent it is, ask a doctor, nurse or pharmacist" in (
        elsewhere.stdout
    )


def test_chinese_without_a_region_names_no_number_as_the_readers_own(run) -> None:
    result = run("when-to-worry", "--lang", "zh")
    assert "当地的急救电话（中国大陆为 120）" in result.stdout
    assert "急救电话 120" not in result.stdout
    cn = run("when-to-worry", "--lang", "zh", "--region", "cn")
    assert "急救电话 120" in cn.stdout and "当地的急救电话" not in cn.stdout
    locale = run("when-to-worry", env={"LANG": "zh_CN.UTF-8"})
    assert "急救电话 120" in locale.stdout


def test_json_carries_the_region_and_its_numbers(run) -> None:
    data = run.json("when-to-worry", "--region", "gb")
    assert (data["region"], data["emergency_number"], data["advice_number"]) == (
        "GB",
        "999",
        "111",
    )
    keys = list(data)
    assert keys[: keys.index("tiers")] == [
        "schema_version",
        "command",
        "lang",
        "region",
        "emergency_number",
        "advice_number",
    ]
    none = run.json("check", "-a", "sudden_severe_headache=yes")
    assert (none["region"], none["emergency_number"], none["advice_number"]) == (None,) * 3
    assert "Call your local emergency number" in none["urgency_action"]


@pytest.mark.parametrize(
    "args",
    [
        ("faq", "when-to-see-doctor"),
        ("causes", "neonatal"),
        ("check", "-a", "sudden_severe_headache=yes"),
        ("check", "--questions"),
        ("when-to-worry",),
    ],
)
def test_every_command_is_localised(run, args: tuple[str, ...]) -> None:
    for lang in ("en", "zh"):
        data = run.json(*args, "--lang", lang, "--region", "nz")
        text = json.dumps(data, ensure_ascii=False)
        assert not LEFTOVER.search(text)
        assert data["region"] == "NZ"


def test_unknown_region_exits_2_and_lists_the_known_ones(run) -> None:
    result = run("when-to-worry", "--region", "xx")
    assert result.exit_code == 2
    assert "Unknown region 'xx'" in result.stderr and "gb, us" in result.stderr
    assert result.stdout == ""


def test_unknown_galacli_region_is_a_notice_not_a_failure(run) -> None:
    result = run("when-to-worry", env={"GALACLI_REGION": "xx"})
    assert result.exit_code == 0
    assert "GALACLI_REGION" in result.stderr
    assert "your local emergency number" in result.stdout


# ------------------------------------------------------------------ the lint that guards the data
def with_sign_text(en: str, zh: str):  # type: ignore[no-untyped-def]
    first = msgspec.structs.replace(KB.signs[0], text=Text(en=en, zh=zh))
    return KB.replace(signs=(first, *KB.signs[1:]))


@pytest.mark.parametrize(
    ("en", "zh", "code"),
    [
        ("Call emergency services now.", "请立即就医。", "GLC207"),
        ("Get emergency help now.", "请立即就医。", "GLC207"),
        ("Call an ambulance.", "请立即就医。", "GLC207"),
        ("Call your local emergency number.", "请立即就医。", "GLC207"),
        ("See a doctor.", "请立即拨打急救电话。", "GLC207"),
        ("See a doctor.", "叫救护车。", "GLC207"),
        ("Call 999 now.", "请立即就医。", "GLC208"),
        ("Call {emergency_number} now.", "请拨打 {emergency_number}（如 120）。", "GLC208"),
        ("Call {emergency_numbr} now.", "请立即就医。", "GLC209"),
    ],
)
def test_region_lint_catches_bad_text(en: str, zh: str, code: str) -> None:
    assert code in {f.code for f in region_findings(with_sign_text(en, zh))}


def test_region_lint_allows_the_placeholder_and_plain_statements() -> None:
    kb = with_sign_text(
        "It is an emergency. Call {emergency_number} or go to the emergency department now.",
        "这是急症。请立即拨打{emergency_number}或去急诊。发烧到 38 °C，持续 12 个月。",
    )
    assert list(region_findings(kb)) == []


@pytest.mark.parametrize("word", ["全科医生", "家庭医生", "毒品", "女巫奶"])
def test_wording_lint_catches_chinese_to_avoid(word: str) -> None:
    kb = with_sign_text("See a doctor.", f"请去看{word}。")
    assert [f.code for f in wording_findings(kb)] == ["GLC210"]


def test_shipped_knowledge_has_no_region_or_wording_findings() -> None:
    assert [*region_findings(KB), *wording_findings(KB)] == []


def test_interface_strings_avoid_the_same_chinese() -> None:
    from galacli.knowledge.lint import ZH_AVOID

    for key, text in STRINGS["zh"].items():
        assert not [word for word in ZH_AVOID if word in text], key


def test_help_and_readme_name_every_region(run) -> None:
    from pathlib import Path

    help_text = " ".join(run("when-to-worry", "--help").stdout.split())
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for code, region in regions.REGIONS.items():
        assert re.search(rf"\b{code.lower()}\b", help_text), code
        assert f"| `{code.lower()}` " in readme and region.emergency in readme, code


@pytest.mark.parametrize(
    ("args", "first"),
    [
        (("causes", "毒品"), "drug-use"),
        (("causes", "女巫奶"), "neonatal"),
        (("faq", "女巫奶"), "newborn"),
        (("faq", "毒品"), "cause-drug-use"),
    ],
)
def test_words_the_text_no_longer_uses_still_find_their_entry(
    run, args: tuple[str, ...], first: str
) -> None:
    """The text says 娱乐性药物 and 新生儿泌乳; a person may still type 毒品 or 女巫奶."""
    data = run.json(*args, "--lang", "zh")
    assert data["results"][0]["id"] == first
