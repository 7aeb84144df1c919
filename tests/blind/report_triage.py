"""Report `galacli check` on the frozen blind vignettes (tests/blind/triage_vignettes.yaml).

The vignettes were written from guideline text by someone who saw neither the rules nor the code;
they are reported, never tuned on. Run: python tests/blind/report_triage.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from galacli.core.check import normalise_answer, run_check
from galacli.knowledge.loader import load_knowledge
from galacli.knowledge.model import TIER_ORDER

VIGNETTES = Path(__file__).with_name("triage_vignettes.yaml")


def rank(tier: str) -> int:
    return TIER_ORDER.index(tier)  # type: ignore[arg-type]


def outcomes() -> list[tuple[dict[str, Any], str]]:
    kb = load_knowledge()
    known = {q.id for q in kb.questions}
    rows = []
    for vignette in yaml.safe_load(VIGNETTES.read_text(encoding="utf-8")):
        answers = {}
        for key, value in vignette["answers"].items():
            if key in known:  # a question id the writer expected but galacli lacks is left out
                normal = normalise_answer(kb, key, value, "en")
                if normal is not None:
                    answers[key] = normal
        rows.append((vignette, run_check(kb, answers, "en").urgency))
    return rows


def report() -> str:
    counts: Counter[str] = Counter()
    lines = []
    for vignette, tier in outcomes():
        expected = vignette["expected_tier"]
        kind = "exact" if tier == expected else "under" if rank(tier) > rank(expected) else "over"
        counts[kind] += 1
        if kind != "exact":
            lines.append(f"  {kind:5} {vignette['id']}: expected {expected}, got {tier}")
    total = sum(counts.values())
    head = (
        f"blind vignettes {total}: exact {counts['exact']} ({counts['exact'] / total:.0%}), "
        f"under-triage {counts['under']}, over-triage {counts['over']}"
    )
    return "\n".join([head, *lines])


if __name__ == "__main__":
    print(report())
