"""FAQ: list every question, show one by id, or search."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from galacli.core.common import source_refs, tidy
from galacli.core.records import FaqItem, FaqResult, Related
from galacli.knowledge.loader import Knowledge

if TYPE_CHECKING:
    from galacli.core.search import Index
from galacli.knowledge.model import FaqEntry

# The question and tags say what an entry is about; the answer text mentions much else.
FAQ_WEIGHTS = {
    "question": 3.0,
    "asked_as": 2.5,
    "tags": 2.5,
    "short_answer": 1.5,
    "answer": 1.0,
}
# Title coverage counts the question and tags only: with twenty-odd phrasings an entry, almost
# any query's words are somewhere in an entry's phrasings, so they would say nothing; how much
# of one phrasing a query holds is its own signal (search.PHRASING_WEIGHT).
FAQ_TITLES = ("question", "tags")
# Chinese is matched by character pairs, and a short Chinese question holds few of a query's
# pairs: there the phrasings still count as title (better on every Chinese development set).
FAQ_TITLES_BY_LANG = {"zh": ("question", "asked_as", "tags")}


def _item(kb: Knowledge, entry: FaqEntry, lang: str, score: float | None) -> FaqItem:
    return FaqItem(
        id=entry.id,
        question=entry.question.get(lang),
        answer=tidy(entry.answer.get(lang)),
        short_answer=tidy(entry.short_answer.get(lang)),
        score=score,
        tags=list(entry.tags.get(lang)),
        sources=source_refs(kb, entry.sources, lang),
        reviewed=entry.reviewed.isoformat(),
        related=[Related(id=r, question=kb.faq_by_id[r].question.get(lang)) for r in entry.related],
        causes=list(entry.causes),
    )


def search_fields(entry: FaqEntry, lang: str) -> dict[str, str]:
    """What search indexes of an entry, by field (FAQ_WEIGHTS)."""
    from galacli.core.ranking import phrasings_text

    return {
        "question": entry.question.get(lang),
        "asked_as": phrasings_text(entry.asked_as, lang),
        "tags": " ".join(entry.tags.get(lang)),
        "short_answer": entry.short_answer.get(lang),
        "answer": entry.answer.get(lang),
    }


@functools.lru_cache(maxsize=4)
def _index(kb: Knowledge, lang: str) -> Index:
    # The search modules are imported only to search: `faq ID` never pays for them.
    from galacli.core.ranking import cached_index

    def documents() -> Iterator[tuple[str, dict[str, str]]]:
        return ((entry.id, search_fields(entry, lang)) for entry in kb.faq)

    return cached_index(
        kb,
        "faq",
        lang,
        documents,
        FAQ_WEIGHTS,
        FAQ_TITLES_BY_LANG.get(lang, FAQ_TITLES),
        ("question", "asked_as"),
    )


@functools.lru_cache(maxsize=4)
def persons_own(kb: Knowledge, lang: str) -> dict[str, str]:
    """Person index word -> the id of the general answer for them (FaqEntry.answers_for)."""
    from galacli.core.search import tokenize

    vocabulary = _index(kb, lang).vocabulary
    return {
        word: entry.id
        for entry in kb.faq
        if entry.answers_for
        for word in tokenize(entry.answers_for, vocabulary)
    }


def list_faq(kb: Knowledge, lang: str) -> FaqResult:
    items = [_item(kb, entry, lang, None) for entry in kb.faq]
    return FaqResult(lang=lang, query=None, mode="list", results=items)


def find_faq(
    kb: Knowledge, words: list[str], lang: str, limit: int, *, list_only: bool = False
) -> FaqResult:
    """An exact id always wins; otherwise search questions, phrasings, tags and answers.

    The top hit's answer comes first when it is clearly ahead (unless `list_only`); a query no
    question really matches is "nothing found", with the closest topics as suggestions.
    """
    query = " ".join(words).strip()
    entry = kb.faq_by_id.get(query.casefold())
    if entry is not None:
        return FaqResult(lang=lang, query=query, mode="id", results=[_item(kb, entry, lang, None)])
    from galacli.core import everywhere
    from galacli.core.ranking import clearly_ahead, rank
    from galacli.core.search import check_query, looks_like_id

    check_query(query, lang)
    hits, closest = (
        ([], [])
        if looks_like_id(query)
        else rank(
            _index(kb, lang),
            query,
            limit,
            lambda key: kb.faq_by_id[key].serious,
            own=persons_own(kb, lang),
        )
    )
    elsewhere = everywhere.better_elsewhere(kb, query, lang, "faq", hits)
    if not hits:
        titles = [kb.faq_by_id[hit.key].question.get(lang) for hit in closest]
        raise everywhere.nothing_found(kb, query, lang, "faq", titles, elsewhere)
    items = [_item(kb, kb.faq_by_id[hit.key], lang, hit.score) for hit in hits]
    answer = items[0] if not list_only and clearly_ahead(hits) else None
    return FaqResult(
        lang=lang, query=query, mode="search", results=items, answer=answer, elsewhere=elsewhere
    )
