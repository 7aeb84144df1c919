"""Report search quality on the frozen blind queries (tests/blind/*_queries.*.txt) and their
labels (tests/blind/labels/), which were written without seeing the ranker or its results.

Run: python tests/blind/report_search.py [--json] [--misses] [--set v2|...|v9] (`--set vN`
reads tests/blind/vN/). The first set and v2 became development sets on 2026-12-02, v3 and v4
on 2026-12-03, when their misses were read (tests/blind/README.md); v5 to v9 have been run in
aggregate only. `--misses` lists the misses: never use it on a blind set.

For each set: hit@1, hit@3 and MRR over the queries that have at least one acceptable entry;
"refused" is the share of those real queries that galacli wrongly answered with "nothing found".
For the off-topic sets, "refused" is the share correctly answered with "nothing found".
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from galacli.core.causes import find_causes
from galacli.core.faq import find_faq
from galacli.errors import GalacliError
from galacli.knowledge.loader import Knowledge, load_knowledge

HERE = Path(__file__).parent
LABELLED = {
    ("faq", "en"): "faq.en.yaml",
    ("faq", "zh"): "faq.zh.yaml",
    ("causes", "en"): "causes.en.yaml",
    ("causes", "zh"): "causes.zh.yaml",
}
OFFTOPIC = {"en": "offtopic.en.txt", "zh": "offtopic.zh.txt"}


FOLDER = HERE / sys.argv[sys.argv.index("--set") + 1] if "--set" in sys.argv else HERE


def labels(kind: str, lang: str, folder: Path = FOLDER) -> list[dict[str, Any]]:
    path = folder / "labels" / LABELLED[kind, lang]
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["labels"])


def offtopic(lang: str, folder: Path = FOLDER) -> list[str]:
    lines = (folder / OFFTOPIC[lang]).read_text(encoding="utf-8").splitlines()
    return [line.split("\t", 1)[1] for line in lines if "\t" in line]


def ranked(kb: Knowledge, kind: str, query: str, lang: str) -> list[str] | None:
    """The ids a search returns, best first; None when galacli says nothing was found (or
    refuses the query, as it once did for more than 32 words)."""
    find: Callable[..., Any] = find_faq if kind == "faq" else find_causes
    try:
        return [item.id for item in find(kb, [query], lang, 5).results]
    except GalacliError:
        return None


def score(kb: Knowledge, kind: str, lang: str) -> dict[str, Any]:
    rows = [row for row in labels(kind, lang) if row["relevant"]]
    hit1 = hit3 = reciprocal = 0.0
    refused = 0
    misses = []
    for row in rows:
        found = ranked(kb, kind, row["query"], lang)
        relevant = set(row["relevant"])
        if found is None:
            refused += 1
            found = []
        hit1 += bool(found) and found[0] in relevant
        hit3 += any(x in relevant for x in found[:3])
        rank = next((i + 1 for i, x in enumerate(found) if x in relevant), None)
        reciprocal += 1 / rank if rank else 0.0
        if rank != 1:
            misses.append({"query": row["query"], "want": row["relevant"], "got": found[:3]})
    n = len(rows)
    return {
        "set": f"{kind}.{lang}",
        "n": n,
        "hit@1": round(hit1 / n, 3),
        "hit@3": round(hit3 / n, 3),
        "mrr": round(reciprocal / n, 3),
        "refused": round(refused / n, 3),
        "misses": misses,
    }


def refusals(kb: Knowledge, lang: str) -> dict[str, Any]:
    queries = offtopic(lang)
    answered = [q for q in queries if ranked(kb, "faq", q, lang) is not None]
    return {
        "set": f"offtopic.{lang}",
        "n": len(queries),
        "refused": round(1 - len(answered) / len(queries), 3),
        "answered": answered,
    }


def second_reader(lang: str, folder: Path = FOLDER) -> dict[str, Any] | None:
    """How often another helper's own ranking of three entries per FAQ query (second_reader/,
    made from the catalogue without the labels or galacli's results) agrees with the labels:
    how far reading the entries, rather than matching words, gets."""
    path = folder / "second_reader" / f"faq.{lang}.tsv"
    if not path.exists():
        return None
    chosen = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    rows = [
        (row, picks[1:]) for row, picks in zip(labels("faq", lang, folder), chosen, strict=True)
    ]
    rows = [(row, picks) for row, picks in rows if row["relevant"]]
    hit1 = sum(picks[0] in row["relevant"] for row, picks in rows)
    hit3 = sum(any(p in row["relevant"] for p in picks[:3]) for row, picks in rows)
    n = len(rows)
    return {
        "set": f"second-reader.faq.{lang}",
        "n": n,
        "hit@1": round(hit1 / n, 3),
        "hit@3": round(hit3 / n, 3),
    }


def report() -> list[dict[str, Any]]:
    kb = load_knowledge()
    rows = [score(kb, kind, lang) for kind, lang in LABELLED]
    readers = [found for lang in ("en", "zh") if (found := second_reader(lang)) is not None]
    return rows + [refusals(kb, lang) for lang in OFFTOPIC] + readers


if __name__ == "__main__":
    results = report()
    if "--json" in sys.argv:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        for row in results:
            figures = {k: v for k, v in row.items() if k not in {"misses", "answered"}}
            print("  ".join(f"{k}={v}" for k, v in figures.items()))
        if "--misses" in sys.argv:
            for row in results:
                for miss in row.get("misses", []) + row.get("answered", []):
                    print(row["set"], miss)
