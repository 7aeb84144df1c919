"""Alarming queries (ranking.NEVER_REFUSED: blood, a lump, cancer, headache and vision, fever,
pus) are never turned away as off topic, and `galacli search` never lists a milder warning
sign above a graver one. Found by an attack on search (2026-12-03): "blood", "hard lump", "my baby
has a fever" were "nothing found", and "my baby has a fever" listed a self-care sign first.
"""

from __future__ import annotations

import pytest

from galacli.core.causes import _index as causes_index
from galacli.core.causes import find_causes
from galacli.core.everywhere import search_everywhere
from galacli.core.faq import _index as faq_index
from galacli.core.faq import find_faq
from galacli.core.ranking import CHILDHOOD, NEVER_REFUSED
from galacli.core.search import age_words
from galacli.knowledge.loader import load_knowledge
from galacli.knowledge.model import TIER_ORDER

KB = load_knowledge()
ALARMING = [
    ("blood", "en"),
    ("bleeding", "en"),
    ("there's blood on my bra", "en"),
    ("hard lump", "en"),
    ("lump in armpit", "en"),
    ("worst headache of my life and vision loss", "en"),
    ("headaches and blurry vision", "en"),
    ("pus from my nipple", "en"),
    ("red hot swollen breast", "en"),
    ("i'm scared it's cancer", "en"),
    ("乳头流血", "zh"),
    ("腋下有包块", "zh"),
    ("头痛视力模糊", "zh"),
    ("乳房红肿热痛", "zh"),
    ("乳头流脓", "zh"),
]


@pytest.mark.parametrize(("query", "lang"), ALARMING)
def test_an_alarming_query_is_answered_by_every_search(query: str, lang: str) -> None:
    assert find_faq(KB, [query], lang, 5).results
    assert find_causes(KB, [query], lang, 5).results
    assert search_everywhere(KB, [query], lang, 8).results


@pytest.mark.parametrize("word", [w for w in NEVER_REFUSED if w.isascii()])
def test_every_alarm_word_alone_is_answered(word: str) -> None:
    assert find_faq(KB, [word], "en", 5).results


@pytest.mark.parametrize(("query", "lang"), ALARMING)
def test_search_lists_the_gravest_warning_signs_first(query: str, lang: str) -> None:
    grave = {sign.id: TIER_ORDER.index(sign.tier) for sign in KB.signs}
    rows = search_everywhere(KB, [query], lang, 8).results
    tiers = [grave[row.id] for row in rows if row.kind == "sign"]
    assert tiers == sorted(tiers), query


@pytest.mark.parametrize(
    ("query", "lang"),
    [("hard lump", "en"), ("red hot swollen breast", "en"), ("乳房红肿热痛", "zh")],
)
def test_an_alarm_that_names_nobody_is_not_answered_for_a_baby(query: str, lang: str) -> None:
    # "hard lump" once answered with the newborn entry.
    for index, found in ((faq_index(KB, lang), find_faq), (causes_index(KB, lang), find_causes)):
        first = found(KB, [query], lang, 3).results[0].id
        assert not index.written_for(first, CHILDHOOD), (query, first)


@pytest.mark.parametrize(
    "text", ["my 2 week old has lumps", "a 3 months old", "孩子刚满月", "两个月大的宝宝"]
)
def test_a_babys_age_says_the_question_is_about_a_baby(text: str) -> None:
    assert "baby" in age_words(text)


def test_a_newborn_with_a_lump_still_finds_the_newborn_entry() -> None:
    query = "my 2 week old has little lumps under her nipples and a drop of milky fluid"
    assert find_faq(KB, [query], "en", 3).results[0].id == "newborn"
