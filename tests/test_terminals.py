"""Odd and hostile terminals, each command run as a real process in a real pseudo-terminal or
pipe: narrow, dumb, colourless, a C locale, an ASCII-only encoding, a reader that stops early.

Every run must finish with exit 0 and no traceback, and honour what the terminal asked for.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

pty = pytest.importorskip("pty")  # POSIX only

COMMANDS = {
    "faq": ["faq"],
    "faq-id": ["faq", "why-milk-after-sex"],
    "causes": ["causes"],
    "drug": ["causes", "--drug", "risperidone"],
    "check": ["check", "-a", "sex=male", "-a", "discharge=milky", "-a", "medications=Risperdal"],
    "when-to-worry": ["when-to-worry"],
    "sources": ["sources"],
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def in_terminal(args: list[str], extra_env: dict[str, str]) -> tuple[str, int]:
    """Run galacli with stdin, stdout and stderr on a pseudo-terminal: what a person sees."""
    env = dict(os.environ) | {"TERM": "xterm-256color"} | extra_env  # hermetic, see conftest
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "galacli", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
    ) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the program has closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        status = proc.wait(timeout=60)
    os.close(leader)
    out = b"".join(chunks).decode("utf-8", "replace")
    assert "Traceback" not in out, out
    return out, status


@pytest.mark.parametrize("command", COMMANDS)
def test_a_20_column_terminal_gets_20_columns(command: str) -> None:
    out, status = in_terminal(COMMANDS[command], {"COLUMNS": "20"})
    assert status == 0, out
    lines = re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()
    assert len(lines) > 2
    too_wide = [line for line in lines if len(line) > 20]
    assert not too_wide, too_wide


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("setting", [{"TERM": "dumb"}, {"NO_COLOR": "1"}], ids=["dumb", "no-color"])
def test_no_colour_when_the_terminal_says_so(command: str, setting: dict[str, str]) -> None:
    out, status = in_terminal(COMMANDS[command], setting)
    assert status == 0, out
    assert "\x1b" not in out
    assert len(out.splitlines()) > 2


def test_the_same_terminal_without_those_settings_is_coloured() -> None:
    # The control for the test above: in this pseudo-terminal, colour is on by default.
    out, status = in_terminal(COMMANDS["when-to-worry"], {})
    assert status == 0
    assert "\x1b[" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_c_locale_still_shows_chinese(command: str) -> None:
    # LANG=C is ignored for the language, and Python reads a C locale as UTF-8 (PEP 538/540).
    out, status = in_terminal([*COMMANDS[command], "--lang", "zh"], {"LANG": "C", "LC_ALL": "C"})
    assert status == 0, out
    assert CJK.search(out), out[:300]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_ascii_only_terminal_gets_replacements_not_a_crash(command: str, lang: str) -> None:
    out, status = in_terminal([*COMMANDS[command], "--lang", lang], {"PYTHONIOENCODING": "ascii"})
    assert status == 0, out
    assert len(out.splitlines()) > 2
    if lang == "zh":
        assert "cannot show Chinese" in out  # said once on stderr, with the fix
        assert not CJK.search(out.split("cannot show Chinese")[1])


@pytest.mark.parametrize(
    "args",
    [
        ["faq"],  # the whole list fits in the pipe: head reads one line, galacli has finished
        ["faq", "--format", "json"],  # 300 KB: galacli is still writing when head exits
        ["causes", "--format", "markdown"],
        ["when-to-worry", "--format", "rich"],
    ],
    ids=" ".join,
)
def test_piped_into_head_exits_quietly(args: list[str]) -> None:
    # COLUMNS=1000 makes the rich output (panels padded to the width) outgrow the pipe buffer.
    command = " ".join([f'"{sys.executable}"', "-m", "galacli", *args])
    done = subprocess.run(
        ["bash", "-c", f'{command} | head -1; echo "exit=${{PIPESTATUS[0]}}" >&2'],
        capture_output=True,
        text=True,
        env=dict(os.environ) | {"COLUMNS": "1000"},
        check=False,
    )
    assert done.stdout.count("\n") == 1, done.stdout[:300]
    assert done.stderr == "exit=0\n", done.stderr


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["faq", "how do i reset my router"], "cabergoline"),
        (["faq", "怎么重置路由器", "--lang", "zh"], "galacli"),
        (["causes", "qwertyuiop"], "galacli"),
    ],
)
def test_nothing_found_breaks_its_lines_between_words(args: list[str], word: str, width: int):
    from galacli.render.linebreak import cells

    out, status = in_terminal(args, {"COLUMNS": str(width)})
    assert status == 1, out
    lines = out.replace("\r", "").splitlines()
    assert all(cells(line) <= width for line in lines), lines
    assert any(word in line for line in lines), lines  # a long word is never cut in two


def test_stderr_is_wrapped_to_its_own_terminal_when_stdout_is_a_file(tmp_path) -> None:
    # `galacli faq ... > out.txt` in a 40-column terminal: the message on stderr fits 40, not 80.
    import fcntl
    import struct
    import termios

    from galacli.render.linebreak import cells

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 40, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    with (tmp_path / "out.txt").open("w") as out:
        status = subprocess.run(
            [sys.executable, "-m", "galacli", "faq", "how do i reset my router"],
            stdin=follower,
            stdout=out,
            stderr=follower,
            env=env | {"TERM": "xterm-256color"},
            timeout=60,
        ).returncode
    os.close(follower)
    text = os.read(leader, 65536).decode("utf-8", "replace")
    os.close(leader)
    lines = text.replace("\r", "").splitlines()
    assert status == 1, text
    assert len(lines) > 3 and all(cells(line) <= 40 for line in lines), lines
