"""Shared fixtures: every test runs in a clean, fixed environment (tealdeer's TestEnv)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from galacli.cli import app

PACKAGE = Path(__file__).resolve().parent.parent / "galacli"
CLEARED = (
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "NO_COLOR",
    "FORCE_COLOR",
    "COLUMNS",
    "TERM",
    # Typer colours its own usage errors when these are set (GitHub Actions sets the first),
    # and reads them once, when it first prints one: clear them before any test does.
    "GITHUB_ACTIONS",
    "PY_COLORS",
    "TERMINAL_WIDTH",
)


@pytest.fixture(autouse=True)
def hermetic(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    import os

    for name in list(os.environ):
        if name in CLEARED or (name.startswith("GALACLI_") and name != "GALACLI_UPDATE_GOLDEN"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    # No pager: in a pty test, less would wait for a key. Tests of the pager set GALACLI_PAGER.
    monkeypatch.setenv("PAGER", "cat")
    # The knowledge cache goes to a temporary folder, never the user's cache.
    monkeypatch.setenv("GALACLI_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


class Run:
    """Invoke the real Typer app and keep stdout and stderr apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        return self.runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    def json(self, *args: str) -> Any:
        result = self(*args, "--format", "json")
        return json.loads(result.stdout)


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge files, laid out as in the package."""
    root = tmp_path / "galacli"
    (root / "data").mkdir(parents=True)
    shutil.copy(PACKAGE / "causes.yaml", root / "causes.yaml")
    for file in (PACKAGE / "data").glob("*.yaml"):
        shutil.copy(file, root / "data" / file.name)
    return root
