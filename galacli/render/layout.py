"""Turn result records into a short list of format-neutral blocks (pure; no I/O, no Rich)."""

from __future__ import annotations

import re

import msgspec

from galacli.core.records import (
    AnyResult,
    CauseItem,
    CausesResult,
    CheckResult,
    ClassInfo,
    DrugResult,
    FaqItem,
    FaqResult,
    MedicineInfo,
    QuestionsResult,
    SearchResult,
    SourceRef,
    SourcesResult,
    ValidateResult,
    WorryResult,
)
from galacli.strings import text as s

# The one sanitiser for text bound for a terminal (every renderer, the interview, messages).
# Removed: ANSI escape sequences (CSI, and OSC up to its BEL or ST), C0 controls but newline,
# DEL, C1 controls (U+009B starts a CSI on some terminals), and the bidirectional controls
# U+202A-202E and U+2066-2069, which can make `.../\u202ekt.shn.www//:sptth` display as an NHS
# address. A tab, U+2028 or U+2029 becomes a space (plain output is one item per line).
BIDI = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST (titles, hyperlinks)
    r"|\x1b[@-_]?"  # other two-byte escapes, or a lone ESC
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
# str.translate, not a regex: compiling a Unicode-range class costs about 0.5 ms a start-up.
_INERT: dict[int, str | None] = {
    **dict.fromkeys(BIDI),
    **dict.fromkeys((0x09, 0x2028, 0x2029), " "),
}
_SHOWN: dict[int, str] = {code: f"\\u{code:04x}" for code in (*BIDI, 0x2028, 0x2029)}


# A lone surrogate is a byte that was not UTF-8 (argv decoded with surrogateescape): it cannot
# be encoded for a UTF-8 terminal or JSON, so it prints as the replacement character.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Any single control character (a message quoting input shows it as an escape, not raw).
_CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


TIERS = ("emergency", "urgent", "routine", "self-care")  # most urgent first


def clean(value: str) -> str:
    """Text made inert for a terminal: escapes and controls removed, never sent raw."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", value).translate(_INERT))


def visible(value: str) -> str:
    """A message that quotes what a person typed: control characters become escapes (\\x1b,
    \\u202e) they can read, instead of being stripped (the quote would look empty) or sent raw."""
    shown = _CONTROL_CHAR.sub(lambda found: f"\\x{ord(found.group()):02x}", value)
    return _SURROGATE.sub("\ufffd", shown.translate(_SHOWN))


def unsafe(value: str) -> list[str]:
    """The characters `galacli validate` reports in pack text (GLC113), as escapes: controls
    other than newline, escapes, bidirectional controls, line and paragraph separators."""
    found = {f"\\x{ord(ch):02x}" for ch in _CONTROL_CHAR.findall(value)}
    found |= {_SHOWN[ord(ch)] for ch in value if ord(ch) in _SHOWN}
    if "\t" in value:
        found.add("\\x09")
    return sorted(found)


def _has_cjk(text: str) -> bool:
    # A loop, not a regex: compiling a Unicode-range pattern costs 1 ms at every start-up.
    return any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


def joined(lang: str, *parts: str) -> str:
    """Sentences one after another: a space between English ones, none between Chinese ones."""
    return ("" if lang == "zh" else " ").join(part for part in parts if part)


def labelled(label: str, text: str) -> str:
    """'Label: text', with a full-width colon after a Chinese label."""
    return f"{label}：{text}" if _has_cjk(label) else f"{label}: {text}"


class Title(msgspec.Struct, frozen=True):
    text: str
    subtitle: str = ""


class Heading(msgspec.Struct, frozen=True):
    text: str


class Para(msgspec.Struct, frozen=True):
    text: str


class Bullets(msgspec.Struct, frozen=True):
    items: tuple[str, ...]


class Rows(msgspec.Struct, frozen=True):
    """A list with one item per line: an id, then its words (tab-separated when plain)."""

    rows: tuple[tuple[str, str], ...]


class TierBanner(msgspec.Struct, frozen=True):
    tier: str
    label: str
    action: str


class TierLine(msgspec.Struct, frozen=True):
    """The tier and its action again, as one line: the last thing a long result prints, so the
    answer is on the screen a person is left looking at."""

    tier: str
    label: str
    action: str


class Callout(msgspec.Struct, frozen=True):
    label: str
    text: str
    kind: str = "note"  # note | safety | disclaimer


class Lines(msgspec.Struct, frozen=True):
    """Lines a program may parse (`FILE:LINE: GLCnnn message`): printed as they are."""

    items: tuple[str, ...]


Block = Title | Heading | Para | Bullets | Rows | TierBanner | TierLine | Callout | Lines


def paragraphs(body: str) -> list[Block]:
    """Blank lines separate paragraphs; lines starting with '- ' are list items."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        items: list[str] = []
        prose: list[str] = []
        for line in lines:
            if line.startswith("- "):
                if prose:
                    blocks.append(Para(" ".join(prose)))
                    prose = []
                items.append(line[2:].strip())
            elif items and not prose:
                items[-1] += " " + line  # a list item wrapped onto the next line
            else:
                if items:
                    blocks.append(Bullets(tuple(items)))
                    items = []
                prose.append(line)
        if prose:
            blocks.append(Para(" ".join(prose)))
        if items:
            blocks.append(Bullets(tuple(items)))
    return blocks


def _sources(sources: list[SourceRef], reviewed: str | None, lang: str) -> list[Block]:
    items = []
    for ref in sources:
        year = f", {ref.year}" if ref.year else ""
        link = f" {ref.url}" if ref.url else ""
        items.append(f"{ref.title}. {ref.publisher}{year}.{link} [{ref.id}]")
    blocks: list[Block] = [Heading(s("h_sources", lang)), Bullets(tuple(items))]
    if reviewed:
        blocks.append(Para(labelled(s("h_reviewed", lang), str(reviewed))))
    return blocks


def _faq_entry(item: FaqItem, lang: str) -> list[Block]:
    blocks: list[Block] = [
        Title(item.question, item.id),
        Callout(s("h_short_answer", lang), item.short_answer),
        *paragraphs(item.answer),
    ]
    if item.related:
        blocks += [
            Heading(s("h_related", lang)),
            Rows(tuple((r.id, r.question) for r in item.related)),
        ]
    return blocks + _sources(item.sources, item.reviewed, lang)


def _cause_entry(item: CauseItem, lang: str) -> list[Block]:
    subtitle = f"{item.id} · {item.category_name}"
    if item.addition:
        subtitle += f" {s('h_addition', lang)}"
    blocks: list[Block] = [Title(item.name, subtitle)]
    if item.matched_medicine is not None:
        med = item.matched_medicine
        blocks.append(
            Callout(
                s("h_matched_medicine", lang),
                f"{med.name} ({med.drug_class}): {med.strength_label}.",
            )
        )
    blocks += [Para(item.summary), Heading(s("h_mechanism", lang)), *paragraphs(item.mechanism)]
    for key, values in (
        ("h_notice", item.notice),
        ("h_doctor_checks", item.doctor_checks),
        ("h_what_helps", item.what_helps),
    ):
        if values:
            blocks += [Heading(s(key, lang)), Bullets(tuple(values))]
    blocks += [
        Heading(s("h_how_common", lang)),
        Para(item.how_common),
        Heading(s("h_when_to_worry", lang)),
        Para(item.when_to_worry),
    ]
    if item.medicines:
        blocks += [Heading(s("h_medicines", lang)), Para(", ".join(item.medicines))]
    if (
        item.id in ("medication", "drug-use", "estrogen-exposure", "herbal")
        or item.matched_medicine
    ):
        blocks.append(Callout(s("h_safety", lang), s("safety_rule", lang), "safety"))
    return blocks + _sources(item.sources, item.reviewed, lang)


# The lead line of a list in an answer that gives advice (what to do, when to see a doctor),
# as opposed to one that lists causes or facts.
_ADVICE_LEADS = {
    "en": ("what to do", "what helps", "can help", "can try", "you can help", "see a doctor",
           "book", "call {emergency_number}", "emergency department", "bring a list", "steps",
           "if you want more milk"),
    "zh": ("该怎么做", "有帮助", "可以这样", "可以试试", "看医生", "门诊", "急救", "急诊", "清单",
           "做法", "想要更多的奶", "预约"),
}  # fmt: skip


def key_advice(answer: str, lang: str) -> list[Block]:
    """The answer's last list of advice, under its own lead line ("What to do", "See a doctor
    within a few days if"); nothing when the answer has no such list."""
    found: list[Block] = []
    blocks = paragraphs(answer)
    for before, block in zip([None, *blocks], blocks, strict=False):
        if not isinstance(block, Bullets) or not isinstance(before, Para):
            continue
        lead = before.text.casefold()
        if lead.endswith((":", "：")) and any(word in lead for word in _ADVICE_LEADS[lang]):
            found = [Heading(before.text.rstrip(":：")), block]
    return found


def _faq_brief(item: FaqItem, lang: str) -> list[Block]:
    return [
        Title(item.question, item.id),
        Callout(s("h_short_answer", lang), item.short_answer),
        *key_advice(item.answer, lang),
        Para(s("faq_brief_more", lang, id=item.id)),
    ]


# At most this many other questions under an answer shown first.
OTHER_QUESTIONS = 4


def _elsewhere(result: FaqResult | CausesResult) -> list[Block]:
    if result.elsewhere is None:
        return []
    from galacli.core.everywhere import elsewhere_line

    return [Para(elsewhere_line(result.elsewhere, result.lang))]


def faq_blocks(result: FaqResult, brief: bool = False) -> list[Block]:
    entry = _faq_brief if brief else _faq_entry
    if result.mode == "id":
        return entry(result.results[0], result.lang)
    if result.answer is not None:
        others = [item for item in result.results if item.id != result.answer.id]
        blocks = entry(result.answer, result.lang)
        if others:
            blocks += [
                Heading(s("h_other_questions", result.lang)),
                Rows(tuple((item.id, item.question) for item in others[:OTHER_QUESTIONS])),
            ]
        return blocks + _elsewhere(result)
    rows = Rows(tuple((item.id, item.question) for item in result.results))
    return [rows, *_elsewhere(result)]


def search_blocks(result: SearchResult) -> list[Block]:
    lang = result.lang
    rows = tuple(
        (hit.command, labelled(s(f"kind_title_{hit.kind}", lang), hit.title))
        for hit in result.results
    )
    return [Rows(rows)]


def causes_blocks(result: CausesResult) -> list[Block]:
    lang = result.lang
    if result.mode == "id":
        return _cause_entry(result.results[0], lang)
    if result.mode == "search":
        rows = []
        for item in result.results:
            words = item.name
            if item.matched_medicine is not None:
                words += f" ({s('h_matched_medicine', lang).lower()}: {item.matched_medicine.name})"
            rows.append((item.id, words))
        return [Rows(tuple(rows)), *_elsewhere(result)]
    groups: dict[str, list[tuple[str, str]]] = {}
    names: dict[str, str] = {}
    for item in result.results:
        groups.setdefault(item.category, []).append((item.id, item.name))
        names[item.category] = item.category_name
    blocks: list[Block] = []
    for category, rows in groups.items():
        blocks += [Heading(names[category]), Rows(tuple(rows))]
    return blocks


def _medicine_blocks(
    match: MedicineInfo, message: str, lang: str
) -> tuple[list[Block], list[Block]]:
    """(what the medicine does, its sources)."""
    facts = [
        labelled(s("h_class", lang), str(match.drug_class)),
        labelled(s("h_effect", lang), str(match.strength_label)),
        labelled(s("h_causes", lang), f"{match.cause_name} [{match.cause}]"),
    ]
    if match.brand_names:
        facts.insert(1, labelled(s("h_brands", lang), str(", ".join(match.brand_names))))
    blocks: list[Block] = [Title(match.name, match.id), Para(message), Bullets(tuple(facts))]
    if match.note:
        blocks += [Heading(s("h_note", lang)), Para(match.note)]
    return blocks, _sources(match.sources, match.reviewed, lang)


def _class_blocks(group: ClassInfo, message: str, lang: str) -> tuple[list[Block], list[Block]]:
    """(the group and each member's strength, its sources)."""
    rows = tuple(labelled(m.name, m.strength_label) for m in group.medicines)
    blocks: list[Block] = [Title(group.name, group.id), Para(message)]
    if group.note:
        blocks.append(Para(group.note))
    blocks += [Heading(s("h_medicines", lang)), Bullets(rows)]
    return blocks, _sources(group.sources, group.reviewed, lang)


def _not_known(result: CheckResult, name: str) -> str:
    """A name the check does not know, with the name it is close to (offered, never used)."""
    offered = {m.name: m.suggestion for m in result.medicines_suggested}
    if name not in offered:
        return name
    return f"{name} ({s('h_did_you_mean', result.lang)}: {offered[name]}?)"


def drug_blocks(result: DrugResult) -> list[Block]:
    """Each name in the order given (a medicine, a group, not found). The safety rule comes
    once: before the sources when one name was looked up, after everything for several."""
    lang = result.lang
    parts: list[tuple[list[Block], list[Block]]] = []
    for answer in result.results:
        if answer.match is not None:
            parts.append(_medicine_blocks(answer.match, answer.message, lang))
        elif answer.medicine_class is not None:
            parts.append(_class_blocks(answer.medicine_class, answer.message, lang))
        else:
            parts.append(([Para(answer.message)], []))
    safety = Callout(s("h_safety", lang), result.safety_rule, "safety")
    if len(parts) == 1:
        body, sources = parts[0]
        return [*body, safety, *sources]
    blocks = [block for body, sources in parts for block in (*body, *sources)]
    return [*blocks, safety]


def _why(result: CheckResult, brief: bool) -> list[Block]:
    """The warning signs that set the tier, each once with its reason; or, when none fired, the
    sentence that says why the tier is what it is."""
    lang = result.lang
    calm = tuple(f.text if brief else joined(lang, f.text, f.reason) for f in result.reassuring)
    if result.red_flags:
        blocks: list[Block] = [
            Heading(s("h_red_flags", lang)),
            Bullets(
                tuple(
                    joined(lang, s("tier_tag", lang, label=f.tier_label), f.text)
                    if brief
                    else joined(lang, s("tier_tag", lang, label=f.tier_label), f.text, f.reason)
                    for f in result.red_flags
                )
            ),
        ]
        if calm and not brief:
            blocks += [Heading(s("h_reassuring", lang)), Bullets(calm)]
        return blocks
    if not calm:
        return [Heading(s("h_why", lang)), Para(result.urgency_reason)]
    # The reason sentence names the reassuring signs; the list says them once, with why.
    lead = "calm_lead" if result.urgency == "self-care" else "calm_blocked_lead"
    return [Heading(s("h_reassuring", lang)), Para(s(lead, lang)), Bullets(calm)]


def _could_change(result: CheckResult) -> list[Block]:
    """The brief view's safety net: the questions answered "don't know" or not asked that could
    make the tier more urgent, grouped by the tier they could lead to, most urgent first."""
    open_questions = sorted(
        result.unknown_details + result.not_asked_details,
        key=lambda d: TIERS.index(d.could_raise_to),
    )
    if not open_questions:
        return []
    lang = result.lang
    groups: dict[str, list[str]] = {}
    for d in open_questions:
        groups.setdefault(d.could_raise_to_label, []).append(f"{d.label} [{d.id}]")
    separator = "；" if lang == "zh" else "; "
    items = tuple(
        s("could_make", lang, tier=tier, questions=separator.join(names))
        for tier, names in groups.items()
    )
    return [Heading(s("h_could_change", lang)), Bullets(items)]


def _action(result: CheckResult) -> str:
    """What to do, and how soon: a sign's own, shorter time (infection: within 1 to 2 days)
    replaces the tier's general one."""
    return result.act_within or result.urgency_action


def _tier_line(result: CheckResult) -> TierLine:
    return TierLine(result.urgency, result.urgency_label, _action(result))


def _safety_net(result: CheckResult) -> list[Block]:
    """The full view's safety net: each sign a question not asked (or a "don't know") leaves
    open, with what to do then; a note first when the check was not complete."""
    if not result.safety_net:
        return []
    lang = result.lang
    blocks: list[Block] = [Heading(s("h_safety_net", lang))]
    if not result.complete:
        blocks.append(Para(s("incomplete_note", lang)))
    if result.unknown_details:
        separator = "、" if lang == "zh" else ", "
        names = separator.join(d.label for d in result.unknown_details)
        blocks.append(Para(s("dont_know_list", lang, questions=names)))
    return [*blocks, Bullets(tuple(result.safety_net))]


BRIEF_STEPS = 6  # the tier's own steps come first, and no tier has more than five


def _brief_steps(result: CheckResult) -> tuple[str, ...]:
    """The first steps (the tier's own, then the best-fitting cause's), and the medicine safety
    rule whenever the full result has it: a one-screen view never drops that rule."""
    steps = list(result.next_steps[:BRIEF_STEPS])
    rule = s("safety_rule", result.lang)
    if rule in result.next_steps and rule not in steps:
        steps.append(rule)
    return tuple(steps)


def check_brief_blocks(result: CheckResult) -> list[Block]:
    """One screen: the tier, why, what to do and what could change it; the tier again last."""
    lang = result.lang
    return [
        TierBanner(result.urgency, result.urgency_label, _action(result)),
        *_why(result, brief=True),
        Heading(s("h_what_to_do", lang)),
        Bullets(_brief_steps(result)),
        *_could_change(result),
        Callout(
            s("h_disclaimer", lang),
            joined(lang, result.disclaimer, s("brief_more", lang)),
            "disclaimer",
        ),
        _tier_line(result),
    ]


def check_blocks(result: CheckResult, brief: bool = False) -> list[Block]:
    if brief:
        return check_brief_blocks(result)
    lang = result.lang
    blocks: list[Block] = [
        TierBanner(result.urgency, result.urgency_label, _action(result)),
        *_why(result, brief=False),
        Heading(s("h_possible_causes", lang)),
    ]
    if result.possible_causes:
        items = []
        for fit in result.possible_causes:
            line = labelled(f"{fit.name} [{fit.id}]", fit.fit)
            if fit.because:
                because = labelled(s("h_because", lang).capitalize(), joined(lang, *fit.because))
                line = joined(lang, line + ("。" if lang == "zh" else "."), because)
            if fit.against:
                against = labelled(s("h_against", lang).capitalize(), joined(lang, *fit.against))
                line = joined(lang, line, against)
            items.append(line)
        blocks += [Bullets(tuple(items)), Para(s("scores_note", lang))]
    else:
        blocks.append(Para(s("no_causes", lang)))
    if result.medicines_matched:
        blocks += [
            Heading(s("h_medicines_matched", lang)),
            Bullets(tuple(labelled(m.name, m.strength_label) for m in result.medicines_matched)),
        ]
    if result.medicines_not_known:
        blocks += [
            Heading(s("h_medicines_unknown", lang)),
            Bullets(tuple(_not_known(result, name) for name in result.medicines_not_known)),
        ]
    blocks += [Heading(s("h_next_steps", lang)), Bullets(tuple(result.next_steps))]
    if result.doctor_checks:
        blocks += [Heading(s("h_doctor_checks", lang)), Bullets(tuple(result.doctor_checks))]
    blocks += _safety_net(result)
    summary = tuple(labelled(a.label, a.value) for a in result.answer_summary)
    blocks += [
        Heading(s("h_answers", lang)),
        Bullets(summary or (s("none_answered", lang),)),
        Heading(s("h_rerun", lang)),
        Para(result.command_line),
        Callout(s("h_disclaimer", lang), result.disclaimer, "disclaimer"),
        _tier_line(result),
    ]
    return blocks


def questions_blocks(result: QuestionsResult) -> list[Block]:
    lang = result.lang
    blocks: list[Block] = [Title(s("h_questions", lang))]
    for q in result.questions:
        values = ", ".join(f"{c.id} ({c.label})" for c in q.values) or q.kind
        blocks += [
            Heading(f"{q.id}: {q.label}"),
            Para(q.prompt),
            Bullets((labelled(s("h_values", lang), str(values)), q.help)),
        ]
    return blocks


def worry_blocks(result: WorryResult) -> list[Block]:
    lang = result.lang
    blocks: list[Block] = [Title(s("h_when_to_worry_title", lang))]
    for tier in result.tiers:
        blocks.append(TierBanner(tier.urgency, tier.label, tier.action))
        items = []
        for sign in tier.signs:
            line = sign.text
            if sign.act_within:
                line = joined(lang, line, labelled(s("h_act_within", lang), sign.act_within))
            line = joined(lang, line, labelled(s("h_reason", lang), sign.reason))
            if sign.disagreement:
                line = joined(lang, line, labelled(s("h_disagreement", lang), sign.disagreement))
            items.append(line)
        blocks.append(Bullets(tuple(items)))
    return blocks


def sources_blocks(result: SourcesResult) -> list[Block]:
    lang = result.lang
    if result.mode == "list":
        return [
            Rows(
                tuple(
                    (item.id, f"{item.title} [{s(f'kind_{item.kind}', lang)}] {item.url}".rstrip())
                    for item in result.results
                )
            )
        ]
    item = result.results[0]
    facts = [
        labelled(s("h_kind", lang), s(f"kind_{item.kind}", lang)),
        labelled(s("h_publisher", lang), str(item.publisher)),
    ]
    if item.year:
        facts.append(labelled(s("h_year", lang), str(item.year)))
    if item.url:
        facts.append(labelled(s("h_link", lang), item.url))
    for label, value in (("DOI", item.doi), ("PMID", item.pmid), ("PMCID", item.pmcid)):
        if value:
            facts.append(labelled(label, value))
    if item.page and item.page != item.url:
        facts.append(labelled(s("h_page", lang), item.page))
    blocks: list[Block] = [Title(item.title, item.id), Bullets(tuple(facts))]
    if item.note:
        blocks.append(Para(item.note))
    if item.cited_by:
        blocks += [Heading(s("h_cited_by", lang)), Bullets(tuple(item.cited_by))]
    return blocks


def validate_blocks(result: ValidateResult) -> list[Block]:
    lines = []
    for p in result.problems:
        where = f"{p.file}:{p.line}" if p.line else p.file
        field = f" ({p.field})" if p.field else ""
        lines.append(f"{where}: {p.code} {p.message}{field}")
    return [Lines(tuple(lines))] if lines else []


def blocks_for(result: AnyResult, brief: bool = False) -> list[Block]:
    """The blocks a person reads; `brief` gives the one-screen view of a check or a question."""
    if isinstance(result, FaqResult):
        return faq_blocks(result, brief)
    if isinstance(result, SearchResult):
        return search_blocks(result)
    if isinstance(result, CausesResult):
        return causes_blocks(result)
    if isinstance(result, DrugResult):
        return drug_blocks(result)
    if isinstance(result, CheckResult):
        return check_blocks(result, brief)
    if isinstance(result, QuestionsResult):
        return questions_blocks(result)
    if isinstance(result, SourcesResult):
        return sources_blocks(result)
    if isinstance(result, ValidateResult):
        return validate_blocks(result)
    return worry_blocks(result)
