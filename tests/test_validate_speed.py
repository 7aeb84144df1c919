"""`galacli validate` on large generated packs (issue 16, item 9), and the near-duplicate lint
checked against comparing every pair, the method it replaces."""

from __future__ import annotations

import difflib
import random
import time
from pathlib import Path

import msgspec
import pytest
from pack_generator import (
    SMALL_VOCABULARY,
    random_questions,
    shared_vocabulary_questions,
    write_faq_pack,
)

from galacli.knowledge.lint import NEAR_DUPLICATE, duplicate_findings
from galacli.knowledge.loader import Knowledge, load_knowledge
from galacli.knowledge.model import Text

KB = load_knowledge()


def every_pair(kb: Knowledge) -> list[tuple[int, str]]:
    """The oracle: difflib on every pair of questions (hours on 10,000 entries)."""
    questions = [entry.question.en.casefold() for entry in kb.faq]
    found = []
    for j in range(len(questions)):
        for i in range(j):
            matcher = difflib.SequenceMatcher(None, questions[i], questions[j])
            # real_quick_ratio and quick_ratio are upper bounds of ratio: skipping is exact
            if matcher.real_quick_ratio() < NEAR_DUPLICATE:
                continue
            if matcher.quick_ratio() < NEAR_DUPLICATE:
                continue
            ratio = matcher.ratio()
            if ratio >= NEAR_DUPLICATE:
                found.append((j, f"question is a near-duplicate of '{kb.faq[i].id}' ({ratio:.2f})"))
    return found


def lint_pairs(kb: Knowledge) -> list[tuple[int, str]]:
    return [(int(f.path[1]), f.message) for f in duplicate_findings(kb) if f.code == "GLC204"]


def near_copy(question: str, rng: random.Random) -> str:
    """A question edited the way a second author would: a typo, a word changed, added, dropped
    or two words swapped, a question mark added."""
    words = question.rstrip("?").split()
    edit = rng.choice(["typo", "change", "add", "drop", "swap", "mark", "two"])
    spot = rng.randrange(len(words))
    if edit == "typo":
        word = words[spot]
        words[spot] = word[:-1] + rng.choice("aeiou") if len(word) > 1 else word + "s"
    elif edit in ("change", "two"):
        words[spot] = rng.choice(SMALL_VOCABULARY)
        if edit == "two":
            words[rng.randrange(len(words))] = rng.choice(SMALL_VOCABULARY)
    elif edit == "add":
        words.insert(spot, rng.choice(SMALL_VOCABULARY))
    elif edit == "drop" and len(words) > 2:
        del words[spot]
    elif edit == "swap" and spot + 1 < len(words):
        words[spot], words[spot + 1] = words[spot + 1], words[spot]
    return " ".join(words) + ("??" if edit == "mark" else "?")


def with_questions(questions: list[str]) -> Knowledge:
    template = KB.faq[0]
    extra = tuple(
        msgspec.structs.replace(template, id=f"gen-{n}", question=Text(en=question))
        for n, question in enumerate(questions)
    )
    return KB.replace(faq=(*KB.faq, *extra))


def test_the_shipped_questions_give_the_same_pairs_as_every_pair() -> None:
    assert lint_pairs(KB) == every_pair(KB)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_questions_give_the_same_pairs_as_every_pair(seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    base = shared_vocabulary_questions(150, seed=seed) + random_questions(100, seed=seed)
    shipped = [entry.question.en for entry in KB.faq]
    copies = [near_copy(rng.choice(base + shipped), rng) for _ in range(100)]
    questions = base + copies
    rng.shuffle(questions)
    kb = with_questions(questions)
    expected = every_pair(kb)
    assert len(expected) >= 50  # the planted near-copies are found, not only chance pairs
    assert lint_pairs(kb) == expected


# ---- timing: `validate` must stay near-linear (the fixed cases took 205 s and 110 s)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("questions", "limit"),
    [
        pytest.param(lambda: shared_vocabulary_questions(3000), 60.0, id="3000-small-vocabulary"),
        pytest.param(lambda: random_questions(16000), 60.0, id="16000-random"),
    ],
)
def test_validate_a_large_pack_in_time(run, tmp_path: Path, questions, limit: float) -> None:  # type: ignore[no-untyped-def]
    folder = write_faq_pack(tmp_path / "pack", questions())
    started = time.perf_counter()
    result = run("validate", str(folder))
    took = time.perf_counter() - started
    assert result.exit_code == 0, result.stdout + result.stderr
    assert took < limit, f"validate took {took:.1f} s (limit {limit:g} s)"
