"""Find a medicine or substance by generic name, brand, street name or a near spelling."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from typing import Literal

import msgspec

from galacli import strings
from galacli.core.common import source_refs
from galacli.core.records import MedicineInfo
from galacli.knowledge.loader import Knowledge
from galacli.knowledge.model import Medicine

MatchKind = Literal["generic", "brand", "alias", "id", "typo"]
# Strengths that make a medicine count as a possible cause in the symptom check.
RAISES = frozenset({"high", "moderate", "low", "listed", "unclear"})
_MARKS = re.compile(r"[®™©]")


class MedicineMatch(msgspec.Struct, frozen=True):
    medicine: Medicine
    query: str
    kind: MatchKind


def normalise(name: str) -> str:
    folded = unicodedata.normalize("NFKC", _MARKS.sub("", name)).casefold()
    return " ".join(folded.replace("-", " ").split())


@functools.lru_cache(maxsize=2)
def _names(kb: Knowledge) -> dict[str, tuple[Medicine, MatchKind]]:
    table: dict[str, tuple[Medicine, MatchKind]] = {}
    for medicine in kb.medicines:
        # Later kinds never overwrite earlier ones: a generic name beats a brand of another.
        candidates: list[tuple[str, MatchKind]] = [(medicine.generic.en, "generic")]
        if medicine.generic.zh:
            candidates.append((medicine.generic.zh, "generic"))
        candidates += [(brand, "brand") for brand in medicine.brands]
        candidates += [(alias, "alias") for alias in medicine.aliases]
        candidates.append((medicine.id, "id"))
        for name, kind in candidates:
            table.setdefault(normalise(name), (medicine, kind))
    return table


def find_medicine(kb: Knowledge, query: str) -> MedicineMatch | None:
    """Exact name in any case first; then a close spelling (risperdon -> risperidone)."""
    key = normalise(query)
    if not key:
        return None
    table = _names(kb)
    if key in table:
        medicine, kind = table[key]
        return MedicineMatch(medicine, query, kind)
    close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.82)
    if close:
        return MedicineMatch(table[close[0]][0], query, "typo")
    return None


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
