"""JSON Schemas for the knowledge files, generated from the record types.

Editors that understand JSON Schema (VS Code with the YAML extension, for example) validate a
knowledge file as it is typed when the file starts with
`# yaml-language-server: $schema=<path to galacli/schemas/FILE.schema.json>`.
Regenerate after changing knowledge/model.py: `python -m galacli.knowledge.schema`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec

from galacli.knowledge import model as m
from galacli.knowledge.loader import FILES

TYPES: dict[str, type] = {
    "sources": m.SourcesFile,
    "faq": m.FaqFile,
    "causes": m.CausesFile,
    "medicines": m.MedicinesFile,
    "signs": m.SignsFile,
    "questions": m.QuestionsFile,
    "vocabulary": m.VocabularyFile,
}
RULE_SCHEMA = {
    "title": "Condition",
    "description": (
        "A rule over the check's answers: keys are question ids (a value or a list of values) "
        "or all / any (lists of conditions), not / unless (a condition). See "
        "docs/knowledge-format.md."
    ),
    "type": "object",
    "minProperties": 1,
}
FOLDER = Path(__file__).resolve().parent.parent / "schemas"


def _hook(type_: type) -> dict[str, Any]:
    if type_ is m.Rule:
        return RULE_SCHEMA
    raise NotImplementedError(type_)


def schema_name(key: str) -> str:
    return Path(FILES[key]).stem + ".schema.json"


def generate(key: str) -> str:
    schema = msgspec.json.schema(TYPES[key], schema_hook=_hook)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"galacli {FILES[key]}"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    FOLDER.mkdir(exist_ok=True)
    for key in TYPES:
        (FOLDER / schema_name(key)).write_text(generate(key), encoding="utf-8")


if __name__ == "__main__":
    main()
