"""Search v2 (issue 15), proven over the whole shipped knowledge where it can be:

- every asked-as phrasing finds its own entry first;
- a query that names nothing alarming never gets a serious entry first while a general one fits;
- nonsense and off-topic queries are "nothing found" (exit 1), real ones never are;
- `galacli search` works in every format; `faq QUERY` shows the answer first when it is clear.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from galacli.core import faq as faq_core
from galacli.core.causes import find_causes
from galacli.core.common import vocabulary
from galacli.core.everywhere import search_everywhere
from galacli.core.faq import find_faq
from galacli.core.ranking import ALARM_WORDS, is_alarming, rank
from galacli.core.search import tokenize
from galacli.errors import NotFoundError
from galacli.knowledge.loader import load_knowledge

KB = load_knowledge()
HERE = Path(__file__).parent
OFFTOPIC = yaml.safe_load((HERE / "search_offtopic.yaml").read_text(encoding="utf-8"))["offtopic"]
TUNING = yaml.safe_load((HERE / "search_queries.yaml").read_text(encoding="utf-8"))["queries"]
DEV = yaml.safe_load((HERE / "dev_queries.yaml").read_text(encoding="utf-8"))["queries"]
FORMATS = ("plain", "rich", "markdown", "json")


def phrasings() -> list[tuple[str, str, str, str]]:
    rows = []
    for kind, records in (("faq", KB.faq), ("cause", KB.causes)):
        for record in records:
            for lang in ("en", "zh"):
                for phrasing in record.asked_as.get(lang) if record.asked_as else ():
                    rows.append((kind, record.id, lang, phrasing))
    return rows


PHRASINGS = phrasings()


def test_every_entry_has_phrasings_in_both_languages() -> None:
    for record in (*KB.faq, *KB.causes):
        assert record.asked_as is not None, record.id
        assert len(record.asked_as.en) >= 3 and len(record.asked_as.zh or ()) >= 3, record.id


@pytest.mark.parametrize(("kind", "id_", "lang", "phrasing"), PHRASINGS)
def test_every_phrasing_ranks_its_own_entry_first(
    kind: str, id_: str, lang: str, phrasing: str
) -> None:
    find = find_faq if kind == "faq" else find_causes
    assert find(KB, [phrasing], lang, 3).results[0].id == id_


# ------------------------------------------------------------------ safety-aware ranking
def _serious(key: str) -> bool:
    return KB.faq_by_id[key].serious


SERIOUS = [entry for entry in KB.faq if entry.serious]
ALARM = {t for w in ALARM_WORDS for t in tokenize(w, vocabulary(KB))}


def _without_alarm(text: str, lang: str) -> str:
    """The text with every word that tokenises to an alarm term left out."""
    words = vocabulary(KB)
    if lang == "zh":
        for word in sorted(KB.synonyms, key=len, reverse=True):
            for variant in KB.synonyms[word]:
                if ALARM.intersection(tokenize(variant, words)):
                    text = text.replace(variant, " ")
        return re.sub(r"[癌瘤血]", " ", text)
    kept = [w for w in text.split() if ALARM.isdisjoint(tokenize(w, words))]
    return " ".join(kept)


def test_there_are_serious_entries_to_test() -> None:
    assert {"milk-and-cancer", "bloody-discharge", "cause-tumour"} <= {e.id for e in SERIOUS}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("entry", SERIOUS, ids=[e.id for e in SERIOUS])
def test_a_serious_question_without_its_alarming_words_gets_a_general_answer(entry, lang) -> None:
    query = _without_alarm(entry.question.get(lang), lang)
    index = faq_core._index(KB, lang)
    assert not is_alarming(index, query), query
    hits, _closest = rank(index, query, 5, _serious)
    if hits and any(not _serious(hit.key) for hit in hits):
        assert not _serious(hits[0].key), (query, hits[0].key)


SAFE_WORDS = sorted(
    {
        word
        for word in (*KB.synonyms, *(v for vs in KB.synonyms.values() for v in vs))
        if word.isascii() and ALARM.isdisjoint(tokenize(word, vocabulary(KB)))
    }
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SAFE_WORDS), min_size=1, max_size=6))
def test_no_alarming_word_no_serious_entry_first(words: list[str]) -> None:
    """Over random queries made of the vocabulary's non-alarming words."""
    query = " ".join(words)
    hits, _closest = rank(faq_core._index(KB, "en"), query, 5, _serious)
    if any(not _serious(hit.key) for hit in hits):
        assert not _serious(hits[0].key), query


@pytest.mark.parametrize(
    "query", ["is milky discharge a sign of breast cancer", "blood from my nipple", "乳头流血"]
)
def test_an_alarming_query_still_finds_the_serious_entry(query: str) -> None:
    lang = "zh" if not query.isascii() else "en"
    ids = [item.id for item in find_faq(KB, [query], lang, 3).results]
    assert {"milk-and-cancer", "bloody-discharge"} & set(ids)


@pytest.mark.parametrize(
    "words", ["why are my boobs leaking", "my nipples leak", "milk from breast"]
)
def test_the_readme_examples_get_a_general_answer_first(words: str) -> None:
    top = find_faq(KB, words.split(), "en", 5).results[0]
    general = {
        "milk-not-pregnant",
        "what-is-galactorrhea",
        "causes-overview",
        "how-lactation-works",
    }
    assert top.id in general, top.id


# ------------------------------------------------------------------ abstention
@pytest.mark.parametrize(
    ("lang", "query"), [(lang, q) for lang, queries in OFFTOPIC.items() for q in queries]
)
def test_off_topic_and_nonsense_is_nothing_found(lang: str, query: str) -> None:
    with pytest.raises(NotFoundError):
        find_faq(KB, [query], lang, 5)
    with pytest.raises(NotFoundError):
        search_everywhere(KB, [query], lang, 5)


def test_no_real_tuning_or_dev_query_is_refused() -> None:
    refused = []
    for item in (*TUNING, *DEV):
        if not item["relevant"]:
            continue
        find = find_faq if item["kind"] == "faq" else find_causes
        try:
            find(KB, [item["query"]], item.get("lang", "en"), 5)
        except NotFoundError:
            refused.append(item["query"])
    assert not refused


def test_nothing_found_exits_1_with_the_closest_topics(run) -> None:
    result = run("faq", "没有这个问题xyz", "--lang", "zh")
    assert result.exit_code == 1
    assert "没有与" in result.stderr and "galacli faq" in result.stderr
    result = run("faq", "how", "do", "i", "reset", "my", "router")
    assert result.exit_code == 1 and "No question matches" in result.stderr
    assert result.stdout == ""


def test_a_long_worried_message_is_searched_not_refused(run) -> None:
    words = ("i am 16 and there is some milky stuff coming from both nipples " * 4).split()
    assert 32 < len(words) <= 80
    assert run("faq", *words, "--format", "json").exit_code == 0


# ------------------------------------------------------------------ galacli search
@pytest.mark.parametrize("fmt", FORMATS)
def test_search_works_in_every_format(run, fmt: str) -> None:
    result = run("search", "risperdal", "milk", "--format", fmt, "--color", "never")
    assert result.exit_code == 0
    assert "galacli causes --drug risperidone" in result.stdout


def test_search_json_rows_name_their_kind_and_command(run) -> None:
    document = run.json("search", "stress")
    assert document["command"] == "search" and document["schema_version"] == 1
    kinds = {row["kind"] for row in document["results"]}
    assert {"faq", "cause"} <= kinds
    for row in document["results"]:
        assert set(row) == {"kind", "id", "title", "summary", "score", "command"}
        assert row["command"].startswith("galacli ")


def test_search_covers_every_kind(run) -> None:
    seen = set()
    for query in ("stress", "cabergoline", "sudden severe headache and loss of sight"):
        seen |= {row["kind"] for row in run.json("search", query)["results"]}
    assert seen == {"faq", "cause", "medicine", "sign"}


def test_every_search_command_opens_what_it_names(run) -> None:
    for query, lang in (("prolactin", "en"), ("溢乳", "zh"), ("haloperidol", "en")):
        for row in run.json("search", query, "--lang", lang)["results"]:
            command = row["command"].split()[1:]
            assert run(*command, "--format", "json").exit_code == 0, row["command"]


def test_search_nonsense_exits_1(run) -> None:
    result = run("search", "qwertyuiop")
    assert result.exit_code == 1 and "Nothing in galacli matches" in result.stderr


# ------------------------------------------------------------------ answer first
def test_a_clear_question_shows_its_answer_then_other_questions(run) -> None:
    result = run("faq", "why", "do", "i", "leak", "after", "sex", "--format", "plain")
    assert result.exit_code == 0
    entry = KB.faq_by_id["why-milk-after-sex"]
    assert result.stdout.startswith(entry.question.en)
    assert "Other questions that may fit" in result.stdout
    others = result.stdout.split("Other questions that may fit", 1)[1]
    assert 1 <= len([line for line in others.splitlines() if "\t" in line]) <= 4


def test_json_keeps_results_and_adds_the_answer(run) -> None:
    document = run.json("faq", "why", "do", "i", "leak", "after", "sex")
    assert document["answer"]["id"] == "why-milk-after-sex" == document["results"][0]["id"]
    assert len(document["results"]) > 1


def test_list_forces_the_list(run) -> None:
    result = run("faq", "why", "do", "i", "leak", "after", "sex", "--list", "--format", "plain")
    assert all("\t" in line for line in result.stdout.splitlines())
    assert run.json("faq", "why", "do", "i", "leak", "after", "sex", "--list")["answer"] is None


def test_a_vague_query_lists_without_an_answer(run) -> None:
    assert run.json("faq", "breast", "milk")["answer"] is None


def test_a_scoped_search_names_a_far_better_kind(run) -> None:
    result = run("faq", "acromegaly")
    assert result.exit_code == 1
    assert "galacli causes acromegaly" in result.stderr


# ------------------------------------------------------------------ Chinese words
@pytest.mark.parametrize(
    ("query", "term"),
    [("男的乳头流奶", "man"), ("我是男的", "man"), ("男朋友说吸乳头能防癌", "cancer")],
)
def test_chinese_one_character_words_are_read_where_they_stand(query: str, term: str) -> None:
    assert term in tokenize(query, vocabulary(KB))


def test_a_man_typing_in_chinese_finds_the_men_entry() -> None:
    ids = [item.id for item in find_faq(KB, ["男的乳头流奶"], "zh", 3).results]
    assert "men" in ids


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SAFE_WORDS), min_size=1, max_size=5))
def test_scores_stay_best_first_after_the_safety_order(words: list[str]) -> None:
    hits, _closest = rank(faq_core._index(KB, "en"), " ".join(words), 8, _serious)
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)


# ------------------------------------------------------------------ the linter guards the data
def test_a_phrasing_copied_from_another_entry_is_glc217() -> None:
    import msgspec

    from galacli.knowledge.lint import duplicate_findings
    from galacli.knowledge.model import Phrasings

    first, second = KB.faq[0], KB.faq[1]
    assert first.asked_as is not None and second.asked_as is not None
    stolen = Phrasings(en=(*second.asked_as.en, first.asked_as.en[0] + "?"), zh=second.asked_as.zh)
    kb = KB.replace(faq=(first, msgspec.structs.replace(second, asked_as=stolen), *KB.faq[2:]))
    codes = [f for f in duplicate_findings(kb) if f.code == "GLC217"]
    assert codes and codes[0].path[:3] == ("faq", 1, "asked_as")
    assert not [f for f in duplicate_findings(KB) if f.code == "GLC217"]


def test_a_serious_entry_whose_words_alarm_nobody_is_glc218() -> None:
    import msgspec

    from galacli.knowledge.lint import serious_findings

    index = next(i for i, e in enumerate(KB.faq) if e.id == "teens")
    teens = msgspec.structs.replace(KB.faq[index], serious=True)
    kb = KB.replace(faq=(*KB.faq[:index], teens, *KB.faq[index + 1 :]))
    assert {f.code for f in serious_findings(kb)} == {"GLC218"}
    assert not list(serious_findings(KB))


# ------------------------------------------------------------------ packs
PACK_ENTRY = """\
faq:
  - id: clinic-hours
    question: {{en: "When is the breast clinic open?"}}
    short_answer: {{en: "Our clinic sees people with nipple discharge on Tuesdays."}}
    answer: {{en: "Our breast clinic is open on Tuesdays. You can come without a letter."}}
    tags: {{en: [clinic, tuesday]}}
    asked_as: {{en: [{phrasings}]}}
    sources: [NHS-ND]
    reviewed: 2026-10-01
"""


def test_a_pack_entry_is_found_by_its_own_phrasing(run, tmp_path: Path) -> None:
    (tmp_path / "faq.yaml").write_text(
        PACK_ENTRY.format(phrasings='"what day can i walk in about my leaking nipple"'),
        encoding="utf-8",
    )
    found = run.json(
        "faq", "what day can i walk in about my leaking nipple", "--data-dir", str(tmp_path)
    )
    assert found["results"][0]["id"] == "clinic-hours"


def test_a_pack_cannot_make_reranking_slow_with_endless_phrasings(run, tmp_path: Path) -> None:
    many = ", ".join(f'"phrasing number {i}"' for i in range(41))
    (tmp_path / "faq.yaml").write_text(PACK_ENTRY.format(phrasings=many), encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 3 and "GLC102" in result.stdout + result.stderr


# ------------------------------------------------------------------ the README says what it does
def readme_search_examples() -> list[list[str]]:
    readme = (HERE.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Searching", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    commands = []
    for line in block.strip().splitlines():
        words = line.split("#", 1)[0].split()
        assert words[0] == "galacli", line
        commands.append(words[1:])
    return commands


@pytest.mark.parametrize("args", readme_search_examples(), ids=" ".join)
def test_the_readme_search_examples_work(run, args: list[str]) -> None:
    assert run(*args, "--format", "plain").exit_code == 0


def test_the_readme_example_answers_with_the_general_entry(run) -> None:
    document = run.json("faq", "why", "are", "my", "boobs", "leaking")
    assert document["results"][0]["id"] == "milk-not-pregnant"


def test_a_long_query_of_unknown_words_stays_fast() -> None:
    """Each unknown word may be a typo, and a typo costs a fuzzy match: at most
    search.MAX_TYPO_GUESSES are tried, so 80 made-up words cost about what 8 do."""
    import random
    import string
    import time

    rng = random.Random(7)  # noqa: S311 (test data)
    words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(6)) for _ in range(80)]
    query = " ".join(words)[:490]
    start = time.perf_counter()
    for find in (find_faq, search_everywhere):
        with pytest.raises(NotFoundError):
            find(KB, [query], "en", 5)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize("command", ["faq", "causes", "search"])
def test_an_empty_query_is_a_usage_error(run, command: str) -> None:
    result = run(command, "  ")
    assert result.exit_code == 2 and "Give some words" in result.stderr


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("en", "bloody discharge and my ear hurts"),
        ("en", "milk from my nipple and my ear hurts"),
        ("en", "lump and discharge near my navel"),
        ("zh", "乳头流奶 耳朵疼"),
        ("zh", "喝牛奶 乳头溢液"),
        ("en", "my dog bit my nipple and now it leaks"),
        ("en", "bloody milk since the dog scratched me"),
        ("en", "do i need a cat scan for milky discharge"),
        ("en", "baby is teething and my milk leaks"),
        ("zh", "被猫抓了以后乳头流水"),
    ],
)
def test_a_word_of_elsewhere_never_refuses_an_alarming_or_nipple_query(
    lang: str, query: str
) -> None:
    """Another body part or a food beside only a weak subject word ("discharge from my ear")
    is nothing found, but never when the query is alarming or names the nipple or breast."""
    assert find_faq(KB, [query], lang, 5).results
