"""Would word vectors help FAQ search? An experiment, not part of galacli or its tests.

Compares, on the English development sets (the first blind set and v2 to v4, whose misses have
been read), galacli's ranker with WordLlama's static token vectors (16 MB, on PyPI): the
vectors alone (best cosine to one of an entry's question or phrasings) and blended into
galacli's top 10 at several weights. Needs, in a separate virtual environment:

    pip install wordllama -e .    # wordllama brings numpy; it is never a galacli dependency
    python benchmarks/word_vectors.py

Measured on 2026-12-03 (README, "Searching"): ranker 0.778 hit@1, vectors alone 0.552, blended
0.776 / 0.772 / 0.739 / 0.709 at weights 0.5 / 1 / 2 / 4.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
from wordllama import WordLlama

os.environ["GALACLI_NO_CACHE"] = "1"
BLIND = Path(__file__).parent.parent / "tests" / "blind"
sys.path.insert(0, str(BLIND))

import report_search  # noqa: E402  (the blind sets' own reader)

from galacli.core.faq import find_faq  # noqa: E402
from galacli.errors import GalacliError  # noqa: E402
from galacli.knowledge.loader import load_knowledge  # noqa: E402

DEVELOPMENT = [BLIND, BLIND / "v2", BLIND / "v3", BLIND / "v4"]


def main() -> None:
    model = WordLlama.load(disable_download=True)  # the vectors ship in the wheel
    kb = load_knowledge()
    ids = [entry.id for entry in kb.faq]
    texts, owners = [], []
    for position, entry in enumerate(kb.faq):
        for text in [
            entry.question.get("en"),
            *(entry.asked_as.get("en") if entry.asked_as else []),
        ]:
            texts.append(text)
            owners.append(position)
    vectors, owner = model.embed(texts, norm=True), np.array(owners)
    rows = [
        row
        for folder in DEVELOPMENT
        for row in report_search.labels("faq", "en", folder)
        if row["relevant"]
    ]
    cosines = model.embed([row["query"] for row in rows], norm=True) @ vectors.T
    best = np.stack([cosines[:, owner == i].max(1) for i in range(len(ids))], axis=1)
    ranked = []
    for row in rows:
        try:
            found = find_faq(kb, [row["query"]], "en", 10, list_only=True).results
            ranked.append([item.id for item in found])
        except GalacliError:
            ranked.append([])

    def report(name: str, order: list[list[str]]) -> None:
        hits = [bool(o) and o[0] in row["relevant"] for o, row in zip(order, rows, strict=True)]
        print(f"{name:24s} hit@1 {sum(hits) / len(rows):.3f}")

    report("galacli", ranked)
    report("vectors alone", [[ids[j] for j in np.argsort(-line)] for line in best])
    for weight in (0.5, 1, 2, 4):
        blended = []
        for k, found in enumerate(ranked):
            n = len(found)
            score = {
                key: (n - i) / n + weight * best[k][ids.index(key)] for i, key in enumerate(found)
            }
            blended.append(sorted(score, key=lambda key: -score[key]))
        report(f"blended, weight {weight}", blended)


if __name__ == "__main__":
    main()
