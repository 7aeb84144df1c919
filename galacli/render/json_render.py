"""JSON: the result record itself, UTF-8 with non-ASCII kept, keys in record order."""

from __future__ import annotations

import re
from typing import Any

import msgspec

from galacli.core.records import Result

# JSON escapes only C0 controls. DEL and the C1 controls (U+0080-U+009F; U+009B starts an ANSI
# sequence on some terminals) would reach a terminal raw, so they are written as \u escapes too:
# the same string for a JSON reader, inert for `galacli ... --format json` read on screen.
_RAW_CONTROL = re.compile("[\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Bidirectional controls and line/paragraph separators too (they only occur inside strings,
# where \u escapes mean the same): `…/\u202ekt.shn.www//:sptth` cannot pose as an address.
_SHOWN = {
    code: f"\\u{code:04x}"
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029)
}


def render(result: Result, knowledge: dict[str, Any] | None = None) -> str:
    """`knowledge` (the pack in use, its version and any overrides) is added as a last key."""
    value: Any = result
    if knowledge is not None:
        value = {**msgspec.to_builtins(result), "knowledge": knowledge}
    try:
        encoded = msgspec.json.encode(value)
    except UnicodeEncodeError:
        # Input that was not UTF-8 (argv bytes decoded with surrogateescape) cannot be JSON:
        # each such byte becomes the replacement character, as in every other format.
        encoded = msgspec.json.encode(_replace_surrogates(msgspec.to_builtins(value)))
    document = msgspec.json.format(encoded, indent=2).decode("utf-8") + "\n"
    document = _RAW_CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", document)
    return document.translate(_SHOWN)


def _replace_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_replace_surrogates(k): _replace_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_surrogates(item) for item in value]
    return value
