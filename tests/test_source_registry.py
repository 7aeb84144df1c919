"""The source registry a clinician would accept (issue 14): kinds, canonical citations, hosts that
are not citations (GLC211-GLC214), articles without an identifier (GLC215), the five-source cap
(GLC216), and `galacli sources` / `sources --check` in every format."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from galacli.knowledge import model as m
from galacli.knowledge.lint import MAX_SOURCES, source_findings, url_problems
from galacli.knowledge.loader import load_knowledge

KB = load_knowledge()
SECTIONS = ("faq", "causes", "medicines", "signs", "questions", "ask_the_doctor")


def _codes(url: str) -> list[str]:
    return [code for code, _ in url_problems(url)]


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://104.16.1.1/bestpractice/topics/123", "GLC211"),
        ("https://[2001:db8::1]/page", "GLC211"),
        ("https://homsy-staging.cambridgecore.org/core/article", "GLC212"),
        ("https://dev.medicalrecords.com/health-a-to-z/oxytocin", "GLC212"),
        ("https://qa-khpi.kidshealth.org/en/parent/1684.html", "GLC212"),
        ("https://uat.taylorfrancis.com/books/x", "GLC212"),
        ("https://test.example.org/", "GLC212"),
        ("https://www.scribd.com/document/1", "GLC213"),
        ("https://docslib.org/doc/5832133/x", "GLC213"),
        ("https://text.123docz.com/document/1.htm", "GLC213"),
        ("https://www.bdocx.com/down/4865228.html", "GLC213"),
        ("https://discovery.researcher.life/article/x", "GLC213"),
        ("https://medilib.ir/uptodate/show/1", "GLC213"),
        ("https://aafp-handout.blogspot.com/2012/06/x.html", "GLC214"),
        ("https://notes.netlify.app/galactorrhea", "GLC214"),
        ("https://hackmd.io/@x/y", "GLC214"),
        ("https://zhuanlan.zhihu.com/p/1", "GLC214"),
        ("https://zhidao.baidu.com/question/1.html", "GLC214"),
        ("https://www.120ask.com/question/1.htm", "GLC214"),
        ("https://www.sohu.com/a/1", "GLC214"),
    ],
)
def test_hosts_that_are_not_citations_are_found(url: str, code: str) -> None:
    assert code in _codes(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.nhs.uk/conditions/nipple-discharge/",
        "https://doi.org/10.1210/jc.2010-1692",
        "https://pubmed.ncbi.nlm.nih.gov/36521467/",
        "https://www.testosterone-facts.org/",  # 'test' only as a whole label counts
        "https://quality.nice.org.uk/",
        "https://notscribd.com/x",  # a domain, not a substring
        "https://cmab.yiigle.com/uploads/guide.html",
    ],
)
def test_ordinary_hosts_are_not_flagged(url: str) -> None:
    assert _codes(url) == []


def test_the_shipped_registry_is_clean() -> None:
    assert [f"{f.code} {f.message}" for f in source_findings(KB)] == []


def test_every_source_has_a_kind_and_a_link_or_is_a_book() -> None:
    for source in KB.sources.values():
        assert source.kind in m.SourceKind.__args__  # type: ignore[attr-defined]
        assert source.link or source.kind == "textbook", source.id


def test_at_least_90_percent_of_article_sources_carry_a_doi_or_pmid() -> None:
    articles = [s for s in KB.sources.values() if s.kind in m.ARTICLE_KINDS]
    with_id = [s for s in articles if s.doi or s.pmid]
    assert articles and len(with_id) / len(articles) >= 0.9


def test_no_entry_cites_more_than_five_sources() -> None:
    assert MAX_SOURCES == 5
    for section in SECTIONS:
        for entry in getattr(KB, section):
            cited = getattr(entry, "sources", ())
            assert len(cited) <= MAX_SOURCES, (section, getattr(entry, "id", None), cited)


def test_an_entry_citing_six_is_reported(tmp_path: Path) -> None:
    kb = KB.replace(faq=(msgspec.structs.replace(KB.faq[0], sources=tuple(KB.sources)[:6]),))
    assert [f.code for f in source_findings(kb)] == ["GLC216"]


def test_the_canonical_link_prefers_doi_then_pubmed_then_pmc_then_url() -> None:
    base = {"id": "X1", "title": "T", "publisher": "P", "year": None, "kind": "article"}
    url = "https://example.org/a"
    assert m.Source(**base, url=url, doi="10.1/x", pmid="1").link == "https://doi.org/10.1/x"
    assert m.Source(**base, url=url, pmid="12").link == "https://pubmed.ncbi.nlm.nih.gov/12/"
    pmc = m.Source(**base, pmcid="PMC9").link
    assert pmc == "https://pmc.ncbi.nlm.nih.gov/articles/PMC9/"
    assert m.Source(**base, url=url).link == url


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("doi", "doi:10.1/x"),
        ("doi", "10.1/"),
        ("pmid", "0123"),
        ("pmid", "PMID 1"),
        ("pmcid", "12345"),
        ("kind", "blog"),
    ],
)
def test_identifier_formats_are_validated(field: str, value: str) -> None:
    raw = {
        "id": "X1",
        "kind": "article",
        "title": "T",
        "publisher": "P",
        "year": None,
        "url": "https://example.org/",
        field: value,
    }
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert(raw, m.Source)


def test_a_source_without_any_link_is_refused_unless_it_is_a_book() -> None:
    raw = {"id": "X1", "kind": "review", "title": "T", "publisher": "P", "year": None}
    with pytest.raises(msgspec.ValidationError, match="url, doi, pmid or pmcid"):
        msgspec.convert(raw, m.Source)
    assert msgspec.convert({**raw, "kind": "textbook"}, m.Source).link is None


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sources_lists_kind_and_canonical_link_in_every_format(run, fmt: str, lang: str) -> None:
    result = run("sources", "--format", fmt, "--lang", lang, "--color", "never")
    assert result.exit_code == 0, result.stderr
    assert "https://pubmed.ncbi.nlm.nih.gov/36521467/" in result.stdout  # AAFP22 by its PMID
    assert "https://doi.org/10.1210/jc.2010-1692" in result.stdout  # ENDO11 by its DOI
    assert ("综述" if lang == "zh" else "review") in result.stdout


def test_sources_json_carries_kind_identifiers_and_link(run) -> None:
    data = run.json("sources", "--format", "json")
    by_id = {item["id"]: item for item in data["results"]}
    assert len(by_id) == len(KB.sources)
    endo = by_id["ENDO11"]
    assert (endo["kind"], endo["doi"], endo["pmid"]) == (
        "guideline",
        "10.1210/jc.2010-1692",
        "21296991",
    )
    assert endo["url"] == "https://doi.org/10.1210/jc.2010-1692"
    for item in data["results"]:
        assert item["url"] == (KB.sources[item["id"]].link or "")


def test_one_source_shows_its_identifiers(run) -> None:
    result = run("sources", "AAFP22", "--format", "plain", "--lang", "en")
    assert "PMID: 36521467" in result.stdout
    assert "Kind: review" in result.stdout
    assert "aafp.org/pubs/afp/issues/2022/1200/galactorrhea.html" in result.stdout


def test_sources_check_is_clean_on_the_shipped_registry(run) -> None:
    result = run("sources", "--check")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


BAD_SOURCES = """sources:
  - id: MIRROR1
    kind: review
    title: "A review read on a mirror"
    publisher: "Somewhere"
    year: 2020
    url: "https://www.scribd.com/document/1"
  - id: IPHOST
    kind: health-authority
    title: "A page on a bare IP"
    publisher: "Somewhere"
    year: null
    url: "http://10.0.0.1/page"
"""


def test_sources_check_reports_every_problem_and_exits_3(run, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "sources.yaml").write_text(BAD_SOURCES, encoding="utf-8")
    result = run("sources", "--check", "--data-dir", str(folder))
    assert result.exit_code == 3
    codes = sorted(line.split()[1] for line in result.stdout.splitlines())
    assert codes == ["GLC211", "GLC213", "GLC215"], result.stdout
    data = json.loads(
        run("sources", "--check", "--data-dir", str(folder), "--format", "json").stdout
    )
    assert data["command"] == "sources"
    assert {p["code"] for p in data["problems"]} == {"GLC211", "GLC213", "GLC215"}
