"""`galacli search`: one ranked list over questions, causes, medicines and warning signs.

The same index tells a scoped search (`faq`, `causes`) when another kind of entry matches far
better, and gives "nothing found" its suggestions.
"""

from __future__ import annotations

import functools
import shlex
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

from galacli import strings
from galacli.core.common import tidy
from galacli.core.records import Elsewhere, SearchHit, SearchResult
from galacli.errors import NotFoundError
from galacli.knowledge.loader import Knowledge

if TYPE_CHECKING:
    from galacli.core.search import Hit, Index

Kind = Literal["faq", "cause", "medicine", "sign"]


def _weights() -> tuple[dict[str, float], tuple[str, ...]]:
    """The FAQ's and the causes' own field weights and title fields, and "title" for the
    medicines and warning signs."""
    from galacli.core.causes import CAUSE_TITLES, CAUSE_WEIGHTS
    from galacli.core.faq import FAQ_TITLES, FAQ_WEIGHTS

    weights = {**CAUSE_WEIGHTS, **FAQ_WEIGHTS, "title": 3.0}
    return weights, (*FAQ_TITLES, *CAUSE_TITLES, "title")


# How much more of the query another kind's entry must hold for a scoped search to name it.
FAR_BETTER = 0.3


def _documents(kb: Knowledge, lang: str) -> list[tuple[str, dict[str, str]]]:
    """Every kind of entry, with the fields its own search indexes (so a question or a cause
    ranks here as it ranks in `faq` or `causes`), keyed by kind."""
    from galacli.core import causes, faq

    documents = [(f"faq:{entry.id}", faq.search_fields(entry, lang)) for entry in kb.faq]
    documents += [(f"cause:{c.id}", causes.search_fields(c, lang)) for c in kb.causes]
    for medicine in kb.medicines:
        names = [medicine.generic.en, medicine.generic.get(lang), *medicine.brands]
        fields = {
            "title": " ".join(dict.fromkeys(names)),
            "tags": " ".join(medicine.aliases),
            "summary": medicine.drug_class.get(lang),
        }
        documents.append((f"medicine:{medicine.id}", fields))
    for sign in kb.signs:
        fields = {"title": sign.text.get(lang), "body": sign.reason.get(lang)}
        documents.append((f"sign:{sign.id}", fields))
    return documents


@functools.lru_cache(maxsize=4)
def _index(kb: Knowledge, lang: str) -> Index:
    from galacli.core.ranking import cached_index

    def documents() -> list[tuple[str, dict[str, str]]]:
        return _documents(kb, lang)

    weights, titles = _weights()
    phrasings = ("question", "name", "title", "asked_as")
    return cached_index(kb, "everywhere", lang, documents, weights, titles, phrasings)


def _split(key: str) -> tuple[Kind, str]:
    kind, _, id_ = key.partition(":")
    return kind, id_  # type: ignore[return-value]


def _serious(kb: Knowledge, key: str) -> bool:
    """Serious entries, and warning signs, come after the general answers."""
    kind, id_ = _split(key)
    if kind == "faq":
        return kb.faq_by_id[id_].serious
    if kind == "cause":
        return kb.cause_by_id[id_].serious
    return kind == "sign"


def _row(kb: Knowledge, hit: Hit, lang: str) -> SearchHit:
    kind, id_ = _split(hit.key)
    if kind == "faq":
        entry = kb.faq_by_id[id_]
        title, summary = entry.question.get(lang), entry.short_answer.get(lang)
        command = f"galacli faq {id_}"
    elif kind == "cause":
        cause = kb.cause_by_id[id_]
        title, summary = cause.name.get(lang), cause.summary.get(lang)
        command = f"galacli causes {id_}"
    elif kind == "medicine":
        from galacli.core.causes import headline

        medicine = next(m for m in kb.medicines if m.id == id_)
        title = medicine.generic.get(lang)
        stop = "。" if lang == "zh" else ". "
        summary = f"{medicine.drug_class.get(lang)}{stop}{headline(medicine, lang)}"
        command = f"galacli causes --drug {shlex.quote(medicine.generic.en)}"
    else:
        sign = next(s for s in kb.signs if s.id == id_)
        title, summary = sign.text.get(lang), sign.reason.get(lang)
        command = f"galacli when-to-worry --tier {sign.tier}"
    lang_flag = " --lang zh" if lang == "zh" else ""
    return SearchHit(
        kind=kind,
        id=id_,
        title=tidy(title),
        summary=tidy(summary),
        score=hit.score,
        command=command + lang_flag,
    )


def _ranked(kb: Knowledge, query: str, lang: str, limit: int) -> tuple[list[Hit], list[Hit]]:
    from galacli.core import faq
    from galacli.core.ranking import is_alarming, rank

    index = _index(kb, lang)
    own = {person: f"faq:{id_}" for person, id_ in faq.persons_own(kb, lang).items()}
    hits, closest = rank(index, query, limit, lambda key: _serious(kb, key), own=own)
    if index.is_general(query):
        hits = _leading_causes(kb, hits)
    if is_alarming(index, query):
        hits = _gravest_signs_first(kb, hits)
    return hits, closest


def _gravest_signs_first(kb: Knowledge, hits: list[Hit]) -> list[Hit]:
    """For an alarming query, the places warning signs earned are filled gravest tier first:
    "my baby has a fever" never shows a self-care sign above an emergency one."""
    from galacli.knowledge.model import TIER_ORDER

    tier = {f"sign:{sign.id}": TIER_ORDER.index(sign.tier) for sign in kb.signs}
    return _refilled(
        hits,
        tier.__contains__,
        sorted((h.key for h in hits if h.key in tier), key=tier.__getitem__),
    )


def _leading_causes(kb: Knowledge, hits: list[Hit]) -> list[Hit]:
    """For a query that names nothing in particular, the places causes earned in the list are
    filled with the leading causes, in order (as `causes` lists them), then the others."""
    from galacli.core.causes import leading_causes

    def is_cause(key: str) -> bool:
        return key.startswith("cause:")

    leading = [f"cause:{cause_id}" for cause_id in leading_causes(kb)]
    found = [hit.key for hit in hits if is_cause(hit.key) and hit.key not in leading]
    return _refilled(hits, is_cause, [*leading, *found])


def _refilled(hits: list[Hit], chosen: Callable[[str], bool], keys: list[str]) -> list[Hit]:
    """The hits, with the places of the chosen ones given to `keys` in order (each place keeps
    its score, so the list stays best first)."""
    order = iter(keys)
    return [hit._replace(key=next(order)) if chosen(hit.key) else hit for hit in hits]


def search_everywhere(kb: Knowledge, words: list[str], lang: str, limit: int) -> SearchResult:
    from galacli.core.search import check_query

    query = " ".join(words).strip()
    check_query(query, lang)
    hits, closest = _ranked(kb, query, lang, limit)
    if not hits:
        titles = [_row(kb, hit, lang).title for hit in closest]
        raise nothing_found(kb, query, lang, "search", titles, None)
    rows = [_row(kb, hit, lang) for hit in hits]
    return SearchResult(lang=lang, query=query, results=rows)


def better_elsewhere(
    kb: Knowledge, query: str, lang: str, scope: Kind, scoped: Sequence[Hit]
) -> Elsewhere | None:
    """Another kind's entry when it holds far more of the query than the scoped search found.
    `causes` answers medicine names itself, so it is never sent to a medicine."""
    best_scoped = max((hit.coverage for hit in scoped), default=0.0)
    if best_scoped + FAR_BETTER > 1.0:
        return None  # no entry can hold more than all of the query: no need to look
    hits, _closest = _ranked(kb, query, lang, 3)
    skip = {scope, "medicine"} if scope == "cause" else {scope}
    other = next((hit for hit in hits if _split(hit.key)[0] not in skip), None)
    if other is None or _split(hits[0].key)[0] in skip:
        return None
    if other.coverage < best_scoped + FAR_BETTER:
        return None
    row = _row(kb, other, lang)
    return Elsewhere(kind=row.kind, id=row.id, title=row.title, command=row.command)


def nothing_found(
    kb: Knowledge,
    query: str,
    lang: str,
    scope: str,
    closest: Sequence[str],
    elsewhere: Elsewhere | None,
) -> NotFoundError:
    """'Nothing found', with where else to look: "did you mean" an id, a better kind, the
    closest topics, then how to list them all (search.not_found's message and hints)."""
    from galacli.core.search import not_found

    message = {"faq": "faq_not_found", "cause": "cause_not_found"}.get(scope, "search_not_found")
    hint = {"faq": "faq_id_hint", "cause": "cause_id_hint"}.get(scope, "search_hint")
    ids = {"faq": list(kb.faq_by_id), "cause": list(kb.cause_by_id)}.get(scope, [])
    error = not_found(query, ids, message, hint, lang)
    found_elsewhere = [elsewhere_line(elsewhere, lang)] if elsewhere is not None else []
    if closest:
        found_elsewhere.append(strings.text("closest_topics", lang, topics=_joined(closest, lang)))
    *before, listing = error.hints
    return NotFoundError(error.message, hints=(*before, *found_elsewhere, listing))


def elsewhere_line(elsewhere: Elsewhere, lang: str) -> str:
    kind = strings.text(f"kind_{elsewhere.kind}", lang)
    return strings.text(
        "elsewhere", lang, kind=kind, title=elsewhere.title, command=elsewhere.command
    )


def _joined(titles: Sequence[str], lang: str) -> str:
    return "；".join(titles) if lang == "zh" else "; ".join(titles)
