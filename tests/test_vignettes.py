"""Clinical vignettes (tests/vignettes.yaml): the symptom check against fact-sheet tiers.

Expected tiers were written from the fact sheet's section 6, not from the program's output.
Run `python tests/test_vignettes.py` for the exact-tier rate, under-triage count and cause hit@3.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from galacli.core.answers import read_answers
from galacli.core.check import run_check
from galacli.knowledge.loader import load_knowledge
from galacli.knowledge.model import TIER_ORDER

VIGNETTES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "vignettes.yaml").read_text(encoding="utf-8")
)["vignettes"]


def outcome(vignette: dict[str, Any]) -> tuple[str, list[str]]:
    kb = load_knowledge()
    pairs = [
        f"{key}={'yes' if v is True else 'no' if v is False else v}"
        for key, v in vignette["answers"].items()
    ]
    result = run_check(kb, read_answers(kb, pairs, None, "en"), "en")
    return result.urgency, [cause.id for cause in result.possible_causes[:3]]


def rank(tier: str) -> int:
    return TIER_ORDER.index(tier)  # type: ignore[arg-type]


def test_the_table_is_big_and_covers_every_sign() -> None:
    assert len(VIGNETTES) >= 40
    assert {v["expected_tier"] for v in VIGNETTES} == set(TIER_ORDER)
    for vignette in VIGNETTES:
        assert vignette["expected_tier"] in vignette["acceptable_tiers"]
        assert all(rank(t) <= rank(vignette["expected_tier"]) for t in vignette["acceptable_tiers"])
    fired = set()
    kb = load_knowledge()
    for vignette in VIGNETTES:
        pairs = [
            f"{k}={'yes' if v is True else 'no' if v is False else v}"
            for k, v in vignette["answers"].items()
        ]
        result = run_check(kb, read_answers(kb, pairs, None, "en"), "en")
        fired |= {flag.id for flag in result.red_flags + result.reassuring}
    assert fired == {sign.id for sign in kb.signs}, "signs no vignette exercises"


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_never_under_triaged_and_acceptable(vignette: dict[str, Any]) -> None:
    tier, _ = outcome(vignette)
    assert rank(tier) <= rank(vignette["expected_tier"]), f"under-triage: {tier}"
    assert tier in vignette["acceptable_tiers"], f"{tier} not in {vignette['acceptable_tiers']}"


def test_expected_causes_rank_in_the_top_three() -> None:
    scored = [v for v in VIGNETTES if v["expected_causes"]]
    hits = sum(all(c in outcome(v)[1] for c in v["expected_causes"]) for v in scored)
    assert hits / len(scored) >= 0.9


def report() -> str:
    exact = under = cause_hits = with_causes = 0
    for vignette in VIGNETTES:
        tier, top = outcome(vignette)
        exact += tier == vignette["expected_tier"]
        under += rank(tier) > rank(vignette["expected_tier"])
        if vignette["expected_causes"]:
            with_causes += 1
            cause_hits += all(c in top for c in vignette["expected_causes"])
    n = len(VIGNETTES)
    return (
        f"vignettes {n}: exact tier {exact}/{n} ({exact / n:.1%}), under-triage {under}, "
        f"cause hit@3 {cause_hits}/{with_causes} ({cause_hits / with_causes:.1%})"
    )


if __name__ == "__main__":
    print(report())
