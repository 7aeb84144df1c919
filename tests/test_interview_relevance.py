"""The interview's skip logic (core/relevance.py): it may leave a question out only when no answer
to it could change the result, and it must never put a question to someone it is not meant for."""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from galacli.core.check import DONT_KNOW as ANSWERED_DONT_KNOW
from galacli.core.check import emergency_now, gather, next_question, run_check
from galacli.core.relevance import settled, worth_asking
from galacli.knowledge.loader import load_knowledge
from galacli.knowledge.rules import parse_condition

KB = load_knowledge()
ASKABLE = [q for q in KB.questions if not q.derived]
MEDICINE_NAMES = ["none", "risperidone", "Prozac", "ibuprofen", "metoclopramide, cannabis"]
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DONT_KNOW = None


def interview(person: Mapping[str, str | None]) -> tuple[list[str], dict[str, str]]:
    """What the interactive check asks and keeps, for a person who would answer `person`
    (a question missing from it, or None, is answered "don't know"). It also checks, at every
    step, that the question asked is one its `ask_if` allows."""
    answers: dict[str, str] = {}
    asked: list[str] = []
    while (question := next_question(KB, answers, asked)) is not None:
        # Never a question that its `ask_if` rules out (periods or pregnancy for a man).
        if question.ask_if is not None:
            assert question.ask_if.evaluate(gather(KB, answers).cautious) is not False, question.id
        asked.append(question.id)
        value = person.get(question.id)
        answers[question.id] = ANSWERED_DONT_KNOW if value is None else value
        if emergency_now(KB, answers):
            break
    return asked, answers


def values_of(question_id: str) -> list[str]:
    question = KB.question_by_id[question_id]
    if question.kind == "list":
        return MEDICINE_NAMES
    return [choice.id for choice in question.values]


@st.composite
def people(draw: st.DrawFn) -> dict[str, str | None]:
    return {q.id: draw(st.one_of(st.none(), st.sampled_from(values_of(q.id)))) for q in ASKABLE}


def consistent_fill(answers: dict[str, str], fill: Mapping[str, str | None]) -> dict[str, str]:
    """`answers` plus, in question order, each filled answer that keeps every answered question
    one that its `ask_if` allows (nobody says they are pregnant and then that they are male)."""
    combined = dict(answers)
    for question in ASKABLE:
        if question.id in combined or question.id not in fill:
            continue
        value = fill[question.id]
        trial = {**combined, question.id: ANSWERED_DONT_KNOW if value is None else value}
        sets = gather(KB, trial).cautious
        if all(
            KB.question_by_id[qid].ask_if is None
            or KB.question_by_id[qid].ask_if.evaluate(sets) is not False  # type: ignore[union-attr]
            for qid in trial
        ):
            combined = trial
    return combined


def outcome(answers: dict[str, str], with_causes: bool) -> tuple[object, ...]:
    result = run_check(KB, answers, "en")
    causes = [(c.id, c.score) for c in result.possible_causes] if with_causes else []
    return result.urgency, causes


@SETTINGS
@given(people(), st.data())
def test_skipped_questions_could_not_have_changed_the_result(person, data) -> None:  # type: ignore[no-untyped-def]
    """The invariant: whatever a person would have said to the questions the interview left
    out, the tier is exactly the one the interview gives, and (unless it stopped early for an
    emergency) so are the possible causes with their scores.

    Equality, not just "never lower", because a skipped answer that could *raise* the tier would
    be a question we should have asked, and one that could lower it would mean the interview's
    tier rests on a guess. "Don't know" is one of the answers drawn, for the skipped questions
    too (leaving them unknown is what the interview does). The filled answers must be ones a
    person could give together with the others: an answer that a question's `ask_if` rules out
    (a man who is pregnant) is left out, because the interview would not have asked it either.
    After an emergency stop only the tier is compared: the check ends there on purpose, and the
    causes of an emergency are for the hospital to find out.
    """
    asked, answers = interview(person)
    stopped = emergency_now(KB, answers)
    skipped = [q.id for q in ASKABLE if q.id not in asked]
    fill = {
        qid: data.draw(st.one_of(st.none(), st.sampled_from(values_of(qid))), label=qid)
        for qid in skipped
    }
    filled = consistent_fill(answers, fill)
    assert outcome(filled, not stopped) == outcome(answers, not stopped), (asked, fill)
    # Nor does the result list, as a question that could change it, one we chose not to ask:
    # the interactive check is always complete (issue 13), unless it stopped for an emergency.
    result = run_check(KB, answers, "en")
    assert set(result.unknown_that_matter) <= set(asked)
    assert result.complete or stopped, result.not_asked_that_matter


def test_a_man_is_never_asked_about_periods_or_pregnancy() -> None:
    asked, _ = interview({"age_group": "adult", "sex": "male", "discharge": "milky"})
    assert "missed_periods" not in asked
    assert "pregnant_or_breastfeeding" not in asked


def test_someone_who_knows_nothing_is_asked_everything() -> None:
    """With every answer "don't know", nothing is ever settled, so every question is asked."""
    asked, _ = interview({})
    assert asked == [q.id for q in ASKABLE]


def test_settled_treats_unless_as_open_until_its_condition_is_known() -> None:
    rule = parse_condition({"sex": "male", "unless": {"age_group": "newborn"}})
    assert rule.evaluate({"sex": frozenset({"male"})}) is True  # the ordinary reading
    assert settled(rule, {"sex": frozenset({"male"})}) is None  # could still turn false
    assert settled(rule, {"sex": frozenset({"male"}), "age_group": frozenset({"adult"})}) is True
    assert settled(rule, {"sex": frozenset({"female"})}) is False


def test_a_question_that_gates_a_wanted_one_is_wanted() -> None:
    """Sex decides whether the pregnancy question is asked, so it stays worth asking while the
    pregnancy question is, whatever the rules say about sex itself."""
    sets = gather(KB, {"age_group": "adult"}).cautious
    wanted = worth_asking(KB, sets)
    assert {"sex", "pregnant_or_breastfeeding"} <= wanted


TYPICAL = {
    "a woman with milky fluid from both breasts, only when squeezed": {
        "age_group": "adult",
        "sex": "female",
        "discharge": "milky",
        "sides": "both",
        "spontaneous": "no",
        "single_duct": "no",
        "medications": "none",
    },
    "a man with milky fluid": {"age_group": "adult", "sex": "male", "discharge": "milky"},
    "a woman over 50 with bloody fluid from one breast": {
        "age_group": "over-50",
        "sex": "female",
        "discharge": "bloody",
        "sides": "one",
        "spontaneous": "yes",
        "single_duct": "yes",
    },
    "a newborn with a few drops of milk": {
        "age_group": "newborn",
        "fever": "no",
        "infection_signs": "no",
        "baby_unwell": "no",
        "discharge": "milky",
    },
}


def test_typical_people_are_asked_fewer_questions() -> None:
    """Everything not named in a person's answers is "no" (or "none"): measured in README."""
    for name, given_answers in TYPICAL.items():
        person: dict[str, str | None] = {
            q.id: "none" if q.kind == "list" else "no" if "no" in values_of(q.id) else None
            for q in ASKABLE
        }
        person.update(given_answers)
        asked, _ = interview(person)
        gated = [
            q.id
            for q in ASKABLE
            if q.ask_if is None
            or q.ask_if.evaluate(gather(KB, {k: v for k, v in person.items() if v}).cautious)
            is not False
        ]
        print(f"{name}: {len(gated)} -> {len(asked)}")
        assert len(asked) < len(gated), name
