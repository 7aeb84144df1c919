"""The visit summary (`galacli check ... -o visit.html`): one page to take to the doctor.

Goldens for both formats and languages; invariants over a grid of answer sets (every answer,
every medicine named and every doctor check of the check result is on the page, in both
formats and languages); the questions to ask follow the tier and the answers; hostile answers
are text; the exit codes; nothing is written without -o; the check's other formats are unchanged.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_golden import EPOCH, GOLDEN, compare

from galacli import strings
from galacli.core.check import run_check
from galacli.core.records import CheckResult
from galacli.core.visit import build_visit, questions_to_ask
from galacli.knowledge.loader import load_knowledge
from galacli.regions import localise
from galacli.render import visit_html, visit_markdown
from galacli.render.layout import labelled
from galacli.render.markdown import escape

KB = load_knowledge()
LANGS = ("en", "zh")
FORMATS = ("html", "markdown")
DATE = "2026-11-21"  # SOURCE_DATE_EPOCH 1795219200
RAISING = ("medication", "drug-use", "herbal", "estrogen-exposure")

# One answer set per tier and shape: bloody with a brand name and an unknown medicine (urgent),
# let-down while breastfeeding, a man with milky fluid, an emergency, nothing but the sex.
GOLDEN_ANSWERS = {
    "sex": "female", "age_group": "adult", "discharge": "bloody",
    "pregnant_or_breastfeeding": "no", "medications": "Risperdal, foozol",
}  # fmt: skip
GRID: list[dict[str, str]] = [
    GOLDEN_ANSWERS,
    {"pregnant_or_breastfeeding": "yes", "discharge": "milky", "sides": "both", "after_sex": "yes"},
    {"sex": "male", "age_group": "adult", "discharge": "milky", "sides": "one"},
    {"sex": "female", "age_group": "adult", "sudden_severe_headache": "yes", "discharge": "milky"},
    {"sex": "female", "age_group": "over-50", "discharge": "clear", "lump": "yes"},
    {"sex": "female", "age_group": "teen", "discharge": "milky", "medications": "metoclopramide"},
    {"sex": "female", "age_group": "adult", "medications": "domperidone, sertraline, ginseng"},
    {"age_group": "newborn", "discharge": "milky"},
    {"sex": "female", "age_group": "adult", "discharge": "milky", "headache": "yes"},
    {"sex": "female"},
    {},
]


def check(answers: dict[str, str], lang: str) -> CheckResult:
    return localise(run_check(KB, answers, lang), None)


def pages(result: CheckResult) -> dict[str, str]:
    visit = localise(build_visit(KB, result, DATE), None)
    return {"html": visit_html.render(visit), "markdown": visit_markdown.render(visit)}


class _Text(HTMLParser):
    """What a reader sees of a page: its text, without the <style> and <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def seen(page: str, fmt: str) -> str:
    """The page as text a person reads, on one line."""
    if fmt == "html":
        parser = _Text()
        parser.feed(page)
        text = "".join(parser.parts)
    else:
        text = re.sub(r"\\(.)", r"\1", page)  # Markdown escapes read as the character
    return " ".join(text.split())


def one_line(text: str) -> str:
    return " ".join(text.split())


# ----------------------------------------------------------------------------- goldens


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_golden_visit(run, tmp_path: Path, lang: str, fmt: str) -> None:
    args = [f"{key}={value}" for key, value in GOLDEN_ANSWERS.items()]
    out = tmp_path / f"visit.{'md' if fmt == 'markdown' else 'html'}"
    result = run(
        "check", *(x for a in args for x in ("-a", a)), "--lang", lang, "-f", fmt, "-o", str(out),
        env=EPOCH,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert str(out) in result.stderr
    compare(GOLDEN / f"visit.{lang}.{fmt}.txt", out.read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- invariants


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("answers", GRID, ids=[str(i) for i in range(len(GRID))])
def test_every_answer_medicine_and_doctor_check_is_on_the_page(
    answers: dict[str, str], lang: str
) -> None:
    result = check(answers, lang)
    for fmt, page in pages(result).items():
        text = seen(page, fmt)
        assert one_line(result.urgency_label.upper()) in text.upper(), fmt
        assert one_line(result.urgency_action) in text, fmt
        for line in result.answer_summary:
            if fmt == "html":
                assert one_line(line.label) in text and one_line(line.value) in text, line
            else:
                assert one_line(labelled(line.label, line.value)) in text, line
        for medicine in result.medicines_matched:
            assert medicine.name in text, medicine.id
            assert medicine.strength_label in text, medicine.id
        for name in result.medicines_not_known:
            assert name in text
        for item in result.doctor_checks:
            assert one_line(item) in text, item
        for flag in result.red_flags:
            assert one_line(flag.text) in text, flag.id
        for item in questions_to_ask(KB, result):
            assert one_line(item.text.get(lang)) in text, item.id
        assert one_line(result.disclaimer) in text
        assert DATE in text
        assert "{" not in text, "a placeholder was left unfilled"
        if result.medicines_matched or result.medicines_not_known:
            assert one_line(strings.text("safety_rule", lang)) in text


def test_questions_follow_the_tier_and_the_answers() -> None:
    for lang in LANGS:
        for answers in GRID:
            result = check(answers, lang)
            chosen = {item.id for item in questions_to_ask(KB, result)}
            raising = {m.cause for m in result.medicines_matched if m.strength != "none"}
            assert ("medicine-cause" in chosen) == bool(raising & set(RAISING)), answers
            if answers.get("sex") != "female":
                assert "pregnancy-test" not in chosen, answers
            if answers.get("discharge") in ("clear", "yellow", "green", "brown", "bloody"):
                assert "breast-scan" in chosen, answers
            for item in KB.ask_the_doctor:
                if item.id in chosen and item.tiers:
                    assert result.urgency in item.tiers, (item.id, answers)


def test_an_unanswered_question_never_picks_a_question_to_ask() -> None:
    """Nothing answered: only the questions that fit every such result (no `when`) are shown."""
    result = check({}, "en")
    chosen = questions_to_ask(KB, result)
    assert chosen and all(item.when is None for item in chosen)


def test_every_question_to_ask_is_in_both_languages_and_sourced() -> None:
    assert len(KB.ask_the_doctor) >= 4
    for item in KB.ask_the_doctor:
        assert item.text.en and item.text.zh, item.id
        assert item.sources and all(source in KB.sources for source in item.sources)
        assert item.text.en.endswith("?") and item.text.zh.endswith("？"), item.id


def test_each_question_to_ask_appears_for_some_answers() -> None:
    shown = {item.id for answers in GRID for item in questions_to_ask(KB, check(answers, "en"))}
    assert shown == {item.id for item in KB.ask_the_doctor}


# ----------------------------------------------------------------------------- hostile input

HOSTILE = "<script>alert(1)</script>\x1b[31mred\x1b[0m & <b>bold</b>"


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_answers_are_text(lang: str) -> None:
    result = check({"sex": "female", "medications": f"Risperdal, {HOSTILE}"}, lang)
    assert result.medicines_not_known
    rendered = pages(result)
    page = rendered["html"]
    assert "<script" not in page and "<b>" not in page
    assert "\x1b" not in page and "\x1b" not in rendered["markdown"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;" in page
    assert "red" in seen(page, "html")
    markdown = rendered["markdown"]
    assert "<script" not in markdown.replace("\\<script", "")
    assert escape("<script>alert(1)</script>") in markdown


def test_hostile_answer_end_to_end(run, tmp_path: Path) -> None:
    out = tmp_path / "visit.html"
    result = run("check", "-a", f"medications={HOSTILE}", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "\x1b" not in page
    assert html.unescape("&lt;script&gt;") == "<script>"


# ----------------------------------------------------------------------------- the command

ANSWERS = ("-a", "sex=female", "-a", "discharge=milky", "-a", "medications=Risperdal")


def test_nothing_is_written_without_output(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check", *ANSWERS, "--format", "html", env=EPOCH)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>") and DATE in result.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_dash_prints_the_summary(run, fmt: str) -> None:
    result = run("check", *ANSWERS, "-f", fmt, "-o", "-", env=EPOCH)
    assert result.exit_code == 0, result.stderr
    start = "<!DOCTYPE html>" if fmt == "html" else "# For my appointment"
    assert result.stdout.startswith(start)


NAMES = [("visit.html", "html"), ("visit.md", "markdown"), ("visit.MARKDOWN", "markdown"),
         ("visit", "html")]  # fmt: skip


@pytest.mark.parametrize(("name", "fmt"), NAMES)
def test_output_without_format_follows_the_file_name(
    run, tmp_path: Path, name: str, fmt: str
) -> None:
    out = tmp_path / name
    assert run("check", *ANSWERS, "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>" if fmt == "html" else "# ")


@pytest.mark.parametrize("fmt", ["rich", "plain", "json"])
def test_output_with_another_format_is_a_usage_error(run, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "visit.txt"
    result = run("check", *ANSWERS, "-f", fmt, "-o", str(out))
    assert result.exit_code == 2
    assert "html or markdown" in result.stderr and fmt in result.stderr
    assert not out.exists()


def test_unwritable_output_is_exit_2(run, tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "visit.html"
    result = run("check", *ANSWERS, "-o", str(out))
    assert result.exit_code == 2
    assert "Cannot write" in result.stderr and "Traceback" not in result.stderr
    result = run("check", *ANSWERS, "-o", str(out), "--lang", "zh")
    assert result.exit_code == 2 and "无法写入" in result.stderr


def test_questions_list_is_not_a_visit_summary(run, tmp_path: Path) -> None:
    result = run("check", "--questions", "-o", str(tmp_path / "q.html"))
    assert result.exit_code == 2 and "--questions" in result.stderr


def test_html_is_a_check_format_only(run) -> None:
    result = run("faq", "men", "--format", "html")
    assert result.exit_code == 2
    assert run("check", "--help").stdout.count("html") >= 1


def test_the_checks_json_and_markdown_do_not_change(run) -> None:
    """-o is what makes a visit summary: without it, markdown and JSON are the check's own."""
    markdown = run("check", *ANSWERS, "-f", "markdown").stdout
    assert not markdown.startswith("# For my appointment")
    assert run.json("check", *ANSWERS)["command"] == "check"


def test_emergency_numbers_are_filled_for_the_region(run) -> None:
    args = ("check", "-a", "sudden_severe_headache=yes", "-f", "markdown", "-o", "-")
    assert "999" in run(*args, "--region", "gb").stdout
    page = run(*args).stdout
    assert "{emergency_number}" not in page and "your local emergency number" in page


def test_the_date_is_source_date_epoch_else_today(run) -> None:
    import datetime

    assert DATE in run("check", *ANSWERS, "-f", "html", env=EPOCH).stdout
    today = datetime.date.today().isoformat()
    assert today in run("check", *ANSWERS, "-f", "html").stdout


def test_the_page_fetches_nothing(run) -> None:
    page = run("check", *ANSWERS, "-f", "html").stdout
    assert not re.search(r"<script|<link|<img|<iframe|src=|url\(|@import", page, re.I)
    for href in re.findall(r'href="([^"]*)"', page):
        assert href.startswith(("#source-", "https://", "http://")), href
