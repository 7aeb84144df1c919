"""One small ranker for every search in galacli: field-weighted BM25 with light stemming,
Chinese character bigrams and typo tolerance for words the index does not know.

Documents are given as (key, {field: text}) pairs; the caller chooses the field weights.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from galacli import strings
from galacli.errors import NotFoundError

_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]+")
_SUFFIXES = ("ations", "ation", "ating", "ings", "ing", "ies", "ed", "es", "ly", "s", "e")
STOP_WORDS = frozenset(
    """
    a an and are as at be but by can could do does for from get got has have how i if in into is
    it its me my of on or so that the their them then there this to was what when where which
    while who why will with you your am been did doing im
    """.split()
)
K1 = 1.2
B = 0.75


def stem(word: str) -> str:
    """Light English stemming: lactating, lactate, lactation -> lact; leaks -> leak."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    for chunk in _WORD.findall(text.casefold()):
        if chunk[0] >= "\u3400":
            # Chinese: overlapping character bigrams (single characters stand alone).
            tokens.extend(chunk[i : i + 2] for i in range(max(1, len(chunk) - 1)))
        elif chunk not in STOP_WORDS:
            tokens.append(stem(chunk))
    return tokens


@dataclass(frozen=True)
class Hit:
    key: str
    score: float


class Index:
    def __init__(
        self,
        documents: Iterable[tuple[str, Mapping[str, str]]],
        weights: Mapping[str, float],
    ) -> None:
        self._keys: list[str] = []
        self._tf: list[dict[str, float]] = []
        self._length: list[float] = []
        df: Counter[str] = Counter()
        for key, fields in documents:
            counts: dict[str, float] = {}
            for field, text in fields.items():
                weight = weights.get(field, 1.0)
                for token in tokenize(text):
                    counts[token] = counts.get(token, 0.0) + weight
            self._keys.append(key)
            self._tf.append(counts)
            self._length.append(sum(counts.values()))
            df.update(counts.keys())
        n = len(self._keys)
        self._avg = (sum(self._length) / n) if n else 1.0
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}

    def _known(self, token: str) -> str | None:
        if token in self._idf:
            return token
        if len(token) < 4 or token[0] >= "\u3400":
            return None
        close = difflib.get_close_matches(token, self._idf.keys(), n=1, cutoff=0.8)
        return close[0] if close else None

    def search(self, query: str, limit: int) -> list[Hit]:
        terms = [t for t in (self._known(tok) for tok in tokenize(query)) if t]
        if not terms:
            return []
        ranked: list[tuple[float, int]] = []
        for position, (counts, length) in enumerate(zip(self._tf, self._length, strict=False)):
            score = 0.0
            for term in terms:
                tf = counts.get(term)
                if tf:
                    norm = K1 * (1 - B + B * length / self._avg)
                    score += self._idf[term] * tf * (K1 + 1) / (tf + norm)
            if score > 0:
                ranked.append((-round(score, 4), position))
        ranked.sort()
        return [Hit(self._keys[position], -score) for score, position in ranked[:limit]]


_ID_LIKE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")


def looks_like_id(query: str) -> bool:
    """A hyphenated single word is someone typing an id: suggest ids, never silently search."""
    return bool(_ID_LIKE.match(query.casefold()))


def suggest(word: str, choices: Sequence[str], limit: int = 3) -> list[str]:
    """'Did you mean' candidates for an id or a name, in any case."""
    folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(word.casefold(), list(folded), n=limit, cutoff=0.6)
    return [folded[match] for match in close]


def not_found(query: str, ids: Sequence[str], message: str, hint: str, lang: str) -> NotFoundError:
    hints = [strings.text(hint, lang)]
    options = suggest(query, ids)
    if options:
        hints.insert(0, strings.text("did_you_mean", lang, options=", ".join(options)))
    return NotFoundError(strings.text(message, lang, query=query), hints=tuple(hints))
