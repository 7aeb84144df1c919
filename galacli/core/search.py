"""One small ranker for every search in galacli: field-weighted BM25 with light stemming,
Chinese character bigrams and typo tolerance for words the index does not know.

Documents are given as (key, {field: text}) pairs; the caller chooses the field weights.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import math
import re
from array import array
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import msgspec

from galacli import strings
from galacli.errors import NotFoundError, UsageError

# Words: ASCII letters and digits, or runs of other letters (Chinese). A class of the whole CJK
# range costs about 3 ms to compile on every start; this one a tenth of that.
_WORD = re.compile(r"[a-z0-9_]+|[^\W\d_a-z]+")


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _has_cjk(text: str) -> bool:
    return any(map(_is_cjk, text))


_PARTICLE_TEXT = "的了吗呢吧啊呀么是在有和与我你他她它们这那会就都也要怎"
_CJK_PARTICLES = frozenset(_PARTICLE_TEXT)
_PARTICLES_SPLIT = re.compile(f"[{_PARTICLE_TEXT}]+")
_SUFFIXES = ("ations", "ation", "ating", "ings", "ing", "ies", "ed", "es", "ly", "is", "s", "e")
STOP_WORDS = frozenset(
    """
    a an and are as at be but by can could do does for from get got has have how i if in into is
    it its me my of on or so that the their them then there this to was what when where which
    while who will with you your am been did doing im should would they them just really
    m s t d ve re ll u ur rn idk pls plz lol ok okay um
    stuff thing things something think kinda sorta bit before
    """.split()
)
K1 = 1.2
B = 0.75
TITLE_WEIGHT = 0.75  # coverage of the query by the title fields, against BM25 scaled to 1
# How much of one of the entry's own phrasings (its question, or a way people ask for it) the
# query holds: a vague query ("why are my boobs leaking") is best answered by the entry whose
# phrasing it wholly contains, not by a narrower one that merely shares its words.
PHRASING_WEIGHT = 1.25
# A query that names who it is about (a man, a teenager, a baby, a partner) is best answered by
# an entry whose question names the same person; an entry written for someone the query does
# not name (the teenagers' answer, for "milky stuff coming out of my boob") is held back by
# OTHER_PERSON_WEIGHT, less the more of one of its own phrasings the query holds.
PERSON_WEIGHT = 0.3
OTHER_PERSON_WEIGHT = 0.4
# In a phrasing and in title coverage, even a common word weighs at least this much: "doctor
# for milk after sex" is not answered by "why do i leak after sex" just because "doctor" is in
# many entries, and one rarer filler word ("stuff") does not outweigh three common ones.
LEAST_IDF = 1.0
# A Chinese bigram counts at most this much: text is split into overlapping pairs of characters,
# and a pair that straddles two words (高还 in 泌乳素高还能怀孕吗) is rare, so its plain idf
# would outweigh the words the person meant. Chosen on the development sets.
BIGRAM_MOST_IDF = 1.5
RERANKED = 30  # the best candidates by BM25 and coverage are reranked with their phrasings
PHRASING_SEPARATOR = " ; "  # between phrasings in one field
# How much the likeness of the query's letters to an entry's phrasings counts (character
# n-grams, cosine against the entry's centroid): word endings and misspellings still count.
# Chosen on the development sets: cross-validation over the phrasings favoured 4, but
# held-out phrasings share the others' style, and on real queries 4 lost on half the sets.
LETTERS_WEIGHT = 1.0
GRAM_SIZES = (2, 3, 4)
# A word held by this many entries or more says nothing in particular (Index.is_general).
GENERAL_IDF = 0.2
SCANNED_POSTINGS = 200  # a gram held by more entries is looked up per candidate, by bisection
# Part of every cached index's name, with a digest of ranking.py's word lists: bump it when
# IndexState or tokenising changes, so a cache written by another version of this code is never
# read as this one's.
INDEX_FORMAT = 37
# A word found in thousands of entries only scores its best-matching ones (impact-ordered
# cut-off): exact for galacli's own data, bounded time for a 10,000-entry pack.
POSTINGS_PER_TERM = 1500
_POSITION_SIZE = array("I").itemsize
_WEIGHT_SIZE = array("f").itemsize
_IDF_SIZE = array("d").itemsize


def stem(word: str) -> str:
    """Light English stemming: lactating, lactate, lactation -> lact; leaks -> leak. "-ly"
    leaves at least four letters: "early" is not "ear" (a part of the body elsewhere)."""
    for suffix in _SUFFIXES:
        least = 4 if suffix == "ly" else 3
        if word.endswith(suffix) and len(word) - len(suffix) >= least:
            return word[: -len(suffix)]
    return word


# Queries are bounded so every search stays fast: nobody types more than this into a question
# box.
MAX_QUERY_WORDS = 80  # a worried message can run to 60 words
# Unknown words looked up as possible typos, per query (each costs a fuzzy match); the rest of a
# long message counts as words galacli does not know.
MAX_TYPO_GUESSES = 8
MAX_QUERY_CHARS = 500


def check_query(query: str, lang: str) -> None:
    """A usage error (exit 2) for an empty query or one past the limits."""
    if not query.strip():
        raise UsageError(strings.text("query_empty", lang))
    if len(query) > MAX_QUERY_CHARS or len(query.split()) > MAX_QUERY_WORDS:
        message = strings.text("query_too_long", lang, words=MAX_QUERY_WORDS, chars=MAX_QUERY_CHARS)
        raise UsageError(message)


class VocabularyState(msgspec.Struct, frozen=True):
    """A built Vocabulary as plain data, so the knowledge cache can keep it."""

    words: dict[str, tuple[str, ...]]
    chars: dict[str, tuple[str, ...]]
    phrases: dict[str, str]
    cjk_words: dict[str, str]


class Vocabulary:
    """Words people type mapped to the index's words (synonyms, spellings, medicine names).

    `terms` maps a canonical word to its variants; `expansions` maps a name to several index
    words (a brand to its generic name and "medicine"). Phrases of several words are allowed.
    """

    def __init__(
        self,
        terms: Mapping[str, Iterable[str]] | None = None,
        expansions: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        words: dict[str, tuple[str, ...]] = {}
        chars: dict[str, tuple[str, ...]] = {}
        phrases: dict[str, str] = {}
        cjk: dict[str, str] = {}
        # Expansions first: a medicine a pack adds ("lithium") keeps its own name as an index
        # word even where vocabulary.yaml lists that name as just "a medicine".
        pairs: list[tuple[str, tuple[str, ...]]] = [
            (name, tuple(words)) for name, words in (expansions or {}).items()
        ]
        pairs += [
            (variant, (canonical,)) for canonical, vs in (terms or {}).items() for variant in vs
        ]
        for variant, targets in pairs:
            key = variant.casefold().strip()
            if _has_cjk(key) and len(key) == 1:
                # A single Chinese character means a word only when it stands alone (挤 in 挤乳头
                # once 乳头 is matched); inside longer text it is part of another word.
                chars.setdefault(key, targets)
            elif _has_cjk(key):
                # Chinese has no spaces between words: match the variant anywhere in the text.
                cjk.setdefault(key, _one_word(targets[0]))
                words.setdefault(cjk[key], targets)
            elif re.search(r"[^\w]", key):
                # Several words, or one with a mark inside ("d&c", "hashimoto's"), which
                # tokenize would split: matched as a phrase first.
                token = _one_word(targets[0])
                phrases.setdefault(key, token)
                words.setdefault(token, targets)
            else:
                words.setdefault(key, targets)
        self.state = VocabularyState(words, chars, phrases, cjk)

    @classmethod
    def from_state(cls, state: VocabularyState) -> Vocabulary:
        vocabulary = cls.__new__(cls)
        vocabulary.state = state
        return vocabulary

    @property
    def words(self) -> dict[str, tuple[str, ...]]:
        return self.state.words

    @property
    def chars(self) -> dict[str, tuple[str, ...]]:
        return self.state.chars

    def rewrite(self, text: str) -> str:
        """Phrases and Chinese words become single index words. Only the phrases that occur in
        the text go into the pattern, so a short query never compiles the whole vocabulary."""
        folded = _substitute(text.casefold(), self.state.phrases, r"\b")
        return _substitute(folded, self.state.cjk_words, "")

    def known(self, word: str) -> str | None:
        """A vocabulary word close to a misspelt one (risperdol -> risperdal)."""
        import difflib

        if len(word) < 5:
            return None
        same = [known for known in self.words if known[:1] == word[0]]  # typos keep it
        close = difflib.get_close_matches(word, same, n=1, cutoff=0.85)
        return close[0] if close else None


def _one_word(target: str) -> str:
    """A target of several words as one index word that tokenize keeps whole: "licorice (real)"
    is licorice_real (with its brackets it fell apart into "licorice_" and "real")."""
    return "_".join(re.findall(r"[^\W_]+", target.casefold()))


def _substitute(text: str, table: Mapping[str, str], edge: str) -> str:
    """Replace each phrase of `table` found in `text` by its word, longest first. A long text
    (building an index) uses one pattern of every phrase, compiled once."""
    found = tuple(table) if len(text) > 300 else tuple(p for p in table if p in text)
    if not found:
        return text
    pattern = _alternation(tuple(sorted(found, key=len, reverse=True)), edge)
    return pattern.sub(lambda match: f" {table[match.group(0)]} ", text)


@functools.lru_cache(maxsize=256)
def _alternation(options: tuple[str, ...], edge: str) -> re.Pattern[str]:
    return re.compile(edge + "(" + "|".join(re.escape(o) for o in options) + ")" + edge)


NO_VOCABULARY = Vocabulary()


# An age says who a question is about: "im 14", "16 year old", "aged 62", "15f", "in my 60s",
# "58 and ..." at the start, 十六岁, 五十多岁.
_AGE = re.compile(
    r"\b(?:i ?a?m|i'm|aged?)\s+(\d{1,3})\b"
    r"(?!\s*(?:weeks?|wks?|months?|mos?|days?|hours?|kg|lbs?|%))"
    r"|\b(\d{1,3})\s*(?:-?years?[ -]old|yrs?[ -]old|yo|y/o)\b"
    r"|\b(\d{2})\s?[fm]\b|\bin (?:my|her|his|their) ([1-9]0)'?s\b|^\s*(\d{2})\s+and\b"
    r"|(\d{1,3}|[一二三四五六七八九十两]{1,3})多?(?:岁|周岁)"
)
_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def _chinese_number(text: str) -> int | None:
    """十六 -> 16, 五十 -> 50, 七 -> 7 (the ages people type)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CHINESE_DIGITS.get(text)
    tens, _, units = text.partition("十")
    return (_CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + _CHINESE_DIGITS.get(units, 0)


def age_words(text: str) -> str:
    """Ages as the word for who they are: 10 or under a child, 11-19 a teen, 50 and over past
    menopause (as galacli's entries are written)."""

    def word(match: re.Match[str]) -> str:
        number = _chinese_number(next(group for group in match.groups() if group))
        if number is None or number > 120:
            return match.group(0)
        if number < 11:
            return " child "
        if number < 20:
            return " teen "
        return " menopause " if number >= 50 else match.group(0)

    return _BABY_AGE.sub(" baby ", _AGE.sub(word, text))


# A baby's age in days, weeks or months: "2 week old", "3 months old", 刚满月, 出生十天, 两个月大.
_BABY_AGE = re.compile(
    r"\b(?:\d{1,2}|a)[ -]?(?:days?|weeks?|wks?|months?|mos?)[ -]old\b"
    r"|满月|刚出生|出生(?:\d{1,2}|[一二三四五六七八九十两]{1,3})个?(?:天|周|月)"
    r"|(?:\d{1,2}|[一二三四五六七八九十两]{1,2})个?(?:月|周|天)大"
)


# A number beside the word prolactin, or with a unit, is a test result: "prolactin 45 is that
# high", "prl was 80", "泌乳素50", "35 ng/ml". It reads as the word "result" (结果 in Chinese
# text, the word the entries use). A prolactinoma's size or a length of time is not a result.
_MEASURE = re.compile(
    r"((?:prolactin(?!oma)\w*|prl|泌乳素|催乳素)"
    r"(?:\s*(?:level|levels|is|was|of|at|came back|水平|值|是|有|为|:|=))*\s*)"
    r"\d+(?:\.\d+)?(?!\s*(?:years?|yrs?|weeks?|wks?|months?|days?|mm|cm|岁|周|个月|天|毫米|厘米))"
    r"|\b\d+(?:\.\d+)?\s*(?:ng/ml|ng/dl|ng|miu/l|miu|mu/l|µg/l|ug/l|mcg/l|nmol/l|pmol/l)(?![a-z])"
)


def measure_words(text: str) -> str:
    def word(match: re.Match[str]) -> str:
        said = " 结果 " if _has_cjk(match.group(0)) else " result "
        return (match.group(1) or " ") + said

    return _MEASURE.sub(word, text)


def letter_grams(text: str) -> dict[str, float]:
    """The text's character n-grams (GRAM_SIZES) within words padded with a space, with
    sublinear counts: the letters a phrasing is made of, whatever its words' endings."""
    counts: dict[str, int] = {}
    for word in _WORD.findall(text.casefold()):
        padded = f" {word} "
        for size in GRAM_SIZES:
            for start in range(len(padded) - size + 1):
                gram = padded[start : start + size]
                counts[gram] = counts.get(gram, 0) + 1
    return {gram: 1.0 + math.log(count) for gram, count in counts.items()}


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(value * value for value in vector.values()))
    return {key: value / norm for key, value in vector.items()} if norm else {}


def letter_centroids(examples: Sequence[Sequence[str]]) -> dict[str, bytes]:
    """Per n-gram, packed as one bytes (unpack_letters): the gram's idf over all phrasings, the
    entries whose phrasings hold it (ascending positions) and the gram's weight in each entry's
    centroid (the mean of its phrasings' unit tf-idf vectors, made unit)."""
    grams = [[letter_grams(text) for text in texts] for texts in examples]
    df: dict[str, int] = {}
    for entry in grams:
        for vector in entry:
            for gram in vector:
                df[gram] = df.get(gram, 0) + 1
    n = sum(len(entry) for entry in grams)
    idf = {gram: math.log((1 + n) / (1 + count)) + 1 for gram, count in df.items()}
    postings: dict[str, tuple[array[int], array[float]]] = {}
    for position, entry in enumerate(grams):
        centroid: dict[str, float] = {}
        for vector in entry:
            for gram, value in _unit({g: v * idf[g] for g, v in vector.items()}).items():
                centroid[gram] = centroid.get(gram, 0.0) + value
        for gram, value in _unit(centroid).items():
            positions, weights = postings.setdefault(gram, (array("I"), array("d")))
            positions.append(position)
            weights.append(value)
    return {
        gram: array("d", [idf[gram]]).tobytes()
        + positions.tobytes()
        + array("f", weights).tobytes()
        for gram, (positions, weights) in postings.items()
    }


def unpack_letters(raw: bytes) -> tuple[float, memoryview[int], memoryview[float]]:
    """A gram's (idf, positions 'I', weights 'f') from letter_centroids' bytes. One bytes per gram
    and single-precision weights halve the time to decode the index (Chinese has 30,000 grams)."""
    view = memoryview(raw)
    count = (len(raw) - _IDF_SIZE) // (_POSITION_SIZE + _WEIGHT_SIZE)
    split = _IDF_SIZE + count * _POSITION_SIZE
    return view[:_IDF_SIZE].cast("d")[0], view[_IDF_SIZE:split].cast("I"), view[split:].cast("f")


@functools.lru_cache(maxsize=4096)
def _target_words(target: str) -> tuple[str, ...]:
    """The index words a vocabulary target stands for: "combined pill (ethinylestradiol with a
    progestin)" gives combin, pill, ethinylestradiol, progestin."""
    return tuple(stem(w) for w in _WORD.findall(target.casefold()) if w not in STOP_WORDS)


def tokenize(text: str, vocabulary: Vocabulary = NO_VOCABULARY) -> list[str]:
    tokens: list[str] = []
    for chunk in _WORD.findall(vocabulary.rewrite(measure_words(age_words(text.casefold())))):
        if not chunk.isascii() and not _is_cjk(chunk[0]):
            continue  # letters of other scripts (é, ñ) are not words galacli indexes
        if chunk in vocabulary.chars:
            tokens.extend(
                word for target in vocabulary.chars[chunk] for word in _target_words(target)
            )
        elif chunk[0] >= "\u3400" and chunk.strip(_PARTICLE_TEXT) in vocabulary.chars:
            # 男的 is 男 with a particle: the single-character word stands alone after all.
            target_words = vocabulary.chars[chunk.strip(_PARTICLE_TEXT)]
            tokens.extend(word for target in target_words for word in _target_words(target))
        elif chunk[0] >= "\u3400":
            # A one-character word at either edge of a phrase (the phrase split at particles) is
            # that word: 防癌, 长瘤, 喂奶, 是癌的, 血水. Longer words were matched before this.
            for piece in _PARTICLES_SPLIT.split(chunk):
                for char in dict.fromkeys((piece[:1], piece[-1:])):
                    for target in vocabulary.chars.get(char, ()):
                        tokens.extend(_target_words(target))
            # Chinese: overlapping character bigrams (single characters stand alone), less the
            # ones made with a grammatical particle, which match everything.
            grams = (chunk[i : i + 2] for i in range(max(1, len(chunk) - 1)))
            tokens.extend(g for g in grams if not _CJK_PARTICLES.intersection(g))
        elif chunk in vocabulary.words:
            tokens.extend(
                word for target in vocabulary.words[chunk] for word in _target_words(target)
            )
        elif chunk not in STOP_WORDS:
            tokens.append(stem(chunk))
    return tokens


class Hit(NamedTuple):
    key: str
    score: float
    # The idf-weighted share of the query's known words that this entry's title fields hold,
    # and their idf sum: how well the entry answers *this* query, comparable across queries,
    # where `score` only orders entries for one query.
    coverage: float = 1.0
    mass: float = 0.0
    phrasing: float = 0.0  # the most of one of its own phrasings the query holds


class IndexState(msgspec.Struct, frozen=True):
    """A built Index as plain data: postings as packed arrays, so loading a cached index of
    10,000 entries costs a few milliseconds and only the query's terms are ever unpacked."""

    keys: list[str]
    postings: dict[str, tuple[bytes, bytes]]  # term -> (positions 'I', BM25 weights 'd')
    titles: dict[str, bytes]  # term -> positions 'I' of entries whose title holds it
    vocabulary: VocabularyState
    # Per entry, its phrasings' terms: phrasings split by "|", terms by spaces (parsed only for
    # the entries being reranked, so a 10,000-entry pack loads as fast as before).
    phrasings: list[str] = []
    # Named sets of index terms chosen by the caller (the subject's own words, alarming words),
    # tokenised once when the index is built rather than on every query.
    word_sets: dict[str, list[str]] = {}
    # Character n-gram -> its idf, positions ascending and centroid weights, packed in one bytes
    # (letter_centroids, unpack_letters).
    letters: dict[str, bytes] = {}


class Index:
    """An inverted index: each term lists the documents holding it, with precomputed BM25 weights,
    so a query touches only the documents that share a term with it."""

    def __init__(self, state: IndexState) -> None:
        self.state = state
        self.vocabulary = Vocabulary.from_state(state.vocabulary)
        self._idfs: dict[str, float] = {}
        self._counted: dict[str, float] = {}  # max(LEAST_IDF, idf), 0 for a word not indexed
        self._analysed: dict[str, tuple[list[str], list[str]]] = {}
        self._by_letter: dict[str, list[str]] = {}
        self._named: dict[str, frozenset[str]] | None = None

    @classmethod
    def build(
        cls,
        documents: Iterable[tuple[str, Mapping[str, str]]],
        weights: Mapping[str, float],
        vocabulary: Vocabulary = NO_VOCABULARY,
        title_fields: Iterable[str] = (),
        phrasing_fields: Iterable[str] = (),
        word_sets: Mapping[str, Iterable[str]] | None = None,
        term_sets: Mapping[str, Iterable[str]] | None = None,
    ) -> Index:
        """`word_sets` are tokenised here; `term_sets` are index terms already, added to the set
        of the same name as they are (a medicine's own word, without the "medicine" the
        vocabulary adds to it)."""
        titles = set(title_fields)
        phrasing_names = tuple(phrasing_fields)
        phrasings: list[str] = []
        examples: list[list[str]] = []
        title_postings: dict[str, array[int]] = {}
        keys: list[str] = []
        counts_per_doc: list[dict[str, float]] = []
        for key, fields in documents:
            counts: dict[str, float] = {}
            title: set[str] = set()
            for field, text in fields.items():
                weight = weights.get(field, 1.0)
                for token in tokenize(text, vocabulary):
                    counts[token] = counts.get(token, 0.0) + weight
                    if field in titles:
                        title.add(token)
            for token in title:
                title_postings.setdefault(token, array("I")).append(len(keys))
            texts = [
                phrasing
                for name in phrasing_names
                for phrasing in fields.get(name, "").split(PHRASING_SEPARATOR)
                if phrasing.strip()
            ]
            own = (" ".join(dict.fromkeys(tokenize(text, vocabulary))) for text in texts)
            phrasings.append("|".join(filter(None, own)))
            examples.append(texts)
            keys.append(key)
            counts_per_doc.append(counts)
        n = len(keys)
        lengths = [sum(counts.values()) for counts in counts_per_doc]
        average = (sum(lengths) / n) if n else 1.0
        postings: dict[str, list[tuple[int, float]]] = {}
        for position, (counts, length) in enumerate(zip(counts_per_doc, lengths, strict=True)):
            norm = K1 * (1 - B + B * length / average)
            for term, tf in counts.items():
                postings.setdefault(term, []).append((position, tf * (K1 + 1) / (tf + norm)))
        packed = {}
        for term, entries in postings.items():
            entries.sort(key=lambda entry: -entry[1])  # best first, for the cut-off in search
            packed[term] = (
                array("I", [p for p, _ in entries]).tobytes(),
                array("d", [w for _, w in entries]).tobytes(),
            )
        titles_packed = {term: positions.tobytes() for term, positions in title_postings.items()}
        tokenised = {
            name: {term for word in words for term in tokenize(word, vocabulary)}
            for name, words in (word_sets or {}).items()
        }
        for name, terms in (term_sets or {}).items():
            tokenised.setdefault(name, set()).update(terms)
        sets = {name: sorted(terms) for name, terms in tokenised.items()}
        letters = letter_centroids(examples)
        state = IndexState(keys, packed, titles_packed, vocabulary.state, phrasings, sets, letters)
        return cls(state)

    def _idf(self, term: str) -> float:
        idf = self._idfs.get(term)
        if idf is None:
            n = len(self.state.keys)
            df = len(self.state.postings[term][0]) // _POSITION_SIZE
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            if len(term) == 2 and term[0] >= "\u3400":
                idf = min(idf, BIGRAM_MOST_IDF)
            self._idfs[term] = idf
        return idf

    def analyse(self, query: str) -> tuple[list[str], list[str]]:
        """The query's index terms (a misspelt word matched to the closest known word), and the
        words of it the index does not know at all. A query is analysed once, however many
        times ranking asks."""
        done = self._analysed.get(query)
        if done is None:
            if len(self._analysed) > 256:
                self._analysed.clear()
            done = self._analysed[query] = self._analyse(query)
        return list(done[0]), list(done[1])

    def _analyse(self, query: str) -> tuple[list[str], list[str]]:
        postings = self.state.postings
        terms: list[str] = []
        unknown: list[str] = []
        guesses = 0
        for token in tokenize(query, self.vocabulary):
            if token in postings:
                terms.append(token)
                continue
            if len(token) >= 4 and token[0] < "\u3400" and guesses < MAX_TYPO_GUESSES:
                guesses += 1
                word = self.vocabulary.known(token)
                if word is not None:
                    found = [t for t in tokenize(word, self.vocabulary) if t in postings]
                else:
                    import difflib

                    # A typo keeps its first letter far more often than not; without this,
                    # "spain" would find "pain" and "night" "tight". Comparing only words with
                    # that letter is also twenty times faster.
                    same = self._starting_with(token[0])
                    found = difflib.get_close_matches(token, same, n=1, cutoff=0.8)
                if found:
                    terms += found
                    continue
            unknown.append(token)
        return terms, unknown

    def _starting_with(self, letter: str) -> list[str]:
        words = self._by_letter.get(letter)
        if words is None:
            words = self._by_letter[letter] = [w for w in self.state.postings if w[0] == letter]
        return words

    def search(self, query: str, limit: int) -> list[Hit]:
        """BM25 over all fields, blended with how much of the query the title fields cover.

        A question that says what the person asked ("why do I leak milk after sex?") should beat
        a long answer that merely mentions the same words; coverage is idf-weighted so that
        rare words count more than "milk".
        """
        terms, _unknown = self.analyse(query)
        if not terms:
            return []
        idf = {term: self._idf(term) for term in terms}
        bm25: dict[int, float] = {}
        for term in terms:
            raw_positions, raw_weights = self.state.postings[term]
            positions = memoryview(raw_positions).cast("I")[:POSTINGS_PER_TERM]
            weights = memoryview(raw_weights).cast("d")[:POSTINGS_PER_TERM]
            for position, weight in zip(positions, weights, strict=True):
                bm25[position] = bm25.get(position, 0.0) + idf[term] * weight
        # Ranking counts every word at LEAST_IDF or more; the Hit keeps the plain idf share,
        # which says how much of what is rare in the query an entry holds (for abstaining).
        counted = {term: max(LEAST_IDF, value) for term, value in idf.items()}
        total_idf = sum(idf.values())
        total_counted = sum(counted.values())
        held: dict[int, float] = {}
        for term in idf:
            raw = self.state.titles.get(term)
            for position in memoryview(raw).cast("I") if raw else ():
                held[position] = held.get(position, 0.0) + counted[term]
        best = max(bm25.values())
        candidates = heapq.nsmallest(
            max(limit, RERANKED),
            (
                (-(score / best + TITLE_WEIGHT * held.get(position, 0.0) / total_counted), position)
                for position, score in bm25.items()
            ),
        )
        typed = set(terms)
        shares = {position: self._phrasing_share(position, typed) for _, position in candidates}
        people = typed & self.word_set("person")
        letters = self._letter_likeness(query, [position for _, position in candidates])
        ranked = sorted(
            (
                -round(
                    -blended
                    + PHRASING_WEIGHT * shares[position]
                    + LETTERS_WEIGHT * letters[position]
                    + PERSON_WEIGHT * self._for_person(position, people)
                    - OTHER_PERSON_WEIGHT
                    * (1 - shares[position])
                    * self._for_someone_else(position, people),
                    4,
                ),
                position,
            )
            for blended, position in candidates
        )
        hits = []
        for score, position in ranked[:limit]:
            mass = self._title_idf(position, idf)
            hits.append(
                Hit(
                    self.state.keys[position],
                    -score,
                    round(mass / total_idf, 4),
                    round(mass, 4),
                    round(shares[position], 4),
                )
            )
        return hits

    def written_for_someone(self, key: str) -> bool:
        """Whether the entry's own question names a person (a man, a teenager, pregnancy)."""
        return bool(self._people_named().get(key))

    def written_for(self, key: str, people: frozenset[str]) -> bool:
        """Whether the entry's own question names one of these people (index words)."""
        return not people.isdisjoint(self._people_named().get(key, ()))

    def _people_named(self) -> dict[str, frozenset[str]]:
        if self._named is None:
            named = (
                (key, self._named_in_question(position))
                for position, key in enumerate(self.state.keys)
            )
            self._named = {key: people for key, people in named if people}
        return self._named

    def is_general(self, query: str) -> bool:
        """Whether the query names nothing in particular: each of its words is a general one
        (word set "general") or held by most entries and not alarming ("blood" is in most
        causes, as a blood test, but "bloody discharge" is specific). A word the index does not
        know ("can exercise cause it") may name something in particular: not general."""
        terms, unknown = self.analyse(query)
        general, alarm = self.word_set("general"), self.word_set("alarm")
        return general.issuperset(unknown) and all(
            term in general or (self._idf(term) < GENERAL_IDF and term not in alarm)
            for term in terms
        )

    def _letter_likeness(self, query: str, positions: Sequence[int]) -> dict[int, float]:
        """Cosine of the query's character n-grams (tf-idf, the grams the phrasings hold) with
        each candidate's centroid. A gram few entries hold is scanned; one many hold (in a large
        pack) is looked up per candidate by bisection, so a large pack costs no more."""
        letters = self.state.letters
        grams = letter_grams(query)
        unpacked = {gram: unpack_letters(letters[gram]) for gram in grams if gram in letters}
        vector = _unit({gram: grams[gram] * entry[0] for gram, entry in unpacked.items()})
        likeness = dict.fromkeys(positions, 0.0)
        for gram, value in vector.items():
            _idf, held, weights = unpacked[gram]
            if len(held) <= SCANNED_POSTINGS:
                for position, weight in zip(held, weights, strict=True):
                    if position in likeness:
                        likeness[position] += value * weight
                continue
            for position in positions:
                at = bisect.bisect_left(held, position)
                if at < len(held) and held[at] == position:
                    likeness[position] += value * weights[at]
        return likeness

    def _title_idf(self, position: int, idf: Mapping[str, float]) -> float:
        """The plain idf sum of the query terms the entry's title fields hold: looked up only
        for the hits returned (title postings are in ascending order), not for every entry."""
        total = 0.0
        for term, value in idf.items():
            raw = self.state.titles.get(term)
            if raw:
                positions = memoryview(raw).cast("I")
                at = bisect.bisect_left(positions, position)
                total += value if at < len(positions) and positions[at] == position else 0.0
        return total

    def _named_in_question(self, position: int) -> frozenset[str]:
        """The people (index words of the "person" set) the entry's own question names."""
        if position >= len(self.state.phrasings):
            return frozenset()
        question = self.state.phrasings[position].split("|", 1)[0]
        return self.word_set("person").intersection(question.split(" "))

    def _for_person(self, position: int, people: set[str]) -> float:
        """1 when the entry's own question names a person the query names (a man, a baby)."""
        return 1.0 if people and people & self._named_in_question(position) else 0.0

    def _for_someone_else(self, position: int, people: set[str]) -> float:
        """1 when the entry's question names only people the query does not name."""
        named = self._named_in_question(position)
        return 1.0 if named and not named & people else 0.0

    def share_naming(self, key: str, terms: set[str], people: frozenset[str]) -> float:
        """As _phrasing_share, over only the entry's phrasings that name one of these people."""
        position = self.state.keys.index(key)
        return self._phrasing_share(position, terms, people)

    def _phrasing_share(
        self, position: int, terms: set[str], naming: frozenset[str] = frozenset()
    ) -> float:
        """The largest idf-weighted share of one of the entry's phrasings found in the query."""
        if position >= len(self.state.phrasings):
            return 0.0
        counted = self._counted
        best = 0.0
        for phrasing in self.state.phrasings[position].split("|"):
            words = phrasing.split(" ")  # each word once (Index.build)
            if terms.isdisjoint(words) or (naming and naming.isdisjoint(words)):
                continue  # shares nothing with the query: most phrasings, skipped cheaply
            whole = held = 0.0
            for word in words:
                weight = counted.get(word)
                if weight is None:
                    known = word in self.state.postings
                    weight = counted[word] = max(LEAST_IDF, self._idf(word)) if known else 0.0
                whole += weight
                if word in terms:
                    held += weight
            if whole:
                best = max(best, held / whole)
        return best

    def word_set(self, name: str) -> frozenset[str]:
        return frozenset(self.state.word_sets.get(name, ()))


_ID_LIKE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")


def looks_like_id(query: str) -> bool:
    """A hyphenated single word is someone typing an id: suggest ids, never silently search."""
    return bool(_ID_LIKE.match(query.casefold()))


def suggest(word: str, choices: Sequence[str], limit: int = 3) -> list[str]:
    """'Did you mean' candidates for an id or a name, in any case."""
    import difflib

    folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(word.casefold(), list(folded), n=limit, cutoff=0.6)
    return [folded[match] for match in close]


def not_found(query: str, ids: Sequence[str], message: str, hint: str, lang: str) -> NotFoundError:
    hints = [strings.text(hint, lang)]
    options = suggest(query, ids)
    if options:
        hints.insert(0, strings.text("did_you_mean", lang, options=", ".join(options)))
    return NotFoundError(strings.text(message, lang, query=query), hints=tuple(hints))
