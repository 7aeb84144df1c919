"""Golden files: exactly what a person sees, per command, format and language (no colour).

Regenerate after an intended change with:  GALACLI_UPDATE_GOLDEN=1 pytest tests/test_golden.py
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
CHECK = ("check", "-a", "sex=female", "-a", "age_group=adult", "-a", "discharge=bloody",
         "-a", "pregnant_or_breastfeeding=yes", "-a", "medications=Risperdal")  # fmt: skip
COMMANDS = {
    "faq-id": ("faq", "why-milk-after-sex"),
    "faq-search": ("faq", "milk", "after", "sex", "--list"),
    "causes-id": ("causes", "hypothyroidism"),
    "causes-drug": ("causes", "--drug", "Risperdal"),
    "check": CHECK,
    "check-brief": (*CHECK, "--brief"),
    "faq-brief": ("faq", "why-milk-after-sex", "--brief"),
    "when-to-worry": ("when-to-worry",),
    "faq-answer": ("faq", "why", "do", "i", "leak", "after", "sex", "--brief"),
    "search": ("search", "stress"),
    "search-zh": ("search", "压力大", "流奶"),
}
ONE_LANGUAGE = {"faq-search": "en", "faq-answer": "en", "search": "en", "search-zh": "zh"}
CASES = [
    (name, fmt, lang)
    for name in COMMANDS
    for fmt in ("plain", "markdown", "rich")
    for lang in ("en", "zh")
    if ONE_LANGUAGE.get(name, lang) == lang
]


@pytest.mark.parametrize(
    ("name", "fmt", "lang"), CASES, ids=[f"{n}.{f}.{lang}" for n, f, lang in CASES]
)
def test_golden(run, name: str, fmt: str, lang: str) -> None:
    result = run(*COMMANDS[name], "--format", fmt, "--lang", lang, "--color", "never")
    assert result.exit_code == 0, result.stderr
    compare(GOLDEN / f"{name}.{lang}.{fmt}.txt", result.stdout)


# The default handout; the printed date comes from SOURCE_DATE_EPOCH (2026-11-21), not today.
HANDOUT_CASES = [(fmt, lang) for fmt in ("markdown", "html") for lang in ("en", "zh")]
EPOCH = {"SOURCE_DATE_EPOCH": "1795219200"}


@pytest.mark.parametrize(
    ("fmt", "lang"), HANDOUT_CASES, ids=[f"handout.{f}.{lang}" for f, lang in HANDOUT_CASES]
)
def test_golden_handout(run, fmt: str, lang: str) -> None:
    result = run("handout", "--format", fmt, "--lang", lang, env=EPOCH)
    assert result.exit_code == 0, result.stderr
    compare(GOLDEN / f"handout.{lang}.{fmt}.txt", result.stdout)


def compare(path: Path, output: str) -> None:
    if os.environ.get("GALACLI_UPDATE_GOLDEN"):
        path.write_text(output, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == output, f"{path.name} differs"
