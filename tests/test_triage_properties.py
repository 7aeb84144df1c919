"""The safety invariants of the symptom check (DESIGN §5), proven over random answers."""

from __future__ import annotations

import os

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from galacli.core.check import DONT_KNOW, could_fire, decide_tier, gather, run_check
from galacli.knowledge.loader import load_knowledge
from galacli.knowledge.model import TIER_ORDER, Sign
from galacli.knowledge.rules import atoms

KB = load_knowledge()
ASKABLE = [q for q in KB.questions if not q.derived]
MEDICINE_NAMES = [
    "none",
    "risperidone",
    "Prozac",
    "ibuprofen",
    "metoclopramide, cannabis",
    "estradiol",
]
YES_NO_SYMPTOMS = [
    q.id for q in KB.questions if q.symptom and {c.id for c in q.values} == {"yes", "no"}
]
WORSE_DISCHARGE = ["clear", "yellow", "green", "brown", "bloody"]
REASSURING = {
    "pregnant_or_breastfeeding": "yes",
    "after_sex": "yes",
    "nipple_stimulation": "yes",
    "inducing_lactation": "yes",
    "medications": "risperidone",
    "hormone_therapy": "yes",
}
SETTINGS = settings(
    max_examples=int(os.environ.get("GALACLI_FUZZ_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def rank(tier: str) -> int:
    return TIER_ORDER.index(tier)  # type: ignore[arg-type]


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, str]:
    """Each question not asked (left out), answered "don't know", or given a value."""
    answers: dict[str, str] = {}
    for question in ASKABLE:
        kind = draw(st.sampled_from(["not asked", "don't know", "answer"]))
        if kind == "not asked":
            continue
        if kind == "don't know":
            answers[question.id] = DONT_KNOW
        elif question.kind == "list":
            answers[question.id] = draw(st.sampled_from(MEDICINE_NAMES))
        else:
            answers[question.id] = draw(st.sampled_from([c.id for c in question.values]))
    return answers


def tier_of(answers: dict[str, str]) -> str:
    evidence = gather(KB, answers)
    tier = decide_tier(KB, evidence.sets, evidence.cautious, answers).tier
    assert tier == run_check(KB, answers, "en").urgency
    return tier


@SETTINGS
@given(answer_sets(), st.sampled_from(YES_NO_SYMPTOMS))
def test_a_symptom_turning_yes_never_lowers_the_tier(answers: dict[str, str], symptom: str) -> None:
    """From not asked, "don't know" or "no": adding a symptom never lowers the tier."""
    if answers.get(symptom) == "yes":
        return
    before = tier_of(answers)
    after = tier_of({**answers, symptom: "yes"})
    assert rank(after) <= rank(before), f"{symptom}=yes lowered {before} to {after}"


@SETTINGS
@given(answer_sets(), st.sampled_from(WORSE_DISCHARGE))
def test_a_non_milky_discharge_never_lowers_the_tier(answers: dict[str, str], colour: str) -> None:
    if answers.get("discharge", "milky") not in (DONT_KNOW, "milky"):
        return
    before = tier_of(answers)
    after = tier_of({**answers, "discharge": colour})
    assert rank(after) <= rank(before), f"discharge={colour} lowered {before} to {after}"


@SETTINGS
@given(answer_sets(), st.dictionaries(st.sampled_from(sorted(REASSURING)), st.just(True)))
def test_red_flags_dominate_reassuring_context(
    answers: dict[str, str], extra: dict[str, bool]
) -> None:
    before = tier_of(answers)
    if before not in ("emergency", "urgent"):
        return
    context = {key: REASSURING[key] for key in extra if key not in answers}
    after = tier_of({**answers, **context})
    assert rank(after) <= rank(before), f"context {context} lowered {before} to {after}"


@SETTINGS
@given(answer_sets(), st.sampled_from([q.id for q in ASKABLE]))
def test_dont_know_is_never_lower_than_not_asked_or_no(answers: dict[str, str], qid: str) -> None:
    """ "Don't know" keeps the cautious tier: never lower than leaving the question out, and
    never lower than answering "no" (or any other reassuring value)."""
    unknown = tier_of({**answers, qid: DONT_KNOW})
    left_out = tier_of({k: v for k, v in answers.items() if k != qid})
    assert rank(unknown) <= rank(left_out), f"{qid}=don't know: {unknown}, left out: {left_out}"
    question = KB.question_by_id[qid]
    for value in ["no"] if question.kind == "list" else [c.id for c in question.values]:
        if value in ("no", "none"):
            told = tier_of({**answers, qid: value})
            assert rank(unknown) <= rank(told), f"{qid}=don't know: {unknown}, {value}: {told}"


SINGLE_SIGNS = [
    sign
    for sign in KB.signs
    if sign.tier != "self-care"
    and len(list(atoms(sign.when.condition))) == 1
    and next(atoms(sign.when.condition)).values == frozenset({"yes"})
]


@SETTINGS
@given(answer_sets(), st.sampled_from(SINGLE_SIGNS))
def test_a_red_flag_yes_always_sets_at_least_its_tier(answers: dict[str, str], sign: Sign) -> None:
    question = next(atoms(sign.when.condition)).question
    tier = tier_of({**answers, question: "yes"})
    assert rank(tier) <= rank(sign.tier), f"{question}=yes gave {tier}, below {sign.tier}"


@SETTINGS
@given(answer_sets())
def test_what_could_change_the_tier_is_always_named(answers: dict[str, str]) -> None:
    """Self-care never while a "don't know" leaves a warning sign open; every question that
    leaves one open is named (don't know or not asked); `complete` says whether any question
    not asked could change it; self-care and routine always carry a safety net."""
    evidence = gather(KB, answers)
    triage = decide_tier(KB, evidence.sets, evidence.cautious, answers)
    result = run_check(KB, answers, "en")
    if result.reassuring and result.urgency == "routine" and not result.red_flags:
        assert result.unknown_that_matter, "self-care blocked with no question named"
    for sign in KB.signs:
        if rank(sign.tier) >= rank(result.urgency):
            continue
        possible = could_fire(KB, sign, evidence.cautious, answers)
        if sign.when.evaluate(evidence.sets) is None and possible:
            assert result.urgency != "self-care", f"self-care while {sign.id} is undecided"
        if sign.when.evaluate(evidence.cautious) is None and could_fire(
            KB, sign, evidence.cautious, answers
        ):
            asked = {"medicine_cause": "medications", "heart_rhythm_medicine": "medications"}
            opened = {asked.get(a.question, a.question) for a in atoms(sign.when.condition)}
            named = set(result.unknown_that_matter) | set(result.not_asked_that_matter)
            assert opened & named, sign.id
    assert result.complete == (not result.not_asked_that_matter)
    assert not set(result.not_asked_that_matter) & set(answers)
    assert all(answers[q] == DONT_KNOW for q in result.unknown_that_matter)
    if result.urgency in ("self-care", "routine"):
        assert result.safety_net
    assert triage.tier == result.urgency


@SETTINGS
@given(answer_sets())
def test_same_answers_same_bytes(answers: dict[str, str]) -> None:
    first = msgspec.json.encode(run_check(KB, answers, "en"))
    shuffled = dict(reversed(list(answers.items())))
    assert msgspec.json.encode(run_check(KB, shuffled, "en")) == first


def test_no_answers_is_routine_never_self_care_and_names_what_was_not_asked() -> None:
    result = run_check(KB, {}, "en")
    assert result.urgency == "routine"
    assert not result.complete
    emergency = {d.id for d in result.not_asked_details if d.could_raise_to == "emergency"}
    assert {"sudden_severe_headache", "sudden_vision_loss", "age_group", "fever"} <= emergency
    # Most important first: every emergency question before any urgent one.
    tiers = [rank(d.could_raise_to) for d in result.not_asked_details]
    assert tiers == sorted(tiers)


def test_every_question_dont_know_is_routine_and_names_them() -> None:
    answers = {q.id: DONT_KNOW for q in ASKABLE}
    result = run_check(KB, answers, "en")
    assert result.urgency == "routine" and result.complete
    assert {"sudden_severe_headache", "lump", "fever"} <= set(result.unknown_that_matter)


def test_when_to_worry_and_check_share_one_source_of_truth() -> None:
    from galacli.core.worry import when_to_worry

    listed = {
        sign.id: (tier.urgency, sign.text)
        for tier in when_to_worry(KB, "en").tiers
        for sign in tier.signs
    }
    assert listed == {sign.id: (sign.tier, sign.text.en) for sign in KB.signs}
    # Every sign the check can raise is one when-to-worry lists, with the same words and tier.
    for sign in KB.signs:
        answers = {}
        for atom in atoms(sign.when.condition):
            if atom.question != "medicine_cause":
                answers.setdefault(atom.question, sorted(atom.values)[0])
        for flag in run_check(KB, answers, "en").red_flags:
            assert listed[flag.id] == (flag.tier, flag.text)


@st.composite
def complete_answer_sets(draw: st.DrawFn) -> dict[str, str]:
    """Every question answered: the profiles where a self-care tier is reachable at all."""
    answers: dict[str, str] = {}
    for question in ASKABLE:
        if question.kind == "list":
            answers[question.id] = draw(st.sampled_from(MEDICINE_NAMES))
        else:
            answers[question.id] = draw(st.sampled_from([c.id for c in question.values]))
    return answers


@SETTINGS
@given(complete_answer_sets(), st.sampled_from(WORSE_DISCHARGE), st.booleans())
def test_non_milky_discharge_never_lowers_even_from_a_complete_profile(
    answers: dict[str, str], colour: str, unknown_before: bool
) -> None:
    if answers["discharge"] != "milky":
        answers["discharge"] = "none"
    before_answers = dict(answers)
    if unknown_before:
        del before_answers["discharge"]
    before = tier_of(before_answers)
    after = tier_of({**answers, "discharge": colour})
    assert rank(after) <= rank(before), f"discharge={colour} lowered {before} to {after}"


@SETTINGS
@given(complete_answer_sets(), st.sampled_from(YES_NO_SYMPTOMS))
def test_symptom_yes_never_lowers_from_a_complete_profile(
    answers: dict[str, str], symptom: str
) -> None:
    before = tier_of({**answers, symptom: "no"})
    after = tier_of({**answers, symptom: "yes"})
    assert rank(after) <= rank(before), f"{symptom}=yes lowered {before} to {after}"
