"""Size-aware limits (issue 16, items 4 and 9): YAML aliases are bounded by the bytes they
stand for, not only by count; queries and answers have limits that keep every command fast."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from galacli.errors import DataError
from galacli.knowledge import safe_yaml

AMPLIFIED = "faq:\n  - &a " + "x" * 10_240 + "\n" + "".join("  - *a\n" for _ in range(10_000))
NESTED = (
    "questions:\n  - &a ["
    + ", ".join(["'" + "y" * 1000 + "'"] * 50)
    + "]\n"
    + "".join(
        f"  - &b{i} [*{'a' if i == 0 else f'b{i - 1}'}, *{'a' if i == 0 else f'b{i - 1}'}]\n"
        for i in range(20)
    )
)


@pytest.mark.parametrize("text", [AMPLIFIED, NESTED], ids=["one anchor 10,000 times", "doubling"])
def test_alias_amplification_by_size_is_refused_fast(text: str) -> None:
    started = time.monotonic()
    with pytest.raises(DataError) as caught:
        safe_yaml.parse(text, "pack/faq.yaml")
    assert "bytes (YAML aliases)" in caught.value.message
    assert time.monotonic() - started < 2


def test_the_limit_scales_with_the_file_and_is_capped() -> None:
    assert safe_yaml.expanded_limit("x") == safe_yaml.MIN_EXPANDED_BYTES
    assert safe_yaml.expanded_limit("x" * 1_000_000) == 8_000_000
    assert safe_yaml.expanded_limit("x" * 16_000_000) == safe_yaml.MAX_EXPANDED_BYTES


def test_a_pack_with_amplified_aliases_is_a_located_glc101(run, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "faq.yaml").write_text(AMPLIFIED, encoding="utf-8")
    started = time.monotonic()
    result = run("validate", str(folder))
    assert time.monotonic() - started < 10
    assert result.exit_code == 3 and "GLC101" in result.stdout and "bytes" in result.stdout


def test_an_answers_file_with_amplified_aliases_is_refused(run, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "x: &a " + "z" * 10_000 + "\nmedications: [" + ", ".join(["*a"] * 20_000) + "]\n",
        encoding="utf-8",
    )
    started = time.monotonic()
    result = run("check", "--answers", str(path))
    assert result.exit_code == 3 and "bytes (YAML aliases)" in result.stderr
    assert time.monotonic() - started < 5


def test_a_long_query_is_a_usage_error_not_minutes(run) -> None:
    words = [f"zzq{n}" for n in range(100_000)]
    started = time.monotonic()
    for command in ("faq", "causes"):
        result = run(command, *words)
        assert result.exit_code == 2 and "The search is too long" in result.stderr
    assert run("faq", *words[:32]).exit_code == 1  # within the limit: searched, nothing found
    assert time.monotonic() - started < 20


def test_a_long_answer_is_refused_with_its_limit(run, tmp_path: Path) -> None:
    names = ", ".join(f"drug{n}" for n in range(10_000))
    result = run("check", "-a", f"medications={names}")
    assert result.exit_code == 2 and "is too long (limit 2,000 characters)" in result.stderr
    path = tmp_path / "a.yaml"
    path.write_text(f"medications: {names}\n", encoding="utf-8")
    started = time.monotonic()
    result = run("check", "--answers", str(path))
    assert result.exit_code == 3 and "too long" in result.stderr
    assert time.monotonic() - started < 5
