"""galacli start-up and search benchmarks (standard library and galacli's own dependencies only).

Whole commands run as separate processes in turn (A B A B ...), each paired with a one-command
Typer app in the same environment, and compared pair by pair, as in
shared/reference/perf-floors. In-process search latency is measured over the shipped knowledge
and over a generated pack of 10,000 FAQ-like entries.

    python benchmarks/bench.py            # 20 pairs
    python benchmarks/bench.py -n 40
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TYPER_APP = """
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")
app()
"""
QUERIES = [
    "milk after sex",
    "why are my boobs leaking",
    "galactorea",
    "risperdal lactate",
    "newborn milk nipples",
    "prolactin test",
    "没怀孕为什么会有奶",
    "bloody discharge one breast",
]


def run_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def paired(a: list[str], b: list[str], pairs: int) -> tuple[float, float, float]:
    for _ in range(2):  # warm-up (and the knowledge cache)
        run_once(a)
        run_once(b)
    a_ms, b_ms, ratios = [], [], []
    for _ in range(pairs):
        ta, tb = run_once(a), run_once(b)
        a_ms.append(ta)
        b_ms.append(tb)
        ratios.append(ta / tb)
    return statistics.median(a_ms), statistics.median(b_ms), statistics.median(ratios)


def generated_documents(entries: int) -> list[tuple[str, dict[str, str]]]:
    """FAQ-like entries made of words from the shipped answers (same seed, same pack)."""
    from galacli.knowledge.loader import load_knowledge

    words = " ".join(entry.answer.en for entry in load_knowledge().faq).split()
    rng = random.Random(7)
    return [
        (
            f"gen-{i}",
            {
                "question": " ".join(rng.choices(words, k=10)),
                "tags": " ".join(rng.choices(words, k=6)),
                "answer": " ".join(rng.choices(words, k=120)),
            },
        )
        for i in range(entries)
    ]


def write_pack(folder: Path, entries: int) -> Path:
    """A knowledge pack with `entries` generated FAQ entries, for the whole-command benchmark."""
    import json

    lines = ["faq:"]
    for key, fields in generated_documents(entries):
        tags = json.dumps(fields["tags"].split()[:6], ensure_ascii=False)
        lines += [
            f"  - id: {key}",
            f"    question: {{en: {json.dumps(fields['question'] + '?', ensure_ascii=False)}}}",
            f"    short_answer: {{en: {json.dumps(fields['question'], ensure_ascii=False)}}}",
            f"    answer: {{en: {json.dumps(fields['answer'], ensure_ascii=False)}}}",
            f"    tags: {{en: {tags}}}",
            "    sources: [NHS-ND]",
            "    reviewed: 2026-01-01",
        ]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "faq.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def search_latency(entries: int | None) -> tuple[float, float, float]:
    """(build ms, median query ms, max query ms) over the shipped FAQ or a generated pack."""
    from galacli.core.common import vocabulary
    from galacli.core.faq import FAQ_WEIGHTS
    from galacli.core.search import Index
    from galacli.knowledge.loader import load_knowledge

    kb = load_knowledge()
    if entries:
        documents = generated_documents(entries)
    else:
        documents = [
            (e.id, {"question": e.question.en, "tags": " ".join(e.tags.en), "answer": e.answer.en})
            for e in kb.faq
        ]
    start = time.perf_counter()
    index = Index.build(documents, FAQ_WEIGHTS, vocabulary(kb), ("question", "tags"))
    build = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(5):
        for query in QUERIES:
            start = time.perf_counter()
            index.search(query, 5)
            times.append((time.perf_counter() - start) * 1000)
    return build, statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20, help="pairs per whole-command comparison")
    args = parser.parse_args()
    python = sys.executable
    # As pip installs it: byte-compiled, so no run pays for compiling galacli's source.
    import compileall

    import galacli as package

    compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    galacli = [python, "-m", "galacli"]
    with tempfile.TemporaryDirectory() as folder:
        app = Path(folder) / "one_command_app.py"
        app.write_text(TYPER_APP)
        baseline = [python, str(app)]
        rows = [
            ("galacli faq men --format plain", [*galacli, "faq", "men", "--format", "plain"]),
            (
                "galacli faq milk after sex --format plain",
                [*galacli, "faq", "milk", "after", "sex", "--format", "plain"],
            ),
            (
                "galacli check -a ... --format plain",
                [*galacli, "check", "-a", "sex=male", "-a", "discharge=milky", "--format", "plain"],
            ),
            (
                "galacli faq men --format rich",
                [*galacli, "faq", "men", "--format", "rich", "--color", "always"],
            ),
        ]
        pack = str(write_pack(Path(folder) / "pack", 10_000))
        query = ["faq", "milk", "after", "sex", "--format", "plain"]
        rows.append(("the same query, 10,000-entry pack", [*galacli, *query, "--data-dir", pack]))
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.n} pairs each")
        print(f"{'command':46} {'ms':>7} {'app ms':>7} {'ratio':>6}")
        for label, command in rows:
            a, b, ratio = paired(command, baseline, args.n)
            print(f"{label:46} {a:7.1f} {b:7.1f} {ratio:6.2f}")
        shipped_query = [*galacli, *query]
        a, b, ratio = paired(rows[-1][1], shipped_query, args.n)
        print(f"{'10,000-entry pack / shipped, same query':46} {a:7.1f} {b:7.1f} {ratio:6.2f}")
    print()
    print(f"{'search (in process)':46} {'build':>7} {'median':>7} {'max':>6}")
    for label, entries in (
        ("shipped FAQ", None),
        ("generated pack (10,000 entries)", 10_000),
    ):
        build, median, worst = search_latency(entries)
        print(f"{label:46} {build:7.1f} {median:7.2f} {worst:6.2f}  ms")


if __name__ == "__main__":
    main()
