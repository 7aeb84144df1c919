"""The letters signal (search.letter_grams, letter_centroids, Index._letter_likeness): character
n-grams of a query against each entry's phrasings, so word endings, misspellings and Chinese
words the pair tokens miss still count.

Proves, over the shipped knowledge in both languages: every entry's own question (or cause
name) is letter-nearest to that entry; every centroid is a unit vector; likeness is a cosine
(0 to 1) for any text; and the signal never decides alone (a query of no known word finds
nothing).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from galacli.core import causes, faq
from galacli.core.search import Index, letter_centroids, letter_grams, unpack_letters
from galacli.knowledge.loader import load_knowledge

KB = load_knowledge()
INDEXES = [
    pytest.param(module, lang, id=f"{module.__name__.rsplit('.', 1)[1]}-{lang}")
    for module in (faq, causes)
    for lang in ("en", "zh")
]


def _titles(module: object, lang: str) -> list[str]:
    if module is faq:
        return [entry.question.get(lang) for entry in KB.faq]
    return [cause.name.get(lang) for cause in KB.causes]


def test_grams_are_within_words_and_case_free() -> None:
    assert letter_grams("Leaks") == letter_grams("leaks")
    assert " l" in letter_grams("leaks") and "ks " in letter_grams("leaks")
    assert not any(" " in gram.strip() for gram in letter_grams("milk leaks"))  # never across
    assert letter_grams("") == {} and letter_grams("?!") == {}
    assert "溢液" in letter_grams("乳头溢液")


def test_word_endings_share_most_grams() -> None:
    leaks, leaking = set(letter_grams("leaks")), set(letter_grams("leaking"))
    assert len(leaks & leaking) >= len(leaks) / 2


@pytest.mark.parametrize(("module", "lang"), INDEXES)
def test_every_title_is_letter_nearest_its_own_entry(module: object, lang: str) -> None:
    index = module._index(KB, lang)  # type: ignore[attr-defined]
    everyone = range(len(index.state.keys))
    for position, title in enumerate(_titles(module, lang)):
        likeness = index._letter_likeness(title, everyone)
        assert max(likeness, key=likeness.__getitem__) == position, title


@pytest.mark.parametrize(("module", "lang"), INDEXES)
def test_every_centroid_is_a_unit_vector(module: object, lang: str) -> None:
    index = module._index(KB, lang)  # type: ignore[attr-defined]
    squares = [0.0] * len(index.state.keys)
    for raw in index.state.letters.values():
        _idf, positions, weights = unpack_letters(raw)
        assert list(positions) == sorted(positions)  # bisected in _letter_likeness
        for position, weight in zip(positions, weights, strict=True):
            squares[position] += weight * weight
    # Weights are stored in single precision (about 7 significant digits).
    assert all(math.isclose(total, 1.0, rel_tol=1e-5) for total in squares)


def test_an_entry_without_phrasings_has_no_centroid() -> None:
    letters = letter_centroids([["why do I leak milk"], []])
    assert all(list(unpack_letters(raw)[1]) == [0] for raw in letters.values())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_likeness_is_a_cosine_for_any_text(text: str) -> None:
    index = faq._index(KB, "en")
    likeness = index._letter_likeness(text, range(len(index.state.keys)))
    assert all(-1e-9 <= value <= 1 + 1e-9 for value in likeness.values())


def test_letters_alone_find_nothing() -> None:
    index = Index.build([("a", {"q": "leaking milk"})], {"q": 1.0}, phrasing_fields=("q",))
    assert index.state.letters  # the phrasing has grams
    assert index.search("zzzz qqqq", 5) == []  # but no word of the query is known
