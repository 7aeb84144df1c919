"""Search quality on the sets the ranker is tuned on, as regression floors:

- tests/search_queries.yaml: queries as people type them, written by the developers before
  the first tuning (issue 5);
- tests/dev_queries.yaml: a development set written from personas by a helper who saw neither
  the ranker nor the other sets, then labelled from the topic list (issue 15);
- tests/seed_questions.yaml: the seed articles' own questions.

The frozen blind sets (tests/blind/) are reported by tests/blind/report_search.py and never
tuned on. Run `python tests/test_search_quality.py` for the figures.
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
SETS: dict[str, list[dict[str, Any]]] = {
    "tuning": yaml.safe_load((HERE / "search_queries.yaml").read_text())["queries"],
    "dev": yaml.safe_load((HERE / "dev_queries.yaml").read_text(encoding="utf-8"))["queries"],
}
# Measured 2026-12-02 (issue 15) and set a little below, so that a change that makes search
# worse for people fails here. Chinese tuning fell from 0.87 to 0.73 while the independent dev
# set rose; the dev set is the better guide.
FLOORS = {
    ("tuning", "faq", "en"): (0.88, 0.97),
    ("tuning", "faq", "zh"): (0.70, 0.95),
    ("tuning", "causes", "en"): (0.85, 0.97),
    ("dev", "faq", "en"): (0.80, 0.93),
    ("dev", "faq", "zh"): (0.80, 0.93),
    ("dev", "causes", "en"): (0.80, 0.93),
    ("dev", "causes", "zh"): (0.84, 0.90),
}


def ranked(kind: str, query: str, lang: str = "en") -> list[str]:
    """The ids a search returns, best first."""
    kb = load_knowledge()
    find = find_faq if kind == "faq" else find_causes
    try:
        return [item.id for item in find(kb, [query], lang, 5).results]
    except NotFoundError:
        return []


def metrics(name: str, kind: str, lang: str) -> dict[str, float]:
    items = [
        q for q in SETS[name] if q.get("lang", "en") == lang and q["kind"] == kind and q["relevant"]
    ]
    hit1 = hit3 = reciprocal = 0.0
    for item in items:
        found = ranked(item["kind"], item["query"], lang)
        relevant = set(item["relevant"])
        hit1 += bool(found) and found[0] in relevant
        hit3 += any(x in relevant for x in found[:3])
        reciprocal += next((1 / (i + 1) for i, x in enumerate(found) if x in relevant), 0.0)
    n = len(items) or 1
    return {"n": len(items), "hit@1": hit1 / n, "hit@3": hit3 / n, "mrr": reciprocal / n}


def test_the_query_sets_are_big_and_valid() -> None:
    kb = load_knowledge()
    assert len([q for q in SETS["tuning"] if q.get("lang", "en") == "en"]) >= 100
    assert len(SETS["dev"]) >= 300
    for items in SETS.values():
        for item in items:
            known = kb.faq_by_id if item["kind"] == "faq" else kb.cause_by_id
            assert all(r in known for r in item["relevant"]), item


# Each seed question was labelled with one entry, though some have two good answers ("Why am I
# lactating when not pregnant? What are the causes?" is answered by milk-not-pregnant as well as
# causes-overview), so these floors leave room for that.
def test_seed_questions_find_their_entry_in_the_top_three() -> None:
    found = [s for s in SEEDS if s["expected"] in ranked("faq", s["query"])[:3]]
    assert len(found) >= 0.95 * len(SEEDS)


def test_four_seed_questions_in_five_find_their_entry_first() -> None:
    first = [s for s in SEEDS if ranked("faq", s["query"])[:1] == [s["expected"]]]
    assert len(first) >= 0.8 * len(SEEDS)


@pytest.mark.parametrize(("name", "kind", "lang"), list(FLOORS))
def test_quality_floors(name: str, kind: str, lang: str) -> None:
    m = metrics(name, kind, lang)
    least1, least3 = FLOORS[name, kind, lang]
    assert m["hit@1"] >= least1, m
    assert m["hit@3"] >= least3, m


if __name__ == "__main__":
    for name, kind, lang in sorted(
        {(n, q["kind"], q.get("lang", "en")) for n in SETS for q in SETS[n]}
    ):
        m = metrics(name, kind, lang)
        print(
            f"{name:6} {kind:6} {lang}: n={m['n']:.0f} hit@1={m['hit@1']:.3f} "
            f"hit@3={m['hit@3']:.3f} MRR={m['mrr']:.3f}"
        )
