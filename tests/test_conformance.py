"""Every referral trigger in docs/triage-conformance.yaml is a test (issue 13).

Guidelines are floors: galacli gives exactly the tier a row says, and a row where that is below
the guideline's tier must say why (`differs`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from galacli.core.check import normalise_answer, run_check
from galacli.knowledge.loader import load_knowledge
from galacli.knowledge.model import TIER_ORDER

KB = load_knowledge()
TABLE = Path(__file__).resolve().parent.parent / "docs" / "triage-conformance.yaml"
ROWS: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
RULES_DOC = TABLE.with_name("triage-rules.md").read_text(encoding="utf-8")


def rank(tier: str) -> int:
    return TIER_ORDER.index(tier)  # type: ignore[arg-type]


def answers_of(row: dict[str, Any]) -> dict[str, str]:
    normal = {key: normalise_answer(KB, key, value, "en") for key, value in row["answers"].items()}
    return {key: value for key, value in normal.items() if value is not None}


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_each_guideline_trigger_gives_its_tier(row: dict[str, Any]) -> None:
    result = run_check(KB, answers_of(row), "en")
    assert result.urgency == row["galacli"], row["source"]
    if rank(row["galacli"]) > rank(row["guideline"]):
        assert row.get("differs"), f"{row['id']} is below its guideline without saying why"
    if "act_within" in row:
        assert result.act_within is not None and row["act_within"] in result.act_within


def test_the_table_covers_the_guidelines_and_the_doc_lists_every_row() -> None:
    sources = " ".join(row["source"] for row in ROWS)
    for guideline in ("NICE NG12", "Scottish Referral", "MSD Manual Consumer", "MSD Manual "
                      "Professional", "Mayo Clinic", "NHS", "MHRA"):  # fmt: skip
        assert guideline in sources
    assert len({row["id"] for row in ROWS}) == len(ROWS)
    for row in ROWS:
        assert f"`{row['id']}`" in RULES_DOC, row["id"]


def test_no_row_is_under_triaged_unless_it_says_why() -> None:
    under = [
        r["id"] for r in ROWS if rank(r["galacli"]) > rank(r["guideline"]) and "differs" not in r
    ]
    assert under == []
