"""Plain text: no colour, no decoration; lists are one item per line, tab between id and words."""

from __future__ import annotations

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


def render(blocks: list[Block]) -> str:
    out: list[str] = []

    def gap() -> None:
        if out and out[-1] != "":
            out.append("")

    for block in blocks:
        if isinstance(block, Title):
            gap()
            out.append(clean(block.text))
            if block.subtitle:
                out.append(f"[{clean(block.subtitle)}]")
        elif isinstance(block, Heading):
            gap()
            out.append(labelled(clean(block.text), "").rstrip())
        elif isinstance(block, Para):
            if out and not out[-1].endswith((":", "：")):
                gap()
            out.append(clean(block.text))
        elif isinstance(block, Bullets):
            out.extend(f"  - {clean(item)}" for item in block.items)
        elif isinstance(block, Rows):
            out.extend(f"{clean(key)}\t{clean(words)}" for key, words in block.rows)
        elif isinstance(block, TierBanner | TierLine):
            gap()
            out.append(labelled(clean(block.label).upper(), clean(block.action)))
        elif isinstance(block, Callout):
            gap()
            out.append(labelled(clean(block.label), clean(block.text)))
        elif isinstance(block, Lines):
            out.extend(clean(line) for line in block.items)
    body = "\n".join(out).strip("\n")
    return body + "\n" if body else ""
