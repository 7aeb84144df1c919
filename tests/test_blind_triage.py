"""The frozen blind vignettes (tests/blind): never under-triaged. Reported with
`python tests/blind/report_triage.py`; the set is never edited after seeing results."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
    "report_triage", Path(__file__).parent / "blind" / "report_triage.py"
)
assert SPEC is not None and SPEC.loader is not None
REPORT = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(REPORT)


def test_no_blind_vignette_is_under_triaged() -> None:
    rows = REPORT.outcomes()
    assert len(rows) >= 100
    under = [v["id"] for v, tier in rows if REPORT.rank(tier) > REPORT.rank(v["expected_tier"])]
    assert under == []
