"""Privacy: no command opens a network socket; a check writes nothing but the knowledge cache."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

COMMANDS = [
    ("faq", "men"),
    ("faq", "milk", "after", "sex"),
    ("causes", "--drug", "Risperdal"),
    ("causes", "pituitary"),
    ("check", "-a", "sex=female", "-a", "discharge=milky", "-a", "medications=Prozac, weed"),
    ("when-to-worry",),
    ("sources", "AAFP22"),
    ("handout", "--all"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_no_command_opens_a_socket(
    run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("galacli tried to open a network socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = run(*args, "--format", "json")
    assert result.exit_code == 0


def test_a_check_writes_nothing_outside_the_cache(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("GALACLI_CACHE_DIR", str(cache))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    result = run(
        "check", "-a", "sex=female", "-a", "discharge=bloody", "-a", "medications=secret-name"
    )
    assert result.exit_code == 0
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert all(p.parts[0] == "cache" for p in written), written
    for path in cache.glob("*"):
        assert b"secret-name" not in path.read_bytes()
