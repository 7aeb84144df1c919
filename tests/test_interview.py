"""The interactive check through a real pseudo-terminal (pexpect), as a person would use it."""

from __future__ import annotations

import os
import re
import sys
import time

import pytest

pexpect = pytest.importorskip("pexpect")

ADULT_WOMAN = {
    "Who is this about": "4",
    "What sex": "1",
    "What does the fluid look like": "1",
    "one breast or both": "2",
}
ZH_ADULT_WOMAN = {"这是关于谁的情况": "4", "生理性别": "1", "液体看起来": "1", "一侧乳房": "2"}


def spawn(*args: str, columns: int = 100):  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GALACLI_", "LANG", "LC_"))}
    env.update({"COLUMNS": str(columns), "TERM": "xterm", "NO_COLOR": "1"})
    return pexpect.spawn(
        sys.executable,
        ["-m", "galacli", "check", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, columns),
    )


def answer(child, *replies: str) -> None:  # type: ignore[no-untyped-def]
    for reply in replies:
        child.expect("> ")
        child.sendline(reply)


def walk(child, until: str, replies: dict[str, str], default: str = "n") -> None:  # type: ignore[no-untyped-def]
    """Answer every question (those whose prompt contains a key of `replies` with its value, the
    others with `default`) until a prompt containing `until` is shown."""
    keys = list(replies)
    for _ in range(60):  # more than there are questions: a reply that never fits must fail
        index = child.expect([re.escape(until), *map(re.escape, keys), r"\n> "])
        if index == 0:
            return
        if index <= len(keys):
            child.expect("> ")
            child.sendline(replies[keys[index - 1]])
        else:
            child.sendline(default)
    raise AssertionError(f"never reached {until!r}")


def stop(child) -> None:  # type: ignore[no-untyped-def]
    """End a test's session with `q` at the next prompt (deterministic, unlike a Ctrl-C that can
    land between Python's signal check and readline's wait, where CPython only sees it later)."""
    child.expect("> ")
    child.sendline("q")
    _, status = finish(child)
    assert status == 130


def finish(child) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert "Traceback" not in output
    return output, child.exitstatus


# ---------------------------------------------------------------- yes and no, in both languages


@pytest.mark.parametrize(
    ("lang", "replies"),
    [
        ("en", ["y", "yes", "Y", "是", "对", "是的"]),
        ("zh", ["是", "是的", "对", "y", "YES"]),
    ],
)
def test_every_yes_word_is_understood(lang: str, replies: list[str]) -> None:
    """Each yes word answers the headache question "yes" (and so asks for the confirmation);
    `n` to the confirmation then goes back, so the next word can be tried."""
    child = spawn("--lang", lang)
    answer(child, "4")
    for reply in replies:
        answer(child, reply)
        child.expect("emergency sign" if lang == "en" else "紧急信号")
        answer(child, "n")
    stop(child)


@pytest.mark.parametrize(
    ("lang", "replies"),
    [("en", ["n", "no", "N", "否", "不是", "不", "2"]), ("zh", ["否", "不是", "不", "n", "No"])],
)
def test_every_no_word_is_understood(lang: str, replies: list[str]) -> None:
    """Each no word answers question 2 and moves on to question 3; `b` goes back to try the next."""
    child = spawn("--lang", lang)
    answer(child, "4")
    for reply in replies:
        answer(child, reply)
        child.expect(r"\n3\. ")
        answer(child, "b")
        child.expect(r"\n2\. ")
    stop(child)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "'maybe' is not an answer to this question. Please type y or n (yes, no, 1 or 2"),
        ("zh", "“maybe”不是这个问题的回答。请输入 y 或 n（也可以输入 是、否、是的、不是、对、不"),
    ],
)
def test_an_invalid_yes_no_answer_says_what_is_accepted(lang: str, expected: str) -> None:
    child = spawn("--lang", lang, columns=200)
    answer(child, "4", "maybe")
    child.expect(re.escape(expected))
    stop(child)


def test_an_invalid_choice_says_which_numbers_are_accepted() -> None:
    child = spawn(columns=200)
    answer(child, "9")
    child.expect(re.escape("Please type a number from 1 to 5 (or the answer's words), d for"))
    answer(child, "adult")  # the answer's own word works too
    child.expect("sudden, very bad headache")
    stop(child)


# ---------------------------------------------------------------- blank Enter


@pytest.mark.parametrize(("lang", "expected"), [("en", "Nothing was typed"), ("zh", "还没有输入")])
def test_blank_enter_asks_again(lang: str, expected: str) -> None:
    child = spawn("--lang", lang)
    answer(child, "")
    child.expect(expected)
    answer(child, "4")
    child.expect("2. ")  # only now the next question
    stop(child)


@pytest.mark.parametrize(
    ("lang", "replies", "medicines", "hint", "next_question"),
    [
        ("en", ADULT_WOMAN, "Which medicines", "Enter = don't know", "heart raced"),
        ("zh", ZH_ADULT_WOMAN, "哪些药物", "直接回车 = 不知道", "心跳很快"),
    ],
)
def test_blank_means_dont_know_where_the_question_says_so(  # type: ignore[no-untyped-def]
    lang, replies, medicines, hint, next_question
) -> None:
    child = spawn("--lang", lang)
    walk(child, medicines, replies)
    child.expect(re.escape(hint))
    answer(child, "")
    child.expect(next_question)
    stop(child)


# ---------------------------------------------------------------- keys: back, quit, Ctrl-D


@pytest.mark.parametrize(
    ("lang", "keys", "expected"),
    [
        ("en", "b = back, q = quit (or Ctrl-C)", "This is the first question: there is nothing"),
        ("zh", "b = 返回上一题，q = 退出（或按 Ctrl-C）", "这是第一个问题，前面没有问题了。"),
    ],
)  # fmt: skip
def test_the_keys_and_back_on_the_first_question(lang: str, keys: str, expected: str) -> None:
    """The hint line names back, quit and Ctrl-C; `b` on question 1 says why nothing happens."""
    child = spawn("--lang", lang, columns=200)
    child.expect(re.escape(keys))
    answer(child, "b")
    child.expect(re.escape(expected))
    answer(child, "4")
    child.expect("2. ")
    answer(child, "b")  # back from question 2 goes to question 1
    child.expect("1. ")
    stop(child)


@pytest.mark.parametrize(
    ("lang", "word", "stopped"), [("en", "q", "Stopped."), ("zh", "退出", "已停止。")]
)
def test_quit_stops_like_ctrl_c_with_no_result(lang: str, word: str, stopped: str) -> None:
    child = spawn("--lang", lang)
    answer(child, "4", word)
    output, status = finish(child)
    assert status == 130
    assert stopped in output
    assert "galacli check -a" not in output  # no result, so no command line to run it again


def test_ctrl_c_exits_130_without_traceback() -> None:
    child = spawn()
    child.expect("> ")
    time.sleep(0.3)  # let input() start waiting (see stop())
    child.sendcontrol("c")
    output, status = finish(child)
    assert status == 130
    assert "Stopped." in output


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "galacli: input ended before the check was finished"),
        ("zh", "galacli: 检查还没完成，输入就结束了"),
    ],
)
def test_end_of_input_ends_on_its_own_line(lang: str, message: str) -> None:
    child = spawn("--lang", lang)
    child.expect("> ")
    child.sendeof()
    output, status = finish(child)
    assert status == 2
    lines = [line.strip() for line in output.splitlines()]
    assert message in lines  # alone on its line, not after the "> " prompt


def test_no_input_flag_never_asks() -> None:
    child = spawn("--no-input")
    _, status = finish(child)
    assert status == 2


# ---------------------------------------------------------------- the emergency confirmation


@pytest.mark.parametrize(
    ("lang", "confirm", "headache"),
    [
        ("en", "You said yes to 'sudden severe headache'. That is an emergency", "bad headache"),
        ("zh", "你的回答是“是”（突发剧烈头痛）。这是一个紧急信号。这样回答对吗？", "头痛"),
    ],
)  # fmt: skip
def test_an_emergency_answer_is_confirmed_and_no_goes_back(
    lang: str, confirm: str, headache: str
) -> None:
    child = spawn("--lang", lang, columns=200)
    answer(child, "4", "1")  # adult, then "1" (yes) to the sudden headache by mistake
    child.expect(re.escape(confirm))
    answer(child, "n")
    child.expect(r"2\. [^\r\n]*" + headache)  # the same question again, same number
    answer(child, "2")
    child.expect("3. ")
    stop(child)


@pytest.mark.parametrize(
    ("lang", "stop", "tier"),
    [("en", "needs help now", "EMERGENCY"), ("zh", "需要立即求助", "紧急")],
)
def test_a_confirmed_emergency_stops_and_shows_the_result(lang: str, stop: str, tier: str) -> None:
    child = spawn("--lang", lang)
    answer(child, "4", "y", "maybe", "y")  # the confirmation forgives a stray word too
    child.expect(stop)
    child.expect(tier)
    child.expect("sudden_severe_headache=yes")
    _, status = finish(child)
    assert status == 0


def test_the_emergency_stop_names_the_number_for_the_region() -> None:
    child = spawn("--region", "gb")
    answer(child, "4", "y", "y")  # an adult; sudden headache: yes; and yes, that is right
    child.expect("needs help now: call 999")
    child.expect("EMERGENCY")
    child.expect("Call 999 or go to the emergency department")
    _, status = finish(child)
    assert status == 0


# ---------------------------------------------------------------- layout and skip logic


def test_a_long_chinese_question_keeps_its_number() -> None:
    """At 80 columns the skin-change question wraps: "8." stays on the line with its text, the
    next line hangs under the text, and nothing is cut short with an ellipsis."""
    child = spawn("--lang", "zh", columns=80)
    walk(child, "乳房皮肤或乳头有没有变化", ZH_ADULT_WOMAN)
    assert re.search(r"\n\d+\. $", child.before)  # the number is on the line with the text
    child.expect("d. 不知道")
    shown = child.before
    stop(child)
    lines = [line.rstrip() for line in shown.splitlines()]
    assert lines[0].endswith("例如出现小凹坑、皱缩，乳头最近变得向内凹，或者乳头"), lines
    assert lines[1] == "   上有结痂或脱屑的皮疹。", lines  # hanging under the text
    assert not any(re.fullmatch(r"\s*\d+\.\s*", line) for line in lines)
    assert "…" not in shown


def test_a_man_is_not_asked_about_pregnancy_or_periods() -> None:
    child = spawn()
    walk(child, "bring in milk on purpose", {**ADULT_WOMAN, "What sex": "2"})
    shown = child.before
    stop(child)
    assert "pregnant" not in shown
    assert "periods" not in shown


def test_a_woman_is_not_asked_about_erections() -> None:
    child = spawn()
    walk(child, "lower sex drive", ADULT_WOMAN)
    child.expect(r"\n> ")
    shown = child.before
    child.sendline("q")
    assert finish(child)[1] == 130
    assert "erection" not in shown


def test_an_adult_is_not_asked_the_newborn_fever_question() -> None:
    """Fever only matters in the rules for a baby under 3 months (core/relevance.py)."""
    child = spawn()
    answer(child, "4", "2", "2")  # adult; no sudden headache; no sudden loss of sight
    index = child.expect(["fever of 38", "hot, red, swollen"])
    assert index == 1
    stop(child)


def test_help_then_an_answer() -> None:
    child = spawn()
    answer(child, "4", "?")
    child.expect("Why we ask")
    answer(child, "2")
    child.expect("3. ")
    stop(child)


# ---------------------------------------------------------------- the reply parser, every question


def test_every_yes_no_question_understands_every_yes_and_no_word() -> None:
    from galacli.core.check import normalise_answer
    from galacli.interview import BLANK, DONT_KNOW, INVALID, is_yes_no, understand
    from galacli.knowledge.loader import load_knowledge

    kb = load_knowledge()
    yes_no = [q for q in kb.questions if not q.derived and is_yes_no(q)]
    assert len(yes_no) > 15
    for question in yes_no:
        for word in ("y", "Y", "yes", "1", "是", "是的", "对"):
            assert understand(question, f" {word} ") == "yes", (question.id, word)
            if not word.isdigit():
                assert normalise_answer(kb, question.id, word, "en") == "yes"  # -a too
        for word in ("n", "N", "no", "2", "否", "不是", "不"):
            assert understand(question, word) == "no", (question.id, word)
            if not word.isdigit():
                assert normalise_answer(kb, question.id, word, "zh") == "no"
        assert understand(question, "d") is DONT_KNOW
        assert understand(question, "不知道") is DONT_KNOW
        assert understand(question, "maybe") is INVALID
        assert understand(question, "") is (DONT_KNOW if question.blank_means_unknown else BLANK)


def test_blank_means_dont_know_only_where_the_data_says_so() -> None:
    from galacli.interview import BLANK, DONT_KNOW, understand
    from galacli.knowledge.loader import load_knowledge

    kb = load_knowledge()
    asked = [q for q in kb.questions if not q.derived]
    assert [q.id for q in asked if q.blank_means_unknown] == ["medications"]
    for question in asked:
        expected = DONT_KNOW if question.blank_means_unknown else BLANK
        assert understand(question, "   ") is expected, question.id


# ---------------------------------------------------------------- a medicine name that is close


@pytest.mark.parametrize(
    ("reply", "used"),
    [("y", "medications=promazine, Prozac"), ("n", "medications=promethazine, Prozac")],
)
def test_a_near_miss_medicine_is_confirmed_before_it_is_used(reply: str, used: str) -> None:
    child = spawn(columns=200)
    walk(child, "Which medicines", ADULT_WOMAN)
    answer(child, "promethazine, Prozac")
    child.expect(
        re.escape("'promethazine' is not in galacli's table. Did you mean promazine? (y/n)")
    )
    answer(child, "maybe")  # neither: asked again
    child.expect(re.escape("Please type y (yes) or n (no)"))
    answer(child, reply)
    walk(child, "galacli check -a", {})
    output, status = finish(child)
    assert status == 0
    assert used in output.replace("'", "").replace('"', "")


def test_a_near_miss_is_confirmed_in_chinese() -> None:
    child = spawn("--lang", "zh", columns=200)
    walk(child, "哪些药物", ZH_ADULT_WOMAN)
    answer(child, "多潘立同")
    child.expect(re.escape("galacli 的药物表中没有“多潘立同”。你是不是想找多潘立酮？（是/否）"))
    answer(child, "是")
    child.expect("心跳很快")
    stop(child)
