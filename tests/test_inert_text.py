"""Inert text everywhere (issue 16, item 7): one sanitiser (render.layout.clean / visible) for
every renderer, the interview and messages; `validate` reports such text as GLC113."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
import yaml

from galacli.render.layout import clean, unsafe, visible

PACKAGE = Path(__file__).resolve().parent.parent / "galacli"
HOSTILE = {
    "title": "\x1b]0;owned\x07",
    "clear": "\x1b[2J\x1b[H",
    "hyperlink": "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "c1 csi": "\x9b2J",
    "rlo": "\u202e",
    "isolate": "\u2066x\u2069",
    "bell": "\x07",
    "tab": "\t",
    "line separator": "\u2028",
}
SPOOF = "https://example.org/\u202ekt.shn.www//:sptth"


def _raw(text: str) -> bool:
    """True if any control, escape or bidi control reached the output."""
    return bool(unsafe(text.replace("\t", "")))


@pytest.mark.parametrize("name", HOSTILE)
def test_clean_leaves_nothing_a_terminal_acts_on(name: str) -> None:
    out = clean(f"a{HOSTILE[name]}b")
    assert not unsafe(out), (name, out)
    assert "\x1b" not in visible(HOSTILE[name]) and not unsafe(
        visible(HOSTILE[name]).replace("\t", "")
    )


def hostile_pack(folder: Path) -> Path:
    faq = yaml.safe_load((PACKAGE / "data/faq.yaml").read_text(encoding="utf-8"))["faq"][0]
    bad = "".join(HOSTILE.values())
    faq = {
        **faq,
        "question": {"en": f"Clinic{bad} question"},
        "short_answer": {"en": f"Short{bad}."},
        "answer": {"en": f"Answer{bad}."},
    }
    sources = yaml.safe_load((PACKAGE / "data/sources.yaml").read_text(encoding="utf-8"))
    source = {**sources["sources"][0], "url": SPOOF, "title": f"NHS{bad}"}
    questions = yaml.safe_load((PACKAGE / "data/questions.yaml").read_text(encoding="utf-8"))
    first = questions["questions"][0]
    question = {
        **first,
        "prompt": {"en": f"Who{bad} is this about?"},
        "help": {"en": f"Help{bad}"},
        "values": [
            {**value, "label": {"en": f"{value['label']['en']}{bad}"}} for value in first["values"]
        ],
    }
    folder.mkdir()
    for name, content in {
        "faq.yaml": {"faq": [faq]},
        "sources.yaml": {"sources": [source]},
        "questions.yaml": {"questions": [question]},
    }.items():
        (folder / name).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["plain", "rich", "markdown", "json"])
def test_pack_text_and_urls_are_inert_in_every_format(run, tmp_path: Path, fmt: str) -> None:
    folder = hostile_pack(tmp_path / "pack")
    faq_id = yaml.safe_load((folder / "faq.yaml").read_text(encoding="utf-8"))["faq"][0]["id"]
    for args in (["faq", faq_id], ["sources"], ["check", "--questions"]):
        result = run(*args, "--data-dir", str(folder), "-f", fmt)
        assert result.exit_code == 0, result.stderr
        assert not _raw(result.stdout), (args, fmt)
        if fmt == "json":
            json.loads(result.stdout)  # escaped, and still the same strings to a reader
    if fmt == "plain":
        listed = run("faq", "--data-dir", str(folder), "-f", "plain").stdout.splitlines()
        assert all(line.count("\t") == 1 for line in listed)  # one item per line, one tab


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_handouts_are_inert(run, tmp_path: Path, fmt: str) -> None:
    folder = hostile_pack(tmp_path / "pack")
    result = run("handout", "--all", "--data-dir", str(folder), "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert not _raw(result.stdout)


def test_validate_reports_controls_and_bidi_as_glc113(run, tmp_path: Path) -> None:
    folder = hostile_pack(tmp_path / "pack")
    result = run("validate", str(folder))
    assert result.exit_code == 3
    lines = [line for line in result.stdout.splitlines() if "GLC113" in line]
    assert any("\\u202e" in line and "sources.yaml" in line and "url" in line for line in lines)
    assert any("faq.yaml" in line for line in lines) and any(
        "questions.yaml" in line for line in lines
    )
    assert not _raw(result.stdout)


def test_an_escape_laden_output_path_is_shown_escaped(run, tmp_path: Path) -> None:
    target = tmp_path / "hand\x1b]0;owned\x07out.md"
    result = run("handout", "-o", str(target))
    assert result.exit_code == 0
    assert "\x1b" not in result.stderr and "\\x1b]0;owned\\x07" in result.stderr


def test_the_interview_prints_pack_text_inert(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    folder = hostile_pack(tmp_path / "pack")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_"))}
    env.update(
        {"COLUMNS": "100", "TERM": "xterm", "NO_COLOR": "1", "GALACLI_DATA_DIR": str(folder)}
    )
    child = pexpect.spawn(
        sys.executable, ["-m", "galacli", "check"], env=env, encoding="utf-8", timeout=20
    )
    import io

    child.logfile_read = io.StringIO()
    child.expect("> ")
    child.sendline("?")
    child.expect("Help")
    child.expect("> ")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    text = child.logfile_read.getvalue()
    assert "is this about?" in text and "Stopped." in text
    assert "owned" not in text and "\x9b" not in text and "\u202e" not in text
    assert "evil.example" not in text
