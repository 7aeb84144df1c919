"""Reading YAML that a stranger wrote: a knowledge pack or an answers file.

PyYAML's safe loader never runs code (a `!!python/...` tag is an error), but two things still
hurt: deep nesting crashes libyaml's recursive composer outright (a segfault at about 100,000
levels), and aliases can make a tiny file stand for billions of values ("billion laughs") that
validation would then walk. So untrusted text is first streamed through libyaml's parser, which
is not recursive, and rejected early if it nests too deeply or expands too far. The shipped
knowledge is ours and skips this step.
"""

from __future__ import annotations

import contextlib
from typing import Any

from galacli.errors import DataError

MAX_BYTES = 16 * 1024 * 1024  # a 10,000-entry pack is about 5 MB
MAX_DEPTH = 64  # the knowledge files nest 6 deep
MAX_VALUES = 2_000_000  # values after expanding every alias
# Bytes of scalar text after expanding every alias: counting values alone let one anchored
# 10 KB string, aliased 10,000 times (a 49 KB file), stand for 100 MB (46 s and an 89 MB cache).
MIN_EXPANDED_BYTES = 4 * 1024 * 1024
MAX_EXPANDED_BYTES = 64 * 1024 * 1024
EXPANSION = 8  # a file may stand for at most 8x its own size (the shipped files: under 1.1x)


def expanded_limit(text: str) -> int:
    return min(MAX_EXPANDED_BYTES, max(MIN_EXPANDED_BYTES, EXPANSION * len(text)))


def yaml_loader() -> Any:
    """libyaml's safe C loader (6-9x faster than the pure-Python one, which is the fallback).

    PyYAML is imported only when YAML is really parsed: a cached run never pays for it.
    """
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def decode(data: bytes, label: str, *, trusted: bool = False) -> str:
    """UTF-8 text (a byte-order mark is allowed), or a DataError naming the first bad line."""
    if not trusted and len(data) > MAX_BYTES:
        raise DataError(label, None, "", f"is too large ({len(data):,} bytes; limit {MAX_BYTES:,})")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(label, line, "", "is not UTF-8 text") from None


def check_shape(text: str, label: str) -> None:
    """Fail fast on nesting deeper than MAX_DEPTH or more than MAX_VALUES values once aliases
    are expanded. Counts sizes per anchor, so the check itself never expands anything.

    libyaml (PyYAML >= 6.0.2's C parser) has a nesting limit of its own, 1000, and inside flow
    collections (`[[[...`) its scanner reads ahead to the limit before it hands out the first
    event, so it stops before this guard sees level 65. When the fast parser fails after text it
    read but did not hand out could have opened enough levels (one `[ { - ? :` or line break
    each), the guard walks the text before the failure again with the pure-Python parser, which
    hands out events as it goes: if it nests too deeply, the answer is this guard's message and
    line, whatever words the library used. An ordinary syntax error is not walked twice.
    """
    import yaml

    fast = yaml_loader()
    seen = _Seen()
    try:
        _walk(text, label, fast, seen)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if fast is not yaml.SafeLoader and mark is not None:
            unseen = text[seen.index : mark.index]
            openers = sum(unseen.count(ch) for ch in "[{-?:\n")
            if seen.depth + openers > MAX_DEPTH:
                _recheck_depth(text[: mark.index], label)
        raise _yaml_error(label, exc) from None
    except yaml.YAMLError as exc:
        raise DataError(label, None, "", f"not valid YAML: {one_line(str(exc))}") from None


def _recheck_depth(head: str, label: str) -> None:
    """The guard again, over the text the fast parser read before it failed; the text is cut
    there, so the YAML error that ends it is expected and not the answer."""
    import yaml

    with contextlib.suppress(yaml.YAMLError):
        _walk(head, label, yaml.SafeLoader)


class _Seen:
    """How deep the walk is, and where the last event it was handed starts."""

    depth = 0
    index = 0


def _walk(text: str, label: str, loader: Any, seen: _Seen | None = None) -> None:
    import yaml

    seen = seen or _Seen()

    open_nodes: list[list[Any]] = []  # [anchor, values so far] per open mapping or sequence
    anchored: dict[str, int] = {}  # anchor -> how many values it stands for
    # The same per anchor for bytes: bytes so far per open node, anchor -> bytes.
    open_bytes: list[int] = []
    anchored_bytes: dict[str, int] = {}
    limit = expanded_limit(text)
    for event in yaml.parse(text, Loader=loader):
        seen.depth, seen.index = len(open_nodes), event.start_mark.index if event.start_mark else 0
        if isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append([event.anchor, 1])
            open_bytes.append(1)
            if len(open_nodes) > MAX_DEPTH:
                raise DataError(label, _line(event), "", f"nests deeper than {MAX_DEPTH} levels")
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, size = open_nodes.pop()
            weight = open_bytes.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size, weight = event.anchor, 1, len(event.value) + 1
        elif isinstance(event, yaml.AliasEvent):
            anchor, size = None, anchored.get(event.anchor or "", 1)
            weight = anchored_bytes.get(event.anchor or "", 1)
        else:
            continue
        if anchor:
            anchored[anchor] = size
            anchored_bytes[anchor] = weight
        if open_bytes:
            open_bytes[-1] += weight
            weight = open_bytes[-1]
        if weight > limit:
            problem = f"expands to more than {limit:,} bytes (YAML aliases)"
            raise DataError(label, _line(event), "", problem)
        if open_nodes:
            open_nodes[-1][1] += size
            size = open_nodes[-1][1]
        if size > MAX_VALUES:
            problem = f"expands to more than {MAX_VALUES:,} values (YAML aliases)"
            raise DataError(label, _line(event), "", problem)


def _line(event: Any) -> int | None:
    return event.start_mark.line + 1 if event.start_mark else None


def parse(text: str, label: str, *, trusted: bool = False) -> Any:
    """The YAML document in `text`, safely; every failure is a DataError with file and line."""
    import yaml

    if not trusted:
        check_shape(text, label)
    try:
        return yaml.load(text, Loader=yaml_loader())  # noqa: S506 - a safe loader (C or Python)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(label, exc) from None
    except yaml.YAMLError as exc:
        raise DataError(label, None, "", f"not valid YAML: {one_line(str(exc))}") from None
    except RecursionError:  # the pure-Python fallback loader on deep nesting
        raise DataError(label, None, "", f"nests deeper than {MAX_DEPTH} levels") from None
    except ValueError as exc:
        raise DataError(label, None, "", f"not valid YAML: {_value_problem(exc)}") from None


def parse_json(text: str, label: str) -> Any:
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(label, exc.lineno, "", f"not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise DataError(label, None, "", "nests too deeply") from None
    except ValueError as exc:
        raise DataError(label, None, "", f"not valid JSON: {_value_problem(exc)}") from None


def _value_problem(exc: ValueError) -> str:
    """A value the parser recognised but could not build: a date like 2026-02-30, or an integer
    longer than Python will read (4,300 digits: sys.int_info.default_max_str_digits)."""
    return "a number is too long" if "integer string conversion" in str(exc) else str(exc)


def _yaml_error(label: str, exc: Any) -> DataError:
    """One line, with the line number (PyYAML's own text spans several lines, with marks)."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = exc.problem or exc.context or "cannot be read"
    return DataError(label, line, "", f"not valid YAML: {one_line(str(problem))}")


def one_line(text: str) -> str:
    return " ".join(text.split())
