"""Causes: list by category, show one, search (also by medicine name), and look up a drug."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from galacli import strings
from galacli.core.common import source_refs, texts, tidy, vocabulary
from galacli.core.medicines import find_medicine, medicine_info
from galacli.core.records import CauseItem, CausesResult, DrugResult, MedicineInfo
from galacli.knowledge.loader import Knowledge, cached_derived

if TYPE_CHECKING:
    from galacli.core.search import Index
from galacli.knowledge.model import Cause

CAUSE_WEIGHTS = {"name": 3.0, "summary": 1.5, "notice": 1.2, "body": 1.0}


def _item(
    kb: Knowledge,
    cause: Cause,
    lang: str,
    score: float | None,
    medicine: MedicineInfo | None = None,
) -> CauseItem:
    category = kb.category_by_id[cause.category]
    linked = [m.generic.get(lang) for m in kb.medicines if m.cause == cause.id]
    return CauseItem(
        id=cause.id,
        name=cause.name.get(lang),
        category=cause.category,
        category_name=category.name.get(lang),
        summary=tidy(cause.summary.get(lang)),
        score=score,
        matched_medicine=medicine,
        addition=cause.addition,
        mechanism=tidy(cause.mechanism.get(lang)),
        notice=texts(cause.notice, lang),
        doctor_checks=texts(cause.doctor_checks, lang),
        what_helps=texts(cause.what_helps, lang),
        how_common=tidy(cause.how_common.get(lang)),
        when_to_worry=tidy(cause.when_to_worry.get(lang)),
        medicines=linked,
        sources=source_refs(kb, cause.sources, lang),
        reviewed=cause.reviewed.isoformat(),
    )


@functools.lru_cache(maxsize=4)
def _index(kb: Knowledge, lang: str) -> Index:
    # The search module is imported only to search: `faq ID` never pays for it.
    from galacli.core.search import Index, IndexState

    def build() -> IndexState:
        documents = []
        for cause in kb.causes:
            parts = [cause.mechanism.get(lang), cause.when_to_worry.get(lang)]
            body = " ".join(parts + texts(cause.what_helps, lang))
            fields = {
                "name": cause.name.get(lang),
                "summary": cause.summary.get(lang),
                "notice": " ".join(texts(cause.notice, lang)),
                "body": body,
            }
            documents.append((cause.id, fields))
        return Index.build(documents, CAUSE_WEIGHTS, vocabulary(kb), ("name", "notice")).state

    return Index(cached_derived(kb, f"causes-index-{lang}", IndexState, build))


def list_causes(kb: Knowledge, lang: str) -> CausesResult:
    order = {category.id: i for i, category in enumerate(kb.categories)}
    ranked = sorted(kb.causes, key=lambda cause: order[cause.category])
    items = [_item(kb, cause, lang, None) for cause in ranked]
    return CausesResult(lang=lang, query=None, mode="list", results=items)


def find_causes(kb: Knowledge, words: list[str], lang: str, limit: int) -> CausesResult:
    """An exact id wins; a medicine name returns its cause; otherwise search the causes."""
    query = " ".join(words).strip()
    cause = kb.cause_by_id.get(query.casefold())
    if cause is not None:
        return CausesResult(
            lang=lang, query=query, mode="id", results=[_item(kb, cause, lang, None)]
        )
    from galacli.core.search import check_query, looks_like_id, not_found

    check_query(query, lang)

    items: list[CauseItem] = []
    match = find_medicine(kb, query)
    if match is not None and match.medicine.strength != "none":
        info = medicine_info(kb, match, lang)
        items.append(_item(kb, kb.cause_by_id[match.medicine.cause], lang, None, info))
    hits = [] if looks_like_id(query) and not items else _index(kb, lang).search(query, limit)
    for hit in hits:
        if all(item.id != hit.key for item in items):
            items.append(_item(kb, kb.cause_by_id[hit.key], lang, hit.score))
    if not items:
        raise not_found(query, list(kb.cause_by_id), "cause_not_found", "cause_id_hint", lang)
    return CausesResult(lang=lang, query=query, mode="search", results=items[:limit])


def lookup_drug(kb: Knowledge, name: str, lang: str) -> DrugResult:
    """Whether a medicine or substance is known to raise prolactin, always with the safety rule."""
    safety = strings.text("safety_rule", lang)
    match = find_medicine(kb, name)
    if match is None:
        message = strings.text("drug_not_found", lang, name=name)
        return DrugResult(lang=lang, drug=name, match=None, message=message, safety_rule=safety)
    info = medicine_info(kb, match, lang)
    key = {
        "none": "drug_found_none",
        "lowers": "drug_found_lowers",
        "unclear": "drug_found_unclear",
    }.get(info.strength, "drug_found_raises")
    message = strings.text(key, lang, name=info.name, strength=info.strength_label)
    if match.kind == "typo":
        message = strings.text("drug_typo", lang, name=info.name, query=name) + " " + message
    return DrugResult(lang=lang, drug=name, match=info, message=message, safety_rule=safety)
