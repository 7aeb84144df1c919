"""What galacli does with a ranked list before showing it: safety first, then confidence.

- Safety: when the query names nothing alarming, an entry about a serious cause (cancer, a
  tumour, bleeding) never comes before the general answers to the same question.
- Abstention: when no entry's question (or asked-as phrasing, or tags) holds enough of the
  query, galacli says "nothing found" rather than list unrelated topics.
- Answer first: when the best FAQ hit is clearly ahead of the next, `faq QUERY` shows its answer.

The thresholds were chosen on the tuning sets (tests/search_queries.yaml, tests/dev_queries.yaml,
tests/search_offtopic.yaml) and are reported, never tuned, on tests/blind/.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from galacli.core.search import Hit, Index, tokenize

# Index words that make a query alarming in itself (Chinese words reach them through the
# vocabulary: 癌 -> cancer, 肿块 -> tumour, 血 -> blood). Someone who types one of these asked
# about it; everyone else gets the general answer first.
ALARM_WORDS = (
    "cancer",
    "malignant",
    "tumour",
    "lump",
    "blood",
    "bleeding",
    "bloody",
    "prolactinoma",
    "pituitary",
    "paget",
    "apoplexy",
    "headache",
    "vision",
    "sight",
    "eczema",
    "rash",
    "scaly",
    "pink",
)
# A query is on-topic when it holds a word of the subject itself (any language reaches these
# index words through the vocabulary; every medicine name counts too), or when more than half
# of its words are found, as typed, in one entry's title fields and their idf adds up to
# CONFIDENT_MASS ("intraductal papilloma").
TOPIC_WORDS = (
    "breast",
    "nipple",
    "milk",
    "discharge",
    "galactorrhea",
    "prolactin",
    "prolactinoma",
    "pituitary",
    "breastfeed",
    "nonpregnant",
    "weaning",
    "colostrum",
    "gynecomastia",
    "papilloma",
    "mastitis",
)
CONFIDENT_MASS = 1.0
# Score lead of the best FAQ hit over the next for its answer to be shown first.
AHEAD = 0.35


def alarm_terms(index: Index) -> frozenset[str]:
    return frozenset(t for word in ALARM_WORDS for t in tokenize(word, index.vocabulary))


def is_alarming(index: Index, query: str) -> bool:
    terms, _unknown = index.analyse(query)
    return not alarm_terms(index).isdisjoint(terms)


def safe_order(hits: Sequence[Hit], serious: Callable[[str], bool], alarming: bool) -> list[Hit]:
    """Serious entries after the general ones, unless the query is alarming (stable order)."""
    if alarming:
        return list(hits)
    return [h for h in hits if not serious(h.key)] + [h for h in hits if serious(h.key)]


@functools.lru_cache(maxsize=8)
def topic_terms(index: Index, medicines: tuple[str, ...]) -> frozenset[str]:
    words = (*TOPIC_WORDS, *medicines)
    return frozenset(t for word in words for t in tokenize(word, index.vocabulary))


def confident(index: Index, query: str, hits: Sequence[Hit], topic: frozenset[str]) -> bool:
    if not hits:
        return False
    terms, _unknown = index.analyse(query)
    if not topic.isdisjoint(terms):
        return True
    typed = tokenize(query, index.vocabulary)
    exact = [token for token in typed if token in index.state.postings]
    return max(hit.mass for hit in hits) >= CONFIDENT_MASS and 2 * len(exact) > len(typed)


def clearly_ahead(hits: Sequence[Hit]) -> bool:
    return len(hits) == 1 or (len(hits) > 1 and hits[0].score - hits[1].score >= AHEAD)


def rank(
    index: Index,
    query: str,
    limit: int,
    serious: Callable[[str], bool],
    medicines: tuple[str, ...],
) -> tuple[list[Hit], list[Hit]]:
    """(hits to show, closest weak hits). The first list is empty when galacli abstains; the
    second then holds the nearest topics to suggest."""
    hits = index.search(query, limit + 5)
    ordered = safe_order(hits, serious, is_alarming(index, query))[:limit]
    if confident(index, query, ordered, topic_terms(index, medicines)):
        return ordered, []
    return [], ordered[:3]
