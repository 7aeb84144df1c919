"""Fuzzing: no command line and no answers file makes galacli crash, hang or drive the terminal.

Invariants, for any input:
- the program ends through SystemExit (no escaped exception, which `main()` would turn into 70),
  with exit code 0, 1, 2 or 3 (an answers file: 0, 2 or 3);
- no traceback is printed;
- no terminal control character from the input reaches stdout or stderr raw (ANSI escapes,
  bells, backspaces, C1 controls): a person's terminal is never recoloured, cleared or retitled.

The volume is sized for CI (a few seconds each); `GALACLI_FUZZ_EXAMPLES=20000 pytest
tests/test_fuzz.py` runs a campaign of that many examples per test.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from galacli.cli import app
from galacli.knowledge.loader import load_knowledge

_OVERRIDE = int(os.environ.get("GALACLI_FUZZ_EXAMPLES", "0") or 0)
ARGV_EXAMPLES = _OVERRIDE or 400
FILE_EXAMPLES = _OVERRIDE or 300


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,  # the first example loads the knowledge; later ones take milliseconds
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


KB = load_knowledge()
RUNNER = CliRunner()
# Only these commands are fuzzed: a new command (one that writes files, say) is added on
# purpose, never picked up by accident and fed random output paths.
COMMANDS = ("faq", "causes", "check", "when-to-worry", "sources")
_GROUP = typer.main.get_command(app)
assert isinstance(_GROUP, typer.core.TyperGroup)


def _options(command: str) -> tuple[list[str], list[str]]:
    """The command's real option names: (options taking a value, flags)."""
    valued: list[str] = []
    flags: list[str] = []
    for param in _GROUP.commands[command].params:
        if param.param_type_name != "option":
            continue
        names = [*param.opts, *param.secondary_opts]
        (flags if getattr(param, "is_flag", False) else valued).extend(names)
    return valued, flags


OPTIONS = {command: _options(command) for command in COMMANDS}
WRONG_OPTIONS = ["--bogus", "-z", "--format=", "--lang=", "--", "-", "--limit=-1", "-h", "--help"]

# Things a terminal would act on, if they reached it raw.
ESCAPES = [
    "\x1b[31m",  # colour
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b]0;owned\x07",  # set the window title
    "\x1b]8;;http://example.com\x1b\\link\x1b]8;;\x1b\\",  # a hyperlink
    "\x1b[1A\x1b[2K",  # cursor up, erase the line
    "\x1b",  # a lone ESC
    "\x07",  # bell
    "\x08\x08",  # backspaces
    "\r",  # carriage return: overwrite the line
    "\x9b31m",  # the one-byte C1 CSI
    "\x7f",  # DEL
    "\x85",  # C1 next line
]
MARKUP = ["[bold red]", "[/]", "[link=http://x]y[/link]", "[b]x[/b]", "[", "]", "\\[x]"]
ODD = [
    "",
    " ",
    "-",
    "--",
    "0",
    "-1",
    "99999999999999999999999",
    "nan",
    "{}",
    "{name}",
    "%s",
    "男",
    "溢乳",
    "\u202e",  # right-to-left override
    "\udcff",  # an undecodable byte in argv, as Python decodes it (surrogateescape)
    "x" * 5000,
    "milk " * 2000,
]
FIXED = ESCAPES + MARKUP + ODD
REAL_WORDS = (
    [entry.id for entry in KB.faq[:10]]
    + [cause.id for cause in KB.causes[:8]]
    + ["risperidone", "Risperdal", "cabergoline", "milk", "after", "sex", "AAFP22", "zh", "en"]
    + ["rich", "plain", "json", "markdown", "auto", "always", "never", "urgent", "self-care"]
)
QUESTION_IDS = [q.id for q in KB.questions]
ANSWER_VALUES = [*sorted({c.id for q in KB.questions for c in q.values}), "none", "d", "y"]


def _no_nul(text: str) -> bool:
    return "\x00" not in text  # argv strings are C strings: a NUL can never reach the program


TEXT = st.text(max_size=40).filter(_no_nul)


@st.composite
def hostile(draw: st.DrawFn) -> str:
    """A value: real words, odd ones, escapes and markup, alone or glued together."""
    parts = draw(
        st.lists(
            st.one_of(st.sampled_from(FIXED), st.sampled_from(REAL_WORDS), TEXT),
            min_size=1,
            max_size=3,
        )
    )
    return "".join(parts)


@st.composite
def answer_pair(draw: st.DrawFn) -> str:
    key = draw(st.one_of(st.sampled_from(QUESTION_IDS), hostile()))
    value = draw(st.one_of(st.sampled_from(ANSWER_VALUES), hostile()))
    sep = draw(st.sampled_from(["=", "=", " = ", ":", ""]))
    return f"{key}{sep}{value}"


@st.composite
def argv(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from([*COMMANDS, *COMMANDS, "", "--version", "nope", "FAQ"]))
    args = [command] if command else []
    valued, flags = OPTIONS.get(command, ([], []))
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["word", "valued", "flag", "wrong", "answer", "joined"]))
        if kind == "word":
            args.append(draw(hostile()))
        elif kind == "valued" and valued:
            option = draw(st.sampled_from(valued))
            value = draw(answer_pair()) if option in ("-a", "--answer") else draw(hostile())
            args += [option, value]
        elif kind == "flag" and flags:
            args.append(draw(st.sampled_from(flags)))
        elif kind == "wrong":
            args.append(draw(st.sampled_from(WRONG_OPTIONS)))
        elif kind == "answer" and command == "check":
            args += ["-a", draw(answer_pair())]
        elif kind == "joined" and valued:
            args.append(f"{draw(st.sampled_from(valued))}={draw(hostile())}")
    if command == "check" and draw(st.booleans()):
        args.append("--no-input")
    return args


# C0 controls except newline and tab, DEL, and C1 controls: never printed raw.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What `--color always` legitimately prints: SGR colour sequences, nothing else.
SGR = re.compile(r"\x1b\[[0-9;]*m")


def assert_terminal_safe(text: str, *, colour_allowed: bool, where: str) -> None:
    if colour_allowed:
        text = SGR.sub("", text)
    found = RAW_CONTROL.search(text)
    assert found is None, f"raw control character {found.group()!r} on {where}: {text[:300]!r}"


def assert_well_behaved(result, args: list[str], codes: set[int]) -> None:  # type: ignore[no-untyped-def]
    detail = f"argv={args!r}\nstdout={result.stdout[:500]!r}\nstderr={result.stderr[:500]!r}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"escaped {result.exception!r}\n{detail}") from result.exception
    assert result.exit_code in codes, detail
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, detail
    colour = any(a == "always" or a.endswith("=always") for a in args)
    assert_terminal_safe(result.stdout, colour_allowed=colour, where="stdout")
    assert_terminal_safe(result.stderr, colour_allowed=False, where="stderr")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Run in an empty folder, so a fuzzed relative path can never touch the project."""
    path = tmp_path_factory.mktemp("fuzz")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(path)
        yield path


@fuzz_settings(ARGV_EXAMPLES)
@given(args=argv())
def test_any_command_line_is_handled(workdir: Path, args: list[str]) -> None:
    # Never what would edit the shell's start-up files (no draw makes it; this says so).
    args = [arg for arg in args if not arg.startswith("--install-completion")]
    result = RUNNER.invoke(app, args)
    assert_well_behaved(result, args, {0, 1, 2, 3})


# --- answers files --------------------------------------------------------------------------

SCALARS = st.one_of(
    st.sampled_from(ANSWER_VALUES),
    st.sampled_from(FIXED),
    TEXT,
    st.booleans(),
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
)
NESTED = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3)
)
KEYS = st.one_of(st.sampled_from(QUESTION_IDS), TEXT, st.sampled_from(FIXED))


def _yaml(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# Hand-made YAML and JSON that a serialiser would never produce (the documents that once
# crashed galacli are in tests/test_hostile_input.py, with the message each must give).
RAW_DOCUMENTS = [
    "",
    "\n",
    "---\n...\n",
    "sex: male\n---\nsex: female\n",  # two documents
    "sex: &a male\ndischarge: *a\n",  # an anchor reused
    "medications: &a [x, &b [*a]]\n",  # an alias to an unfinished node
    "medications: !!python/object:os.system [echo]\n",  # an unsafe tag
    "sex: !!binary aGVsbG8=\n",
    "sex: 2026-01-01\n",
    "? [sex]\n: male\n",  # a sequence as a key
    "{sex: male, sex: female}\n",  # a repeated key
    "medications: " + "[" * 300 + "]" * 300 + "\n",  # deep, but not too deep for the parser
    "\ufeffsex: male\n",  # a byte-order mark
    "sex: male\x00\n",
    "sex: \x1b[31mmale\n",
    "\x1b]0;owned\x07: yes\n",
]


@st.composite
def answers_document(draw: st.DrawFn) -> tuple[str, bytes]:
    """(suffix, content): YAML or JSON, valid or not, or random bytes."""
    suffix = draw(st.sampled_from([".yaml", ".yml", ".json", ".txt", ""]))
    kind = draw(st.sampled_from(["mapping", "mapping", "nested", "other", "raw", "bytes"]))
    if kind == "mapping":
        data: object = draw(st.dictionaries(KEYS, SCALARS, max_size=8))
    elif kind == "nested":
        data = draw(st.dictionaries(KEYS, NESTED, max_size=5))
    elif kind == "other":
        data = draw(NESTED)
    elif kind == "raw":
        return suffix, draw(st.sampled_from(RAW_DOCUMENTS)).encode("utf-8", "surrogatepass")
    else:
        return suffix, draw(
            st.one_of(
                st.binary(max_size=200),
                st.sampled_from([b"\xff\xfe\x00s", b"sex: caf\xe9\n", b"\xef\xbb\xbf"]),
            )
        )
    as_json = suffix == ".json" or (suffix == "" and draw(st.booleans()))
    try:
        text = json.dumps(data, ensure_ascii=False) if as_json else _yaml(data)
    except (ValueError, TypeError):
        text = _yaml({"sex": "male"})
    return suffix, text.encode("utf-8", "surrogatepass")


@fuzz_settings(FILE_EXAMPLES)
@given(document=answers_document(), fmt=st.sampled_from(["plain", "json", "rich", "markdown"]))
def test_any_answers_file_is_handled(workdir: Path, document: tuple[str, bytes], fmt: str) -> None:
    suffix, content = document
    path = workdir / f"answers{suffix}"
    path.write_bytes(content)
    args = ["check", "--answers", str(path), "--format", fmt]
    result = RUNNER.invoke(app, args)
    assert_well_behaved(result, args, {0, 2, 3})
    if result.exit_code == 3:
        assert str(path) in result.stderr, result.stderr


@pytest.mark.parametrize("document", RAW_DOCUMENTS, ids=range(len(RAW_DOCUMENTS)))
def test_hostile_answers_files(workdir: Path, document: str) -> None:
    """The hand-made documents every run, whatever hypothesis happens to draw."""
    path = workdir / "hostile.yaml"
    path.write_bytes(document.encode("utf-8", "surrogatepass"))
    args = ["check", "--answers", str(path), "--format", "plain"]
    result = RUNNER.invoke(app, args)
    assert_well_behaved(result, args, {0, 2, 3})
    if result.exit_code == 3:
        assert str(path) in result.stderr
