"""Small conversions every core module shares."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from galacli.core.records import SourceRef
from galacli.knowledge.loader import Knowledge
from galacli.knowledge.model import Text

if TYPE_CHECKING:
    from galacli.core.search import Vocabulary


def source_refs(kb: Knowledge, ids: Iterable[str], lang: str) -> list[SourceRef]:
    refs = []
    for source_id in ids:
        source = kb.sources[source_id]
        refs.append(
            SourceRef(
                id=source.id,
                kind=source.kind,
                title=source.title,
                url=source.link or "",
                publisher=source.publisher,
                year=source.year,
                note=source.note.get(lang) if source.note else None,
            )
        )
    return refs


def tidy(body: str) -> str:
    """Reflow authored text: paragraphs joined into single lines, "- " list items kept apart.

    YAML block scalars carry the author's line wrapping; output should wrap to the reader's width.
    """
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        lines: list[str] = []
        for raw in chunk.splitlines():
            line = raw.strip()
            if not line:
                continue
            if lines and not line.startswith("- "):
                lines[-1] += " " + line
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def texts(items: Iterable[Text], lang: str) -> list[str]:
    return [tidy(item.get(lang)) for item in items]


def unique(items: Iterable[str]) -> list[str]:
    """Keep the first of each repeated item, in order."""
    return list(dict.fromkeys(items))


# What a medicine name stands for in a search, by the cause it belongs to.
_CAUSE_WORDS = {
    "medication": "medicine",
    "drug-use": "drug",
    "herbal": "herb",
    "estrogen-exposure": "hormone medicine",
    "prolactinoma": "treatment",
}


@functools.lru_cache(maxsize=2)
def vocabulary(kb: Knowledge) -> Vocabulary:
    """The search vocabulary: vocabulary.yaml plus every medicine's names (from medicines.yaml)."""
    from galacli.core.search import Vocabulary

    expansions: dict[str, list[str]] = {}
    for medicine in kb.medicines:
        targets = [medicine.generic.en, _CAUSE_WORDS.get(medicine.cause, "medicine")]
        names = [medicine.generic.en, *medicine.brands, *medicine.aliases]
        if medicine.generic.zh:
            names.append(medicine.generic.zh)
        for name in names:
            expansions.setdefault(name, targets)
    return Vocabulary(kb.synonyms, expansions)


def medicine_names(kb: Knowledge) -> tuple[str, ...]:
    """Every medicine's generic name: each one is a word of galacli's subject (search)."""
    return tuple(medicine.generic.en for medicine in kb.medicines)
