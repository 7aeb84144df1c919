"""A real browser prints the visit summary: in English and Chinese, on A4 and Letter, with the
tier, every answer, the disclaimer and the date on paper, no markup shown, nothing fetched, and
a typical result on at most two pages.

Needs what tests/test_handout_pdf.py needs (headless Chromium, pdftotext, a Chinese font for
the Chinese cases) and skips, or fails under GALACLI_REQUIRE_BROWSER=1, the same way.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_handout_pdf import (  # the same browser, recorder and skip rules as the handouts
    EPOCH,
    MARKUP,
    browser,  # noqa: F401 - a fixture
    need_fonts,
    pdf_text,
    print_to_pdf,
    squeeze,
    words,
)
from test_visit import GOLDEN_ANSWERS, check

from galacli import strings
from galacli.core.visit import questions_to_ask
from galacli.knowledge.loader import load_knowledge

KB = load_knowledge()
# The paper parameter is `size`: tests/test_handout_pdf.py prints, ahead, every selected case
# whose parameters name a `paper` (and a `kind`).
CASES = [(lang, size) for lang in ("en", "zh") for size in ("A4", "letter")]


def visit_page(run, lang: str, paper: str, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / f"visit-{lang}-{paper}.html"
    args = [x for key, value in GOLDEN_ANSWERS.items() for x in ("-a", f"{key}={value}")]
    result = run("check", *args, "--lang", lang, "-o", str(out), env=EPOCH)
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    # The page leaves the paper to the printer; pin it here to test both common sizes.
    out.write_text(page.replace("</style>", f"@page {{ size: {paper}; }}\n</style>", 1))
    return out


@pytest.mark.parametrize(("lang", "size"), CASES, ids=["-".join(c) for c in CASES])
def test_the_visit_summary_prints(
    run,
    browser: str,  # noqa: F811
    tmp_path: Path,
    lang: str,
    size: str,
) -> None:
    need_fonts(lang)
    html = visit_page(run, lang, size, tmp_path)
    pdf, hosts = print_to_pdf(browser, html, tmp_path)
    raw = pdf_text(pdf)
    assert not MARKUP.search(raw), MARKUP.findall(raw)[:5]
    text = [squeeze(page) for page in raw.split("\f") if page.strip()]
    assert len(text) <= 2, f"{len(text)} pages"
    read = words("".join(text))

    result = check(GOLDEN_ANSWERS, lang)
    assert words(result.urgency_label) in read
    assert words(result.urgency_action)[:30] in read
    for line in result.answer_summary:
        assert words(line.label) in read and words(line.value) in read, line.id
    for medicine in result.medicines_matched:
        assert words(medicine.name) in read
    for item in questions_to_ask(KB, result):
        assert words(item.text.get(lang))[:24] in read, item.id
    for item in result.doctor_checks:
        assert words(item)[:24] in read, item
    assert words(strings.text("disclaimer", lang))[:30] in read
    assert "20261121" in read
    assert not re.search(r"\{emergency_number\}|\{advice_line\}", raw)

    named = {
        urlsplit(url).hostname
        for url in re.findall(r'href="(https?://[^"]+)"', html.read_text(encoding="utf-8"))
    }
    assert not (named & set(hosts)), f"the page made the browser fetch from {sorted(hosts)}"
