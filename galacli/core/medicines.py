"""Find a medicine or substance by generic name, brand, street name or a near spelling."""

from __future__ import annotations

import difflib
import functools
import re
from typing import Literal

import msgspec

from galacli import strings
from galacli.core.common import source_refs
from galacli.core.records import MedicineInfo
from galacli.knowledge.loader import Knowledge
from galacli.knowledge.model import Medicine, MedicineClass, name_key

MatchKind = Literal["generic", "brand", "alias", "id"]
# Strengths that make a medicine count as a possible cause in the symptom check.
RAISES = frozenset({"high", "moderate", "low", "listed", "unclear"})
# How close a typed name must be to a known one to be offered as "did you mean ...?". Offered
# only: a near miss never answers for another medicine (promethazine is not promazine).
SUGGEST_CUTOFF = 0.75


class MedicineMatch(msgspec.Struct, frozen=True):
    medicine: Medicine
    query: str
    kind: MatchKind


normalise = name_key


def medicine_names(medicine: Medicine) -> list[tuple[str, MatchKind]]:
    """Every name a medicine answers to, with how it was named."""
    names: list[tuple[str, MatchKind]] = [(medicine.generic.en, "generic")]
    if medicine.generic.zh:
        names.append((medicine.generic.zh, "generic"))
    names += [(brand, "brand") for brand in medicine.brands]
    names += [(alias, "alias") for alias in medicine.aliases]
    names.append((medicine.id, "id"))
    return names


@functools.lru_cache(maxsize=2)
def _names(kb: Knowledge) -> dict[str, tuple[Medicine, MatchKind]]:
    table: dict[str, tuple[Medicine, MatchKind]] = {}
    for medicine in kb.medicines:
        for name, kind in medicine_names(medicine):
            # The linter reports a name two medicines share; the first one keeps it.
            table.setdefault(normalise(name), (medicine, kind))
    return table


@functools.lru_cache(maxsize=2)
def _class_names(kb: Knowledge) -> dict[str, MedicineClass]:
    table: dict[str, MedicineClass] = {}
    for group in kb.medicine_classes:
        for name in (group.id, group.name.en, group.name.zh or "", *group.names):
            if normalise(name):
                table.setdefault(normalise(name), group)
    return table


def find_medicine(kb: Knowledge, query: str) -> MedicineMatch | None:
    """Only an exact name (generic, brand, alias or id, in any case, spacing or punctuation)."""
    key = normalise(query)
    found = _names(kb).get(key) if key else None
    return None if found is None else MedicineMatch(found[0], query, found[1])


def find_for_check(kb: Knowledge, query: str) -> MedicineMatch | None:
    """A medicine for the symptom check: an exact name, or a group that says which member it
    usually means ("the pill"). Never a near spelling."""
    match = find_medicine(kb, query)
    if match is not None:
        return match
    group = find_class(kb, query)
    if group is None or group.usual is None:
        return None
    medicine = next(m for m in kb.medicines if m.id == group.usual)
    return MedicineMatch(medicine, query, "alias")


def find_class(kb: Knowledge, query: str) -> MedicineClass | None:
    key = normalise(query)
    return _class_names(kb).get(key) if key else None


def suggest(kb: Knowledge, query: str, lang: str) -> str | None:
    """The known name closest to a name that matched nothing, to offer, never to use."""
    key = normalise(query)
    if not key:
        return None
    medicines, classes = _names(kb), _class_names(kb)
    close = difflib.get_close_matches(key, [*medicines, *classes], n=1, cutoff=SUGGEST_CUTOFF)
    if not close:
        return None
    if close[0] in medicines:
        medicine, kind = medicines[close[0]]
        if kind == "generic" or kind == "id":
            return medicine.generic.get(lang)
        return next(n for n, _ in medicine_names(medicine) if normalise(n) == close[0])
    return classes[close[0]].name.get(lang)


def medicine_info(kb: Knowledge, match: MedicineMatch, lang: str) -> MedicineInfo:
    medicine = match.medicine
    cause = kb.cause_by_id[medicine.cause]
    return MedicineInfo(
        id=medicine.id,
        name=medicine.generic.get(lang),
        brand_names=list(medicine.brands),
        drug_class=medicine.drug_class.get(lang),
        cause=medicine.cause,
        cause_name=cause.name.get(lang),
        strength=medicine.strength,
        strength_label=strings.text(f"strength_{medicine.strength}", lang),
        note=medicine.note.get(lang) if medicine.note else None,
        matched_as=match.query,
        match_kind=match.kind,
        sources=source_refs(kb, medicine.sources, lang),
        reviewed=medicine.reviewed.isoformat(),
    )


def split_names(answer: str) -> list[str]:
    """The names in a `medications` answer: comma, semicolon or 'and' separated; 'none' is none."""
    parts = re.split(r"[,;/\n]|\band\b|、|，|；", answer)
    names = [part.strip() for part in parts if part.strip()]
    nothing = (["none"], ["no"], ["nothing"], ["无"], ["没有"], ["不吃药"])
    return [] if [normalise(n) for n in names] in nothing else names
