"""Regression tests for what fuzzing and hostile-terminal testing found (issue 8).

Each of these once crashed (exit 70 or a segfault), exited with the wrong code, printed a
gigabyte, or sent a control sequence from the input to the terminal raw.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from galacli.env import detect


def test_a_message_quoting_input_shows_control_characters_as_escapes(run) -> None:
    result = run("faq", "\x1b[31mzz")
    assert result.exit_code == 1
    assert "No question matches '\\x1b[31mzz'" in result.stderr
    assert "\x1b" not in result.stderr


def test_an_answer_key_cannot_retitle_the_terminal(run) -> None:
    result = run("check", "-a", "\x1b]0;owned\x07=yes")
    assert result.exit_code == 2
    assert "Unknown question '\\x1b]0;owned\\x07'" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


@pytest.mark.parametrize("fmt", ["json", "plain", "markdown", "rich"])
def test_argv_bytes_that_are_not_utf8_print_as_replacement_characters(run, fmt: str) -> None:
    # `galacli causes --drug $'\xff'`: Python hands the byte over as a lone surrogate, which
    # no UTF-8 stream can encode (it was exit 70 with JSON, and with any format on C.UTF-8).
    result = run("causes", "--drug", "x\udcff", "--format", fmt)
    assert result.exit_code == 1
    assert "x\ufffd" in result.stdout
    if fmt == "json":
        assert json.loads(result.stdout)["drugs"] == ["x\ufffd"]


def test_json_escapes_del_and_c1_controls(run) -> None:
    # JSON itself escapes only C0 controls; U+009B would start an ANSI sequence on screen.
    result = run("causes", "--drug", "x\x9b2J\x7f", "--format", "json")
    assert "\\u009b" in result.stdout and "\\u007f" in result.stdout
    assert "\x9b" not in result.stdout and "\x7f" not in result.stdout
    assert json.loads(result.stdout)["drugs"] == ["x\x9b2J\x7f"]


BILLION_LAUGHS = "medications:\n" + "".join(
    f"  - &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9)
).replace("*a0, " * 8 + "*a0", "x")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("long.yaml", "sex: " + "9" * 5000 + "\n", "not valid YAML: a number is too long"),
        ("long.json", '{"sex": ' + "9" * 5000 + "}", "not valid JSON: a number is too long"),
        ("hex.yaml", "sex: 0x" + "f" * 5000 + "\n", "'0xffffffffff…' is not an answer to 'sex'"),
        # A segfault once. galacli's own message, whatever PyYAML's (see the tests below).
        ("deep.yaml", "sex: " + "[" * 100_000 + "]" * 100_000, ":1: nests deeper than 64 levels"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "nests too deeply"),
        ("laughs.yaml", BILLION_LAUGHS, "expands to more than"),  # 9^8 names
        ("date.yaml", "sex: 2026-02-30\n", "not valid YAML: day is out of range for month"),
        ("map.yaml", "lump: {a: 1}\n", "must be a word"),
    ],
)
def test_answers_files_that_used_to_crash(
    run, tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("check", "--answers", str(path))
    assert result.exit_code == 3, result.stderr
    assert message in result.stderr
    assert f"{path}:" in result.stderr  # located: the file, then the line where it is known
    assert "Traceback" not in result.stderr


# Nesting 100,000 deep, written every way YAML allows, after some ordinary lines: the line the
# 65th level opens on. libyaml stops at 1000 levels in its own words ("exceeded maximum nesting
# depth", PyYAML 6.0.4), before galacli sees level 65 inside flow collections; galacli's guard
# must still be the one that answers, with its own message and line, with either parser.
DEEP = 100_000
FILLER = "# a comment\n" * 3
NESTINGS = {
    "flow lists": (FILLER + "sex: " + "[" * DEEP + "]" * DEEP + "\n", 4),
    "flow mappings": (FILLER + "sex: " + "{a: " * DEEP + "}" * DEEP + "\n", 4),
    "flow, one per line": (FILLER + "sex:\n" + " [\n" * DEEP + " ]\n" * DEEP, 4 + 64),
    "block mappings": (FILLER + "".join(" " * i + f"k{i}:\n" for i in range(300)) + "x\n", 4 + 64),
    "block lists": (FILLER + "sex: \n  " + "- " * 2000 + "x\n", 5),
}
PARSERS = ("libyaml", "pure-python")


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    import yaml

    from galacli.knowledge import safe_yaml

    if request.param == "libyaml":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("this PyYAML has no libyaml")
    else:
        monkeypatch.setattr(safe_yaml, "yaml_loader", lambda: yaml.SafeLoader)
    return str(request.param)


@pytest.mark.parametrize("shape", list(NESTINGS))
def test_deep_answers_files_get_galaclis_own_located_message(
    run, tmp_path: Path, parser: str, shape: str
) -> None:
    content, line = NESTINGS[shape]
    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    result = run("check", "--answers", str(path))
    assert result.exit_code == 3, result.stderr
    assert f"{path}:{line}: nests deeper than 64 levels" in result.stderr
    assert "exceeded" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("shape", list(NESTINGS))
def test_deep_pack_files_are_a_located_glc101(run, tmp_path: Path, parser: str, shape: str) -> None:
    content, line = NESTINGS[shape]
    folder = tmp_path / "pack"
    folder.mkdir()
    path = folder / "faq.yaml"
    path.write_text(content.replace("sex:", "faq:"), encoding="utf-8")
    result = run("validate", str(folder))
    assert result.exit_code == 3, result.stdout
    assert f"{path}:{line}: GLC101 nests deeper than 64 levels" in result.stdout
    assert "exceeded" not in result.stdout


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_answers_file_is_refused(run) -> None:
    result = run("check", "--answers", "/dev/zero")
    assert result.exit_code == 3
    assert "/dev/zero: is too large (limit 1,048,576 bytes)" in result.stderr


@pytest.mark.parametrize(
    ("columns", "width"),
    [
        ("100", 100),
        ("5", 20),
        ("0", 20),
        ("99999999", 1000),
        ("9" * 5000, 1000),
        ("²", None),
        ("١٢٠", None),
        ("", None),
        ("80x", None),
    ],
)
def test_columns_is_read_as_ascii_digits_within_bounds(columns: str, width: int | None) -> None:
    # '²'.isdigit() is True and int('²') fails; a 5,000-digit COLUMNS failed int() too.
    env = detect(environ={"COLUMNS": columns}, stdout=io.StringIO())
    assert env.width == width


def test_a_huge_columns_does_not_print_a_gigabyte(run) -> None:
    result = run("when-to-worry", "--format", "rich", env={"COLUMNS": "100000000"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) == 1000


def test_rich_output_hands_a_closed_pipe_to_the_session() -> None:
    # Rich's own handler exits with 1 ("nothing found" in galacli); the session turns a
    # BrokenPipeError into a quiet 0 (tests/test_terminals.py runs the real pipe).
    from galacli.render import rich_render
    from galacli.render.layout import Para

    class ClosedPipe(io.StringIO):
        def write(self, _text: str) -> int:
            raise BrokenPipeError

    env = detect("rich", "en", "never", environ={}, stdout=ClosedPipe())
    with pytest.raises(BrokenPipeError):
        rich_render.print_blocks([Para("hello")], env)
