"""Handouts as CommonMark: headings, paragraphs, lists and autolinks only, never raw HTML.

Every piece of data goes through `markdown.escape`, so it reads as text in pandoc or any
CommonMark renderer.
"""

from __future__ import annotations

from galacli.core.records import HandoutResult, HandoutSection
from galacli.render import handout_parts as parts
from galacli.render.layout import labelled
from galacli.render.markdown import escape
from galacli.strings import text as s


def _body(body: str) -> list[str]:
    out = []
    for kind, texts in parts.body_blocks(body):
        if kind == "ul":
            out.append("\n".join(f"- {escape(item)}" for item in texts))
        else:
            out.append(escape(texts[0]))
    return out


def _strong(label: str, text: str, lang: str) -> str:
    """'**Label:** text'; in Chinese '**标签**：文字', since CommonMark does not close bold
    between a full-width colon and a letter."""
    if lang == "zh":
        return f"**{escape(label)}**：{escape(text)}"
    return f"**{escape(label)}:** {escape(text)}"


def _section(section: HandoutSection, result: HandoutResult, numbers: dict[str, int]) -> list[str]:
    lang = result.lang
    out = [f"## {escape(section.title)}"]
    if section.subtitle:
        out.append(f"*{escape(section.subtitle)}*")
    if section.lead:
        out.append(escape(section.lead))
    if section.body:
        out += _body(section.body)
    for part in section.parts:
        out += [f"### {escape(part.heading)}", *_body(part.body)]
    if section.groups:
        lines = []
        for group in section.groups:
            names = parts.group_names(group, lang)
            lines.append(
                f"- {escape(group.name)}"
                if names is None
                else "- " + _strong(group.name, names, lang)
            )
        out.append("\n".join(lines))
    for tier in section.tiers:
        out += [f"### {escape(parts.tier_word(tier.label))}", f"**{escape(tier.action)}**"]
        items = []
        for sign in tier.signs:
            item = f"- {escape(sign.text)}"
            if sign.reason:
                item += "\n  " + _strong(s("h_reason", lang), sign.reason, lang)
            if sign.disagreement:
                item += "\n  " + _strong(s("h_disagreement", lang), sign.disagreement, lang)
            items.append(item)
        out.append("\n".join(items))
    if section.safety:
        out.append("> " + _strong(s("h_safety", lang), section.safety, lang))
    cited = " ".join(f"[{numbers[source]}]" for source in section.sources)
    out.append(
        "*"
        + escape(
            f"{labelled(s('h_cited', lang), cited)} · "
            f"{labelled(s('h_reviewed', lang), section.reviewed)}"
        )
        + "*"
    )
    return out


def render(result: HandoutResult) -> str:
    lang = result.lang
    numbers = parts.numbers(result)
    meta = " · ".join(
        (
            s("handout_printed", lang, date=result.printed),
            s("handout_reviewed", lang, date=result.reviewed),
        )
    )
    out = [f"# {escape(result.title)}", escape(f"{meta} · {s('made_by', lang)}")]
    for section in result.sections:
        out += _section(section, result, numbers)
    out.append("> " + _strong(s("h_disclaimer", lang), result.disclaimer, lang))
    out.append(f"## {escape(parts.sources_heading(result))}")
    note = parts.cover_note(result)
    if note:
        out.append(escape(note))
    lines = []
    for number, ref in enumerate(result.sources, start=1):
        line = f"{number}. {escape(parts.source_text(ref))}"
        url = parts.safe_url(ref.url)
        if ref.url:
            ok = url and not any(c in url for c in "<> ")
            line += f" <{url}>" if ok else f" {escape(ref.url)}"
        lines.append(line)
    out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"
