"""What the Markdown and HTML handouts share: citation numbers, labels and body text as blocks."""

from __future__ import annotations

from galacli.core.records import HandoutGroup, HandoutResult, SourceRef
from galacli.render.layout import Bullets, Para, clean, paragraphs
from galacli.strings import text as s


def numbers(result: HandoutResult) -> dict[str, int]:
    """Each cited source's number in the sources list (1, 2, ...)."""
    return {ref.id: i for i, ref in enumerate(result.sources, start=1)}


def sources_heading(result: HandoutResult) -> str:
    """'Main sources' when the list is a covering set (the overview), else 'Sources'."""
    covered = len(result.sources) < result.sources_total
    return s("h_main_sources" if covered else "h_sources", result.lang)


def cover_note(result: HandoutResult) -> str | None:
    if len(result.sources) < result.sources_total:
        return s("sources_cover_note", result.lang, total=result.sources_total)
    return None


def source_text(ref: SourceRef) -> str:
    """'Title. Publisher, year.' (the URL is shown apart, as a link)."""
    year = f", {ref.year}" if ref.year else ""
    return clean(f"{ref.title.rstrip('.')}. {ref.publisher}{year}.")


def safe_url(url: str) -> str | None:
    """Only web links become links; anything else (and a link holding a control or
    bidirectional character, which could pose as another address) is shown as cleaned text."""
    if clean(url) != url:
        return None
    return url if url.startswith(("https://", "http://")) else None


def short_url(url: str) -> str:
    """A link as printed: without the scheme and "www." (the link itself is unchanged)."""
    return url.split("://", 1)[-1].removeprefix("www.")


def tier_word(label: str) -> str:
    """The tier's heading word: EMERGENCY, URGENT ... (Chinese has no case)."""
    return clean(label).upper()


def body_blocks(body: str) -> list[tuple[str, list[str]]]:
    """Body text as ("p", [text]) and ("ul", [items]) blocks, control characters removed."""
    out: list[tuple[str, list[str]]] = []
    for block in paragraphs(body):
        if isinstance(block, Bullets):
            out.append(("ul", [clean(item) for item in block.items]))
        elif isinstance(block, Para):
            out.append(("p", [clean(block.text)]))
    return out


def gap(lang: str) -> str:
    """What follows a label's colon: a space in English, nothing after a full-width colon."""
    return "" if lang == "zh" else " "


def group_names(group: HandoutGroup, lang: str) -> str | None:
    """A cause group's causes on one line; None when its one cause only repeats its name."""
    names = [cause.name for cause in group.causes]
    if names == [group.name]:
        return None
    return ("；" if lang == "zh" else "; ").join(names)
