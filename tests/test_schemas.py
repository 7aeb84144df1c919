"""The published JSON Schemas match the record types and accept the shipped knowledge."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from galacli.knowledge import schema
from galacli.knowledge.loader import FILES

PACKAGE = Path(__file__).resolve().parent.parent / "galacli"


@pytest.mark.parametrize("key", sorted(schema.TYPES))
def test_schema_file_is_generated_from_the_model(key: str) -> None:
    path = schema.FOLDER / schema.schema_name(key)
    assert path.read_text(encoding="utf-8") == schema.generate(key), (
        "regenerate with: python -m galacli.knowledge.schema"
    )


@pytest.mark.parametrize("key", sorted(schema.TYPES))
def test_shipped_file_validates_against_its_schema(key: str) -> None:
    document = yaml.safe_load((PACKAGE / FILES[key]).read_text(encoding="utf-8"))
    as_json = json.loads(json.dumps(document, default=str))  # dates as ISO strings, as in JSON
    published = json.loads((schema.FOLDER / schema.schema_name(key)).read_text(encoding="utf-8"))
    jsonschema.validate(as_json, published)


def test_schema_rejects_an_unknown_field() -> None:
    published = json.loads((schema.FOLDER / "faq.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"faq": [], "extra": 1}, published)
