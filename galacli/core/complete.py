"""Shell-completion candidates: ids and names starting with what has been typed (pure).

Each candidate is (value, help); zsh and fish show the help beside the value, bash only the value.
Matching is case-sensitive, as Typer filters candidates with str.startswith.
"""

from __future__ import annotations

import re

from galacli.knowledge.loader import Knowledge

Candidate = tuple[str, str]
# A completion is inserted into the command line as it is: only names that are one shell word
# without quoting. Spaces become hyphens, which the medicine lookup reads as spaces.
_SHELL_WORD = re.compile(r"[\w.+-]+")


def faq_ids(kb: Knowledge, incomplete: str, lang: str) -> list[Candidate]:
    return [(e.id, e.question.get(lang)) for e in kb.faq if e.id.startswith(incomplete)]


def cause_ids(kb: Knowledge, incomplete: str, lang: str) -> list[Candidate]:
    return [(c.id, c.name.get(lang)) for c in kb.causes if c.id.startswith(incomplete)]


def source_ids(kb: Knowledge, incomplete: str) -> list[Candidate]:
    return [(s.id, s.title) for s in kb.sources.values() if s.id.startswith(incomplete)]


def medicine_names(kb: Knowledge, incomplete: str, lang: str) -> list[Candidate]:
    """Generic, brand and street names (each once, in table order), as single shell words."""
    seen: set[str] = set()
    found: list[Candidate] = []
    for medicine in kb.medicines:
        names = [medicine.generic.en, medicine.generic.zh or "", *medicine.brands]
        names += medicine.aliases
        for name in names:
            word = "-".join(name.split())
            if word in seen or not _SHELL_WORD.fullmatch(word) or not word.startswith(incomplete):
                continue
            seen.add(word)
            found.append((word, medicine.generic.get(lang)))
    return found
