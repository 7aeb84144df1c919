"""The visit summary: a check result as one page to take to the doctor (pure: no I/O).

Built from a finished CheckResult and the knowledge, never by running the check again, so the
page says what the check said. Nothing here writes medical text: the questions to ask come from
`ask_the_doctor` in data/questions.yaml, chosen by the result's tier and the answers; the words
around them come from `galacli.strings`.
"""

from __future__ import annotations

from galacli import strings
from galacli.core.common import source_refs
from galacli.core.medicines import RAISES
from galacli.core.records import CheckResult, VisitMedicine, VisitQuestion, VisitResult
from galacli.knowledge.loader import Knowledge
from galacli.knowledge.model import AskDoctor
from galacli.knowledge.rules import Answers

MEDICINE_CAUSE = "medicine_cause"


def answer_sets(kb: Knowledge, check: CheckResult) -> Answers:
    """The answers as the rules read them: each choice as a one-value set, and the causes of
    the prolactin-raising medicines named as `medicine_cause`. Unanswered questions are absent
    (unknown), so they never make a question's rule true."""
    sets: dict[str, frozenset[str]] = {}
    for key, value in check.answers.items():
        question = kb.question_by_id.get(key)
        if question is not None and question.kind == "choice":
            sets[key] = frozenset([value])
    if "medications" in check.answers:
        question = kb.question_by_id.get(MEDICINE_CAUSE)
        allowed = {choice.id for choice in question.values} if question else set()
        sets[MEDICINE_CAUSE] = frozenset(
            info.cause
            for info in check.medicines_matched
            if info.strength in RAISES and info.cause in allowed
        )
    return sets


def fits(item: AskDoctor, tier: str, answers: Answers) -> bool:
    """Shown for this result: its tier is one of the item's tiers (any when none are given), and
    its rule is true of the answers (always when it has none)."""
    if item.tiers and tier not in item.tiers:
        return False
    return item.when is None or item.when.evaluate(answers) is True


def questions_to_ask(kb: Knowledge, check: CheckResult) -> list[AskDoctor]:
    answers = answer_sets(kb, check)
    return [item for item in kb.ask_the_doctor if fits(item, check.urgency, answers)]


def _medicines(check: CheckResult) -> list[VisitMedicine]:
    return [
        VisitMedicine(
            name=info.name,
            matched_as=info.matched_as,
            drug_class=info.drug_class,
            relation=info.strength_label,
            note=info.note,
        )
        for info in check.medicines_matched
    ]


def build_visit(kb: Knowledge, check: CheckResult, printed: str) -> VisitResult:
    """The page for `check`, dated `printed` (core.handout.printed_date). Localise the result
    after building it, as for every other record, to fill in the emergency numbers."""
    lang = check.lang
    chosen = questions_to_ask(kb, check)
    order = list(dict.fromkeys(source for item in chosen for source in item.sources))
    number = {source: i for i, source in enumerate(order)}
    named = bool(check.medicines_matched or check.medicines_not_known)
    return VisitResult(
        lang=lang,
        title=strings.text("visit_title", lang),
        printed=printed,
        urgency=check.urgency,
        urgency_label=check.urgency_label,
        urgency_action=check.urgency_action,
        urgency_reason=check.urgency_reason,
        red_flags=list(check.red_flags),
        answers=list(check.answer_summary),
        medicines=_medicines(check),
        medicines_not_known=list(check.medicines_not_known),
        safety_rule=strings.text("safety_rule", lang) if named else None,
        questions=[
            VisitQuestion(
                id=item.id,
                text=item.text.get(lang),
                sources=sorted(item.sources, key=number.__getitem__),
            )
            for item in chosen
        ],
        doctor_checks=list(check.doctor_checks),
        sources=source_refs(kb, order, lang),
        disclaimer=check.disclaimer,
    )
