"""The real entry points, as separate processes: `python -m galacli` and the installed script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("GALACLI_", "LANG", "LC_"))}


def test_python_dash_m_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "galacli", "--help"],
        capture_output=True,
        text=True,
        env=clean_env(),
        check=False,
    )
    assert done.returncode == 0
    for command in ("faq", "causes", "check", "when-to-worry"):
        assert command in done.stdout


def test_installed_script_runs_a_command() -> None:
    script = shutil.which("galacli", path=os.path.dirname(sys.executable)) or shutil.which(
        "galacli"
    )
    if script is None:
        pytest.fail("the galacli console script is not installed (pip install -e '.[test]')")
    done = subprocess.run(
        [script, "faq", "men", "--format", "plain"],
        capture_output=True,
        text=True,
        env=clean_env(),
        check=False,
    )
    assert done.returncode == 0
    assert "[men]" in done.stdout


def test_closed_pipe_exits_quietly() -> None:
    # `galacli faq | head -1`: the reader stops early; no traceback, no error exit.
    with subprocess.Popen(
        [sys.executable, "-m", "galacli", "causes", "--format", "markdown"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()
        err = proc.stderr.read().decode()
        code = proc.wait()
    assert "Traceback" not in err
    assert code == 0


@pytest.mark.parametrize("fmt", ["json", "plain", "markdown"])
def test_json_plain_and_markdown_never_import_rich_or_completion(fmt: str) -> None:
    # Shell completion's code is imported only when the shell asks for candidates.
    code = (
        "import sys\n"
        "from galacli.cli import main\n"
        "sys.argv = ['galacli', 'check', '-a', 'sex=male', '-a', 'discharge=milky',"
        f" '--format', '{fmt}']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m == 'rich' or m.startswith('rich.')]\n"
        "loaded += [m for m in sys.modules if m == 'galacli.core.complete']\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=clean_env(), check=False
    )
    assert done.returncode == 0, done.stderr


def test_a_bug_is_a_message_not_a_traceback() -> None:
    code = (
        "import sys\n"
        "import galacli.core.worry as worry\n"
        "def broken(*args, **kwargs):\n    raise RuntimeError('boom')\n"
        "worry.when_to_worry = broken\n"
        "from galacli.cli import main\n"
        "sys.argv = ['galacli', 'when-to-worry', '--format', 'plain']\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=clean_env(), check=False
    )
    assert done.returncode == 70
    assert "Traceback" not in done.stderr
    assert "unexpected error (RuntimeError: boom)" in done.stderr
