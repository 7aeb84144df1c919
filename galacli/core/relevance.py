"""Which unanswered questions can still change the check's result (the interview's skip logic).

Computed from the rules alone, with nothing hard-coded about any question:

- A rule is *settled* when no answers to the questions still open can change its value. Kleene's
  three-valued logic (knowledge/rules.py) has that property for `all`, `any` and `not`: a known
  value stays known when an unknown becomes known. `unless` does not (it is true while its
  condition is unknown, and can turn false), so here it counts as settled only once its
  condition is.
- A warning sign can still change the tier when its rule is not settled and it is more urgent
  than a warning sign that has already fired for good (the tier is the most urgent sign that
  fired, so a sign no more urgent than that one can neither raise nor lower it). While no
  warning sign has fired, every unsettled sign counts, the self-care ones too.
- A cause clue can still change the possible causes (their scores and so their order) when its
  rule is not settled and its cause can still reach a positive score (only those are shown):
  the supporting clues not yet settled false, less the clues against it already settled true,
  must add up to more than nothing.
- A question is worth asking when it is open and is tested by such a sign or clue, or when its
  answer decides whether such a question is asked at all (its `ask_if`), so that a question
  meant for one sex is never put to the other.

A question that is not worth asking can take any value, or none, without changing the tier or
the possible causes (tests/test_interview_relevance.py checks this for random people).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from galacli.knowledge.loader import Knowledge
from galacli.knowledge.model import TIER_ORDER
from galacli.knowledge.rules import All, Answers, AnyOf, Atom, Condition, Not, Unless, atoms

# A derived question is answered through another one (gather() in core/check.py).
ANSWERED_THROUGH = {"medicine_cause": "medications", "heart_rhythm_medicine": "medications"}
SELF_CARE = "self-care"


def settled(condition: Condition, sets: Answers) -> bool | None:
    """The rule's value if no further answer can change it, else None."""
    if isinstance(condition, Atom):
        return condition.evaluate(sets)
    if isinstance(condition, Not):
        value = settled(condition.item, sets)
        return None if value is None else not value
    if isinstance(condition, Unless):
        value = settled(condition.item, sets)
        return None if value is None else not value
    if isinstance(condition, All):
        values = [settled(item, sets) for item in condition.items]
        if False in values:
            return False
        return None if None in values else True
    if isinstance(condition, AnyOf):
        values = [settled(item, sets) for item in condition.items]
        if True in values:
            return True
        return None if None in values else False
    raise TypeError(condition)


def _rank(tier: str) -> int:
    return [str(t) for t in TIER_ORDER].index(tier)


def _open_questions(condition: Condition, sets: Answers) -> Iterable[str]:
    for atom in atoms(condition):
        if atom.question not in sets:
            yield ANSWERED_THROUGH.get(atom.question, atom.question)


def worth_asking(kb: Knowledge, sets: Answers) -> frozenset[str]:
    """The ids of the open questions whose answer can still change the tier or the causes.

    `sets` are the answers as gather() makes them, with the questions that `ask_if` rules out
    already marked as not asked.
    """
    for_good = [
        _rank(sign.tier)
        for sign in kb.signs
        if sign.tier != SELF_CARE and settled(sign.when.condition, sets) is True
    ]
    threshold = min(for_good, default=len(TIER_ORDER))
    wanted: set[str] = set()
    for sign in kb.signs:
        if _rank(sign.tier) < threshold and settled(sign.when.condition, sets) is None:
            wanted.update(_open_questions(sign.when.condition, sets))
    for cause in kb.causes:
        clues = [(clue, settled(clue.when.condition, sets)) for clue in cause.supports]
        best = sum(clue.weight for clue, value in clues if value is not False)
        best -= sum(clue.weight for clue in cause.against if settled(clue.when.condition, sets))
        if best <= 0:
            continue  # it can never reach a positive score, so it is never shown
        for clue in (*cause.supports, *cause.against):
            if settled(clue.when.condition, sets) is None:
                wanted.update(_open_questions(clue.when.condition, sets))
    # A question that decides whether a wanted question is asked is wanted too (to a fixpoint).
    gates: Mapping[str, Condition] = {
        q.id: q.ask_if.condition for q in kb.questions if q.ask_if is not None
    }
    grown = True
    while grown:
        grown = False
        for question_id in list(wanted):
            gate = gates.get(question_id)
            if gate is None or settled(gate, sets) is not None:
                continue
            for other in _open_questions(gate, sets):
                if other not in wanted:
                    wanted.add(other)
                    grown = True
    return frozenset(wanted)
