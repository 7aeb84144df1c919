"""Handouts as one standalone HTML page, from a Jinja2 template with autoescaping.

What is trusted: only markup the template itself writes. Every value it prints from the data
is a plain `str`, so it is cleaned and escaped on the way out; the one `Markup` value the
template ever prints is the output of its own `body` macro, whose data were already cleaned
and escaped inside it, so it passes unchanged (cleaning it again would turn it back into a
plain string and escape its tags a second time: `&lt;p&gt;` shown as text). The template
uses no `|safe`, and no data reaches it as `Markup`.

The page needs nothing else: the CSS is inline, there are no scripts, fonts or images, and
nothing is fetched. Jinja2 is imported here, lazily, so other commands never pay for it.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from galacli.core.records import HandoutResult
from galacli.render import handout_parts as parts
from galacli.render.layout import clean, labelled
from galacli.strings import STRINGS
from galacli.strings import text as s

if TYPE_CHECKING:
    import jinja2

TEMPLATE = "templates/handout.html.j2"
CSS = "templates/page.css"  # the screen and print styles, shared with the visit summary
# The language tag of the page, so browsers pick the right fonts and screen readers the voice.
HTML_LANG = {"en": "en", "zh": "zh-Hans"}


def _finalize(value: Any) -> Any:
    """Every data value printed by the template loses control characters before it is escaped;
    markup the template built (a macro's output, already cleaned and escaped) is kept as is."""
    if isinstance(value, Markup):
        return value
    return clean(value) if isinstance(value, str) else value


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja environment of every galacli page: autoescaping, strict, and `finalize`
    cleaning each data value on the way out."""
    import jinja2

    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["colon"] = lambda label: labelled(label, "").rstrip()
    return environment


def _resource(name: str) -> str:
    return resources.files("galacli.render").joinpath(name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=4)
def template(name: str) -> jinja2.Template:
    return environment().from_string(_resource(name))


@functools.lru_cache(maxsize=1)
def css() -> Markup:
    """galacli's own style sheet: trusted markup, printed inside <style> as it is."""
    return Markup(_resource(CSS))  # noqa: S704 - our own file, never data


def page_context(lang: str) -> dict[str, Any]:
    """What every printed page's template is given: the style sheet, the interface strings, the
    language and the helpers that print sources and tiers (the handout and the visit summary)."""
    return {
        "css": css(),
        "t": {key: s(key, lang) for key in STRINGS["en"]},
        "html_lang": HTML_LANG.get(lang, lang),
        "gap": parts.gap(lang),
        "source_text": parts.source_text,
        "safe_url": parts.safe_url,
        "short_url": parts.short_url,
        "tier_word": parts.tier_word,
    }


def render(result: HandoutResult) -> str:
    lang = result.lang
    return template(TEMPLATE).render(
        **page_context(lang),
        h=result,
        printed=s("handout_printed", lang, date=result.printed),
        reviewed=s("handout_reviewed", lang, date=result.reviewed),
        numbers=parts.numbers(result),
        sources_heading=parts.sources_heading(result),
        cover_note=parts.cover_note(result),
        group_names=parts.group_names,
        blocks=parts.body_blocks,
    )
