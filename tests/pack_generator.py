"""Generated knowledge packs for timing `galacli validate` (issue 16, item 9) and for checking the
near-duplicate lint against the pairwise oracle. Seeded, so a run is the same every time."""

from __future__ import annotations

import random
from pathlib import Path

# About 30 plain words: every question draws from these, so every pair shares many words and
# the old rarest-word candidate filter compared nearly every pair.
SMALL_VOCABULARY = (
    "can milk come out of my breast nipple when i am not pregnant or feeding "
    "why does it leak is this normal should see a doctor"
).split()

ENTRY = """\
  - id: gen-{index}
    question: {{en: "{question}"}}
    short_answer: {{en: "Talk to your doctor about it."}}
    answer: {{en: "A doctor can check why this happens. You can ask for a blood test."}}
    tags: {{en: [generated]}}
    sources: [NHS-ND]
    reviewed: 2026-10-01
"""


def random_word(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))


def shared_vocabulary_questions(count: int, seed: int = 16) -> list[str]:
    """Questions of 6-12 words, all from SMALL_VOCABULARY."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    return [
        " ".join(rng.choice(SMALL_VOCABULARY) for _ in range(rng.randint(6, 12))) + "?"
        for _ in range(count)
    ]


def random_questions(count: int, seed: int = 16) -> list[str]:
    """Questions of 4-10 random letter-words: almost no two share a word."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    return [
        " ".join(random_word(rng) for _ in range(rng.randint(4, 10))).capitalize() + "?"
        for _ in range(count)
    ]


def write_faq_pack(folder: Path, questions: list[str]) -> Path:
    """A pack folder holding one faq.yaml with an entry per question."""
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(ENTRY.format(index=i, question=q) for i, q in enumerate(questions))
    (folder / "faq.yaml").write_text(f"faq:\n{body}", encoding="utf-8")
    return folder
