"""`galacli handout`: topics, formats, languages, escaping, files, exit codes and start-up cost."""

from __future__ import annotations

import datetime
import json
import re
import socket
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import msgspec
import pytest
from markupsafe import escape as html_escape

from galacli.core.handout import build_handout, printed_date
from galacli.core.records import (
    HandoutPart,
    HandoutResult,
    HandoutSection,
    HandoutSign,
    HandoutTier,
    SourceRef,
)
from galacli.errors import UsageError
from galacli.knowledge.loader import load_knowledge
from galacli.render import handout_html, handout_markdown, handout_parts
from galacli.render.markdown import escape as md_escape

KB = load_knowledge()
EPOCH = {"SOURCE_DATE_EPOCH": "1795219200"}  # 2026-11-21
LANGS = ("en", "zh")
FORMATS = ("markdown", "html")
# Anything that would make a browser fetch something, or run something.
FETCHES = re.compile(r"<script|<link|<img|<iframe|<object|<embed|src=|url\(|@import", re.I)


def handout(run, *args: str):  # type: ignore[no-untyped-def]
    return run("handout", *args, env=EPOCH)


# ---- the overview


def test_overview_is_built_from_the_knowledge_in_order() -> None:
    result = build_handout(KB, [], "en", "2026-11-21")
    assert [s.id for s in result.sections] == [
        "what-is",
        "common-causes",
        "when-to-worry",
        "doctor",
    ]
    what, causes, worry, doctor = result.sections
    assert what.lead == KB.faq_by_id["what-is-galactorrhea"].short_answer.en
    assert causes.lead == KB.faq_by_id["causes-overview"].short_answer.en
    assert doctor.lead == KB.faq_by_id["diagnosis"].short_answer.en
    named = {cause.id for group in causes.groups for cause in group.causes}
    assert named == set(KB.cause_by_id)
    assert [t.urgency for t in worry.tiers] == ["emergency", "urgent", "routine", "self-care"]
    assert sum(len(t.signs) for t in worry.tiers) == len(KB.signs)
    assert all(sign.reason is None for t in worry.tiers for sign in t.signs)  # kept short
    assert causes.safety is not None and "prescribed medicine" in causes.safety
    assert result.disclaimer.startswith("This is information, not a diagnosis")


def test_overview_sources_cover_every_entry_it_shows() -> None:
    """Each entry shown keeps at least one of its own sources in the (shorter) list."""
    result = build_handout(KB, [], "en", "2026-11-21")
    cited = {ref.id for ref in result.sources}
    entries = [
        KB.faq_by_id[i].sources for i in ("what-is-galactorrhea", "causes-overview", "diagnosis")
    ]
    entries += [cause.sources for cause in KB.causes] + [sign.sources for sign in KB.signs]
    assert all(cited & set(sources) for sources in entries)
    assert len(result.sources) < result.sources_total
    assert len(result.sources) <= 20  # what keeps the overview on two pages
    numbers = {ref.id: i for i, ref in enumerate(result.sources)}
    for section in result.sections:
        assert section.sources, section.id
        assert [numbers[s] for s in section.sources] == sorted(numbers[s] for s in section.sources)


def test_topic_handouts_cite_every_source_of_their_entries() -> None:
    result = build_handout(KB, ["prolactinoma", "diagnosis"], "en", "2026-11-21")
    expected = dict.fromkeys(
        [*KB.cause_by_id["prolactinoma"].sources, *KB.faq_by_id["diagnosis"].sources]
    )
    assert [ref.id for ref in result.sources] == list(expected)
    assert result.sources_total == len(expected)


@pytest.mark.parametrize("lang", LANGS)
def test_default_handout_in_both_formats(run, lang: str) -> None:
    markdown = handout(run, "--lang", lang)
    page = handout(run, "--lang", lang, "--format", "html")
    assert markdown.exit_code == page.exit_code == 0
    for text in (markdown.stdout, page.stdout):
        for tier in KB.tiers:
            assert tier.label.get(lang).upper() in text
        assert "2026-11-21" in text
    if lang == "zh":
        assert 'lang="zh-Hans"' in page.stdout
        assert "什么时候需要担心" in markdown.stdout and "这些是健康信息，不是诊断" in page.stdout
    else:
        assert '<html lang="en">' in page.stdout
        assert "This is information, not a diagnosis" in markdown.stdout


def test_the_printed_date_comes_from_source_date_epoch_else_today() -> None:
    assert printed_date({"SOURCE_DATE_EPOCH": "1795219200"}) == "2026-11-21"
    assert printed_date({}, today=datetime.date(2030, 1, 2)) == "2030-01-02"
    # A malformed value is an error, as the reproducible-builds spec asks (issue 16, item 5).
    with pytest.raises(UsageError):
        printed_date({"SOURCE_DATE_EPOCH": "soon"}, today=datetime.date(2030, 1, 2))


# ---- topics


BOTH = set(KB.faq_by_id) & set(KB.cause_by_id)  # such ids need faq: or cause: in front
TOPICS = [
    *(f"faq:{i}" if i in BOTH else i for i in KB.faq_by_id),
    *(f"cause:{i}" if i in BOTH else i for i in KB.cause_by_id),
]


@pytest.mark.parametrize("topic", TOPICS)
def test_every_question_and_cause_is_a_topic(run, topic: str) -> None:
    kind, _, name = topic.rpartition(":")
    if name in KB.cause_by_id and kind != "faq":
        title = KB.cause_by_id[name].name
    else:
        title = KB.faq_by_id[name].question
    for lang in LANGS:
        markdown = handout(run, topic, "--lang", lang)
        assert markdown.exit_code == 0, markdown.stderr
        assert f"## {md_escape(title.get(lang))}\n" in markdown.stdout
        page = handout(run, topic, "--lang", lang, "--format", "html")
        assert page.exit_code == 0, page.stderr
        assert f"<h2>{html_escape(title.get(lang))}</h2>" in page.stdout


# Every kind of handout there is: the overview, each question and each cause alone, the three
# keywords and --all. The invariants below run over all of them, in both languages.
KINDS: list[tuple[str, tuple[str, ...], bool]] = [
    ("overview", (), False),
    *((topic, (topic,), False) for topic in TOPICS),
    *((keyword, (keyword,), False) for keyword in ("when-to-worry", "faq", "causes")),
    ("--all", (), True),
]
# Markup as text: a tag escaped once or more (`&lt;p&gt;`, `&amp;lt;li&amp;gt;`), or a tag
# left in what a reader sees.
ESCAPED_TAG = re.compile(r"&(?:amp;)*lt;/?[a-z][a-z0-9]*", re.I)
TAG_AS_TEXT = re.compile(r"</?(?:p|ul|ol|li|h[1-6]|strong|em|span|div|a|section|br)\b", re.I)


class _Elements(HTMLParser):
    """The text of each element (p, li, h2 ...) of a page, and all its text, as a reader sees it."""

    KEPT = ("h1", "h2", "h3", "p", "li")

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, list[str]]] = []
        self.found: dict[str, list[str]] = {tag: [] for tag in self.KEPT}
        self.text: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self.KEPT:
            self.open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.KEPT and self.open and self.open[-1][0] == tag:
            _, parts = self.open.pop()
            self.found[tag].append(" ".join("".join(parts).split()))

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _, parts in self.open:
            parts.append(data)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _blocks(section: HandoutSection) -> list[tuple[str, str]]:
    """What a section must show, as (element, text): its title, lead, paragraphs, list items,
    part headings and warning signs, each exactly as the knowledge says it."""
    out = [("h2", section.title)]
    out += [("p", section.lead)] if section.lead else []
    bodies = [section.body] if section.body else []
    for part in section.parts:
        out.append(("h3", part.heading))
        bodies.append(part.body)
    for body in bodies:
        for kind, items in handout_parts.body_blocks(body):
            out += [("li" if kind == "ul" else "p", item) for item in items]
    out += [("li", sign.text) for tier in section.tiers for sign in tier.signs]
    return [(tag, _one_line(text)) for tag, text in out]


def _kind_result(kind: tuple[str, tuple[str, ...], bool], lang: str) -> HandoutResult:
    _, topics, everything = kind
    return build_handout(KB, list(topics), lang, "2026-11-21", everything=everything)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS, ids=[kind[0] for kind in KINDS])
def test_every_html_handout_shows_its_text_and_no_markup_as_text(kind, lang: str) -> None:
    result = _kind_result(kind, lang)
    page = handout_html.render(result)
    assert not ESCAPED_TAG.search(page), ESCAPED_TAG.findall(page)[:5]
    seen = _Elements(page)
    assert not TAG_AS_TEXT.search("".join(seen.text))
    for section in result.sections:
        for tag, text in _blocks(section):
            # A sign's <li> goes on with its reason; every other element is the text alone.
            found = seen.found[tag]
            assert any(f == text or (tag == "li" and f.startswith(text)) for f in found), (
                section.id,
                tag,
                text,
            )
        if section.safety:
            assert any(_one_line(section.safety) in p for p in seen.found["p"]), section.id
    assert any(_one_line(result.disclaimer) in p for p in seen.found["p"])
    assert len(seen.found["li"]) >= len(result.sources)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS, ids=[kind[0] for kind in KINDS])
def test_every_markdown_handout_is_plain_commonmark_that_reads_as_the_knowledge(
    kind, lang: str
) -> None:
    from markdown_it import MarkdownIt

    result = _kind_result(kind, lang)
    text = handout_markdown.render(result)
    parser = MarkdownIt("commonmark")
    tokens = parser.parse(text)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not kinds & {"html_block", "html_inline"}
    rendered = parser.render(text)
    seen = _Elements(rendered)
    shown = "".join(seen.text)
    # No markup left over: no tag, no unclosed bold or italic, no backslash escape shown.
    assert not TAG_AS_TEXT.search(shown) and not ESCAPED_TAG.search(rendered)
    assert "**" not in shown and "\\" not in shown
    for section in result.sections:
        for tag, want in _blocks(section):
            found = seen.found[tag]
            assert any(f == want or (tag == "li" and f.startswith(want)) for f in found), (
                section.id,
                tag,
                want,
            )
    assert _one_line(result.disclaimer) in _one_line(shown)


def test_bare_cause_ids_work_unless_they_are_also_questions(run) -> None:
    assert handout(run, "prolactinoma").exit_code == 0
    both = handout(run, "induced-lactation")
    assert both.exit_code == 2
    assert "faq:induced-lactation or cause:induced-lactation" in both.stderr


def test_keywords_and_several_topics_concatenate_in_order(run) -> None:
    result = run.json("handout", "prolactinoma", "when-to-worry", "diagnosis", "prolactinoma")
    assert [s["id"] for s in result["sections"]] == [
        "cause:prolactinoma",
        "when-to-worry",
        "faq:diagnosis",
    ]
    reasons = [sign["reason"] for tier in result["sections"][1]["tiers"] for sign in tier["signs"]]
    assert all(reasons)  # a when-to-worry handout says why
    assert len(run.json("handout", "faq")["sections"]) == len(KB.faq)
    assert len(run.json("handout", "causes")["sections"]) == len(KB.causes)
    everything = run.json("handout", "--all")
    assert len(everything["sections"]) == 1 + len(KB.causes) + len(KB.faq)


def test_medicine_causes_carry_the_safety_rule(run) -> None:
    result = handout(run, "medication")
    assert "Do not stop or change a prescribed medicine" in result.stdout


# ---- errors and exit codes


def test_unknown_topic_is_1_with_suggestions(run) -> None:
    result = handout(run, "prolactinom")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "There is no handout topic 'prolactinom'" in result.stderr
    assert "Did you mean: prolactinoma" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_topic_in_chinese(run) -> None:
    result = handout(run, "when-to-wory", "--lang", "zh")
    assert result.exit_code == 1
    assert "你是不是要找：when-to-worry" in result.stderr


@pytest.mark.parametrize("fmt", ["plain", "rich", "pdf"])
def test_formats_other_than_markdown_html_json_are_usage_errors(run, fmt: str) -> None:
    result = handout(run, "--format", fmt)
    assert result.exit_code == 2
    assert f"'{fmt}'" in result.stderr and "html" in result.stderr
    assert result.stdout == ""


def test_all_and_topics_together_is_a_usage_error(run) -> None:
    result = handout(run, "--all", "faq")
    assert result.exit_code == 2
    assert "Give topics or --all, not both" in result.stderr


# ---- files


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_writes_the_file_and_nothing_to_stdout(run, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"handout.{fmt}"
    result = handout(run, "--format", fmt, "--lang", "zh", "--output", str(path))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert str(path) in result.stderr
    assert path.read_text(encoding="utf-8") == handout(run, "--format", fmt, "--lang", "zh").stdout


def test_unwritable_output_is_a_clear_usage_error(run, tmp_path: Path) -> None:
    path = tmp_path / "no-such-folder" / "handout.html"
    result = handout(run, "--format", "html", "-o", str(path))
    assert result.exit_code == 2
    assert f"Cannot write {path}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not path.exists()


def test_handout_output_is_utf8_whatever_the_terminal() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "galacli", "handout", "--lang", "zh"],
        capture_output=True,
        env={
            "PYTHONIOENCODING": "ascii",
            "SOURCE_DATE_EPOCH": "1795219200",
            "GALACLI_NO_CACHE": "1",
        },
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "溢乳" in done.stdout.decode("utf-8")
    assert done.stderr == b""  # no "cannot show Chinese" notice: nothing was replaced


# ---- safety of the output


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_is_commonmark_without_raw_html(run, lang: str) -> None:
    from markdown_it import MarkdownIt

    for args in ((), ("--all",)):
        text = handout(run, *args, "--lang", lang).stdout
        tokens = MarkdownIt("commonmark").parse(text)
        kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
        assert not kinds & {"html_block", "html_inline"}
        rendered = MarkdownIt("commonmark").render(text)
        assert "**" not in rendered  # every bold label closed
        assert "<h1>" in rendered and "<ol>" in rendered


@pytest.mark.parametrize("lang", LANGS)
def test_html_fetches_and_runs_nothing(run, lang: str) -> None:
    for args in ((), ("--all",)):
        page = handout(run, *args, "--lang", lang, "--format", "html").stdout
        assert not FETCHES.search(page)
        assert '<meta name="viewport"' in page
        for href in re.findall(r'href="([^"]*)"', page):
            assert href.startswith(("#source-", "https://", "http://")), href
        css = page[page.index("<style>") : page.index("</style>")]
        assert "://" not in css
        assert "break-inside: avoid" in css and "@media print" in css


def test_no_network_socket_is_opened(run, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("galacli tried to open a network socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert handout(run, "--all", "--format", "html").exit_code == 0


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & [link](javascript:x)'


def _hostile_result(lang: str) -> HandoutResult:
    sign = HandoutSign(id="s", text=HOSTILE, reason=HOSTILE, disagreement=HOSTILE)
    section = HandoutSection(
        id="faq:x",
        title=HOSTILE,
        subtitle=HOSTILE,
        lead=HOSTILE,
        body=f"{HOSTILE}\n\n- {HOSTILE}",
        parts=[HandoutPart(heading=HOSTILE, body=HOSTILE)],
        tiers=[HandoutTier(urgency="urgent", label=HOSTILE, action=HOSTILE, signs=[sign])],
        safety=HOSTILE,
        sources=["X"],
        reviewed="2026-11-21",
    )
    source = SourceRef(
        id="X", kind="review", title=HOSTILE, url="javascript:alert(1)", publisher=HOSTILE, year=1
    )
    return HandoutResult(
        lang=lang,
        topics=["x"],
        title=HOSTILE,
        printed="2026-11-21",
        reviewed="2026-11-21",
        sections=[section],
        sources=[source],
        sources_total=1,
        disclaimer=HOSTILE,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_html_escapes_all_data(lang: str) -> None:
    page = handout_html.render(_hostile_result(lang))
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    # The body's own paragraphs and list items are real tags around data escaped once.
    assert "<p>&lt;script&gt;" in page and "<li>&lt;script&gt;" in page
    assert "&amp;lt;" not in page
    assert 'href="javascript' not in page


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_escapes_all_data(lang: str) -> None:
    from markdown_it import MarkdownIt

    text = handout_markdown.render(_hostile_result(lang))
    assert "<script" not in text.replace("\\<script", "")
    rendered = MarkdownIt("commonmark").render(text)
    assert "<script" not in rendered and "<img" not in rendered
    assert 'href="javascript' not in rendered


def test_hostile_knowledge_is_escaped_end_to_end(run, monkeypatch, data_copy: Path) -> None:
    from galacli.knowledge import loader

    faq = data_copy / "data" / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    question = 'question: {en: "Why do I leak milk after sex?"'
    assert question in text
    faq.write_text(
        text.replace(question, 'question: {en: "Why <script>alert(1)</script> after sex?"', 1),
        encoding="utf-8",
    )
    monkeypatch.setattr(loader, "load_knowledge", lambda *_: loader.load_from(data_copy))
    page = handout(run, "why-milk-after-sex", "--format", "html").stdout
    assert "<h2>Why &lt;script&gt;alert(1)&lt;/script&gt; after sex?</h2>" in page
    assert "<script" not in page


# ---- JSON


def test_json_is_the_handout_record() -> None:
    result = build_handout(KB, [], "zh", "2026-11-21")
    from galacli.render import json_render

    document = json.loads(json_render.render(result))
    assert list(document)[:3] == ["schema_version", "command", "lang"]
    assert document["command"] == "handout" and document["lang"] == "zh"
    assert msgspec.convert(document, HandoutResult) == result


# ---- start-up cost


def _modules_after(args: list[str]) -> set[str]:
    code = (
        "import sys\nfrom galacli.cli import main\n"
        f"sys.argv = ['galacli', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] in ('rich', 'jinja2')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"GALACLI_NO_CACHE": "1", "SOURCE_DATE_EPOCH": "1795219200"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return {name.split(".")[0] for name in done.stdout.splitlines()[-1].split()}


def test_only_the_html_handout_imports_jinja2_and_no_handout_imports_rich() -> None:
    assert _modules_after(["handout", "--format", "html", "-o", "/dev/null"]) == {"jinja2"}
    assert _modules_after(["handout", "-o", "/dev/null"]) == set()
    assert _modules_after(["faq", "men", "--format", "plain"]) == set()
