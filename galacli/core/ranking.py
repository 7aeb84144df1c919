"""What galacli does with a ranked list before showing it: safety first, then confidence.

- Safety: when the query names nothing alarming, an entry about a serious cause (cancer, a
  tumour, bleeding) never comes before the general answers to the same question.
- Abstention: when no entry's question (or asked-as phrasing, or tags) holds enough of the
  query, galacli says "nothing found" rather than list unrelated topics.
- Answer first: when the best FAQ hit is clearly ahead of the next, `faq QUERY` shows its answer.

The thresholds were chosen on the tuning sets (tests/search_queries.yaml, tests/dev_queries.yaml,
tests/search_offtopic.yaml) and are reported, never tuned, on tests/blind/.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, get_args

from galacli.core.search import (
    INDEX_FORMAT,
    PHRASING_SEPARATOR,
    RERANKED,
    Hit,
    Index,
    IndexState,
    Vocabulary,
    tokenize,
)
from galacli.knowledge.model import Person

if TYPE_CHECKING:
    from galacli.knowledge.loader import Knowledge
    from galacli.knowledge.model import Phrasings

# Index words that make a query alarming in itself (Chinese words reach them through the
# vocabulary: 癌 -> cancer, 肿块 -> tumour, 血 -> blood). Someone who types one of these asked
# about it; everyone else gets the general answer first.
ALARM_WORDS = (
    "cancer",
    "malignant",
    "tumour",
    "lump",
    "blood",
    "bleeding",
    "bloody",
    "prolactinoma",
    "pituitary",
    "paget",
    "apoplexy",
    "headache",
    "vision",
    "sight",
    "eczema",
    "rash",
    "scaly",
    "crusty",
    "pink",
    # Signs of an infection (a red, swollen breast with fever or pus needs a doctor within a
    # day or two; in a baby, at once).
    "fever",
    "pus",
    "swollen",
    "abscess",
)
# The subject's own words, which name no cause in particular (GENERAL_WORDS).
SUBJECT_WORDS = ("breast", "nipple", "milk", "discharge", "galactorrhea", "prolactin")
# A query is on-topic when it holds a word of the subject itself (any language reaches these
# index words through the vocabulary; each medicine's own word counts too, medicine_words), or
# when more than half of its words are found as typed, and one entry's title fields hold
# CONFIDENT_SHARE of them with an idf adding up to CONFIDENT_MASS ("intraductal papilloma").
TOPIC_WORDS = (
    *SUBJECT_WORDS,
    "prolactinoma",
    "pituitary",
    "breastfeed",
    "nonpregnant",
    "weaning",
    "colostrum",
    "gynecomastia",
    "papilloma",
    "mastitis",
)
# Subject words that also name other things: milk to drink, discharge from an ear. Beside a
# word of ELSEWHERE_WORDS (another part of the body, a food), one of these alone does not make
# a query on-topic: "discharge from my ear" and "almond milk vs oat milk" are nothing found,
# "milk from my nipple and my ear hurts" is not, and an alarming query never is. Left out on
# purpose: the vagina (fluid during sex is an entry), eyes, throat and wounds (vision
# problems, thyroid, chest-wall injury are causes), soy, goat, coffee and teas (herbs).
WEAK_TOPIC_WORDS = ("milk", "discharge", "nonpregnant")
ELSEWHERE_WORDS = (
    "ear",
    "nose",
    "penis",
    "urethra",
    "anus",
    "rectum",
    "navel",
    "knee",
    "almond",
    "oat",
    "chocolate",
    "pancakes",
    "cheese",
    "yogurt",
    "recipe",
    "paneer",
    "fudge",
    "frother",
    "condensed",
    "pasteurize",
    "pasteurise",
    "protein",
    "cow",
    # Animals: galacli is about people's breasts ("my dog is leaking milk"). Not "cat" or "pet"
    # (a CAT or PET scan), nor "teeth" (a teething baby and leaking milk is a topic here), nor
    # 奶茶 (milk tea), which 催奶茶 (a tea to bring in milk, an herb question) holds.
    "dog",
    "dogs",
    "puppy",
    "kitten",
    "kittens",
    # Plumbing leaks.
    "tap",
    "faucet",
    "sink",
    "roof",
    "耳朵",
    "鼻子",
    "尿道",
    "肛门",
    "肚脐",
    "膝盖",
    "牛奶",
    "酸奶",
    "奶酪",
    "狗",
    "狗狗",
    "小狗",
    "猫",
    "猫咪",
    "宠物",
    "奶牛",
    "乳牙",
    "痔疮",
    "hemorrhoid",
    "hemorrhoids",
    "gums",
    "牙龈",
)
# Kinds of cause the causes answer for. Beside "cause" and nothing else ("what medicines cause
# this?", 什么药会引起) a query asks about this subject; alone or beside other words ("best pills
# for a headache") it does not: no single medicine is named (medicine_words).
CAUSE_KINDS = ("medicine", "drug", "herb", "hormone")
# Words that single out no cause or entry (Index.is_general, rank): the subject itself, "why",
# "not pregnant", and people whom every common cause can affect. Not pregnancy, babies or the
# menopause: each has causes of its own.
GENERAL_WORDS = (
    *SUBJECT_WORDS,
    "nonpregnant",
    "cause",
    "definition",
    "man",
    "teen",
    "partner",
    "woman",
    "women",
    "female",
    "girl",
    "husband",
    "wife",
    "boyfriend",
    "girlfriend",
    "high",
    "哪些",
    "女性",
    "女人",
    "女生",
    "女孩",
)
# Alarm words that are about this subject wherever they stand: a query holding one is never
# "nothing found" ("blood", "hard lump", "pus"), unless it names another part of the body
# ("nose bleeding"). Not the skin words, "swollen", a fever or a headache, which are as often
# about something else ("itchy scalp", "sprained ankle swelling", "sore throat and fever").
NEVER_REFUSED = tuple(
    word
    for word in ALARM_WORDS
    if word not in {"eczema", "rash", "scaly", "crusty", "pink", "swollen", "fever", "headache"}
)
# The people an alarm that names nobody is least likely to be about (rank).
CHILDHOOD = frozenset({"baby", "child"})
# Who a query can be about (search.PERSON_WEIGHT).
# The people a FaqEntry can answer for (model.Person): one list for both.
PERSON_WORDS: tuple[str, ...] = get_args(Person)
# 0.75, not 1: with more phrasings, common Chinese pairs (时候) weigh less, and
# "什么时候需要去看医生" is still a question about this subject.
CONFIDENT_MASS = 0.75
CONFIDENT_SHARE = 0.75
# ... or when the query holds this much of one of an entry's own phrasings ("when i'm tense my
# let-down won't come"): FAQ title coverage counts only questions and tags.
CONFIDENT_PHRASING = 0.75
# The best FAQ hit's answer is shown first when its score leads the next by AHEAD, or by
# AHEAD_AS_ASKED when the query is (nearly) one of its own phrasings (share OWN_PHRASING) and not
# of the next one's (below OTHER_PHRASING). On the tuning and dev sets: shown for 60% of
# queries, right 94% of the time.
AHEAD = 0.5
AHEAD_AS_ASKED = 0.25
OWN_PHRASING = 0.9
OTHER_PHRASING = 0.75


def word_sets() -> dict[str, tuple[str, ...]]:
    """The words every search index keeps as term sets (Index.build's `word_sets`); the topic set
    also holds each medicine's own word (medicine_words, Index.build's `term_sets`)."""
    return {
        "topic": TOPIC_WORDS,
        "weak": WEAK_TOPIC_WORDS,
        "elsewhere": ELSEWHERE_WORDS,
        "alarm": ALARM_WORDS,
        "person": PERSON_WORDS,
        "general": GENERAL_WORDS,
        "never_refused": NEVER_REFUSED,
        "cause_kind": CAUSE_KINDS,
        "cause": ("cause",),
    }


def medicine_words(names: Iterable[str], vocabulary: Vocabulary) -> list[str]:
    """The one index word that names each medicine: of the words in its name itself, the one
    fewest other names share, then the longest ("ethinylestradiol", not "combined" or "pill").
    Never a word the vocabulary adds to every medicine ("medicine", "drug", "treatment"), which
    would make "how to fix my car" (fix: treatment) a question about this subject."""
    words: list[list[str]] = []
    for name in names:
        own = set(tokenize(name))  # the name's words as typed, without what the vocabulary adds
        words.append([word for word in tokenize(name, vocabulary) if word in own])
    shared = Counter(word for name_words in words for word in set(name_words))
    return [
        min(name_words, key=lambda word: (shared[word], -len(word)))
        for name_words in words
        if name_words
    ]


def word_sets_key() -> str:
    """A short digest of the word lists above: part of a cached index's name, because the index
    keeps them tokenised, so a cache built before a list changed is never read after."""
    import zlib

    return format(zlib.crc32(repr(word_sets()).encode("utf-8")), "08x")


def phrasings_text(asked_as: Phrasings | None, lang: str) -> str:
    """An entry's phrasings as one index field (Index.build splits it again)."""
    return PHRASING_SEPARATOR.join(asked_as.get(lang) if asked_as else ())


def cached_index(
    kb: Knowledge,
    name: str,
    lang: str,
    documents: Callable[[], Iterable[tuple[str, Mapping[str, str]]]],
    weights: Mapping[str, float],
    titles: Sequence[str],
    phrasings: Sequence[str],
) -> Index:
    """A search index over `documents`, built once and kept in the knowledge cache beside the
    knowledge it was built from."""
    from galacli.core.common import medicine_names, vocabulary
    from galacli.knowledge.loader import cached_derived

    def build() -> IndexState:
        words = vocabulary(kb)
        medicines = {"topic": medicine_words(medicine_names(kb), words)}
        return Index.build(
            documents(), weights, words, titles, phrasings, word_sets(), medicines
        ).state

    key = f"{name}-index-{lang}-{INDEX_FORMAT}-{word_sets_key()}"
    return Index(cached_derived(kb, key, IndexState, build))


def is_alarming(index: Index, query: str) -> bool:
    terms, _unknown = index.analyse(query)
    return not index.word_set("alarm").isdisjoint(terms)


def safe_order(hits: Sequence[Hit], serious: Callable[[str], bool], alarming: bool) -> list[Hit]:
    """Serious entries after the general ones, unless the query is alarming (stable order)."""
    if alarming:
        return list(hits)
    return first(hits, lambda key: not serious(key))


def first(hits: Sequence[Hit], chosen: Callable[[str], bool]) -> list[Hit]:
    """The chosen hits before the others, each group in its order."""
    ordered = [h for h in hits if chosen(h.key)] + [h for h in hits if not chosen(h.key)]
    # Scores stay best first, so a script that sorts by score keeps this order.
    capped: list[Hit] = []
    for hit in ordered:
        ceiling = capped[-1].score if capped else hit.score
        capped.append(hit._replace(score=min(hit.score, ceiling)))
    return capped


def confident(index: Index, query: str, hits: Sequence[Hit], alarming: bool) -> bool:
    if not hits:
        return False
    terms, unknown = index.analyse(query)
    typed = tokenize(query, index.vocabulary)
    # As typed: a medicine no entry's text names ("fluphenazine") is still a word of the subject.
    topic = index.word_set("topic").intersection(typed)
    weak = index.word_set("weak")
    # 牛奶 is tokenised as milk + 牛奶: only the part that is not a subject word says elsewhere.
    named_elsewhere = not (index.word_set("elsewhere") - weak).isdisjoint(typed)
    if topic <= weak and named_elsewhere and not alarming:
        return False
    if topic or (not named_elsewhere and not index.word_set("never_refused").isdisjoint(terms)):
        # Someone who types "blood", "lump" or "bleeding" alone is answered, never turned away.
        return True
    kinds, cause = index.word_set("cause_kind"), index.word_set("cause")
    asked = set(terms)
    if not unknown and asked & kinds and asked & cause and asked <= kinds | cause:
        return True  # "what medicines cause this?": the subject, by "this"
    exact = [token for token in typed if token in index.state.postings]
    held = any(
        (hit.mass >= CONFIDENT_MASS and hit.coverage >= CONFIDENT_SHARE)
        or hit.phrasing >= CONFIDENT_PHRASING
        for hit in hits
    )
    return held and 2 * len(exact) > len(typed)


def clearly_ahead(hits: Sequence[Hit]) -> bool:
    if len(hits) < 2:
        return bool(hits)
    first, second = hits[0], hits[1]
    lead = first.score - second.score
    as_asked = first.phrasing >= OWN_PHRASING and second.phrasing < OTHER_PHRASING
    return lead >= AHEAD or (as_asked and lead >= AHEAD_AS_ASKED)


def persons_own_first(
    index: Index, query: str, hits: Sequence[Hit], own: Mapping[str, str]
) -> list[Hit]:
    """The general answer for the person the query names (FaqEntry.answers_for) first: a man
    who asks anything ("mammogram for men with nipple discharge", 男的乳头一挤就有水正常吗) is
    first told that discharge in a man always needs a check. Not when an entry written for him
    already leads (low sex drive, steroids) or the query is one of the leading entry's own
    phrasings naming him ("can lactating after sex happen to men"), nor for a boy who is a baby
    or a child: their own entries answer for them."""
    typed = set(index.analyse(query)[0])
    named = index.word_set("person") & typed
    people = frozenset(person for person in named if person in own)
    if not hits or not people or not named.isdisjoint(CHILDHOOD):
        return list(hits)
    leader = hits[0].key
    if (
        index.written_for(leader, people)
        or index.share_naming(leader, typed, people) >= OWN_PHRASING
    ):
        return list(hits)
    owners = {own[person] for person in people}
    chosen = next((hit.key for hit in hits if hit.key in owners), None)
    return first(hits, lambda key: key == chosen) if chosen else list(hits)


def rank(
    index: Index,
    query: str,
    limit: int,
    serious: Callable[[str], bool],
    leading: Sequence[str] = (),
    own: Mapping[str, str] | None = None,
) -> tuple[list[Hit], list[Hit]]:
    """(hits to show, closest weak hits). The first list is empty when galacli abstains; the
    second then holds the nearest topics to suggest. When the query names nothing in
    particular ("what causes milk when I'm not pregnant?"), every entry scores about the same,
    and the `leading` ones (the common causes) come first, in their order, not the rare ones
    whose text happens to hold the query's words most; without leading entries (FAQ), the
    entries written for someone the query does not name come after the general ones."""
    general = index.is_general(query)
    names_nobody = index.word_set("person").isdisjoint(index.analyse(query)[0])
    hits = index.search(query, max(RERANKED, limit + 5) if general and leading else limit + 5)
    if general and leading:
        order = {key: i for i, key in enumerate(leading)}
        hits = first(sorted(hits, key=lambda h: order.get(h.key, 0)), order.__contains__)
    elif general and names_nobody:
        # Nothing but the subject, and nobody named ("nipple milk??"): the entries written for
        # someone (men, teenagers, pregnancy) come after the general ones.
        hits = first(hits, lambda key: not index.written_for_someone(key))
    if own:
        hits = persons_own_first(index, query, hits, own)
    alarming = is_alarming(index, query)
    if alarming and names_nobody:
        # "hard lump", "red hot swollen breast": an alarm that names nobody is an adult's; the
        # entries written for a newborn or a young child come after the others.
        hits = first(hits, lambda key: not index.written_for(key, CHILDHOOD))
    ordered = safe_order(hits, serious, alarming)[:limit]
    if confident(index, query, ordered, alarming):
        return ordered, []
    return [], ordered[:3]
