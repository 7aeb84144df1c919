"""A real browser prints the HTML handouts: no markup shown, every heading, paragraph, source
and the disclaimer there, the overview on two pages with whole tier boxes, nothing fetched.

Every kind of handout is printed in both languages on A4 and Letter, and a few single topics;
tests/test_handout.py proves the same of every topic's HTML in-process.

Needs headless Chromium and poppler's pdftotext and pdfinfo (Debian: `apt-get install chromium
poppler-utils fonts-noto-cjk fonts-liberation`). Without them these tests are skipped, and the
Chinese ones are skipped when fontconfig has no Chinese font (`fc-list :lang=zh`), unless
GALACLI_REQUIRE_BROWSER=1 (set by .ci/run) makes every such skip a failure.

"Nothing fetched" is checked twice: the page names no resource to load (tests/test_handout.py),
and here Chromium runs with every request sent to a local proxy that records it, with DNS
switched off behind it. A control page that does load an image proves the recorder works.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from galacli.cli import app
from galacli.core.handout import build_handout
from galacli.core.records import HandoutResult, HandoutSection
from galacli.knowledge.loader import load_knowledge
from galacli.regions import localise
from galacli.render.handout_parts import body_blocks, sources_heading, tier_word
from galacli.render.layout import labelled
from galacli.strings import text as s

# Read at import: the autouse `hermetic` fixture clears GALACLI_* variables before each test.
REQUIRE = bool(os.environ.get("GALACLI_REQUIRE_BROWSER"))
BROWSERS = ("chromium", "chromium-browser")
KB = load_knowledge()
EPOCH = {"SOURCE_DATE_EPOCH": "1795219200"}
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


@pytest.fixture(scope="module")
def browser() -> str:
    found = next((b for b in map(shutil.which, BROWSERS) if b), None)
    missing = [tool for tool in ("pdftotext", "pdfinfo") if shutil.which(tool) is None]
    if found is None:
        missing.insert(0, "chromium")
    if missing:
        why = (
            f"needs {', '.join(missing)} on PATH "
            "(Debian: apt-get install chromium poppler-utils fonts-noto-cjk)"
        )
        if REQUIRE:
            pytest.fail(f"GALACLI_REQUIRE_BROWSER is set but the test {why}")
        pytest.skip(why)
    assert found is not None
    return found


@contextmanager
def recording_proxy() -> Iterator[tuple[str, list[str]]]:
    """A local 'proxy' that answers nothing and records the host of every request."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    hosts: list[str] = []
    done = threading.Event()

    def serve() -> None:
        while not done.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(2)
                try:
                    line = connection.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
                except OSError:
                    continue
                parts = line.split()
                if len(parts) >= 2:
                    target = parts[1]
                    hosts.append(urlsplit(target).hostname or target.rsplit(":", 1)[0])

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.getsockname()[1]}", hosts
    finally:
        done.set()
        thread.join(timeout=5)
        server.close()


def print_to_pdf(browser: str, html: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    """Print `html` with headless Chromium; return the PDF and the hosts it asked for."""
    pdf = html.with_suffix(".pdf")
    profile = tmp_path / f"profile-{html.stem}"  # a new user-data-dir for every run
    with recording_proxy() as (proxy, hosts):
        done = subprocess.run(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--proxy-server=http://{proxy}",
                "--proxy-bypass-list=<-loopback>",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                f"--print-to-pdf={pdf}",
                html.as_uri(),
            ],
            capture_output=True,
            timeout=180,
            check=False,
        )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    assert pdf.is_file() and pdf.stat().st_size > 1000
    return pdf, hosts


def pdf_text(pdf: Path) -> str:
    """What poppler reads from the PDF, pages separated by form feeds."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def words(text: str) -> str:
    """Letters and digits only: PDF text may drop or move a dash or a full-width mark."""
    return re.sub(r"[\W_]+", "", text)


def cjk_fonts() -> list[str]:
    """The font families fontconfig offers for Chinese (none: Chromium prints boxes or nothing)."""
    if shutil.which("fc-list") is None:
        return []
    done = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
    )
    return [line for line in done.stdout.splitlines() if line.strip()]


def need_fonts(lang: str) -> None:
    """Chinese needs a CJK font (Debian: fonts-noto-cjk): skip without one, unless required."""
    if lang != "zh" or cjk_fonts():
        return
    why = (
        "needs a Chinese font: `fc-list :lang=zh` lists none "
        "(Debian: apt-get install fonts-noto-cjk)"
    )
    if REQUIRE:
        pytest.fail(f"GALACLI_REQUIRE_BROWSER is set but the Chinese PDF test {why}")
    pytest.skip(why)


# Every kind of handout, printed in both languages on both papers, and a few single topics
# per language (a question with a list, a cause with the medicine rule), between them on both
# papers. tests/test_handout.py checks every question and cause in-process; Chromium takes
# 2-4 s a print, so printing all 73 in both languages on both papers would take ten minutes.
KINDS: dict[str, tuple[str, ...]] = {
    "overview": (),
    "when-to-worry": ("when-to-worry",),
    "faq": ("faq",),
    "causes": ("causes",),
    "--all": ("--all",),
    **{topic: (topic,) for topic in ("cause-medication", "prolactinoma", "men", "medication")},
}
PAPERS = ("A4", "letter")
LANGS = ("en", "zh")
SAMPLES = [
    ("cause-medication", "en", "A4"),
    ("prolactinoma", "en", "letter"),
    ("men", "zh", "A4"),
    ("medication", "zh", "letter"),
]
CASES = [
    *((kind, lang, paper) for kind in list(KINDS)[:5] for lang in LANGS for paper in PAPERS),
    *SAMPLES,
]
# Markup that must never reach the paper: a tag, an escaped tag or entity, Markdown bold.
MARKUP = re.compile(r"</?[a-z][a-z0-9]*[\s>/]|&(?:lt|gt|amp|#\d+);|\*\*", re.I)


def handout_page(kind: str, lang: str, paper: str) -> str:
    """The HTML handout as `galacli handout` writes it, with the paper pinned for printing."""
    result = CliRunner().invoke(
        app,
        ["handout", *KINDS[kind], "--format", "html", "--lang", lang],
        env={**EPOCH, "GALACLI_NO_CACHE": "1"},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    # The page leaves the paper to the printer; pin it here to test both common sizes.
    return result.stdout.replace("</style>", f"@page {{ size: {paper}; }}\n</style>", 1)


@dataclass
class Printed:
    html: Path
    pdf: Path | None = None
    hosts: list[str] = field(default_factory=list)
    error: BaseException | None = None


@pytest.fixture(scope="module")
def printed(
    browser: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> dict[tuple[str, ...], Printed]:
    """Every case this run selected printed once, two at a time (Chromium takes 2-4 s each)."""
    folder = tmp_path_factory.mktemp("handouts")
    selected = {
        (spec.params["kind"], spec.params["lang"], spec.params["paper"])
        for item in request.session.items
        if (spec := getattr(item, "callspec", None)) is not None and "paper" in spec.params
    }
    jobs: dict[tuple[str, ...], Printed] = {}
    for kind, lang, paper in CASES:
        if (kind, lang, paper) not in selected or (lang == "zh" and not cjk_fonts()):
            continue  # the test itself skips (or fails) with the reason
        html = folder / f"{kind.strip('-')}-{lang}-{paper}.html"
        html.write_text(handout_page(kind, lang, paper), encoding="utf-8")
        jobs[(kind, lang, paper)] = Printed(html)

    def work(job: Printed) -> None:
        try:
            job.pdf, job.hosts = print_to_pdf(browser, job.html, folder)
        except BaseException as error:  # reported by the case's own test
            job.error = error

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(work, jobs.values()))
    return jobs


def expected(kind: str, lang: str) -> HandoutResult:
    topics = list(KINDS[kind])
    everything = topics == ["--all"]
    # The printed page has the emergency number filled in (no region here: the wording for it).
    return localise(
        build_handout(KB, [] if everything else topics, lang, "2026-11-21", everything=everything),
        None,
    )


def block_texts(section: HandoutSection) -> list[str]:
    """The lead, paragraphs, list items, part headings and warning signs of a section."""
    out = [section.lead] if section.lead else []
    bodies = [section.body] if section.body else []
    for part in section.parts:
        out.append(part.heading)
        bodies.append(part.body)
    for body in bodies:
        for _, items in body_blocks(body):
            out += items
    out += [sign.text for tier in section.tiers for sign in tier.signs]
    return out


@pytest.mark.parametrize(("kind", "lang", "paper"), CASES, ids=["-".join(c) for c in CASES])
def test_every_handout_prints_its_text_and_no_markup(
    printed: dict[tuple[str, ...], Printed], kind: str, lang: str, paper: str
) -> None:
    need_fonts(lang)
    job = printed[(kind, lang, paper)]
    if job.error is not None:
        raise job.error
    assert job.pdf is not None
    raw = pdf_text(job.pdf)
    assert not MARKUP.search(raw), MARKUP.findall(raw)[:5]
    text = [squeeze(page) for page in raw.split("\f") if page.strip()]
    whole = "".join(text)
    result = expected(kind, lang)
    read = words(whole)

    for section in result.sections:
        assert words(section.title) in read, section.title
        for block in block_texts(section):
            assert words(block)[:24] in read, (section.id, block)
        for tier in section.tiers:
            assert words(tier_word(tier.label)) in read, tier.urgency
        if section.safety:
            assert words(section.safety)[:30] in read, section.id
    assert words(s("disclaimer", lang))[:30] in read
    assert words(sources_heading(result)) in read
    for ref in result.sources:
        assert words(ref.title)[:16] in read, ref.id
    assert "2026-11-21" in whole

    if kind == "overview":
        assert len(text) <= 2
        for tier in KB.tiers:
            # The tier box is not split: its heading and its last sign are on the same page.
            heading = squeeze(labelled(tier_word(tier.label.get(lang)), "").rstrip())
            last = [sign for sign in KB.signs if sign.tier == tier.id][-1]
            start = squeeze(last.text.get(lang))[:25]
            on = [i for i, page in enumerate(text) if heading in page]
            assert on and start in text[on[0]], f"{tier.id} box split across pages"
        assert squeeze("Galactorrhea: Rapid Evidence Review") in whole  # the first source

    named = {
        urlsplit(url).hostname
        for url in re.findall(r'href="(https?://[^"]+)"', job.html.read_text(encoding="utf-8"))
    }
    fetched = named & set(job.hosts)
    assert not fetched, f"the page made the browser fetch from {sorted(fetched)}"


def test_without_a_chinese_font_the_chinese_tests_skip_unless_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = sys.modules[__name__]
    monkeypatch.setattr(module, "cjk_fonts", lambda: [])
    monkeypatch.setattr(module, "REQUIRE", False)
    need_fonts("en")  # English needs none
    with pytest.raises(pytest.skip.Exception, match="fonts-noto-cjk"):
        need_fonts("zh")
    monkeypatch.setattr(module, "REQUIRE", True)
    with pytest.raises(pytest.fail.Exception, match="GALACLI_REQUIRE_BROWSER"):
        need_fonts("zh")


def test_the_chinese_font_check_finds_what_fontconfig_lists() -> None:
    """The skip reason is true: with fc-list there, the check agrees with it."""
    if shutil.which("fc-list") is None:
        assert cjk_fonts() == []
        return
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    assert bool(cjk_fonts()) == bool(listed.stdout.strip())


def test_the_fetch_recorder_sees_a_page_that_loads_something(browser: str, tmp_path: Path) -> None:
    html = tmp_path / "control.html"
    html.write_text(
        '<!DOCTYPE html><html><body><p>control</p><img src="http://handout-control.test/x.png">'
        "</body></html>",
        encoding="utf-8",
    )
    _, hosts = print_to_pdf(browser, html, tmp_path)
    assert "handout-control.test" in hosts
