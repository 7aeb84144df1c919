"""The terminal environment, resolved once per command and passed down (httpie's Environment).

Tests build one directly to simulate a terminal without a pty.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping
from typing import TextIO

import msgspec

from galacli import strings
from galacli.errors import UsageError

FORMATS = ("rich", "plain", "json", "markdown")
COLORS = ("auto", "always", "never")
MIN_WIDTH = 20
MAX_WIDTH = 1000


class Environment(msgspec.Struct, frozen=True):
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    stdin_isatty: bool
    stdout_isatty: bool
    format: str
    color: bool
    width: int | None
    lang: str
    lang_notice: str | None = None  # said on stderr when an environment language fell back


def _lang_from_environment(environ: Mapping[str, str]) -> tuple[str, str | None]:
    """GALACLI_LANG > LANGUAGE (a priority list) > LANG (C/POSIX ignored) > English."""
    candidates: list[str] = []
    if environ.get("GALACLI_LANG"):
        candidates.append(environ["GALACLI_LANG"])
    candidates += [part for part in environ.get("LANGUAGE", "").split(":") if part]
    if environ.get("LANG"):
        candidates.append(environ["LANG"])
    first_unsupported = None
    for raw in candidates:
        code = raw.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].casefold()
        if code in ("c", "posix", ""):
            continue
        if code in strings.LANGS:
            return code, None
        if first_unsupported is None:
            first_unsupported = code
    notice = (
        strings.text("lang_fallback", "en", lang=first_unsupported) if first_unsupported else None
    )
    return "en", notice


def resolve_lang(explicit: str | None, environ: Mapping[str, str]) -> tuple[str, str | None]:
    if explicit is not None:
        code = explicit.strip().casefold()
        if code not in strings.LANGS:
            raise UsageError(
                strings.text(
                    "lang_unsupported", "en", lang=explicit, langs=", ".join(strings.LANGS)
                )
            )
        return code, None
    return _lang_from_environment(environ)


def detect(
    format: str | None = None,
    lang: str | None = None,
    color: str = "auto",
    *,
    environ: Mapping[str, str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> Environment:
    env = os.environ if environ is None else environ
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    out_tty = _isatty(stdout)
    chosen_lang, notice = resolve_lang(lang, env)
    chosen_format = format or ("rich" if out_tty else "plain")
    if color == "always":
        use_color = True
    elif color == "never" or "NO_COLOR" in env or env.get("TERM") == "dumb":
        use_color = False
    else:
        use_color = out_tty
    return Environment(
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        stdin_isatty=_isatty(stdin),
        stdout_isatty=out_tty,
        format=chosen_format,
        color=use_color,
        width=_width(env.get("COLUMNS", "")),
        lang=chosen_lang,
        lang_notice=notice,
    )


def _width(columns: str) -> int | None:
    """COLUMNS as a width from 20 to 1,000. Only ASCII digits (str.isdigit() also accepts '²',
    which int() refuses), and capped: Rich pads every line to the width, so COLUMNS=100000000
    would print a gigabyte."""
    if not (columns.isascii() and columns.isdigit()):
        return None
    # Compare as text first: int() refuses numbers of more than 4,300 digits.
    number = int(columns) if len(columns) <= 6 else MAX_WIDTH
    return min(max(MIN_WIDTH, number), MAX_WIDTH)


MAX_LINES = 10_000


def sanitise_terminal_size(environ: MutableMapping[str, str]) -> None:
    """Rich and Typer read COLUMNS and LINES from os.environ themselves, with int(): make them
    ASCII digits within bounds (or remove them) before anything does ('²', 5,000 digits)."""
    for name, low, high in (("COLUMNS", MIN_WIDTH, MAX_WIDTH), ("LINES", 1, MAX_LINES)):
        value = environ.get(name)
        if value is None:
            continue
        value = value.strip()
        if not (value.isascii() and value.isdigit()):
            del environ[name]
            continue
        number = int(value) if len(value) <= 6 else high
        environ[name] = str(min(max(low, number), high))


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
