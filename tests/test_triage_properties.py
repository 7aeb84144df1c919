"""The safety invariants of the symptom check (DESIGN §5), proven over random answers."""

from __future__ import annotations

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from galacli.core.check import decide_tier, gather, run_check
from galacli.knowledge.loader import load_knowledge
from galacli.knowledge.model import TIER_ORDER
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
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rank(tier: str) -> int:
    return TIER_ORDER.index(tier)  # type: ignore[arg-type]


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, str]:
    answers: dict[str, str] = {}
    for question in ASKABLE:
        if draw(st.booleans()):
            continue  # unanswered: unknown
        if question.kind == "list":
            answers[question.id] = draw(st.sampled_from(MEDICINE_NAMES))
        else:
            answers[question.id] = draw(st.sampled_from([c.id for c in question.values]))
    return answers


def tier_of(answers: dict[str, str]) -> str:
    return decide_tier(KB, gather(KB, answers).sets)[0]


@SETTINGS
@given(answer_sets(), st.sampled_from(YES_NO_SYMPTOMS))
def test_a_symptom_turning_yes_never_lowers_the_tier(answers: dict[str, str], symptom: str) -> None:
    if answers.get(symptom) == "yes":
        return
    before = tier_of(answers)
    after = tier_of({**answers, symptom: "yes"})
    assert rank(after) <= rank(before), f"{symptom}=yes lowered {before} to {after}"


@SETTINGS
@given(answer_sets(), st.sampled_from(WORSE_DISCHARGE))
def test_a_non_milky_discharge_never_lowers_the_tier(answers: dict[str, str], colour: str) -> None:
    if answers.get("discharge") not in (None, "milky"):
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
@given(answer_sets())
def test_unknown_never_counts_as_a_reassuring_no(answers: dict[str, str]) -> None:
    sets = gather(KB, answers).sets
    tier = decide_tier(KB, sets)[0]
    result = run_check(KB, answers, "en")
    for sign in KB.signs:
        if rank(sign.tier) < rank(tier) and sign.when.evaluate(sets) is None:
            assert tier != "self-care", f"self-care while {sign.id} is undecided"
            asked = {"medicine_cause": "medications"}
            missing = {asked.get(a.question, a.question) for a in atoms(sign.when.condition)}
            missing -= set(answers)
            assert missing & set(result.unknown_that_matter), sign.id


@SETTINGS
@given(answer_sets())
def test_same_answers_same_bytes(answers: dict[str, str]) -> None:
    first = msgspec.json.encode(run_check(KB, answers, "en"))
    shuffled = dict(reversed(list(answers.items())))
    assert msgspec.json.encode(run_check(KB, shuffled, "en")) == first


def test_no_answers_is_routine_never_self_care() -> None:
    result = run_check(KB, {}, "en")
    assert result.urgency == "routine"
    emergency = {d.id for d in result.unknown_details if d.could_raise_to == "emergency"}
    assert {"sudden_severe_headache", "sudden_vision_loss", "age_group", "fever"} <= emergency
    # Most important first: every emergency question before any urgent one.
    tiers = [rank(d.could_raise_to) for d in result.unknown_details]
    assert tiers == sorted(tiers)


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
