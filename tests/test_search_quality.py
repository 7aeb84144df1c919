"""Search quality on queries written as people type them (tests/search_queries.yaml) and on the
seed articles' own questions (tests/seed_questions.yaml). Queries were written before tuning.

Run `python tests/test_search_quality.py` for hit@1, hit@3 and MRR per language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from galacli.core.causes import find_causes
from galacli.core.faq import find_faq
from galacli.errors import NotFoundError
from galacli.knowledge.loader import load_knowledge

HERE = Path(__file__).parent
SEEDS: list[dict[str, Any]] = yaml.safe_load((HERE / "seed_questions.yaml").read_text())[
    "seed_questions"
]
QUERIES: list[dict[str, Any]] = yaml.safe_load((HERE / "search_queries.yaml").read_text())[
    "queries"
]


def ranked(kind: str, query: str, lang: str = "en") -> list[str]:
    """The ids a search returns, best first."""
    kb = load_knowledge()
    find = find_faq if kind == "faq" else find_causes
    try:
        return [item.id for item in find(kb, [query], lang, 5).results]
    except NotFoundError:
        return []


def metrics(lang: str = "en") -> dict[str, float]:
    items = [q for q in QUERIES if q.get("lang", "en") == lang]
    hit1 = hit3 = reciprocal = 0.0
    for item in items:
        found = ranked(item["kind"], item["query"], lang)
        relevant = set(item["relevant"])
        hit1 += bool(found) and found[0] in relevant
        hit3 += any(x in relevant for x in found[:3])
        reciprocal += next((1 / (i + 1) for i, x in enumerate(found) if x in relevant), 0.0)
    n = len(items)
    return {"n": n, "hit@1": hit1 / n, "hit@3": hit3 / n, "mrr": reciprocal / n}


def test_the_query_set_is_big_and_valid() -> None:
    kb = load_knowledge()
    assert len([q for q in QUERIES if q.get("lang", "en") == "en"]) >= 100
    for item in QUERIES:
        known = kb.faq_by_id if item["kind"] == "faq" else kb.cause_by_id
        assert all(r in known for r in item["relevant"]), item


@pytest.mark.parametrize("seed", SEEDS, ids=[f"seed{s['n']}" for s in SEEDS])
def test_every_seed_question_is_answered_by_the_top_hit(seed: dict[str, Any]) -> None:
    assert ranked("faq", seed["query"])[:1] == [seed["expected"]]


def test_english_quality_targets() -> None:
    m = metrics("en")
    assert m["hit@1"] >= 0.85, m
    assert m["hit@3"] >= 0.95, m


def test_chinese_quality() -> None:
    m = metrics("zh")
    assert m["n"] >= 25
    assert m["hit@1"] >= 0.85, m
    assert m["hit@3"] >= 0.95, m


if __name__ == "__main__":
    for lang in sorted({q.get("lang", "en") for q in QUERIES}):
        m = metrics(lang)
        print(
            f"{lang}: n={m['n']:.0f} hit@1={m['hit@1']:.3f} "
            f"hit@3={m['hit@3']:.3f} MRR={m['mrr']:.3f}"
        )
