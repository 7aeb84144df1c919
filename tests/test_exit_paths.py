"""Ordinary conditions are never exit 70 (issue 16, items 5, 6 and 12): an output that cannot
be written, closed streams, odd COLUMNS/LINES/SOURCE_DATE_EPOCH, odd input at a prompt, and
Ctrl-C at any moment after galacli's first line runs. Each runs as a real process."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

HUGE = "9" * 5000


def galacli(
    *args: str, env: dict[str, str] | None = None, input: str | None = None, **popen: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "galacli", *args],
        env=dict(os.environ) | (env or {}),
        capture_output="stdout" not in popen,
        text=True,
        input=input,
        timeout=60,
        **popen,
    )


def assert_no_bug(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode != 70, done.stderr
    assert "Traceback" not in (done.stderr or ""), done.stderr
    assert "bug in galacli" not in (done.stderr or "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["faq"], ["--help"], ["faq", "--help"], ["faq", "-f", "rich"]])
def test_a_full_disk_is_exit_74_with_a_message(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "galacli", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 74, done.stderr
    assert "galacli: cannot write the output: No space left on device." in done.stderr
    assert "Traceback" not in done.stderr


def test_a_closed_stdout_is_exit_74_and_output_never_reaches_another_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    done = subprocess.run(
        [sys.executable, "-m", "galacli", "faq"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ) | {"GALACLI_CACHE_DIR": str(cache)},
        preexec_fn=lambda: os.close(1),
        timeout=60,
    )
    assert done.returncode == 74 and "standard output is closed" in done.stderr


def test_with_stderr_closed_errors_never_go_to_stdout() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "galacli", "faq", "zzqqxx"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        preexec_fn=lambda: os.close(2),
        timeout=60,
    )
    assert done.returncode == 1
    assert "No question matches" not in done.stdout


def test_help_into_a_pipe_that_closes_exits_0() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "galacli", "--help"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(1)
        proc.stdout.close()
        error = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 0, error
    assert "Traceback" not in error


@pytest.mark.parametrize("name", ["COLUMNS", "LINES"])
@pytest.mark.parametrize("value", ["²", HUGE, "-5", " 80 "])
@pytest.mark.parametrize("args", [["when-to-worry", "-f", "rich"], ["--help"], ["faq", "--nope"]])
def test_odd_columns_and_lines_are_sanitised_before_rich_reads_them(
    name: str, value: str, args: list[str]
) -> None:
    done = galacli(*args, env={name: value})
    assert_no_bug(done)
    assert done.returncode == (2 if "--nope" in args else 0)


@pytest.mark.parametrize("value", ["253402300800", "²", HUGE, "-1", "1e9"])
def test_an_odd_source_date_epoch_is_a_usage_error(value: str) -> None:
    done = galacli("handout", env={"SOURCE_DATE_EPOCH": value})
    assert done.returncode == 2, done.stderr
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds" in done.stderr


def test_a_good_source_date_epoch_still_sets_the_date() -> None:
    done = galacli("handout", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert done.returncode == 0 and "2023-11-14" in done.stdout


def test_a_superscript_digit_at_a_prompt_is_asked_again() -> None:
    from galacli.interview import INVALID, understand
    from galacli.knowledge.loader import load_knowledge

    kb = load_knowledge()
    for word in ("²", "١", HUGE, "0", "99"):
        assert understand(kb.questions[0], word) is INVALID
    assert understand(kb.questions[0], "1") == kb.questions[0].values[0].id


SCRIPT = """
import os, signal, sys
signal.signal(signal.SIGALRM, lambda *_: os.kill(os.getpid(), signal.SIGINT))
signal.setitimer(signal.ITIMER_REAL, {delay})
sys.argv = ["galacli", *{args!r}]
from galacli.entry import main
try:
    main()
finally:
    signal.setitimer(signal.ITIMER_REAL, 0)  # finished first: no alarm during shutdown
"""


@pytest.mark.parametrize("seed", range(24))
def test_ctrl_c_at_any_moment_of_start_up_is_stopped_and_130(seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - a reproducible moment, not a secret
    delay = rng.uniform(0.0005, 0.35)
    args = rng.choice([["faq", "milk"], ["when-to-worry", "-f", "rich"], ["--help"], ["faq"]])
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(delay=delay, args=args)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in done.stderr, (delay, args, done.stderr)
    assert done.returncode in (0, 130), (delay, args, done.returncode, done.stderr)
    if done.returncode == 130:
        assert done.stderr.strip().endswith("Stopped."), done.stderr
