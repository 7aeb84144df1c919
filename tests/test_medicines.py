"""The medicine lookup never misleads (issue 14): only exact names answer, a near miss is offered
and never used, groups answer as groups, several names at once, and the headline follows the
strength. Invariants run over every medicine and group, in both languages."""

from __future__ import annotations

import json
import re

import pytest

from galacli import strings
from galacli.core.causes import lookup_drug, split_drugs
from galacli.core.check import gather
from galacli.core.medicines import (
    find_class,
    find_for_check,
    find_medicine,
    medicine_names,
    normalise,
    suggest,
)
from galacli.knowledge.loader import cross_check, load_knowledge

KB = load_knowledge()
FORMATS = ("plain", "markdown", "rich", "json")
# Typed names close to a *different* medicine (fact sheet 15.3).
NEAR_MISSES = [
    ("promethazine", "promazine"),
    ("protriptyline", "nortriptyline"),
    ("desvenlafaxine", "venlafaxine"),
    ("estriol", "estradiol"),
]
# Names issue 14 found missing, and the medicine each must answer as.
MUST_FIND = {
    "吗丁啉": "domperidone",
    "胃复安": "metoclopramide",
    "维思通": "risperidone",
    "再普乐": "olanzapine",
    "思瑞康": "quetiapine",
    "黛力新": "flupentixol-melitracen",
    "优思明": "combined-pill",
    "tramadol": "tramadol",
    "oxycodone": "oxycodone",
    "buprenorphine": "buprenorphine",
    "zuclopenthixol": "zuclopenthixol",
    "anabolic steroids": "anabolic-steroids",
    "SARMs": "sarms",
    "Depixol": "flupentixol",
    "Xeplion": "paliperidone",
    "Sycrest": "asenapine",
    "diamorphine": "diamorphine",
    "heroin": "heroin",
}
CLASSES = {
    "antipsychotic": "antipsychotics",
    "SSRI": "ssris",
    "antidepressant": "antidepressants",
    "the pill": "contraceptive-pills",
    "避孕药": "contraceptive-pills",
    "抗抑郁药": "antidepressants",
    "opioids": "opioids",
}
HEADLINE = {
    "high": "often raises prolactin",
    "moderate": "sometimes raises prolactin",
    "low": "rarely raises prolactin",
    "listed": "how often is not known",
    "unclear": "weak or mixed",
    "none": "is not known to raise prolactin",
    "lowers": "can lower prolactin",
}
ZH_HEADLINE = {
    "high": "常常让催乳素升高",
    "moderate": "有时会让催乳素升高",
    "low": "很少让催乳素升高",
    "listed": "发生的频率不明",
    "unclear": "证据很弱或相互矛盾",
    "none": "会升高催乳素",
    "lowers": "可以降低催乳素",
}


def variants(name: str) -> list[str]:
    """The same name as people type it: any case, extra or missing spaces and hyphens."""
    squeezed = re.sub(r"[\s\-]+", "", name)
    return [name, name.upper(), name.lower(), f"  {name} ", squeezed, name.replace(" ", "-")]


@pytest.mark.parametrize(("typed", "other"), NEAR_MISSES)
def test_a_near_miss_never_answers_for_another_medicine(typed: str, other: str) -> None:
    assert find_medicine(KB, typed) is None
    assert find_for_check(KB, typed) is None
    [answer] = lookup_drug(KB, [typed], "en").results
    assert answer.found == "not_found" and answer.match is None
    assert answer.suggestion == other
    assert f"Did you mean {other}?" in answer.message
    assert "raises prolactin" not in answer.message


@pytest.mark.parametrize(("typed", "other"), NEAR_MISSES)
def test_a_near_miss_in_the_check_is_not_known_with_a_suggestion(
    run, typed: str, other: str
) -> None:
    evidence = gather(KB, {"medications": f"{typed}, Prozac"})
    assert [m.medicine.id for m in evidence.matched] == ["fluoxetine"]
    assert evidence.not_known == (typed,)
    doc = run.json("check", "-a", f"medications={typed}", "-a", "discharge=milky")
    assert doc["medicines_matched"] == []
    assert doc["medicines_not_known"] == [typed]
    assert doc["medicines_suggested"] == [{"name": typed, "suggestion": other}]
    plain = run("check", "-a", f"medications={typed}", "-a", "discharge=milky", "-f", "plain")
    assert f"{typed} (Did you mean: {other}?)" in plain.stdout
    assert f"You named {other}" not in plain.stdout


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("typed", "other"), NEAR_MISSES)
def test_causes_drug_near_miss_exits_1_in_every_format(
    run, fmt: str, typed: str, other: str
) -> None:
    result = run("causes", "--drug", typed, "--format", fmt)
    assert result.exit_code == 1
    assert other in result.stdout  # offered ...
    heading = {"plain": f"{other}\n[", "markdown": f"# {other}", "rich": f"{other}  {other}"}
    assert heading.get(fmt, "\0") not in result.stdout  # ... never shown as the answer


def test_every_name_of_every_medicine_resolves_to_that_medicine() -> None:
    for medicine in KB.medicines:
        for name, _ in medicine_names(medicine):
            for typed in variants(name):
                match = find_medicine(KB, typed)
                assert match is not None, (medicine.id, typed)
                assert match.medicine.id == medicine.id, (medicine.id, typed, match.medicine.id)


def test_no_two_medicines_or_groups_share_a_name() -> None:
    owners: dict[str, str] = {}
    for medicine in KB.medicines:
        for name, _ in medicine_names(medicine):
            assert owners.setdefault(normalise(name), medicine.id) == medicine.id, name
    for group in KB.medicine_classes:
        for name in (group.id, group.name.en, group.name.zh or "", *group.names):
            if normalise(name):
                owner = owners.setdefault(normalise(name), f"group {group.id}")
                assert owner == f"group {group.id}", name
    assert not [f for f in cross_check(KB) if f.code == "GLC114"]


def test_the_linter_reports_a_shared_name(data_copy) -> None:
    path = data_copy / "data" / "medicines.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('brands: ["Haldol"]', 'brands: ["Haldol", "PRO-ZAC"]'), "utf-8")
    import datetime

    from galacli.core.validate import validate

    result = validate(data_copy, "en", datetime.date(2026, 12, 2))
    [problem] = [p for p in result.problems if p.code == "GLC114"]
    assert "'Prozac' also names 'haloperidol'" in problem.message


@pytest.mark.parametrize(("typed", "medicine_id"), sorted(MUST_FIND.items()))
def test_names_issue_14_found_missing_are_found(typed: str, medicine_id: str) -> None:
    match = find_medicine(KB, typed)
    assert match is not None and match.medicine.id == medicine_id


def test_the_table_has_at_least_120_medicines_and_substances() -> None:
    assert len(KB.medicines) >= 120


def test_diamorphine_is_a_prescribed_opioid_and_heroin_a_street_drug() -> None:
    diamorphine, heroin = (find_medicine(KB, n) for n in ("diamorphine", "heroin"))
    assert diamorphine is not None and heroin is not None
    assert diamorphine.medicine.cause == "medication" and heroin.medicine.cause == "drug-use"
    assert "prescribed" in diamorphine.medicine.note.en  # type: ignore[union-attr]


def test_domperidone_keeps_its_heart_risk_and_is_not_called_prescription_only_in_chinese() -> None:
    match = find_medicine(KB, "吗丁啉")
    assert match is not None and match.medicine.heart_rhythm_risk
    assert "处方" not in (match.medicine.note.zh or "")  # type: ignore[union-attr]


def test_aripiprazole_says_it_can_lower_prolactin() -> None:
    for lang, words in (("en", "can lower prolactin"), ("zh", "可以降低催乳素")):
        [answer] = lookup_drug(KB, ["aripiprazole"], lang).results
        assert words in answer.message
        assert "known to raise" not in answer.message


def test_asenapine_is_not_graded_moderate() -> None:
    match = find_medicine(KB, "asenapine")
    assert match is not None and match.medicine.strength == "low"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_headline_follows_the_strength(lang: str) -> None:
    words = HEADLINE if lang == "en" else ZH_HEADLINE
    for medicine in KB.medicines:
        [answer] = lookup_drug(KB, [medicine.id], lang).results
        assert answer.found == "medicine"
        if medicine.cause in medicine.counts_against:
            assert words["lowers"] in answer.message, medicine.id
        else:
            assert words[medicine.strength] in answer.message, medicine.id
        if medicine.strength not in ("high", "moderate"):
            assert words["high"] not in answer.message, medicine.id
        if lang == "zh":  # no space between a Chinese name and Chinese text
            assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", answer.message), medicine.id


def test_every_group_answers_as_a_group_in_both_languages() -> None:
    known = {medicine.id: medicine for medicine in KB.medicines}
    for group in KB.medicine_classes:
        assert group.members and all(member in known for member in group.members)
        for name in (group.name.en, group.name.zh or group.name.en, *group.names):
            found = find_class(KB, name)
            assert found is not None and found.id == group.id, name
            assert find_medicine(KB, name) is None, name
        for lang in ("en", "zh"):
            [answer] = lookup_drug(KB, [group.id], lang).results
            assert answer.found == "class" and answer.medicine_class is not None
            listed = answer.medicine_class.medicines
            assert [m.id for m in listed] == list(group.members)
            for info in listed:
                assert info.strength_label == strings.text(f"strength_{info.strength}", lang)


@pytest.mark.parametrize(("typed", "group_id"), sorted(CLASSES.items()))
def test_class_words_answer_as_classes(typed: str, group_id: str) -> None:
    [answer] = lookup_drug(KB, [typed], "en").results
    assert answer.found == "class"
    assert answer.medicine_class is not None and answer.medicine_class.id == group_id


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_class_and_several_names_in_every_format(run, fmt: str) -> None:
    result = run("causes", "--drug", "SSRI", "--drug", "Abilify, 吗丁啉", "--format", fmt)
    assert result.exit_code == 0
    out = result.stdout
    if fmt == "json":
        doc = json.loads(out)
        assert [a["found"] for a in doc["results"]] == ["class", "medicine", "medicine"]
        members = doc["results"][0]["medicine_class"]["medicines"]
        assert members[0]["id"] == "fluoxetine"
        return
    for words in ("fluoxetine", "sertraline", "aripiprazole", "domperidone", "can lower prolactin"):
        assert words in out, words
    assert out.count("Do not stop or change a prescribed medicine") == 1
    assert out.index("fluoxetine") < out.index("aripiprazole") < out.index("domperidone")


def test_exit_codes_all_found_zero_any_missing_one(run) -> None:
    assert run("causes", "--drug", "Prozac", "--drug", "the pill").exit_code == 0
    assert run("causes", "--drug", "Prozac, nosuchdrug").exit_code == 1
    assert run("causes", "--drug", " , ").exit_code == 1  # no name at all


def test_split_drugs_takes_commas_and_repeats_once_each() -> None:
    assert split_drugs(["a, b", "c；d、e", "a"]) == ["a", "b", "c", "d", "e"]


def test_the_pill_in_the_check_means_the_combined_pill() -> None:
    evidence = gather(KB, {"medications": "the pill"})
    assert [m.medicine.id for m in evidence.matched] == ["combined-pill"]
    assert gather(KB, {"medications": "antidepressant"}).not_known == ("antidepressant",)


def test_suggest_offers_only_close_names() -> None:
    assert suggest(KB, "risperdon", "en") == "risperidone"
    assert suggest(KB, "zzzzzz", "en") is None
    assert suggest(KB, "多潘立同", "zh") == "多潘立酮"


def test_stopping_heavy_drinking_or_street_benzodiazepines_is_never_called_a_fix() -> None:
    cause = KB.cause_by_id["drug-use"]
    for text in cause.what_helps:
        if "go away" in text.en:
            assert not re.search(r"drink|alcohol|benzo", text.en), text.en
    assert any(
        "drink" in t.en and "benzodiazepines" in t.en and "cut down safely" in t.en
        for t in cause.what_helps
    )
    for medicine_id in ("alcohol", "street-benzodiazepines"):
        note = next(m for m in KB.medicines if m.id == medicine_id).note
        assert note is not None and "cut down safely" in note.en and "逐步减量" in (note.zh or "")


def _class_questions() -> list[tuple[str, str, frozenset[str]]]:
    """Each kind of medicine in the table, asked about as a cause, with the causes its
    medicines are listed under."""
    kinds: dict[tuple[str, str], set[str]] = {}
    for medicine in KB.medicines:
        for lang in ("en", "zh"):
            kinds.setdefault((lang, medicine.drug_class.get(lang)), set()).add(medicine.cause)
    template = {"en": "can {} cause nipple discharge", "zh": "{}会引起乳头溢液吗"}
    return [
        (lang, template[lang].format(kind), frozenset(found))
        for (lang, kind), found in sorted(kinds.items())
    ]


@pytest.mark.parametrize(("lang", "query", "wanted"), _class_questions())
def test_every_kind_of_medicine_finds_its_cause(lang: str, query: str, wanted: frozenset[str]):
    # A kind can span two causes (opioids: medicines and drug use), so the top three.
    from galacli.core.causes import find_causes

    found = [item.id for item in find_causes(KB, [query], lang, 3).results]
    assert wanted & set(found), (query, found)
