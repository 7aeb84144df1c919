"""One answer per question, `--answers -`, and the interview's streams (issue 16, items 10-12)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest


def test_a_repeated_answer_is_a_usage_error_naming_the_key(run) -> None:
    result = run("check", "-a", "sex=male", "-a", "sex=female", "-a", "discharge=milky")
    assert result.exit_code == 2
    assert "'sex' is answered more than once" in result.stderr
    same_but_cased = run("check", "-a", "sex=male", "-a", "SEX=male")
    assert same_but_cased.exit_code == 2


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("a.yaml", "sex: male\ndischarge: milky\nsex: female\n", "a.yaml:3"),
        ("a.json", '{"sex": "male", "discharge": "milky", "sex": "female"}', "a.json"),
        ("b.yaml", "sex: male\nSex: female\n", "b.yaml:2"),
    ],
)
def test_a_duplicate_key_in_an_answers_file_is_a_usage_error(
    run, tmp_path: Path, name: str, content: str, where: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("check", "--answers", str(path))
    assert result.exit_code == 2, result.stderr
    assert f"{where}: '" in result.stderr and "is answered more than once" in result.stderr


def test_a_list_for_a_one_answer_question_says_so(run, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("lump: [yes, no]\n", encoding="utf-8")
    result = run("check", "--answers", str(path))
    assert result.exit_code == 3
    assert "'lump' takes one answer, not a list" in result.stderr
    assert "True" not in result.stderr


def test_answers_dash_reads_standard_input(run) -> None:
    result = run("check", "--answers", "-", "-f", "json", input="sex: male\ndischarge: milky\n")
    assert result.exit_code == 0, result.stderr
    assert '"urgency": "urgent"' in result.stdout


def test_input_ending_mid_interview_speaks_chinese_under_lang_zh() -> None:
    from galacli import strings

    assert strings.text("input_ended", "zh") != strings.text("input_ended", "en")
    source = (Path(__file__).resolve().parent.parent / "galacli/interview.py").read_text()
    assert "input ended before" not in source  # the words come from strings.py


def test_check_into_a_file_asks_on_the_terminal(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    out = tmp_path / "out.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_"))}
    env.update({"COLUMNS": "100", "TERM": "xterm", "NO_COLOR": "1"})
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", f"'{sys.executable}' -m galacli check > '{out}'"],
        env=env,
        encoding="utf-8",
        timeout=30,
    )
    child.expect("Who is this about")
    child.expect("> ")
    child.sendline("4")
    child.expect("sudden, very bad headache")
    child.expect("> ")
    child.sendline("1")
    child.expect("Is that right")  # an emergency answer is confirmed once
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    written = out.read_text(encoding="utf-8")
    assert written.startswith("EMERGENCY")
    assert "Who is this about" not in written and "> " not in written.splitlines()[0]


@pytest.mark.parametrize("kind", ["fifo", "folder", "dangling symlink", "device"])
def test_a_pack_file_that_is_not_a_regular_file_is_named_for_what_it_is(
    run, tmp_path: Path, kind: str
) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    target = folder / "faq.yaml"
    if kind == "fifo":
        os.mkfifo(target)
        words = "a named pipe"
    elif kind == "folder":
        target.mkdir()
        words = "a folder"
    elif kind == "dangling symlink":
        target.symlink_to(tmp_path / "nowhere.yaml")
        words = "a symbolic link to nothing"
    else:
        if not os.path.exists("/dev/zero"):
            pytest.skip("needs /dev/zero")
        target.symlink_to("/dev/zero")
        words = "a device"
    result = run("validate", str(folder))
    assert result.exit_code == 3
    assert f"faq.yaml: GLC100 is not a regular file ({words})" in result.stdout
    assert "not a galacli knowledge file" not in result.stdout


@pytest.mark.parametrize(
    "content",
    [
        "faq: [\n  - {id: a\n",
        "faq:\n  - a\n - b\n",
        "faq: {a: 1\n",
        "\tfaq: []\n",
        "faq: *nothing\n",
    ],
)
def test_yaml_errors_are_one_line_with_a_line_number(run, tmp_path: Path, content: str) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "faq.yaml").write_text(content, encoding="utf-8")
    result = run("validate", str(folder))
    assert result.exit_code == 3
    [line] = result.stdout.splitlines()
    assert "faq.yaml:" in line and ": GLC101 not valid YAML: " in line
    assert line.split("faq.yaml:")[1].split(":")[0].isdigit()
