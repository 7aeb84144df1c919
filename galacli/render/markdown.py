"""CommonMark, for handouts and notes: headings, paragraphs and lists."""

from __future__ import annotations

import re

from galacli.render.layout import (
    Block,
    Bullets,
    Callout,
    Heading,
    Lines,
    Para,
    Rows,
    TierBanner,
    TierLine,
    Title,
    clean,
    labelled,
)

# Intraword underscores (question ids like age_group) are never emphasis in CommonMark.
_SPECIAL = re.compile(r"([\\`*\[\]<>|]|(?<!\w)_|_(?!\w))")


def escape(text: str) -> str:
    """Data is text, never Markdown: escape what CommonMark would read as markup."""
    escaped = _SPECIAL.sub(r"\\\1", clean(text))
    return re.sub(r"^([#+=-]|\d+[.)])", r"\\\1", escaped)


def render(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Title):
            out.append(f"# {escape(block.text)}")
            if block.subtitle:
                out.append(f"`{clean(block.subtitle).replace('`', '')}`")
        elif isinstance(block, Heading):
            out.append(f"## {escape(block.text)}")
        elif isinstance(block, Para):
            out.append(escape(block.text))
        elif isinstance(block, Bullets):
            out.append("\n".join(f"- {escape(item)}" for item in block.items))
        elif isinstance(block, Rows):
            out.append("\n".join(f"- `{key}`: {escape(words)}" for key, words in block.rows))
        elif isinstance(block, TierBanner):
            out.append(f"## {escape(block.label)}\n\n> **{escape(block.action)}**")
        elif isinstance(block, TierLine):
            out.append(f"**{labelled(escape(block.label), '').rstrip()}** {escape(block.action)}")
        elif isinstance(block, Callout):
            out.append(f"> **{labelled(escape(block.label), '').rstrip()}** {escape(block.text)}")
        elif isinstance(block, Lines):
            body = "\n".join(clean(line).replace("```", "'") for line in block.items)
            out.append(f"```text\n{body}\n```")
    body = "\n\n".join(part for part in out if part)
    return body + "\n" if body else ""
