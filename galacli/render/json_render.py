"""JSON: the result record itself, UTF-8 with non-ASCII kept, keys in record order."""

from __future__ import annotations

import msgspec

from galacli.core.records import Result


def render(result: Result) -> str:
    return msgspec.json.format(msgspec.json.encode(result), indent=2).decode("utf-8") + "\n"
