"""Declarative conditions (`when`, `ask_if`) and their three-valued evaluation.

An unanswered question is *unknown*: it never matches "yes" and never matches "no". Logic is
Kleene's: `all` is false if any item is false, else unknown if any is unknown; `any` is true if
any item is true, else unknown if any is unknown; `not` keeps unknown. `unless` is the one
two-valued form: true unless its condition is known true. A rule fires only on true.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import msgspec

# Answers: question id -> the set of values given. Absent means unknown.
Answers = Mapping[str, frozenset[str]]


class Atom(msgspec.Struct, frozen=True):
    question: str
    values: frozenset[str]

    def evaluate(self, answers: Answers) -> bool | None:
        given = answers.get(self.question)
        if given is None:
            return None
        return not given.isdisjoint(self.values)


class All(msgspec.Struct, frozen=True):
    items: tuple[Condition, ...]

    def evaluate(self, answers: Answers) -> bool | None:
        unknown = False
        for item in self.items:
            value = item.evaluate(answers)
            if value is False:
                return False
            unknown = unknown or value is None
        return None if unknown else True


class AnyOf(msgspec.Struct, frozen=True):
    items: tuple[Condition, ...]

    def evaluate(self, answers: Answers) -> bool | None:
        unknown = False
        for item in self.items:
            value = item.evaluate(answers)
            if value is True:
                return True
            unknown = unknown or value is None
        return None if unknown else False


class Not(msgspec.Struct, frozen=True):
    item: Condition

    def evaluate(self, answers: Answers) -> bool | None:
        value = self.item.evaluate(answers)
        return None if value is None else not value


class Unless(msgspec.Struct, frozen=True):
    """True unless `item` is known to be true: an unknown counts against the exception.

    For rules that apply to everyone except a known group (e.g. "any age except a newborn"),
    so that not knowing the group never switches the rule off.
    """

    item: Condition

    def evaluate(self, answers: Answers) -> bool | None:
        return self.item.evaluate(answers) is not True


Condition = Atom | All | AnyOf | Not | Unless


def atoms(condition: Condition) -> Iterator[Atom]:
    """Every question test inside a condition, in order."""
    if isinstance(condition, Atom):
        yield condition
    elif isinstance(condition, Not | Unless):
        yield from atoms(condition.item)
    else:
        for item in condition.items:
            yield from atoms(item)


def _value(raw: Any) -> str:
    # YAML 1.1 reads unquoted yes/no as booleans; in a rule they always mean the answer words.
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, str) and raw:
        return raw
    raise ValueError(f"a rule value must be a word, not {raw!r}")


def parse_condition(raw: Any) -> Condition:
    """Build a condition from its YAML mapping; raises ValueError naming what is wrong."""
    if not isinstance(raw, Mapping) or not raw:
        raise ValueError("a condition must be a non-empty mapping")
    parts: list[Condition] = []
    for key, body in raw.items():
        if key in ("all", "any"):
            if not isinstance(body, list) or not body:
                raise ValueError(f"'{key}' takes a non-empty list of conditions")
            items = tuple(parse_condition(item) for item in body)
            parts.append(All(items) if key == "all" else AnyOf(items))
        elif key == "not":
            parts.append(Not(parse_condition(body)))
        elif key == "unless":
            parts.append(Unless(parse_condition(body)))
        elif isinstance(key, str):
            values = body if isinstance(body, list) else [body]
            if not values:
                raise ValueError(f"'{key}' needs at least one value")
            parts.append(Atom(key, frozenset(_value(v) for v in values)))
        else:
            raise ValueError(f"a condition key must be a question id, not {key!r}")
    return parts[0] if len(parts) == 1 else All(tuple(parts))
