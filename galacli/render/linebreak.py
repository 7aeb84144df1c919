"""Where a line of English or Chinese may break (pure; no Rich).

Rich breaks lines only at spaces. Chinese has no spaces, so to Rich a whole Chinese sentence is
one "word": in a table cell it is cut off with "…", elsewhere it jumps to a new line and leaves a
gap. This module finds the places a reader expects a break, in the spirit of Unicode line breaking
(UAX #14) but small enough to read:

- after a run of spaces (the spaces stay at the end of the line and are trimmed there);
- before and after each Chinese character or full-width symbol;
- never before closing punctuation (，。、；：？！）」》… and their ASCII cousins), never after
  opening punctuation (（「《“ and ASCII brackets);
- never between a number and the word after it ("3 个月", "38 °C", "12 months"), so a number is
  never left alone at the end of a line.

`divide(text, width, cell_len)` returns the offsets to break at, like Rich's own `divide_line`,
folding only a piece that is wider than the whole line (a long URL, say).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

# Characters that must not start a line (closing punctuation, small marks) ...
NO_LINE_START = frozenset("，。、；：？！）」』》〉】〕〗〙〛”’…‥·％‰°℃、,.;:!?)]}%ー々〆ゝゞ")
# ... and characters that must not end one (opening punctuation).
NO_LINE_END = frozenset("（「『《〈【〔〖〘〚“‘([{")


def is_wide(char: str) -> bool:
    """A character a line may break around: CJK ideographs, kana, hangul and full-width forms.

    Ranges, not unicodedata.east_asian_width: a comparison costs nothing at import.
    """
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # CJK radicals, punctuation, kana, ideographs
        or 0xAC00 <= code <= 0xD7AF  # hangul syllables
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0xFE30 <= code <= 0xFE4F  # CJK compatibility forms
        or 0xFF00 <= code <= 0xFFEF  # full-width and half-width forms
        or 0x20000 <= code <= 0x3FFFF  # CJK extension planes
    )


def _ends_with_number(text: str, end: int) -> bool:
    """True when text[:end] ends with a number standing alone ("3", "1.5", "12,000") and then
    spaces. A number inside a longer token (a URL, "syc-20350431") does not count."""
    index = end - 1
    while index >= 0 and text[index] == " ":
        index -= 1
    if index < 0 or index == end - 1 or not text[index].isdigit():
        return False
    while index >= 0 and (text[index].isdigit() or text[index] in ".,"):
        index -= 1
    return index < 0 or text[index] == " " or is_wide(text[index])


def break_points(text: str) -> list[int]:
    """Every offset (0 < offset < len) where a new line may start."""
    points: list[int] = []
    for index in range(1, len(text)):
        before, after = text[index - 1], text[index]
        if after.isspace():
            continue  # spaces stay on the line they follow
        if before.isspace():
            allowed = not _ends_with_number(text, index)
        else:
            allowed = is_wide(before) or is_wide(after)
        if allowed and (after in NO_LINE_START or before in NO_LINE_END):
            allowed = False
        if allowed:
            points.append(index)
    return points


def pieces(text: str) -> list[tuple[int, int]]:
    """The unbreakable pieces of text as (start, end), each with its trailing spaces."""
    edges = [0, *break_points(text), len(text)]
    return [(start, end) for start, end in itertools.pairwise(edges) if start < end]


def min_width(text: str, cell_len: Callable[[str], int]) -> int:
    """The narrowest a column can be without folding a piece of this text."""
    return max((cell_len(text[start:end].rstrip()) for start, end in pieces(text)), default=0)


def _fold(piece: str, start: int, width: int, cell_len: Callable[[str], int]) -> list[int]:
    """Offsets that cut a piece wider than the line into line-sized chunks."""
    offsets: list[int] = []
    used = 0
    for index, char in enumerate(piece):
        size = cell_len(char)
        if used and used + size > width:
            offsets.append(start + index)
            used = 0
        used += size
    return offsets


def divide(text: str, width: int, cell_len: Callable[[str], int]) -> list[int]:
    """Offsets at which to break one line of text (no newlines) to fit `width` cells."""
    breaks: list[int] = []
    used = 0
    for start, end in pieces(text):
        piece = text[start:end]
        size = cell_len(piece.rstrip())
        if used + size <= width:
            used += cell_len(piece)
            continue
        if start and used:
            breaks.append(start)
            used = 0
        if size > width:
            folds = _fold(piece.rstrip(), start, width, cell_len)
            breaks += folds
            tail_start = folds[-1] if folds else start
            used = cell_len(text[tail_start:end])
        else:
            used = cell_len(piece)
    return breaks


def cells(text: str) -> int:
    """How many terminal cells text takes: two for a wide character (is_wide) or an emoji (a
    query echoed in a message may hold one), else one. Enough for galacli's own messages,
    without importing Rich on the error path."""
    return sum(2 if is_wide(char) or 0x1F300 <= ord(char) <= 0x1FAFF else 1 for char in text)


def wrap(text: str, width: int, cell_len: Callable[[str], int] = cells) -> str:
    """Text (which may hold newlines) with each line broken to fit `width` cells where a reader
    expects a break, trailing spaces trimmed: for messages printed straight to a terminal."""
    lines: list[str] = []
    for line in text.split("\n"):
        edges = [0, *divide(line, width, cell_len), len(line)]
        lines += [line[start:end].rstrip() for start, end in itertools.pairwise(edges)]
    return "\n".join(lines)
