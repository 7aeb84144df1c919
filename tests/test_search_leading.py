"""The leading causes (Cause.leading, ranking.rank): a cause search that names nothing in
particular ("what causes milk when I'm not pregnant?", 乳头溢液的原因) lists the common causes
first, in the order causes.yaml gives them (facts 2.3-2.4: medicines and a prolactinoma lead),
instead of rare causes whose text happens to hold "pregnant" most. A query that names a cause,
something alarming or a word galacli does not know is ranked as before.

Proves, over the shipped knowledge: any query made of general words only, in either language,
shows the leading causes first in their order; every cause's own name still finds that cause
first; and the word lists that decide it behave as documented.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from galacli.core.causes import _index, find_causes, leading_causes
from galacli.knowledge.loader import load_knowledge

KB = load_knowledge()
LEADING = leading_causes(KB)

# Words a person types that name no cause: the subject, "why", people every cause can affect.
GENERAL = {
    "en": [
        "why",
        "what causes",
        "reason for",
        "milk",
        "milky",
        "nipple",
        "nipples",
        "breast",
        "boobs",
        "discharge",
        "leaking",
        "galactorrhea",
        "prolactin",
        "not pregnant",
        "men",
        "teenager",
    ],
    "zh": ["为什么", "原因", "什么原因", "乳头", "溢液", "溢乳", "流奶", "没怀孕", "男性"],
}
SUBJECT = {"en": ["nipple discharge", "milk from my breast"], "zh": ["乳头溢液", "乳头流奶"]}


def _ids(query: str, lang: str) -> list[str]:
    return [item.id for item in find_causes(KB, [query], lang, len(LEADING)).results]


def test_the_shipped_causes_name_leading_ones_in_order() -> None:
    assert LEADING[:3] == ["medication", "nipple-stimulation", "prolactinoma"]
    assert {"idiopathic", "hypothyroidism"} <= set(LEADING)
    assert not any(KB.cause_by_id[cause].serious for cause in LEADING)


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("what causes milk to come out of breast when not pregnant", "en"),
        ("why do i have milk", "en"),
        ("causes of galactorrhea", "en"),
        ("what causes nipple discharge in men", "en"),
        ("没怀孕为什么会有奶", "zh"),
        ("乳头溢液的原因", "zh"),
        ("男性溢乳 原因", "zh"),
    ],
)
def test_a_query_that_names_no_cause_lists_the_leading_causes_first(query: str, lang: str) -> None:
    assert _ids(query, lang) == LEADING


@settings(max_examples=60, deadline=None)
@given(
    lang=st.sampled_from(["en", "zh"]),
    data=st.data(),
)
def test_any_query_of_general_words_lists_the_leading_causes_first(lang: str, data) -> None:
    subject = data.draw(st.sampled_from(SUBJECT[lang]))
    words = data.draw(st.lists(st.sampled_from(GENERAL[lang]), max_size=4))
    position = data.draw(st.integers(0, len(words)))
    query = " ".join([*words[:position], subject, *words[position:]])
    assert _index(KB, lang).is_general(query), query
    assert _ids(query, lang) == LEADING


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_cause_named_is_still_found_first(lang: str) -> None:
    for cause in KB.causes:
        assert _ids(cause.name.get(lang), lang)[0] == cause.id, cause.id


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        # Alarming: "blood" is in most causes (a blood test), but bloody discharge is specific.
        ("bloody nipple discharge causes", "en"),
        # A word galacli does not know may name a cause it cannot see.
        ("can exercise cause nipple discharge", "en"),
        # Pregnancy and babies have causes of their own.
        ("why is my baby leaking milk", "en"),
        ("can stress cause lactation", "en"),
        ("熬夜会导致乳头溢乳吗", "zh"),
    ],
)
def test_a_query_that_names_something_is_not_general(query: str, lang: str) -> None:
    assert not _index(KB, lang).is_general(query)


def test_a_named_cause_still_wins_over_the_leading_ones() -> None:
    assert _ids("can stress cause lactation", "en")[0] == "stress"
    assert _ids("why is my baby leaking milk", "en")[0] == "neonatal"
    assert _ids("bloody nipple discharge causes", "en")[0] == "breast-duct-conditions"


def test_scores_stay_best_first_when_the_leading_causes_move_up() -> None:
    results = find_causes(KB, ["what causes nipple discharge"], "en", 10).results
    scores = [item.score for item in results if item.score is not None]
    assert scores == sorted(scores, reverse=True)


GENERAL_FAQ = {
    "en": ["why", "milk", "milky", "nipple", "nipples", "boob", "leaking", "discharge", "fluid"],
    "zh": ["为什么", "乳头", "奶头", "流奶", "溢液", "流水", "白色液体"],
}


@settings(max_examples=60, deadline=None)
@given(lang=st.sampled_from(["en", "zh"]), data=st.data())
def test_a_faq_query_naming_nobody_lists_the_general_entries_first(lang: str, data) -> None:
    # "my nipples are leaking a bit" once answered with the pregnancy entry, then the men's.
    from galacli.core.faq import _index as faq_index
    from galacli.core.faq import find_faq

    words = data.draw(st.lists(st.sampled_from(GENERAL_FAQ[lang]), max_size=4))
    query = " ".join([data.draw(st.sampled_from(SUBJECT[lang])), *words])
    index = faq_index(KB, lang)
    if not index.is_general(query):
        return
    found = [item.id for item in find_faq(KB, [query], lang, 5).results]
    for_someone = [index.written_for_someone(key) for key in found]
    assert for_someone == sorted(for_someone), (query, found)


@pytest.mark.parametrize(
    ("query", "lang"),
    [("my nipples are leaking a bit", "en"), ("nipple milk??", "en"), ("乳头流奶", "zh")],
)
def test_a_vague_leak_gets_no_entry_written_for_someone_else_first(query: str, lang: str):
    from galacli.core.faq import _index as faq_index
    from galacli.core.faq import find_faq

    first = find_faq(KB, [query], lang, 3).results[0].id
    assert not faq_index(KB, lang).written_for_someone(first), first


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_question_that_excludes_pregnancy_is_not_written_for_pregnant_people(lang: str):
    # "What can cause milk ... besides pregnancy and breastfeeding?" is for everyone else.
    from galacli.core.faq import _index as faq_index

    index = faq_index(KB, lang)
    assert not index.written_for_someone("causes-overview")
    assert not index.written_for_someone("fertility")
    assert index.written_for_someone("pregnancy-leaking")
    assert index.written_for_someone("men")


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("what causes milk when not pregnant", "en"),
        ("why are my nipples leaking", "en"),
        ("没怀孕为什么会有奶", "zh"),
        ("乳头溢液的原因", "zh"),
    ],
)
def test_search_everywhere_fills_its_cause_rows_with_the_leading_causes(query: str, lang: str):
    from galacli.core.everywhere import search_everywhere

    rows = search_everywhere(KB, [query], lang, 10).results
    causes = [row.id for row in rows if row.kind == "cause"]
    assert causes == LEADING[: len(causes)]
    scores = [row.score for row in rows]
    assert scores == sorted(scores, reverse=True)
