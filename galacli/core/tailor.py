"""Fit a check result to the person: who each text is for, and how much a named medicine counts.

All of it is read from the knowledge: a result text (`Step`) carries a `for` rule and is shown
unless that rule is known false for these answers; a sign or question may carry `variants`
whose wording replaces the general one when their `when` is known true; a cause may name the
group it is `common_for` (the fallback when no clue fits) and when it `ranks_first`.
"""

from __future__ import annotations

from collections.abc import Iterable

from galacli import strings
from galacli.core.common import tidy
from galacli.knowledge.model import Cause, Medicine, Question, Rule, Sign, Step, Text
from galacli.knowledge.rules import Answers

# How much of a medicine clue's weight a named medicine earns, by its strength: a strong raiser
# counts in full, a moderate one by two thirds, a low, listed or unclear one by a third (never
# less than 1: it was named, and it can raise prolactin).
STRENGTH_SHARE = {"high": 3, "moderate": 2, "low": 1, "listed": 1, "unclear": 1}
# Medicines weaker than this have their strength named next to them in a because-line.
FULL_STRENGTH = frozenset({"high"})


def shown(steps: Iterable[Step], answers: Answers, lang: str) -> list[str]:
    """The texts meant for this person, in order."""
    return [tidy(step.get(lang)) for step in steps if step.shown(answers)]


def sign_words(sign: Sign, answers: Answers) -> tuple[Text, Text, Rule]:
    """(text, reason, the rule that chose them) of a sign in the wording for this person."""
    for variant in sign.variants:
        if variant.when.evaluate(answers) is True:
            return variant.text or sign.text, variant.reason or sign.reason, variant.when
    return sign.text, sign.reason, sign.when


def question_words(question: Question, answers: Answers) -> tuple[Text, Text]:
    """(label, prompt) of a question in the wording for this person."""
    label, prompt = question.label, question.prompt
    for variant in question.variants:
        if variant.when.evaluate(answers) is True:
            return variant.label or label, variant.prompt or prompt
    return label, prompt


def medicine_weight(weight: int, medicines: Iterable[Medicine]) -> int:
    """A medicine clue's weight scaled by the strongest medicine that made it true."""
    shares = [STRENGTH_SHARE.get(medicine.strength, 1) for medicine in medicines]
    if not shares:
        return weight
    return max(1, round(weight * max(shares) / 3))


def medicine_name(medicine: Medicine, lang: str) -> str:
    """The generic name; with its strength beside it when it is not a strong raiser, so a
    because-line never makes a weak raiser sound like a strong one."""
    name = medicine.generic.get(lang)
    if medicine.strength in FULL_STRENGTH:
        return name
    label = strings.text(f"strength_{medicine.strength}", lang)
    close, join = ("）", "；") if lang == "zh" else (")", "; ")
    if name.endswith(close):  # "combined pill (ethinylestradiol…; rarely raises…)"
        return f"{name[: -len(close)]}{join}{label}{close}"
    return f"{name}（{label}）" if lang == "zh" else f"{name} ({label})"


def lowering(cause: Cause, medicines: Iterable[Medicine]) -> list[Medicine]:
    """The named medicines that count against this cause (they can lower prolactin)."""
    return list(dict.fromkeys(m for m in medicines if cause.id in m.counts_against))


def first(cause: Cause, answers: Answers) -> bool:
    return cause.ranks_first is not None and cause.ranks_first.evaluate(answers) is True


def common_for(cause: Cause, answers: Answers) -> bool:
    return cause.common_for is not None and cause.common_for.evaluate(answers) is not False


def has_discharge(answers: Answers) -> bool:
    given = answers.get("discharge")
    return given is not None and bool(given - {"none"})
