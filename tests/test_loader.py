"""The knowledge loader: good data loads; any bad data is one clear message with a line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from galacli.errors import DataError, ExitStatus
from galacli.knowledge.loader import load_from, load_knowledge
from galacli.knowledge.model import TIER_ORDER


def test_shipped_knowledge_loads_and_meets_the_counts() -> None:
    kb = load_knowledge()
    assert len(kb.faq) >= 31
    assert {
        "physiologic-lactation", "medication", "drug-use", "prolactinoma",
        "other-pituitary-hypothalamic", "hypothyroidism", "kidney-disease", "liver-disease",
        "nipple-stimulation", "chest-wall", "stress", "idiopathic", "neonatal",
        "induced-lactation", "breast-duct-conditions",
    } <= set(kb.cause_by_id)  # fmt: skip
    assert len(kb.medicines) >= 25
    assert {sign.tier for sign in kb.signs} == set(TIER_ORDER)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d\+[0-9a-f]{8}", kb.version)


def test_loaded_once_per_process() -> None:
    assert load_knowledge() is load_knowledge()


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {relative}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, relative: str, needle: str) -> int:
    for number, line in enumerate((root / relative).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def load_error(root: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        load_from(root)
    assert caught.value.status == ExitStatus.INVALID_DATA
    assert "\n" not in caught.value.message
    return caught.value


def test_broken_yaml_names_file_and_line(data_copy: Path) -> None:
    edit(data_copy, "data/faq.yaml", "  - id: how-common\n", "  - id: how-common\n   bad: [\n")
    error = load_error(data_copy)
    assert error.file == "galacli/data/faq.yaml"
    assert error.line is not None and error.line > 1
    assert "not valid YAML" in error.message


def test_missing_field_names_the_entry(data_copy: Path) -> None:
    edit(
        data_copy,
        "data/warning_signs.yaml",
        "    tier: emergency\n",
        "",
    )
    error = load_error(data_copy)
    assert error.file == "galacli/data/warning_signs.yaml"
    assert "tier" in error.message
    assert error.field == "signs[0]"
    assert error.line == line_of(data_copy, "data/warning_signs.yaml", "- id: apoplexy")


def test_wrong_type_points_at_the_field(data_copy: Path) -> None:
    edit(data_copy, "data/sources.yaml", "year: 2022", "year: twenty-twenty-two")
    error = load_error(data_copy)
    assert error.file == "galacli/data/sources.yaml"
    assert error.field.endswith(".year")
    assert error.line == line_of(data_copy, "data/sources.yaml", "year: twenty-twenty-two")
    assert "Expected `int | null`" in error.message


def test_dangling_source_id(data_copy: Path) -> None:
    edit(data_copy, "data/faq.yaml", "sources: [", "sources: [NO-SUCH-SOURCE, ")
    error = load_error(data_copy)
    assert "unknown source id 'NO-SUCH-SOURCE'" in error.message
    assert error.line == line_of(data_copy, "data/faq.yaml", "NO-SUCH-SOURCE")


def test_unknown_question_value_in_a_rule(data_copy: Path) -> None:
    edit(data_copy, "data/warning_signs.yaml", "{discharge: bloody}", "{discharge: purple}")
    error = load_error(data_copy)
    assert "value 'purple'" in error.message and "'discharge'" in error.message
    assert error.line == line_of(data_copy, "data/warning_signs.yaml", "{discharge: purple}")


def test_unknown_question_in_a_rule(data_copy: Path) -> None:
    edit(data_copy, "causes.yaml", "{medicine_cause: medication}", "{medicine_kind: medication}")
    error = load_error(data_copy)
    assert error.file == "galacli/causes.yaml"
    assert "unknown question 'medicine_kind'" in error.message


def test_duplicate_id(data_copy: Path) -> None:
    edit(data_copy, "data/medicines.yaml", "- id: haloperidol", "- id: risperidone")
    error = load_error(data_copy)
    assert "duplicate id 'risperidone'" in error.message


def test_unquoted_yes_in_a_value_list_gets_a_hint(data_copy: Path) -> None:
    edit(data_copy, "data/questions.yaml", '{id: "yes", label:', "{id: yes, label:")
    error = load_error(data_copy)
    assert 'write "yes" and "no" in quotes' in error.message


def test_non_utf8_bytes(data_copy: Path) -> None:
    path = data_copy / "data" / "faq.yaml"
    path.write_bytes(path.read_bytes().replace(b"faq:\n", b"faq:\n# \xff\xfe\n", 1))
    error = load_error(data_copy)
    assert "not UTF-8" in error.message
    assert error.line == 4


def test_unknown_keys_are_errors(data_copy: Path) -> None:
    edit(data_copy, "data/faq.yaml", "    reviewed: 2026-11-21\n", "    reviewd: 2026-11-21\n")
    error = load_error(data_copy)
    assert "unknown field `reviewd`" in error.message


def test_python_tags_are_never_executed(data_copy: Path) -> None:
    edit(
        data_copy,
        "data/faq.yaml",
        "faq:\n",
        "evil: !!python/object/apply:os.system ['true']\nfaq:\n",
    )
    error = load_error(data_copy)
    assert "not valid YAML" in error.message
