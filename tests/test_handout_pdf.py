"""A real browser prints the HTML handout: page count, text, whole tier boxes, nothing fetched.

Needs headless Chromium and poppler's pdftotext and pdfinfo (Debian: `apt-get install chromium
poppler-utils fonts-noto-cjk`; the CJK fonts let the Chinese PDF carry real text). Without them
these tests are skipped, unless GALACLI_REQUIRE_BROWSER=1 (set by .ci/run) makes them fail.

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
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from galacli.knowledge.loader import load_knowledge
from galacli.render.handout_parts import tier_word
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


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    assert match, info.stdout
    return int(match.group(1))


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, with all whitespace removed (PDF text breaks lines anywhere)."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [re.sub(r"\s+", "", page) for page in out.split("\f") if page.strip()]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def write_handout(run, tmp_path: Path, lang: str, paper: str) -> Path:  # type: ignore[no-untyped-def]
    result = run("handout", "--format", "html", "--lang", lang, env=EPOCH)
    assert result.exit_code == 0, result.stderr
    # The page leaves the paper to the printer; pin it here to test both common sizes.
    page = result.stdout.replace("</style>", f"@page {{ size: {paper}; }}\n</style>", 1)
    path = tmp_path / f"handout-{lang}-{paper}.html"
    path.write_text(page, encoding="utf-8")
    return path


@pytest.mark.parametrize("paper", ["A4", "letter"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_default_handout_prints_on_two_pages(
    run, browser: str, tmp_path: Path, lang: str, paper: str
) -> None:
    html = write_handout(run, tmp_path, lang, paper)
    pdf, hosts = print_to_pdf(browser, html, tmp_path)
    assert pages(pdf) <= 2

    text = page_texts(pdf)
    whole = "".join(text)
    for tier in KB.tiers:
        heading = squeeze(labelled(tier_word(tier.label.get(lang)), "").rstrip())
        assert heading in whole, heading
        # The tier box is not split: its heading and its last sign are on the same page.
        last = [sign for sign in KB.signs if sign.tier == tier.id][-1]
        start = squeeze(last.text.get(lang))[:25]
        on = [i for i, page in enumerate(text) if heading in page]
        assert on and start in text[on[0]], f"{tier.id} box split across pages"
    assert squeeze(s("disclaimer", lang))[:30] in whole
    assert squeeze(s("h_main_sources", lang)) in whole
    assert squeeze("Galactorrhea: Rapid Evidence Review") in whole  # the first source's title
    assert "2026-11-21" in whole

    named = {
        urlsplit(url).hostname for url in re.findall(r'href="(https?://[^"]+)"', html.read_text())
    }
    fetched = named & set(hosts)
    assert not fetched, f"the page made the browser fetch from {sorted(fetched)}"


def test_the_fetch_recorder_sees_a_page_that_loads_something(browser: str, tmp_path: Path) -> None:
    html = tmp_path / "control.html"
    html.write_text(
        '<!DOCTYPE html><html><body><p>control</p><img src="http://handout-control.test/x.png">'
        "</body></html>",
        encoding="utf-8",
    )
    _, hosts = print_to_pdf(browser, html, tmp_path)
    assert "handout-control.test" in hosts
