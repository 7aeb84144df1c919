"""Simplified Chinese at parity with English: every text translated, terms from the glossary,
no English left in Chinese answers beyond names, units and abbreviations."""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec
import pytest

from galacli.knowledge.loader import load_knowledge
from galacli.knowledge.model import Tags, Text
from galacli.strings import STRINGS

KB = load_knowledge()
# Abbreviations and names that stay in Latin letters in Chinese medical writing.
LATIN_OK = {
    "galacli", "SSRI", "SSRIs", "SNRI", "PCOS", "MAOI", "DCIS", "eGFR", "IGF-1", "MRI", "TSH",
    "TRH", "NHS", "Mayo", "Clinic", "medicines", "none", "nidirect", "MHRA", "Paget", "IGF-",
    "Manual", "Best", "Practice", "NICE", "MSD", "SARMs",
}  # fmt: skip


def texts(obj: object, path: str) -> Iterator[tuple[str, Text | Tags]]:
    if isinstance(obj, Text | Tags):
        yield path, obj
    elif isinstance(obj, msgspec.Struct):
        for field in obj.__struct_fields__:
            yield from texts(getattr(obj, field), f"{path}.{field}")
    elif isinstance(obj, tuple | list):
        for i, item in enumerate(obj):
            yield from texts(item, f"{path}[{i}]")


SECTIONS = ("faq", "categories", "causes", "medicines", "tiers", "signs", "questions")
ALL = [item for name in SECTIONS for item in texts(getattr(KB, name), name)]
ALL += list(texts(tuple(KB.sources.values()), "sources"))


def test_every_text_has_chinese() -> None:
    missing = [path for path, text in ALL if text.zh is None]
    assert missing == [], f"{len(missing)} texts lack zh, e.g. {missing[:10]}"


def test_every_interface_string_has_chinese() -> None:
    assert set(STRINGS["zh"]) == set(STRINGS["en"])
    for key, template in STRINGS["en"].items():
        assert re.findall(r"\{\w+\}", STRINGS["zh"][key]) == re.findall(r"\{\w+\}", template), key


def test_no_english_left_in_chinese_answers() -> None:
    names = {b for m in KB.medicines for b in (*m.brands, *m.aliases)} | {
        m.generic.en for m in KB.medicines
    }
    allowed = {w.casefold() for w in LATIN_OK | names}
    stray = {}
    for path, text in ALL:
        if path.startswith("sources") or not isinstance(text, Text) or text.zh is None:
            continue
        shown = re.sub(r"\{[a-z_]+\}", "", text.zh)  # placeholders are filled before showing
        words = [
            w for w in re.findall(r"[A-Za-z][A-Za-z'-]{3,}", shown) if w.casefold() not in allowed
        ]
        if words:
            stray[path] = words
    assert stray == {}


@pytest.mark.parametrize("wrong", ["出院", "乳头泄漏", "galactorrhea", "galactorrhoea"])
def test_seed_mistranslations_never_appear(wrong: str) -> None:
    assert [path for path, text in ALL if isinstance(text, Text) and wrong in (text.zh or "")] == []


def test_glossary_terms_are_used() -> None:
    chinese = " ".join(text.zh or "" for _, text in ALL if isinstance(text, Text))
    for term in ("溢乳", "泌乳", "催乳素", "乳头溢液", "垂体"):
        assert term in chinese


def test_chinese_typography() -> None:
    problems = []
    for path, text in ALL:
        if not isinstance(text, Text) or not text.zh or path.startswith("sources"):
            continue
        if re.search(r"[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]", text.zh):
            problems.append((path, "no space between Chinese and Latin or digits"))
        if re.search(r"[\u4e00-\u9fff][,;?!]|[,;?!][\u4e00-\u9fff]", text.zh):
            problems.append((path, "half-width punctuation next to Chinese"))
    assert problems == []
