"""Typed, immutable records for every knowledge file (docs/knowledge-format.md).

msgspec validates the YAML against these types and reports the path of any bad field, which the
loader turns into a file and line. The same types generate the published JSON Schemas.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from typing import Annotated, Literal

import msgspec

from galacli.knowledge.rules import Answers, Condition

Id = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
SourceId = Annotated[str, msgspec.Meta(pattern=r"^[A-Z0-9]+(-[A-Z0-9]+)*$")]
QuestionId = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*$")]
Word = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]
Url = Annotated[str, msgspec.Meta(pattern=r"^https?://\S+$")]
Doi = Annotated[str, msgspec.Meta(pattern=r"^10\.\d{4,9}/\S+$")]
Pmid = Annotated[str, msgspec.Meta(pattern=r"^[1-9][0-9]{0,8}$")]
Pmcid = Annotated[str, msgspec.Meta(pattern=r"^PMC[1-9][0-9]{0,8}$")]
Sources = Annotated[tuple[SourceId, ...], msgspec.Meta(min_length=1)]
Weight = Annotated[int, msgspec.Meta(ge=1, le=3)]

TierId = Literal["emergency", "urgent", "routine", "self-care"]
TIER_ORDER: tuple[TierId, ...] = ("emergency", "urgent", "routine", "self-care")
SourceKind = Literal[
    "guideline",
    "consensus",
    "systematic-review",
    "review",
    "health-authority",
    "textbook",
    "drug-label",
    "article",
    "other",
]
ARTICLE_KINDS: frozenset[str] = frozenset({"article", "review", "systematic-review"})
Strength = Literal["high", "moderate", "low", "listed", "unclear", "none", "lowers"]
LANGUAGES = ("en", "zh")


class Record(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Base for knowledge records: immutable, strict about unknown keys."""


class Text(Record, frozen=True, kw_only=True):
    en: NonEmpty
    zh: NonEmpty | None = None

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" and self.zh else self.en


class Tags(Record, frozen=True, kw_only=True):
    en: tuple[NonEmpty, ...]
    zh: tuple[NonEmpty, ...] | None = None

    def get(self, lang: str) -> tuple[str, ...]:
        return self.zh if lang == "zh" and self.zh else self.en


# How people ask for an entry: short texts, a bounded number per language, so that reranking
# by phrasings stays fast however large a pack is (search.RERANKED entries are reranked).
Phrasing = Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
MAX_PHRASINGS = 40


class Phrasings(Record, frozen=True, kw_only=True):
    en: Annotated[tuple[Phrasing, ...], msgspec.Meta(max_length=MAX_PHRASINGS)]
    zh: Annotated[tuple[Phrasing, ...], msgspec.Meta(max_length=MAX_PHRASINGS)] | None = None

    def get(self, lang: str) -> tuple[str, ...]:
        return self.zh if lang == "zh" and self.zh else self.en


class Rule:
    """A parsed `when`/`ask_if` condition (built by the loader's decode hook).

    `raw` is the YAML mapping it came from, kept so the knowledge cache can store it as written.
    """

    __slots__ = ("condition", "raw")

    def __init__(self, condition: Condition, raw: object = None) -> None:
        self.condition = condition
        self.raw = raw

    def evaluate(self, answers: Answers) -> bool | None:
        return self.condition.evaluate(answers)


class Step(Text, frozen=True, kw_only=True):
    """A result text (a next step, a doctor check) for an audience: `for` is a rule in the same
    language as `when`. The text is shown unless the rule is known false for this person, so
    not knowing who they are never hides it."""

    for_: Rule | None = msgspec.field(name="for", default=None)

    def shown(self, answers: Answers) -> bool:
        return self.for_ is None or self.for_.evaluate(answers) is not False


class Variant(Record, frozen=True, kw_only=True):
    """Another wording of a sign or question for a group: used when `when` is known true (the
    first such variant wins), so the general wording stays for anyone not known to be in it."""

    when: Rule
    text: Text | None = None
    reason: Text | None = None
    label: Text | None = None
    prompt: Text | None = None


class Source(Record, frozen=True, kw_only=True):
    """A citation. `url` is the publisher's or authority's own page; an article also carries
    its DOI or PMID (GLC215), and the canonical link a person sees is built from those. Only a
    textbook may have no link at all: it is cited by title, publisher and year."""

    id: SourceId
    kind: SourceKind
    title: NonEmpty
    publisher: NonEmpty
    year: int | None
    url: Url | None = None
    doi: Doi | None = None
    pmid: Pmid | None = None
    pmcid: Pmcid | None = None
    note: Text | None = None

    def __post_init__(self) -> None:
        if self.link is None and self.kind != "textbook":  # a book is cited by its publisher
            raise ValueError("a source needs a url, doi, pmid or pmcid (a textbook may have none)")

    @property
    def link(self) -> str | None:
        """The canonical link: the DOI, else the PubMed or PMC record, else the url."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        if self.pmcid:
            return f"https://pmc.ncbi.nlm.nih.gov/articles/{self.pmcid}/"
        return self.url


# The people search knows a query to name, as written in English (ranking.PERSON_WORDS is this).
Person = Literal[
    "man", "teen", "baby", "child", "partner", "menopause", "pregnant", "breastfeed", "transgender"
]


class FaqEntry(Record, frozen=True, kw_only=True):
    id: Id
    question: Text
    short_answer: Text
    answer: Text
    tags: Tags
    # How people ask for this entry, in their words (search indexes them like the question).
    asked_as: Phrasings | None = None
    # About a serious cause (cancer, a tumour, bleeding): search never puts it above the general
    # answer unless the query itself names something alarming.
    serious: bool = False
    # The person this is the general answer for (one of ranking.PERSON_WORDS, "man"): a query
    # that names them gets it first, unless an entry written for them already leads.
    answers_for: Person | None = None
    related: tuple[Id, ...] = ()
    causes: tuple[Id, ...] = ()
    sources: Sources
    reviewed: datetime.date


class Category(Record, frozen=True, kw_only=True):
    id: Id
    name: Text


class Clue(Record, frozen=True, kw_only=True):
    when: Rule
    weight: Weight
    text: Text


class Cause(Record, frozen=True, kw_only=True):
    id: Id
    name: Text
    category: Id
    addition: bool = False
    asked_as: Phrasings | None = None  # as on FAQ entries
    serious: bool = False  # as on FAQ entries
    # The leading causes, 1 first (docs/knowledge-format.md, "Leading causes"): a search that
    # names no cause in particular lists these first, in order.
    leading: Annotated[int, msgspec.Meta(ge=1, le=1000)] | None = None
    summary: Text
    mechanism: Text
    notice: tuple[Text, ...]
    doctor_checks: tuple[Step, ...]
    what_helps: tuple[Text, ...]
    how_common: Text
    when_to_worry: Text
    next_steps: tuple[Step, ...] = ()
    supports: tuple[Clue, ...] = ()
    against: tuple[Clue, ...] = ()
    # Fallback when no clue fits: the cause is listed ("fits partly") for people this rule is
    # not known false for, in file order.
    common_for: Rule | None = None
    # While this rule is true the cause is listed first (milk while breastfeeding).
    ranks_first: Rule | None = None
    sources: Sources
    reviewed: datetime.date


class Medicine(Record, frozen=True, kw_only=True):
    id: Id
    generic: Text
    brands: tuple[NonEmpty, ...] = ()
    aliases: tuple[NonEmpty, ...] = ()
    drug_class: Text = msgspec.field(name="class")
    strength: Strength
    cause: Id
    # Can cause dangerous heart rhythms (domperidone): a racing heart or fainting is an emergency.
    heart_rhythm_risk: bool = False
    note: Text | None = None
    # Causes this medicine makes less likely (a medicine that can lower prolactin counts
    # against "medication").
    counts_against: tuple[Id, ...] = ()
    sources: Sources
    reviewed: datetime.date


_MARKS = re.compile(r"[®™©]")
_NOT_LETTERS = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """How medicine names compare: case, spacing and punctuation never matter ("Risperdal M-Tab",
    "risperdal mtab" and "RISPERDAL M TAB" are one name). Two medicines may never share a key."""
    folded = unicodedata.normalize("NFKC", _MARKS.sub("", name)).casefold()
    return _NOT_LETTERS.sub("", folded)


class MedicineClass(Record, frozen=True, kw_only=True):
    """A group of medicines a person may name instead of one ("antidepressant", "the pill")."""

    id: Id
    name: Text
    names: tuple[NonEmpty, ...]  # what people type, in any language; matched like brand names
    members: tuple[Id, ...]  # medicine ids
    # The member a symptom-check answer naming the group means ("the pill": the combined pill).
    # Without it, the check lists the name as a medicine it does not know.
    usual: Id | None = None
    note: Text | None = None
    sources: Sources
    reviewed: datetime.date


class Tier(Record, frozen=True, kw_only=True):
    id: TierId
    label: Text
    action: Text
    next_steps: tuple[Step, ...] = ()


class Sign(Record, frozen=True, kw_only=True):
    id: Id
    tier: TierId
    text: Text
    reason: Text
    disagreement: Text | None = None
    act_within: Text | None = None  # a shorter time to act than the tier's, shown with it
    when: Rule
    variants: tuple[Variant, ...] = ()
    sources: Sources
    reviewed: datetime.date


class Choice(Record, frozen=True, kw_only=True):
    id: Word
    label: Text


class Question(Record, frozen=True, kw_only=True):
    """A question of the check. `blank_means_unknown`: in the interview, pressing Enter with
    nothing typed answers "don't know" (and the hint says so); otherwise it asks again.
    `variants`: other wordings for a group, used when the group is known (core/tailor.py)."""

    id: QuestionId
    label: Text
    prompt: Text
    help: Text
    blank_means_unknown: bool = False
    kind: Literal["choice", "list"] = "choice"
    values: tuple[Choice, ...] = ()
    symptom: bool = False
    ask_if: Rule | None = None
    derived: bool = False
    variants: tuple[Variant, ...] = ()

    def prompt_for(self, answers: Answers) -> Text:
        """The prompt in the wording for this person: the first variant known to apply."""
        for variant in self.variants:
            if variant.prompt is not None and variant.when.evaluate(answers) is True:
                return variant.prompt
        return self.prompt


class Override(Record, frozen=True, kw_only=True):
    """A pack's declared change to a shipped safety rule (`overrides:` in a pack file)."""

    id: NonEmpty
    reason: NonEmpty


class OverrideNotice(Record, frozen=True, kw_only=True):
    """An override in force: which entry of which file, what changed, and the pack's reason."""

    file: str
    id: str
    change: str
    reason: str


class AskDoctor(Record, frozen=True, kw_only=True):
    """A question a person can take to the doctor (the visit summary, `check -o`). It is shown
    when the result's tier is in `tiers` (all tiers when empty) and `when` is true of the
    answers (always when absent); an unanswered question never makes `when` true."""

    id: Id
    text: Text
    tiers: tuple[TierId, ...] = ()
    when: Rule | None = None
    sources: Sources
    reviewed: datetime.date


class SourcesFile(Record, frozen=True, kw_only=True):
    sources: tuple[Source, ...]


class FaqFile(Record, frozen=True, kw_only=True):
    faq: tuple[FaqEntry, ...]


class CausesFile(Record, frozen=True, kw_only=True):
    categories: tuple[Category, ...]
    causes: tuple[Cause, ...]


class MedicinesFile(Record, frozen=True, kw_only=True):
    medicines: tuple[Medicine, ...]
    medicine_classes: tuple[MedicineClass, ...] = ()
    overrides: tuple[Override, ...] = ()  # packs only: declared safety changes


class SignsFile(Record, frozen=True, kw_only=True):
    tiers: tuple[Tier, ...]
    signs: tuple[Sign, ...]
    overrides: tuple[Override, ...] = ()  # packs only: declared safety changes


class VocabularyFile(Record, frozen=True, kw_only=True):
    synonyms: dict[NonEmpty, tuple[NonEmpty, ...]]
    zh: dict[NonEmpty, tuple[NonEmpty, ...]] = {}


class QuestionsFile(Record, frozen=True, kw_only=True):
    ask_the_doctor: tuple[AskDoctor, ...] = ()
    questions: tuple[Question, ...]
    overrides: tuple[Override, ...] = ()  # packs only: declared safety changes


class Snapshot(Record, frozen=True, kw_only=True):
    """Validated, cross-checked knowledge as stored in the cache (never edited by hand)."""

    sources: tuple[Source, ...]
    faq: tuple[FaqEntry, ...]
    categories: tuple[Category, ...]
    causes: tuple[Cause, ...]
    medicines: tuple[Medicine, ...]
    tiers: tuple[Tier, ...]
    signs: tuple[Sign, ...]
    questions: tuple[Question, ...]
    ask_the_doctor: tuple[AskDoctor, ...]
    synonyms: dict[str, tuple[str, ...]]
    version: str
    medicine_classes: tuple[MedicineClass, ...] = ()
    overrides: tuple[OverrideNotice, ...] = ()


@functools.cache
def field_names(struct_type: type[msgspec.Struct]) -> tuple[tuple[str, str], ...]:
    """(attribute name, YAML name) of every field of a record type. msgspec.structs.fields
    evaluates the type annotations on every call; walking 16,000 entries took most of a minute."""
    return tuple((f.name, f.encode_name) for f in msgspec.structs.fields(struct_type))
