"""The terminal environment, resolved once per command and passed down (httpie's Environment).

Tests build one directly to simulate a terminal without a pty.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping, MutableMapping
from typing import TextIO

import msgspec

from galacli import regions, strings
from galacli.errors import UsageError
from galacli.regions import Region

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
    region: Region | None = None  # where emergency numbers come from (galacli/regions.py)
    region_notice: str | None = None  # said on stderr when GALACLI_REGION is not known


# A language tag as BCP 47 (zh-Hans-CN, en-GB) or POSIX (zh_CN.UTF-8, en_US@euro) writes it.
_TAG = re.compile(r"^([A-Za-z]{2,3})((?:[-_][A-Za-z0-9]{1,8})*)(?:\.[\w-]+)?(?:@\w+)?$")
# galacli's Chinese is Simplified: a Traditional script or region gets it with a notice.
_TRADITIONAL = {"hant", "tw", "hk", "mo"}


def parse_lang(raw: str) -> tuple[str, bool] | None:
    """(primary language, asks for Traditional Chinese) from a tag; None if it is not one."""
    found = _TAG.match(raw.strip())
    if found is None:
        return None
    subtags = {part.casefold() for part in re.split(r"[-_]", found.group(2)) if part}
    primary = found.group(1).casefold()
    return primary, primary == "zh" and bool(subtags & _TRADITIONAL)


def _chosen(code: str, traditional: bool, raw: str) -> tuple[str, str | None]:
    notice = strings.text("lang_traditional", "zh", lang=raw) if traditional else None
    return code, notice


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
        parsed = parse_lang(raw)
        code = parsed[0] if parsed else raw.split(".")[0].casefold()
        if code in ("c", "posix", ""):
            continue
        if parsed and code in strings.LANGS:
            return _chosen(code, parsed[1], raw)
        if first_unsupported is None:
            first_unsupported = code
    notice = (
        strings.text("lang_fallback", "en", lang=first_unsupported) if first_unsupported else None
    )
    return "en", notice


def resolve_lang(explicit: str | None, environ: Mapping[str, str]) -> tuple[str, str | None]:
    """--lang (strict) > the environment. Both take a bare code (zh) or a full tag (zh-CN,
    zh_CN.UTF-8, zh-Hans-CN, en-GB, en_US); zh-TW and zh-Hant get Simplified, with a notice."""
    if explicit is not None:
        parsed = parse_lang(explicit)
        if parsed is None or parsed[0] not in strings.LANGS:
            raise UsageError(
                strings.text(
                    "lang_unsupported", "en", lang=explicit, langs=", ".join(strings.LANGS)
                )
            )
        return _chosen(parsed[0], parsed[1], explicit)
    return _lang_from_environment(environ)


def _territory(locale: str) -> str | None:
    """The territory of a POSIX locale name (en_GB.UTF-8 -> GB), if it has one."""
    found = re.match(r"^[A-Za-z]{2,3}_([A-Za-z]{2})(?:[.@]|$)", locale)
    return found.group(1).upper() if found else None


def resolve_region(
    explicit: str | None, environ: Mapping[str, str]
) -> tuple[Region | None, str | None]:
    """--region (strict) > GALACLI_REGION > the locale's territory (LC_ALL > LC_MESSAGES > LANG,
    the first one set, as the C library reads them) > none. Returns the region and a notice."""
    known = ", ".join(code.lower() for code in regions.REGIONS)
    if explicit is not None:
        region = regions.lookup(explicit)
        if region is None:
            raise UsageError(strings.text("region_unknown", "en", region=explicit, known=known))
        return region, None
    chosen = environ.get("GALACLI_REGION", "").strip()
    if chosen:
        region = regions.lookup(chosen)
        if region is None:
            return None, strings.text("region_fallback", "en", region=chosen, known=known)
        return region, None
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        locale = environ.get(name, "")
        if locale:
            territory = _territory(locale)
            return (regions.lookup(territory) if territory else None), None
    return None, None


def detect(
    format: str | None = None,
    lang: str | None = None,
    color: str = "auto",
    region: str | None = None,
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
    chosen_region, region_notice = resolve_region(region, env)
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
        region=chosen_region,
        region_notice=region_notice,
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
