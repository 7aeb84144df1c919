"""The visit summary as CommonMark: headings, paragraphs, lists and autolinks, never raw HTML.

Every piece of data goes through `markdown.escape`, so a medicine typed as `<script>` or with
an escape sequence reads as text (control characters are dropped) in any CommonMark renderer.
"""

from __future__ import annotations

from galacli.core.records import VisitResult
from galacli.render import handout_parts
from galacli.render import visit_parts as parts
from galacli.render.layout import labelled
from galacli.render.markdown import escape
from galacli.strings import text as s


def _strong(label: str, text: str, lang: str) -> str:
    """'**Label:** text'; in Chinese '**标签**：文字' (CommonMark does not close bold between a
    full-width colon and a letter)."""
    if lang == "zh":
        return f"**{escape(label)}**：{escape(text)}"
    return f"**{escape(label)}:** {escape(text)}"


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {escape(item)}" for item in items)


def render(result: VisitResult) -> str:
    lang = result.lang
    numbers = parts.numbers(result)
    out = [
        f"# {escape(result.title)}",
        escape(f"{parts.printed(result)} · {s('made_by', lang)}"),
        escape(s("visit_intro", lang)),
        f"## {escape(s('h_visit_result', lang))}",
        _strong(result.urgency_label, result.urgency_action, lang),
        f"**{escape(labelled(s('h_why', lang), '').rstrip())}**",
        _bullets(parts.why(result)),
        f"## {escape(s('h_visit_answers', lang))}",
    ]
    if result.answers:
        out.append(_bullets([labelled(line.label, line.value) for line in result.answers]))
    else:
        out.append(escape(s("visit_no_answers", lang)))
    if result.medicines or result.medicines_not_known:
        out.append(f"## {escape(s('h_visit_medicines', lang))}")
        lines = [
            f"- {escape(parts.medicine_name(m, lang))}{parts.dash(lang)}"
            f"{escape(parts.medicine_detail(m, lang))}"
            for m in result.medicines
        ]
        lines += [
            f"- {escape(name)}{parts.dash(lang)}{escape(words)}"
            for name, words in (parts.not_known(n, lang) for n in result.medicines_not_known)
        ]
        out.append("\n".join(lines))
    if result.safety_rule:
        out.append("> " + _strong(s("h_safety", lang), result.safety_rule, lang))
    if result.questions:
        out.append(f"## {escape(s('h_visit_questions', lang))}")
        out.append(
            "\n".join(
                f"{i}. {escape(q.text)} "
                + " ".join(f"\\[{numbers[source]}\\]" for source in q.sources)
                for i, q in enumerate(result.questions, start=1)
            )
        )
    if result.doctor_checks:
        out += [f"## {escape(s('h_doctor_checks', lang))}", _bullets(result.doctor_checks)]
    out.append("> " + _strong(s("h_disclaimer", lang), result.disclaimer, lang))
    if result.sources:
        out.append(f"## {escape(s('h_sources', lang))}")
        lines = []
        for number, ref in enumerate(result.sources, start=1):
            line = f"{number}. {escape(handout_parts.source_text(ref))}"
            url = handout_parts.safe_url(ref.url)
            ok = url and not any(c in url for c in "<> ")
            if ref.url:
                line += f" <{url}>" if ok else f" {escape(ref.url)}"
            lines.append(line)
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"
