"""Handouts: the knowledge as a printable page for educators (pure: no I/O, no rendering).

Nothing here writes new medical text: every section is built from entries in the knowledge files
(FAQ answers, causes, warning signs); the words around them come from `galacli.strings`.

The default handout is an overview that must print on two pages, so it names the causes without
their summaries, lists the warning signs without their reasons, and cites a small set of sources
that covers every point: each entry shown has at least one of its own sources in the list.
Topic handouts cite every source of every entry they show.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import msgspec

from galacli import strings
from galacli.core.common import source_refs, tidy
from galacli.core.records import (
    HandoutCause,
    HandoutGroup,
    HandoutPart,
    HandoutResult,
    HandoutSection,
    HandoutSign,
    HandoutTier,
)
from galacli.core.search import not_found
from galacli.errors import UsageError
from galacli.knowledge.loader import Knowledge
from galacli.knowledge.model import Cause, FaqEntry, Text

# Topics that stand for a whole part of the knowledge.
KEYWORDS = ("faq", "causes", "when-to-worry")
# The FAQ entries the overview is built from.
WHAT_IS, CAUSES_OVERVIEW, DIAGNOSIS = "what-is-galactorrhea", "causes-overview", "diagnosis"
# Causes whose entry carries the rule about prescribed medicines.
MEDICINE_CAUSES = frozenset({"medication", "drug-use", "estrogen-exposure", "herbal"})


def printed_date(
    environ: Mapping[str, str], today: datetime.date | None = None, lang: str = "en"
) -> str:
    """The date printed on a handout: SOURCE_DATE_EPOCH (reproducible builds) if set, else today."""
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return (today or datetime.date.today()).isoformat()
    # ASCII digits only ('²'.isdigit() is True), and no more than 12 (int() refuses 4,300+).
    if raw.isascii() and raw.isdigit() and len(raw) <= 12:
        try:
            moment = datetime.datetime.fromtimestamp(int(raw), tz=datetime.timezone.utc)
        except (OverflowError, OSError, ValueError):  # past the year 9999
            pass
        else:
            return moment.date().isoformat()
    raise UsageError(strings.text("bad_source_date_epoch", lang, value=raw[:20]))


@dataclass(frozen=True)
class _Draft:
    """A section before its citations are chosen, with the source list of each entry it shows."""

    section: HandoutSection
    entries: tuple[tuple[str, ...], ...]


def _newest(dates: Iterable[datetime.date]) -> str:
    return max(dates).isoformat()


def _items(texts: Iterable[Text], lang: str) -> str:
    """A list of texts as '- ' lines (the body format of the knowledge files)."""
    return "\n".join("- " + " ".join(tidy(text.get(lang)).split()) for text in texts)


def _faq(entry: FaqEntry, lang: str) -> _Draft:
    section = HandoutSection(
        id=f"faq:{entry.id}",
        title=entry.question.get(lang),
        lead=tidy(entry.short_answer.get(lang)),
        body=tidy(entry.answer.get(lang)),
        reviewed=entry.reviewed.isoformat(),
    )
    return _Draft(section, (entry.sources,))


def _cause(kb: Knowledge, cause: Cause, lang: str) -> _Draft:
    s = strings.text
    subtitle = kb.category_by_id[cause.category].name.get(lang)
    if cause.addition:
        subtitle += f" {s('h_addition', lang)}"
    parts = [HandoutPart(heading=s("h_mechanism", lang), body=tidy(cause.mechanism.get(lang)))]
    for key, texts in (
        ("h_notice", cause.notice),
        ("h_doctor_checks", cause.doctor_checks),
        ("h_what_helps", cause.what_helps),
    ):
        if texts:
            parts.append(HandoutPart(heading=s(key, lang), body=_items(texts, lang)))
    parts += [
        HandoutPart(heading=s("h_how_common", lang), body=tidy(cause.how_common.get(lang))),
        HandoutPart(heading=s("h_when_to_worry", lang), body=tidy(cause.when_to_worry.get(lang))),
    ]
    medicines = [m.generic.get(lang) for m in kb.medicines if m.cause == cause.id]
    if medicines:
        parts.append(HandoutPart(heading=s("h_medicines", lang), body=", ".join(medicines)))
    section = HandoutSection(
        id=f"cause:{cause.id}",
        title=cause.name.get(lang),
        subtitle=subtitle,
        lead=tidy(cause.summary.get(lang)),
        parts=parts,
        safety=s("safety_rule", lang) if cause.id in MEDICINE_CAUSES else None,
        reviewed=cause.reviewed.isoformat(),
    )
    return _Draft(section, (cause.sources,))


def _tiers(kb: Knowledge, lang: str, *, reasons: bool) -> _Draft:
    tiers = [
        HandoutTier(
            urgency=tier.id,
            label=tier.label.get(lang),
            action=tier.action.get(lang),
            signs=[
                HandoutSign(
                    id=sign.id,
                    text=sign.text.get(lang),
                    reason=sign.reason.get(lang) if reasons else None,
                    disagreement=(
                        sign.disagreement.get(lang) if reasons and sign.disagreement else None
                    ),
                )
                for sign in kb.signs
                if sign.tier == tier.id
            ],
        )
        for tier in kb.tiers
    ]
    section = HandoutSection(
        id="when-to-worry",
        title=strings.text("h_when_to_worry_title", lang),
        lead=strings.text("h_tiers_lead", lang),
        tiers=tiers,
        reviewed=_newest(sign.reviewed for sign in kb.signs),
    )
    return _Draft(section, tuple(sign.sources for sign in kb.signs))


def _ordered_causes(kb: Knowledge) -> list[Cause]:
    order = {category.id: i for i, category in enumerate(kb.categories)}
    return sorted(kb.causes, key=lambda cause: order[cause.category])


def _short(id: str, title: str, entry: FaqEntry, lang: str) -> _Draft:
    """An overview part: one FAQ entry's short answer under the handout's own heading."""
    section = HandoutSection(
        id=id,
        title=title,
        lead=tidy(entry.short_answer.get(lang)),
        reviewed=entry.reviewed.isoformat(),
    )
    return _Draft(section, (entry.sources,))


def _overview(kb: Knowledge, lang: str) -> list[_Draft]:
    s = strings.text
    what, overview, doctor = (kb.faq_by_id[i] for i in (WHAT_IS, CAUSES_OVERVIEW, DIAGNOSIS))
    causes = _ordered_causes(kb)
    groups = [
        HandoutGroup(
            id=category.id,
            name=category.name.get(lang),
            causes=[
                HandoutCause(id=c.id, name=c.name.get(lang))
                for c in causes
                if c.category == category.id
            ],
        )
        for category in kb.categories
    ]
    return [
        _short("what-is", s("h_what_is", lang), what, lang),
        _Draft(
            HandoutSection(
                id="common-causes",
                title=s("h_common_causes", lang),
                subtitle=overview.question.get(lang),  # the answer reads as a reply to it
                lead=tidy(overview.short_answer.get(lang)),
                groups=[group for group in groups if group.causes],
                safety=s("safety_rule", lang),
                reviewed=_newest([overview.reviewed, *(c.reviewed for c in causes)]),
            ),
            (overview.sources, *(c.sources for c in causes)),
        ),
        _tiers(kb, lang, reasons=False),
        _short("doctor", s("h_doctor_does", lang), doctor, lang),
    ]


def _cover(entries: Sequence[tuple[str, ...]]) -> set[str]:
    """A small set of sources with at least one source of every entry (greedy set cover).

    Ties go to the source cited first, so the same knowledge always gives the same set.
    """
    first_seen = {source: i for i, source in enumerate(dict.fromkeys(_flat(entries)))}
    left = [set(sources) for sources in entries]
    chosen: set[str] = set()
    while left:
        counts: dict[str, int] = {}
        for sources in left:
            for source in sources:
                counts[source] = counts.get(source, 0) + 1
        best = min(counts, key=lambda source: (-counts[source], first_seen[source]))
        chosen.add(best)
        left = [sources for sources in left if best not in sources]
    return chosen


def _flat(entries: Iterable[tuple[str, ...]]) -> list[str]:
    return [source for sources in entries for source in sources]


def _cite(
    kb: Knowledge, drafts: list[_Draft], lang: str, *, cover: bool, topics: list[str], printed: str
) -> HandoutResult:
    everything = [sources for draft in drafts for sources in draft.entries]
    cited = _cover(everything) if cover else set(_flat(everything))
    # Sources are numbered in the order the handout first cites them.
    order = {source: None for draft in drafts for source in _flat(draft.entries) if source in cited}
    number = {source: i for i, source in enumerate(order)}
    sections = [
        msgspec.structs.replace(
            draft.section,
            sources=sorted({s for s in _flat(draft.entries) if s in cited}, key=number.__getitem__),
        )
        for draft in drafts
    ]
    return HandoutResult(
        lang=lang,
        topics=topics,
        title=strings.text("handout_title", lang),
        printed=printed,
        reviewed=max(section.reviewed for section in sections),
        sections=sections,
        sources=source_refs(kb, order, lang),
        sources_total=len(set(_flat(everything))),
        disclaimer=strings.text("disclaimer", lang),
    )


def _resolve(kb: Knowledge, topics: Sequence[str], lang: str) -> list[tuple[str, str]]:
    """Topics as (kind, id) pairs in the order given, each part once."""
    parts: list[tuple[str, str]] = []
    for topic in topics:
        key = topic.strip().casefold()
        kind, _, name = key.partition(":")
        if key == "faq":
            parts += [("faq", entry.id) for entry in kb.faq]
        elif key == "causes":
            parts += [("cause", cause.id) for cause in _ordered_causes(kb)]
        elif key == "when-to-worry":
            parts.append(("tiers", ""))
        elif kind == "faq" and name in kb.faq_by_id:
            parts.append(("faq", name))
        elif kind == "cause" and name in kb.cause_by_id:
            parts.append(("cause", name))
        elif key in kb.faq_by_id and key in kb.cause_by_id:
            raise UsageError(strings.text("handout_ambiguous", lang, topic=key))
        elif key in kb.faq_by_id:
            parts.append(("faq", key))
        elif key in kb.cause_by_id:
            parts.append(("cause", key))
        else:
            choices = [*KEYWORDS, *kb.faq_by_id, *kb.cause_by_id]
            raise not_found(topic, choices, "handout_not_found", "handout_topic_hint", lang)
    return list(dict.fromkeys(parts))


def build_handout(
    kb: Knowledge, topics: Sequence[str], lang: str, printed: str, *, everything: bool = False
) -> HandoutResult:
    """The overview (no topics), the given topics in order, or `everything`."""
    if everything and topics:
        raise UsageError(strings.text("handout_all_and_topics", lang))
    chosen = ["when-to-worry", "causes", "faq"] if everything else list(topics)
    if not chosen:
        return _cite(kb, _overview(kb, lang), lang, cover=True, topics=[], printed=printed)
    drafts = []
    for kind, name in _resolve(kb, chosen, lang):
        if kind == "faq":
            drafts.append(_faq(kb.faq_by_id[name], lang))
        elif kind == "cause":
            drafts.append(_cause(kb, kb.cause_by_id[name], lang))
        else:
            drafts.append(_tiers(kb, lang, reasons=True))
    return _cite(kb, drafts, lang, cover=False, topics=chosen, printed=printed)
