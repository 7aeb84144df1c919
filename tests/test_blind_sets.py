"""The frozen blind search sets are whole and their labels name real entries.

This checks their shape only; it never runs a search on them (that is
tests/blind/report_search.py, which reports and is never tuned on).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from galacli.knowledge.loader import load_knowledge

BLIND = Path(__file__).parent / "blind"
SETS = [folder for folder in (BLIND, *sorted(BLIND.glob("v*/"))) if (folder / "labels").is_dir()]
PAIRS = {
    "faq.en.yaml": "faq_queries.en.txt",
    "faq.zh.yaml": "faq_queries.zh.txt",
    "causes.en.yaml": "cause_queries.en.txt",
    "causes.zh.yaml": "cause_queries.zh.txt",
}


def queries(path: Path) -> list[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert all(line.count("\t") == 1 for line in lines), path
    return [tuple(line.split("\t")) for line in lines]  # type: ignore[misc]


@pytest.mark.parametrize("folder", SETS, ids=lambda f: f.name)
@pytest.mark.parametrize(("labels", "source"), list(PAIRS.items()))
def test_every_query_is_labelled_in_order_with_real_entries(
    folder: Path, labels: str, source: str
) -> None:
    kb = load_knowledge()
    known = kb.faq_by_id if labels.startswith("faq") else kb.cause_by_id
    rows = yaml.safe_load((folder / "labels" / labels).read_text(encoding="utf-8"))["labels"]
    written = queries(folder / source)
    assert [(row["persona"], row["query"]) for row in rows] == written
    for row in rows:
        assert all(entry in known for entry in row["relevant"]), row


@pytest.mark.parametrize("folder", SETS, ids=lambda f: f.name)
def test_the_sets_are_big_enough(folder: Path) -> None:
    assert len(queries(folder / "faq_queries.en.txt")) >= 200
    assert len(queries(folder / "faq_queries.zh.txt")) >= 80
    assert len(queries(folder / "offtopic.en.txt")) >= 20


@pytest.mark.parametrize("folder", SETS, ids=lambda f: f.name)
def test_a_second_readers_choices_follow_the_queries(folder: Path) -> None:
    kb = load_knowledge()
    for lang in ("en", "zh"):
        path = folder / "second_reader" / f"faq.{lang}.tsv"
        if not path.exists():
            continue
        picks = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
        written = queries(folder / f"faq_queries.{lang}.txt")
        assert [row[0] for row in picks] == [query for _, query in written]
        assert all(len(row) == 4 and all(p in kb.faq_by_id for p in row[1:]) for row in picks)
