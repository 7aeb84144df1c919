"""The rule language: three-valued logic where an unanswered question is unknown."""

from __future__ import annotations

import pytest

from galacli.knowledge.rules import All, AnyOf, Atom, Not, atoms, parse_condition


def ans(**values: str) -> dict[str, frozenset[str]]:
    return {key: frozenset([value]) for key, value in values.items()}


def test_unanswered_is_neither_yes_nor_no() -> None:
    assert parse_condition({"lump": "yes"}).evaluate({}) is None
    assert parse_condition({"lump": "no"}).evaluate({}) is None
    assert parse_condition({"not": {"lump": "yes"}}).evaluate({}) is None


def test_value_lists_match_any_value() -> None:
    rule = parse_condition({"discharge": ["clear", "bloody"]})
    assert rule.evaluate(ans(discharge="bloody")) is True
    assert rule.evaluate(ans(discharge="milky")) is False


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (ans(sex="male", discharge="milky"), True),
        (ans(sex="male", discharge="none"), False),
        (ans(sex="female"), False),  # one false item decides `all`
        (ans(sex="male"), None),  # the other item is unknown
    ],
)
def test_all_is_kleene(answers: dict[str, frozenset[str]], expected: bool | None) -> None:
    rule = parse_condition({"sex": "male", "discharge": ["milky", "clear"]})
    assert rule.evaluate(answers) is expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (ans(headache="yes"), True),  # one true item decides `any`
        (ans(headache="no", vision_changes="no"), False),
        (ans(headache="no"), None),
    ],
)
def test_any_is_kleene(answers: dict[str, frozenset[str]], expected: bool | None) -> None:
    rule = parse_condition({"any": [{"headache": "yes"}, {"vision_changes": "yes"}]})
    assert rule.evaluate(answers) is expected


def test_yaml_booleans_read_as_answer_words() -> None:
    assert parse_condition({"lump": True}) == Atom("lump", frozenset({"yes"}))
    assert parse_condition({"lump": [False]}) == Atom("lump", frozenset({"no"}))


def test_structure_and_atoms() -> None:
    rule = parse_condition({"all": [{"a": "x"}, {"not": {"b": "y"}}], "any": [{"c": "z"}]})
    assert isinstance(rule, All)
    assert [atom.question for atom in atoms(rule)] == ["a", "b", "c"]
    assert isinstance(parse_condition({"any": [{"a": "x"}]}), AnyOf)
    assert isinstance(parse_condition({"not": {"a": "x"}}), Not)


@pytest.mark.parametrize(
    "bad", [{}, [], "lump", {"all": []}, {"any": "x"}, {"lump": []}, {"lump": None}, {1: "x"}]
)
def test_malformed_conditions_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError, match=r"\w"):
        parse_condition(bad)
