"""Result records. Every renderer reads these; JSON is simply their serialisation (DESIGN §6)."""

from __future__ import annotations

from typing import Literal

import msgspec

SCHEMA_VERSION = 1


class Result(msgspec.Struct, frozen=True, kw_only=True):
    """Base for records; field order is the JSON key order."""


class SourceRef(Result, frozen=True, kw_only=True):
    id: str
    kind: str
    title: str
    url: str  # the canonical link: doi.org, PubMed or PMC when the source has an identifier
    publisher: str
    year: int | None
    note: str | None = None


class Related(Result, frozen=True, kw_only=True):
    id: str
    question: str


class FaqItem(Result, frozen=True, kw_only=True):
    id: str
    question: str
    answer: str
    short_answer: str
    score: float | None
    tags: list[str]
    sources: list[SourceRef]
    reviewed: str
    related: list[Related]
    causes: list[str]


class Elsewhere(Result, frozen=True, kw_only=True):
    """Another kind of entry that matches a scoped search far better (`faq stress` -> the
    cause 'stress'), named in one line with the command that opens it."""

    kind: Literal["faq", "cause", "medicine", "sign"]
    id: str
    title: str
    command: str


class FaqResult(Result, frozen=True, kw_only=True):
    schema_version: int = SCHEMA_VERSION
    command: Literal["faq"] = "faq"
    lang: str
    region: str | None = None  # these three are set by galacli.regions.localise
    emergency_number: str | None = None
    advice_number: str | None = None
    query: str | None
    mode: Literal["list", "id", "search"]
    results: list[FaqItem]
    # Search only: the top hit's entry when it is clearly ahead (shown first, as `faq ID`
    # would); then `results` still lists every hit, the answer's entry first.
    answer: FaqItem | None = None
    elsewhere: Elsewhere | None = None


class MedicineInfo(Result, frozen=True, kw_only=True):
    id: str
    name: str
    brand_names: list[str]
    drug_class: str = msgspec.field(name="class")
    cause: str
    cause_name: str
    strength: str
    strength_label: str
    note: str | None
    matched_as: str
    match_kind: Literal["generic", "brand", "alias", "id"]
    sources: list[SourceRef]
    reviewed: str


class CauseItem(Result, frozen=True, kw_only=True):
    id: str
    name: str
    category: str
    category_name: str
    summary: str
    score: float | None
    matched_medicine: MedicineInfo | None
    addition: bool
    mechanism: str
    notice: list[str]
    doctor_checks: list[str]
    what_helps: list[str]
    how_common: str
    when_to_worry: str
    medicines: list[str]
    sources: list[SourceRef]
    reviewed: str


class CausesResult(Result, frozen=True, kw_only=True):
    schema_version: int = SCHEMA_VERSION
    command: Literal["causes"] = "causes"
    lang: str
    region: str | None = None  # these three are set by galacli.regions.localise
    emergency_number: str | None = None
    advice_number: str | None = None
    query: str | None
    mode: Literal["list", "id", "search"]
    results: list[CauseItem]
    elsewhere: Elsewhere | None = None


DRUG_SCHEMA_VERSION = 2  # 2: several names at once (`results`), classes, "did you mean"


class ClassInfo(Result, frozen=True, kw_only=True):
    """A medicine group named instead of one medicine ("antidepressant", "the pill")."""

    id: str
    name: str
    note: str | None
    medicines: list[MedicineInfo]  # every member with its own strength
    sources: list[SourceRef]
    reviewed: str


class MedicineSuggestion(Result, frozen=True, kw_only=True):
    name: str  # as typed
    suggestion: str  # "did you mean ...?"


class DrugAnswer(Result, frozen=True, kw_only=True):
    """One name looked up: a medicine, a group, or not found (with a name to offer, never used)."""

    query: str
    found: Literal["medicine", "class", "not_found"]
    match: MedicineInfo | None
    medicine_class: ClassInfo | None
    suggestion: str | None  # "did you mean ...?" when nothing matched exactly
    message: str


class DrugResult(Result, frozen=True, kw_only=True):
    schema_version: int = DRUG_SCHEMA_VERSION
    command: Literal["causes"] = "causes"
    lang: str
    region: str | None = None  # these three are set by galacli.regions.localise
    emergency_number: str | None = None
    advice_number: str | None = None
    drugs: list[str]
    results: list[DrugAnswer]
    safety_rule: str


class Flag(Result, frozen=True, kw_only=True):
    id: str
    text: str
    tier: str
    tier_label: str
    reason: str


class CauseFit(Result, frozen=True, kw_only=True):
    id: str
    name: str
    score: int
    fit: str
    because: list[str]
    against: list[str]


class UnknownDetail(Result, frozen=True, kw_only=True):
    id: str
    label: str
    prompt: str
    could_raise_to: str
    could_raise_to_label: str


class AnswerLine(Result, frozen=True, kw_only=True):
    id: str
    label: str
    value: str


CHECK_SCHEMA_VERSION = 2  # 2: complete, act_within, not_asked_that_matter/details, safety_net


class CheckResult(Result, frozen=True, kw_only=True):
    schema_version: int = CHECK_SCHEMA_VERSION
    command: Literal["check"] = "check"
    lang: str
    region: str | None = None  # these three are set by galacli.regions.localise
    emergency_number: str | None = None
    advice_number: str | None = None
    answers: dict[str, str]
    urgency: str
    urgency_label: str
    urgency_action: str
    urgency_reason: str
    red_flags: list[Flag]
    reassuring: list[Flag]
    possible_causes: list[CauseFit]
    next_steps: list[str]
    doctor_checks: list[str]
    act_within: str | None  # a sign's own, shorter time to act ("within 1 to 2 days")
    unknown_that_matter: list[str]  # answered "don't know", and could change the tier
    unknown_details: list[UnknownDetail]
    complete: bool  # False when a question not asked could change the tier
    not_asked_that_matter: list[str]
    not_asked_details: list[UnknownDetail]
    safety_net: list[str]  # what would make this more urgent, and what to do then
    medicines_matched: list[MedicineInfo]
    medicines_not_known: list[str]
    # For a name in medicines_not_known close to a known one: offered, never used.
    medicines_suggested: list[MedicineSuggestion]
    answer_summary: list[AnswerLine]
    command_line: str
    disclaimer: str


class ChoiceInfo(Result, frozen=True, kw_only=True):
    id: str
    label: str


class QuestionInfo(Result, frozen=True, kw_only=True):
    id: str
    label: str
    prompt: str
    help: str
    kind: str
    values: list[ChoiceInfo]
    symptom: bool


class QuestionsResult(Result, frozen=True, kw_only=True):
    schema_version: int = SCHEMA_VERSION
    command: Literal["check"] = "check"
    lang: str
    region: str | None = None  # these three are set by galacli.regions.localise
    emergency_number: str | None = None
    advice_number: str | None = None
    questions: list[QuestionInfo]


class WorrySign(Result, frozen=True, kw_only=True):
    id: str
    text: str
    reason: str
    disagreement: str | None
    act_within: str | None = None  # a shorter time to act than the tier's (issue 13)
    sources: list[SourceRef]


class WorryTier(Result, frozen=True, kw_only=True):
    urgency: str
    label: str
    action: str
    signs: list[WorrySign]


class WorryResult(Result, frozen=True, kw_only=True):
    schema_version: int = SCHEMA_VERSION
    command: Literal["when-to-worry"] = "when-to-worry"
    lang: str
    region: str | None = None  # these three are set by galacli.regions.localise
    emergency_number: str | None = None
    advice_number: str | None = None
    tiers: list[WorryTier]


class SourceItem(Result, frozen=True, kw_only=True):
    id: str
    kind: str
    title: str
    publisher: str
    year: int | None
    url: str  # the canonical link: doi.org, PubMed or PMC when the source has an identifier
    page: str | None  # the publisher's or authority's own page, when the registry has one
    doi: str | None
    pmid: str | None
    pmcid: str | None
    note: str | None
    cited_by: list[str]


class SourcesResult(Result, frozen=True, kw_only=True):
    schema_version: int = SCHEMA_VERSION
    command: Literal["sources"] = "sources"
    lang: str
    region: str | None = None  # these three are set by galacli.regions.localise
    emergency_number: str | None = None
    advice_number: str | None = None
    query: str | None
    mode: Literal["list", "id"]
    results: list[SourceItem]


class Problem(Result, frozen=True, kw_only=True):
    file: str
    line: int | None
    code: str
    message: str
    field: str


class ValidateResult(Result, frozen=True, kw_only=True):
    schema_version: int = SCHEMA_VERSION
    command: Literal["validate", "sources"] = "validate"  # sources: `sources --check`
    lang: str
    region: str | None = None  # these three are set by galacli.regions.localise
    emergency_number: str | None = None
    advice_number: str | None = None
    data_dir: str | None
    files: list[str]
    entries: int
    problems: list[Problem]


class HandoutCause(Result, frozen=True, kw_only=True):
    id: str
    name: str


class HandoutGroup(Result, frozen=True, kw_only=True):
    """A cause category with the names of its causes (the overview's short list)."""

    id: str
    name: str
    causes: list[HandoutCause]


class HandoutSign(Result, frozen=True, kw_only=True):
    id: str
    text: str
    reason: str | None  # None in the overview, which lists the signs only
    disagreement: str | None


class HandoutTier(Result, frozen=True, kw_only=True):
    urgency: str
    label: str
    action: str
    signs: list[HandoutSign]


class HandoutPart(Result, frozen=True, kw_only=True):
    """A headed part of an entry, e.g. a cause's "What helps"; body as in HandoutSection."""

    heading: str
    body: str


class HandoutSection(Result, frozen=True, kw_only=True):
    """One part of a handout. Renderers show the fields that are set, in this order."""

    id: str  # "faq:ID", "cause:ID", "when-to-worry", or an overview part ("what-is", ...)
    title: str
    subtitle: str | None = None
    lead: str | None = None  # a short answer or summary, shown first
    body: str | None = None  # paragraphs separated by blank lines; "- " lines are list items
    parts: list[HandoutPart] = []
    groups: list[HandoutGroup] = []
    tiers: list[HandoutTier] = []
    safety: str | None = None  # the rule about prescribed medicines, where it applies
    sources: list[str] = []  # ids of the handout's sources this section cites
    reviewed: str  # the newest reviewed date of the entries used


class HandoutResult(Result, frozen=True, kw_only=True):
    schema_version: int = SCHEMA_VERSION
    command: Literal["handout"] = "handout"
    lang: str
    region: str | None = None  # these three are set by galacli.regions.localise
    emergency_number: str | None = None
    advice_number: str | None = None
    topics: list[str]  # as given; empty for the overview
    title: str
    printed: str  # ISO date printed on the handout (SOURCE_DATE_EPOCH, else today)
    reviewed: str  # the newest reviewed date of the entries used
    sections: list[HandoutSection]
    sources: list[SourceRef]  # every source the sections cite, in citation order
    sources_total: int  # how many sources the entries shown cite in the knowledge
    disclaimer: str


class VisitMedicine(Result, frozen=True, kw_only=True):
    """A medicine the person named, and how it relates to prolactin."""

    name: str  # the generic name in the page's language
    matched_as: str  # as the person typed it
    drug_class: str
    relation: str  # "often raises prolactin", "not known to raise prolactin", ...
    note: str | None


class VisitQuestion(Result, frozen=True, kw_only=True):
    id: str
    text: str
    sources: list[str]  # ids of the page's sources


class VisitResult(Result, frozen=True, kw_only=True):
    """A check result as one page to take to the doctor (`galacli check -o visit.html`)."""

    lang: str
    region: str | None = None  # these three are set by galacli.regions.localise
    emergency_number: str | None = None
    advice_number: str | None = None
    title: str
    printed: str  # ISO date (SOURCE_DATE_EPOCH, else today), as on a handout
    urgency: str
    urgency_label: str
    urgency_action: str
    urgency_reason: str
    red_flags: list[Flag]
    answers: list[AnswerLine]
    medicines: list[VisitMedicine]
    medicines_not_known: list[str]
    safety_rule: str | None  # the rule about prescribed medicines, when a medicine was named
    questions: list[VisitQuestion]
    doctor_checks: list[str]
    sources: list[SourceRef]  # what the questions cite, in citation order
    disclaimer: str


class SearchHit(Result, frozen=True, kw_only=True):
    kind: Literal["faq", "cause", "medicine", "sign"]
    id: str
    title: str
    summary: str
    score: float
    command: str  # the galacli command that opens it


class SearchResult(Result, frozen=True, kw_only=True):
    """`galacli search QUERY`: one ranked list over every kind of entry."""

    schema_version: int = SCHEMA_VERSION
    command: Literal["search"] = "search"
    lang: str
    region: str | None = None  # these three are set by galacli.regions.localise
    emergency_number: str | None = None
    advice_number: str | None = None
    query: str
    results: list[SearchHit]


AnyResult = (
    FaqResult
    | SearchResult
    | CausesResult
    | DrugResult
    | CheckResult
    | QuestionsResult
    | WorryResult
    | SourcesResult
    | ValidateResult
)
