"""The interactive check through a real pseudo-terminal (pexpect), as a person would use it."""

from __future__ import annotations

import os
import sys

import pytest

pexpect = pytest.importorskip("pexpect")


def spawn(*args: str):  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GALACLI_", "LANG", "LC_"))}
    env.update({"COLUMNS": "100", "TERM": "xterm", "NO_COLOR": "1"})
    return pexpect.spawn(
        sys.executable,
        ["-m", "galacli", "check", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )


def answer(child, *replies: str) -> None:  # type: ignore[no-untyped-def]
    for reply in replies:
        child.expect("> ")
        child.sendline(reply)


def test_emergency_answer_stops_early_and_shows_the_result() -> None:
    child = spawn("--region", "gb")
    child.expect("Who is this about")
    answer(child, "4")  # an adult
    child.expect("sudden, very bad headache")
    answer(child, "1")  # yes: an emergency sign
    child.expect("needs help now: call 999")
    child.expect("EMERGENCY")
    child.expect("Call 999 or go to the emergency department")
    child.expect("To run this check again")
    child.expect("sudden_severe_headache=yes")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_help_back_and_skip_logic() -> None:
    child = spawn()
    answer(child, "4")  # adult
    child.expect("sudden, very bad headache")
    answer(child, "?")
    child.expect("Why we ask")
    answer(child, "2", "2", "2", "2")  # headache, vision, fever, infection: no
    child.expect("What sex")
    answer(child, "b")  # back to the infection question
    child.expect("hot, red, swollen or painful")
    answer(child, "2")
    child.expect("What sex")
    answer(child, "2")  # male
    child.expect("What does the fluid look like")
    answer(child, "1", "2", "2", "2", "d", "d", "2", "2")  # milky ... headache, vision: no
    # No pregnancy or period question for a man: the next one is about bringing in milk.
    index = child.expect(["bring in milk on purpose", "pregnant or breastfeeding", "periods"])
    assert index == 0
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_ctrl_c_exits_130_without_traceback() -> None:
    child = spawn()
    child.expect("> ")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in output
    assert "Stopped." in output


def test_end_of_input_is_a_usage_error() -> None:
    child = spawn()
    child.expect("> ")
    child.sendeof()
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 2
    assert "input ended" in output
    assert "Traceback" not in output


def test_no_input_flag_never_asks() -> None:
    child = spawn("--no-input")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2


def test_the_interview_in_chinese() -> None:
    child = spawn("--lang", "zh")
    child.expect("galacli 自查")
    child.expect("这是关于谁的情况")
    answer(child, "4")  # 成年人
    child.expect("头痛")
    answer(child, "?")
    child.expect("为什么问这个")
    answer(child, "1")  # 是：紧急信号
    child.expect("需要立即求助")
    child.expect("紧急")
    child.expect("sudden_severe_headache=yes")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
