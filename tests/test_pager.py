"""Long rich output goes through a pager on a terminal, as with git; never when piped."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from galacli import cli, pager

CHECK = ("check", "-a", "sex=female", "-a", "discharge=milky", "-a", "sides=both", "-f", "rich",
         "--color", "never")  # fmt: skip


def script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


@pytest.fixture
def recorder(tmp_path: Path) -> tuple[Path, Path]:
    """A fake pager that saves what it is given, and the file it saves to."""
    record = tmp_path / "paged.txt"
    return script(tmp_path, "fake-pager", f'cat > "{record}"'), record


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stdout is a 100x40 terminal (CliRunner's stdout is not, so the check is injected)."""
    real = cli.detect

    def detect(*args, **kwargs):  # type: ignore[no-untyped-def]
        return msgspec.structs.replace(real(*args, **kwargs), stdout_isatty=True)

    monkeypatch.setattr(cli, "detect", detect)
    monkeypatch.setattr(pager, "terminal_size", lambda _stream: os.terminal_size((100, 40)))


def test_the_pager_setting_comes_from_galacli_pager_then_pager() -> None:
    both = {"GALACLI_PAGER": "more -d", "PAGER": "less"}
    assert pager.pager_command(both) == ["more", "-d"]
    assert pager.pager_command({"PAGER": "less -R"}) == ["less", "-R"]
    assert pager.pager_command({"GALACLI_PAGER": "", "PAGER": "less"}) is None
    assert pager.pager_command({"PAGER": "cat"}) is None
    assert pager.pager_command({"PAGER": "'unclosed"}) is None


def test_the_default_is_less_frx_when_installed(tmp_path: Path) -> None:
    less = script(tmp_path, "less", "cat")
    assert pager.pager_command({"PATH": str(tmp_path)}) == [str(less), "-FRX"]
    assert pager.pager_command({"PATH": str(tmp_path / "empty")}) is None


def test_only_text_taller_than_the_terminal_is_paged(recorder: tuple[Path, Path]) -> None:
    command, record = recorder
    environ = {"GALACLI_PAGER": str(command)}
    short, tall = "one\ntwo\n", "line\n" * 40
    assert not pager.show(short, stdout=sys.stdout, height=40, environ=environ)
    assert not record.exists()
    assert not pager.show(tall, stdout=sys.stdout, height=None, environ=environ)  # not a tty
    assert pager.show(tall, stdout=sys.stdout, height=40, environ=environ)
    assert record.read_text(encoding="utf-8") == tall


def test_a_pager_that_cannot_start_is_not_an_error(tmp_path: Path) -> None:
    environ = {"GALACLI_PAGER": str(tmp_path / "no-such-pager")}
    assert not pager.show("x\n" * 50, stdout=sys.stdout, height=10, environ=environ)


def test_a_long_check_on_a_terminal_goes_through_the_pager(
    run, terminal: None, recorder: tuple[Path, Path]
) -> None:
    command, record = recorder
    result = run(*CHECK, env={"GALACLI_PAGER": str(command)})
    assert result.exit_code == 0
    assert result.stdout == ""
    paged = record.read_text(encoding="utf-8")
    assert paged.count("\n") > 40
    assert paged.rstrip().splitlines()[-1].startswith("ROUTINE  Book an ordinary appointment")


def test_a_short_result_on_a_terminal_prints_directly(
    run, terminal: None, recorder: tuple[Path, Path]
) -> None:
    command, record = recorder
    result = run(*CHECK, "--brief", env={"GALACLI_PAGER": str(command)})
    assert result.exit_code == 0
    assert "ROUTINE" in result.stdout
    assert not record.exists()


def test_no_pager_and_other_formats_print_directly(
    run, terminal: None, recorder: tuple[Path, Path]
) -> None:
    command, record = recorder
    env = {"GALACLI_PAGER": str(command)}
    assert "ROUTINE" in run(*CHECK, "--no-pager", env=env).stdout
    plain = [arg if arg != "rich" else "plain" for arg in CHECK]
    assert "ROUTINE" in run(*plain, env=env).stdout
    assert "In short" in run("faq", "men", "-f", "rich", "--no-pager", env=env).stdout
    assert not record.exists()


def test_faq_pages_too(run, terminal: None, recorder: tuple[Path, Path]) -> None:
    command, record = recorder
    result = run("faq", "why-milk-after-sex", "-f", "rich", env={"GALACLI_PAGER": str(command)})
    assert result.exit_code == 0 and result.stdout == ""
    assert "Why do I leak milk after sex?" in record.read_text(encoding="utf-8")


def test_a_failing_pager_falls_back_to_printing(run, terminal: None, tmp_path: Path) -> None:
    result = run(*CHECK, env={"GALACLI_PAGER": str(tmp_path / "missing")})
    assert result.exit_code == 0
    assert result.stdout.rstrip().splitlines()[-1].startswith("ROUTINE")


def test_never_when_piped(run, recorder: tuple[Path, Path]) -> None:
    command, record = recorder
    result = run(*CHECK, env={"GALACLI_PAGER": str(command)})
    assert "ROUTINE" in result.stdout
    assert not record.exists()


def test_a_piped_run_does_not_load_the_pager() -> None:
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write(f\"pager={'galacli.pager' in sys.modules}\"))\n"
        "sys.argv = ['galacli', 'check', '-a', 'discharge=milky', '-f', 'rich']\n"
        "from galacli.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "URGENT" in done.stdout or "ROUTINE" in done.stdout
    assert done.stderr.endswith("pager=False")
