"""A check result a worried person can read (issue 12): each fact once, the tier first and last,
a one-screen --brief view, and no lab jargon in what a person reads."""

from __future__ import annotations

import difflib
import random
import re
from collections.abc import Iterator
from typing import Any

import pytest

from galacli.core.check import distinct, normalised, run_check
from galacli.knowledge.loader import load_knowledge
from galacli.regions import localise
from galacli.render import plain
from galacli.render.layout import (
    Block,
    Bullets,
    Callout,
    Para,
    TierBanner,
    TierLine,
    check_blocks,
    faq_blocks,
)

KB = load_knowledge()
ASKABLE = [q for q in KB.questions if not q.derived]
MEDICINES = ["none", "risperidone", "Prozac", "metoclopramide, cannabis", "estradiol",
             "domperidone", "methadone", "fennel tea", "ibuprofen"]  # fmt: skip
LANGS = ("en", "zh")
NEAR = 0.95  # "kidney" and "liver" in otherwise equal sentences are two facts (ratio 0.9)


def answer_sets(count: int, seed: int = 12) -> Iterator[dict[str, str]]:
    """Every single answer on its own, then `count` random mixes of 3 to 12 answers."""
    for question in ASKABLE:
        values = MEDICINES if question.kind == "list" else [c.id for c in question.values]
        for value in values:
            yield {question.id: value}
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    for _ in range(count):
        picked = rng.sample(ASKABLE, rng.randint(3, 12))
        yield {
            q.id: rng.choice(MEDICINES) if q.kind == "list" else rng.choice(q.values).id
            for q in picked
        }


def printed_items(blocks: list[Block]) -> list[str]:
    """What a person reads as separate facts: list items, paragraphs and notes. The closing
    tier line repeats the banner on purpose, so neither is counted."""
    items: list[str] = []
    for block in blocks:
        if isinstance(block, Bullets):
            items += block.items
        elif isinstance(block, Para | Callout):
            items.append(block.text)
    return items


def near_same(a: str, b: str) -> bool:
    """The same sentence after normalising, one a prefix of the other (the same fact with more
    words after it), or all but a letter or two the same (a typo, a plural)."""
    ka, kb = normalised(a), normalised(b)
    if ka == kb or ka.startswith(kb) or kb.startswith(ka):
        return True
    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    return (
        matcher.real_quick_ratio() >= NEAR
        and matcher.quick_ratio() >= NEAR
        and matcher.ratio() >= NEAR
    )


def test_near_same_catches_what_the_issue_reported() -> None:
    assert near_same("An MRI scan of the pituitary gland.", "An MRI scan of the pituitary gland")
    assert near_same(
        "An MRI scan of the pituitary gland.",
        "An MRI scan of the pituitary gland if the medicine cannot be stopped.",
    )
    assert near_same("A test of your side vision.", "A test of your side-vision!")
    assert near_same(
        "Blood tests of the other pituitary hormone.",
        "Blood tests of the other pituitary hormones.",
    )
    assert near_same("垂体磁共振（MRI）检查。", "垂体磁共振(MRI)检查")
    assert not near_same("A blood test for prolactin.", "A breast exam.")


def test_distinct_keeps_each_fact_once_in_first_seen_order() -> None:
    items = [
        "An MRI scan of the pituitary gland.",
        "A breast exam.",
        "an MRI scan of the pituitary gland",
        "An MRI scan of the pituitary gland if prolactin stays high.",
        "A breast exam, and a blood test.",
        "A breast exam",
    ]
    assert distinct(items) == [
        "An MRI scan of the pituitary gland if prolactin stays high.",
        "A breast exam, and a blood test.",
    ]
    assert distinct(["", "  ", "A."]) == ["A."]


@pytest.mark.parametrize("lang", LANGS)
def test_no_result_prints_the_same_fact_twice(lang: str) -> None:
    """Over every single answer and 400 random mixes, in both languages: no two printed items of
    one result are the same or near the same, so the data cannot drift back into repeats."""
    checked = 0
    for answers in answer_sets(400):
        result = run_check(KB, answers, lang)
        items = printed_items(check_blocks(result))
        for i, first in enumerate(items):
            for second in items[i + 1 :]:
                assert not near_same(first, second), (answers, first, second)
        checked += 1
    assert checked > 400


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("brief", [False, True])
def test_the_tier_is_first_and_last(lang: str, brief: bool) -> None:
    for answers in answer_sets(60):
        result = run_check(KB, answers, lang)
        blocks = check_blocks(result, brief)
        assert isinstance(blocks[0], TierBanner) and isinstance(blocks[-1], TierLine)
        action = result.act_within or result.urgency_action  # a sign's own, shorter time wins
        assert (blocks[-1].tier, blocks[-1].action) == (result.urgency, action)
        lines = plain.render(blocks).rstrip("\n").split("\n")
        assert lines[0] == lines[-1]
        assert result.urgency_label.upper() in lines[-1]


def test_warning_signs_are_said_once_not_also_as_because_of() -> None:
    answers = {"sex": "female", "discharge": "bloody", "medications": "risperidone"}
    result = run_check(KB, answers, "en")
    assert result.red_flags  # the record keeps its reason sentence for scripts
    assert result.urgency_reason.startswith("Because of:")
    text = plain.render(check_blocks(result))
    assert "Because of:" not in text
    for flag in result.red_flags:
        assert text.count(flag.text) == 1


def test_cause_steps_repeating_the_tier_are_merged() -> None:
    """The issue's example: medicines, a pituitary growth and a routine or urgent tier used to
    print "write down every medicine" and "Bring a list of every medicine", and two MRI lines."""
    answers = {"age_group": "adult", "sex": "female", "discharge": "milky", "sides": "both",
               "headache": "yes", "missed_periods": "yes",
               "medications": "risperidone"}  # fmt: skip
    for lang in LANGS:
        result = run_check(KB, answers, lang)
        steps = " ".join(result.next_steps + result.doctor_checks)
        assert steps.count("MRI") == 1, result.doctor_checks
        lists = [s for s in result.next_steps if re.search(r"list|清单", s)]
        assert len(lists) == 1, lists


# ------------------------------------------------------------------- --brief


def screen_lines(text: str, width: int = 100) -> int:
    """Lines on a terminal `width` columns wide (a Chinese character takes two columns)."""
    total = 0
    for line in text.split("\n"):
        columns = sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in line)
        total += max(1, -(-columns // width))
    return total


@pytest.mark.parametrize("lang", LANGS)
def test_brief_check_fits_one_screen(lang: str) -> None:
    """100x40 is the terminal the issue used. The heaviest results (many signs, medicines, many
    unknowns) must still fit, with the tier first and last."""
    worst = 0
    for answers in answer_sets(300):
        # As the CLI prints it: the emergency number and advice line filled in (no region).
        result = localise(run_check(KB, answers, lang), None)
        text = plain.render(check_blocks(result, brief=True))
        worst = max(worst, screen_lines(text))
    assert worst <= 40, worst


def test_brief_check_has_the_four_parts(run) -> None:
    args = ("check", "--brief", "-a", "sex=female", "-a", "discharge=milky", "-a", "sides=both")
    result = run(*args, "--format", "plain")
    assert result.exit_code == 0
    out = result.stdout
    for heading in ("Why:", "What to do:", "What could change this:"):
        assert heading in out
    assert "Possible causes" not in out and "Your answers" not in out
    assert (
        out.splitlines()[0]
        == out.splitlines()[-1]
        == ("ROUTINE: Book an ordinary appointment with a doctor. It does not need to be urgent.")
    )


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
@pytest.mark.parametrize("lang", LANGS)
def test_brief_works_in_every_format(run, fmt: str, lang: str) -> None:
    args = ("check", "--brief", "-a", "discharge=bloody", "--format", fmt, "--lang", lang)
    full = run(*args[:1], *args[2:], "--color", "never")
    brief = run(*args, "--color", "never")
    assert brief.exit_code == full.exit_code == 0
    assert len(brief.stdout.splitlines()) < len(full.stdout.splitlines())
    assert ("URGENT" if lang == "en" else "尽快就医") in brief.stdout.splitlines()[-1].upper()


def test_brief_json_is_the_same_document(run) -> None:
    args = ("check", "-a", "sex=male", "-a", "discharge=milky")
    assert run.json(*args, "--brief") == run.json(*args)
    assert run.json("faq", "men", "--brief") == run.json("faq", "men")


@pytest.mark.parametrize("lang", LANGS)
def test_brief_faq_is_short_answer_and_advice(lang: str) -> None:
    from galacli.core.faq import find_faq

    with_advice = 0
    for entry in KB.faq:
        result = find_faq(KB, [entry.id], lang, 5)
        blocks = faq_blocks(result, brief=True)
        item = result.results[0]
        text = plain.render(blocks)
        assert item.short_answer in text
        assert f"galacli faq {entry.id}" in text
        assert screen_lines(text) <= 40, entry.id
        assert len(text) < len(plain.render(faq_blocks(result))), entry.id
        with_advice += any(isinstance(block, Bullets) for block in blocks)
    assert with_advice >= len(KB.faq) // 3  # most answers end with what to do


def test_brief_faq_advice_is_the_same_in_both_languages() -> None:
    from galacli.core.faq import find_faq

    for entry in KB.faq:
        counts = []
        for lang in LANGS:
            blocks = faq_blocks(find_faq(KB, [entry.id], lang, 5), brief=True)
            counts.append(sum(len(b.items) for b in blocks if isinstance(b, Bullets)))
        assert counts[0] == counts[1], entry.id


def test_brief_faq_cli(run) -> None:
    result = run("faq", "why-milk-after-sex", "--brief", "--format", "plain")
    assert result.exit_code == 0
    assert "In short:" in result.stdout and "What to do:" in result.stdout
    assert "Sources" not in result.stdout
    assert "Ease off nipple play" in result.stdout


# ------------------------------------------------------------------ jargon lint

# Lab words a person should never have to decode. Each has a plain way to say it (the fact sheet
# has the technical term for developers).
BANNED = {
    "en": ["diluted", "dilution", "hook effect", "PEG", "precipitation", "assay", "falsely low",
           "serum", "aliquot", "titre", "titer"],
    "zh": ["稀释", "钩状效应", "HOOK", "PEG", "沉淀法", "假性偏低", "血清学"],
}  # fmt: skip
# A term a person may meet on a lab report is fine only in brackets, after the plain words
# ("a large, inactive form of prolactin (macroprolactin)").
BRACKETED_ONLY = {"en": ["macroprolactin"], "zh": ["巨催乳素"]}
NOT_FOR_PEOPLE = {"tags", "aliases"}  # search words; lists of ids yield no text anyway
FILES = ["causes.yaml", "data/faq.yaml", "data/warning_signs.yaml", "data/questions.yaml",
         "data/medicines.yaml"]  # fmt: skip


def patient_texts(node: Any, path: str = "") -> Iterator[tuple[str, str, str]]:
    """(where, lang, text) for every bilingual text a person can read."""
    if isinstance(node, dict):
        if set(node) >= {"en"} and all(isinstance(v, str) for v in node.values()):
            for lang, value in node.items():
                yield path, lang, value
            return
        for key, value in node.items():
            if key not in NOT_FOR_PEOPLE:
                yield from patient_texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            label = value.get("id", i) if isinstance(value, dict) else i
            yield from patient_texts(value, f"{path}[{label}]")


def _texts() -> list[tuple[str, str, str]]:
    import yaml

    from tests.conftest import PACKAGE

    found = []
    for name in FILES:
        data = yaml.safe_load((PACKAGE / name).read_text(encoding="utf-8"))
        found += [(f"{name}{where}", lang, text) for where, lang, text in patient_texts(data)]
    return found


TEXTS = _texts()


def test_the_lint_reads_every_file_in_both_languages() -> None:
    assert len(TEXTS) > 1000
    assert {lang for _, lang, _ in TEXTS} == {"en", "zh"}
    assert any(where.startswith("causes.yaml") and ".doctor_checks" in where for where, *_ in TEXTS)


def jargon(texts: list[tuple[str, str, str]]) -> list[str]:
    problems = []
    for where, lang, text in texts:
        for term in BANNED.get(lang, []):
            pattern = rf"\b{re.escape(term)}\b" if term.isascii() else re.escape(term)
            flags = 0 if term.isupper() else re.IGNORECASE
            if re.search(pattern, text, flags):
                problems.append(f"{where} ({lang}): {term!r}")
        for term in BRACKETED_ONLY.get(lang, []):
            outside = re.sub(r"[(（][^()（）]*[)）]", "", text)
            if term.casefold() in outside.casefold():
                problems.append(f"{where} ({lang}): {term!r} outside brackets")
    return problems


def test_no_lab_jargon_in_what_a_person_reads() -> None:
    problems = jargon(TEXTS)
    assert not problems, "\n".join(problems)


def test_the_jargon_lint_can_fail() -> None:
    sample = {
        "doctor_checks": [{"en": "A repeat test on a diluted sample.", "zh": "稀释后复查。"}],
        "tags": {"en": ["hook effect"], "zh": ["钩状效应"]},  # search words, not read
        "summary": {"en": "Macroprolactin is harmless (macroprolactin).", "zh": "（巨催乳素）"},
    }
    assert jargon(list(patient_texts(sample))) == [
        ".doctor_checks[0] (en): 'diluted'",
        ".doctor_checks[0] (zh): '稀释'",
        ".summary (en): 'macroprolactin' outside brackets",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_an_emergency_lists_only_what_to_do_now(lang: str) -> None:
    """Under "go now", a cause's "book a visit for a blood test" is noise: an emergency result
    lists the emergency steps, and the medicine safety rule when a medicine was named."""
    from galacli import strings

    tier = KB.tier_by_id["emergency"]
    allowed = {step.get(lang) for step in tier.next_steps} | {strings.text("safety_rule", lang)}
    seen = 0
    for answers in answer_sets(400):
        result = run_check(KB, answers, lang)
        if result.urgency == "emergency":
            seen += 1
            assert set(result.next_steps) <= allowed, answers
    assert seen > 20


def test_the_brief_view_keeps_every_step_of_every_tier() -> None:
    """--brief shows the first BRIEF_STEPS steps: the tier's own steps come first, so no tier
    may have more, or the brief view would drop one of them."""
    from galacli.render.layout import BRIEF_STEPS

    assert all(len(tier.next_steps) <= BRIEF_STEPS for tier in KB.tiers)
