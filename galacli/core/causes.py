"""Causes: list by category, show one, search (also by medicine name), and look up a drug."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from galacli import strings
from galacli.core.common import source_refs, texts, tidy
from galacli.core.medicines import (
    MedicineMatch,
    find_class,
    find_medicine,
    medicine_info,
    suggest,
)
from galacli.core.records import (
    CauseItem,
    CausesResult,
    ClassInfo,
    DrugAnswer,
    DrugResult,
    MedicineInfo,
)
from galacli.knowledge.loader import Knowledge

if TYPE_CHECKING:
    from galacli.core.search import Index
from galacli.knowledge.model import Cause, Medicine, MedicineClass

CAUSE_WEIGHTS = {"name": 3.0, "asked_as": 2.5, "summary": 1.5, "notice": 1.2, "body": 1.0}
CAUSE_TITLES = ("name", "asked_as", "notice")
# In the causes index only, a cause also holds the names of the medicines that medicines.yaml
# links to it, so "can metoclopramide cause lactation" finds medication first, not the one
# other cause whose text names metoclopramide.
MEDICINES_FIELD = "medicines"
MEDICINES_WEIGHT = 2.0
# ... and the kinds of medicine ("antihistamine (allergy medicine)"), so a question about a kind
# finds the cause too; not a title field, because class names hold plain words (a type, female).
CLASSES_FIELD = "medicine_classes"
CLASSES_WEIGHT = 1.0


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


def search_fields(cause: Cause, lang: str) -> dict[str, str]:
    """What search indexes of a cause, by field (CAUSE_WEIGHTS)."""
    from galacli.core.ranking import phrasings_text

    parts = [cause.mechanism.get(lang), cause.when_to_worry.get(lang)]
    return {
        "name": cause.name.get(lang),
        "asked_as": phrasings_text(cause.asked_as, lang),
        "summary": cause.summary.get(lang),
        "notice": " ".join(texts(cause.notice, lang)),
        "body": " ".join(parts + texts(cause.what_helps, lang)),
    }


@functools.lru_cache(maxsize=4)
def _index(kb: Knowledge, lang: str) -> Index:
    # The search modules are imported only to search: `causes ID` never pays for them.
    from galacli.core.ranking import cached_index

    def documents() -> Iterator[tuple[str, dict[str, str]]]:
        # Only when the index is built, never when it is read from the cache.
        names: dict[str, list[str]] = {}
        classes: dict[str, list[str]] = {}
        for medicine in kb.medicines:
            said = (medicine.generic.en, medicine.generic.get(lang), *medicine.brands)
            names.setdefault(medicine.cause, []).extend(dict.fromkeys(said))
            kind = (medicine.drug_class.en, medicine.drug_class.get(lang))
            classes.setdefault(medicine.cause, []).extend(kind)
        for cause in kb.causes:
            yield (
                cause.id,
                search_fields(cause, lang)
                | {
                    MEDICINES_FIELD: " ".join(names.get(cause.id, ())),
                    CLASSES_FIELD: " ".join(dict.fromkeys(classes.get(cause.id, ()))),
                },
            )

    weights = CAUSE_WEIGHTS | {MEDICINES_FIELD: MEDICINES_WEIGHT, CLASSES_FIELD: CLASSES_WEIGHT}
    titles = (*CAUSE_TITLES, MEDICINES_FIELD)
    return cached_index(kb, "causes", lang, documents, weights, titles, ("name", "asked_as"))


def leading_causes(kb: Knowledge) -> list[str]:
    """The ids of the leading causes, first first (Cause.leading)."""
    ranked = sorted((c.leading, c.id) for c in kb.causes if c.leading is not None)
    return [cause_id for _, cause_id in ranked]


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
    from galacli.core import everywhere
    from galacli.core.ranking import rank
    from galacli.core.search import check_query, looks_like_id

    check_query(query, lang)

    items: list[CauseItem] = []
    match = find_medicine(kb, query)
    if match is not None and match.medicine.strength != "none":
        info = medicine_info(kb, match, lang)
        items.append(_item(kb, kb.cause_by_id[match.medicine.cause], lang, None, info))
    hits, closest = (
        ([], [])
        if looks_like_id(query) and not items
        else rank(
            _index(kb, lang),
            query,
            limit,
            lambda key: kb.cause_by_id[key].serious,
            leading_causes(kb),
        )
    )
    for hit in hits:
        if all(item.id != hit.key for item in items):
            items.append(_item(kb, kb.cause_by_id[hit.key], lang, hit.score))
    elsewhere = (
        None
        if items and items[0].matched_medicine
        else everywhere.better_elsewhere(kb, query, lang, "cause", hits)
    )
    if not items:
        titles = [kb.cause_by_id[hit.key].name.get(lang) for hit in closest]
        raise everywhere.nothing_found(kb, query, lang, "cause", titles, elsewhere)
    return CausesResult(
        lang=lang, query=query, mode="search", results=items[:limit], elsewhere=elsewhere
    )


def split_drugs(names: list[str]) -> list[str]:
    """`--drug a --drug b` and `--drug "a, b"` alike; each name once, in the order given."""
    parts = (part.strip() for name in names for part in re.split(r"[,;、，；]", name))
    return list(dict.fromkeys(part for part in parts if part))


def headline(medicine: Medicine, lang: str) -> str:
    """The first sentence follows the strength; a medicine that counts against its own cause
    can lower prolactin (aripiprazole), and says so whatever its strength."""
    name = strings.embed(medicine.generic.get(lang), lang)
    if medicine.cause in medicine.counts_against and medicine.strength != "lowers":
        return strings.text("drug_found_can_lower", lang, name=name).strip()
    return strings.text(f"drug_found_{medicine.strength}", lang, name=name).strip()


def _class_info(kb: Knowledge, group: MedicineClass, query: str, lang: str) -> ClassInfo:
    by_id = {medicine.id: medicine for medicine in kb.medicines}
    members = [
        medicine_info(kb, MedicineMatch(by_id[member], query, "id"), lang)
        for member in group.members
    ]
    return ClassInfo(
        id=group.id,
        name=group.name.get(lang),
        note=group.note.get(lang) if group.note else None,
        medicines=members,
        sources=source_refs(kb, group.sources, lang),
        reviewed=group.reviewed.isoformat(),
    )


def _answer(kb: Knowledge, name: str, lang: str) -> DrugAnswer:
    match = find_medicine(kb, name)
    if match is not None:
        info = medicine_info(kb, match, lang)
        message = headline(match.medicine, lang)
        return DrugAnswer(
            query=name,
            found="medicine",
            match=info,
            medicine_class=None,
            suggestion=None,
            message=message,
        )
    group = find_class(kb, name)
    if group is not None:
        info_class = _class_info(kb, group, name, lang)
        name_class = strings.embed(info_class.name, lang)
        count = len(info_class.medicines)
        message = strings.text("drug_found_class", lang, name=name_class, count=count).strip()
        return DrugAnswer(
            query=name,
            found="class",
            match=None,
            medicine_class=info_class,
            suggestion=None,
            message=message,
        )
    offered = suggest(kb, name, lang)
    message = strings.text("drug_not_found", lang, name=name)
    if offered is not None:
        offer = strings.embed(offered, lang)
        message = strings.text("drug_did_you_mean", lang, name=name, suggestion=offer)
    return DrugAnswer(
        query=name,
        found="not_found",
        match=None,
        medicine_class=None,
        suggestion=offered,
        message=message,
    )


def lookup_drug(kb: Knowledge, names: list[str], lang: str) -> DrugResult:
    """Whether each medicine, substance or group is known to raise prolactin, always with the
    safety rule. Only exact names answer; a near miss is offered, never used."""
    wanted = split_drugs(names)
    results = [_answer(kb, name, lang) for name in wanted]
    safety = strings.text("safety_rule", lang)
    return DrugResult(lang=lang, drugs=wanted, results=results, safety_rule=safety)
