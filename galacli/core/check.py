"""The symptom check: answers in, a tier with its reasons out.

The medical content is all in data: warning signs (with `when` rules) set the tier, cause clues
rank the causes. This module only evaluates the rules, generically:

- the tier is the most urgent among the signs whose rule is true;
- with no sign true, the tier is "routine" (never self-care by default);
- "self-care" needs a self-care sign to be true *and* no more urgent sign left undecided by an
  unanswered question, so an unknown never counts as a reassuring "no";
- unanswered questions that could make a more urgent sign true are listed, most urgent first.
"""

from __future__ import annotations

import itertools
import math
import re
import shlex
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import msgspec

from galacli import strings
from galacli.core import tailor
from galacli.core.common import unique
from galacli.core.medicines import (
    RAISES,
    find_for_check,
    medicine_info,
    split_names,
    suggest,
)
from galacli.core.records import (
    AnswerLine,
    CauseFit,
    CheckResult,
    ChoiceInfo,
    Flag,
    MedicineSuggestion,
    QuestionInfo,
    QuestionsResult,
    UnknownDetail,
)
from galacli.knowledge.loader import Knowledge
from galacli.knowledge.model import TIER_ORDER, Cause, Clue, Medicine, Question, Rule, Sign, Text
from galacli.knowledge.rules import Answers, atoms

DEFAULT_TIER = "routine"
SELF_CARE = "self-care"
FIT_WELL = 5  # cause scores at or above this "fit well"
FIT_PARTLY = 3  # ... at or above this "fit partly"; below, "fit a little"
SHOW_CAUSES = 5
CAUSE_STEPS_FROM = 3  # causes that fit at least partly add their own next steps
UNKNOWN_WORDS = frozenset(
    {"", "unknown", "dont-know", "don't know", "dont know", "d", "?", "skip", "不知道", "跳过"}
)
# "Don't know" is an answer: it keeps every rule that depends on it undecided (the cautious
# reading). A question left out of a scripted check is "not asked": the result is the tier of
# what was told, and the question is named in the safety net if it could change that.
DONT_KNOW = "unknown"
# Accepted for a yes/no question in either language, in the interview and in -a/--answers alike.
YES_WORDS = frozenset({"yes", "y", "true", "是", "是的", "对"})
NO_WORDS = frozenset({"no", "n", "false", "否", "不是", "不"})
YES_NO_ALIASES = {**dict.fromkeys(YES_WORDS, "yes"), **dict.fromkeys(NO_WORDS, "no")}
MAX_ANSWER_CHARS = 2000  # a list of about 150 medicine names


class AnswerError(ValueError):
    """An answer that does not fit the questionnaire; the message is for a person."""


def _rank(tier: str) -> int:
    return [str(t) for t in TIER_ORDER].index(tier)


def as_text(value: object) -> str:
    """str(value), except that an integer too long for str() (more than 4,300 digits, which a
    YAML hex literal can make) becomes its first hex digits and an ellipsis: never an answer,
    but a message can still quote it."""
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return str(value)
        except ValueError:
            return f"{hex(value)[:12]}…"
    return str(value)


def _is_scalar(value: object) -> bool:
    return not isinstance(value, list | tuple | dict | set)


def normalise_answer(kb: Knowledge, key: str, value: Any, lang: str) -> str | None:
    """The canonical answer, DONT_KNOW for "don't know", None for no answer at all (an empty
    list of medicines), or AnswerError."""
    question = kb.question_by_id.get(key.strip().casefold())
    if question is None:
        raise AnswerError(strings.text("unknown_question", lang, key=key))
    if question.derived:
        raise AnswerError(strings.text("derived_question", lang, key=key))
    # An answer is a word, or a flat list of names. Nested lists and mappings are refused
    # rather than printed: YAML aliases can nest a few lines into billions of items.
    if not _is_scalar(value) and not (
        isinstance(value, list | tuple) and all(_is_scalar(item) for item in value)
    ):
        raise AnswerError(strings.text("answer_not_text", lang, key=question.id))
    if isinstance(value, list | tuple) and question.kind == "choice":
        raise AnswerError(strings.text("answer_not_one", lang, key=question.id))
    if isinstance(value, bool):
        value = "yes" if value else "no"
    elif isinstance(value, list | tuple):
        value = ", ".join(as_text(item) for item in value)
    elif value is None:
        return DONT_KNOW
    text = as_text(value).strip()
    if len(text) > MAX_ANSWER_CHARS:  # keeps the medicine look-up fast (a fuzzy match a name)
        raise AnswerError(
            strings.text("answer_too_long", lang, key=question.id, chars=MAX_ANSWER_CHARS)
        )
    word = text.casefold()
    if word in UNKNOWN_WORDS - {""}:
        return DONT_KNOW
    if question.kind == "list":
        return text or None
    if not word:
        return DONT_KNOW
    allowed = [choice.id for choice in question.values]
    word = YES_NO_ALIASES.get(word, word) if "yes" in allowed else word
    if word not in allowed:
        raise AnswerError(
            strings.text("bad_value", lang, value=text, key=question.id, values=", ".join(allowed))
        )
    return word


class Evidence(msgspec.Struct, frozen=True):
    """The answers as sets of values, plus what the medicine names turned into.

    `sets` is what was told: a question not asked matches no value (NOT_ASKED), a "don't know"
    is absent (undecided). `cautious` reads every question not asked as "don't know" too: the
    signs it leaves undecided are the ones the safety net names.
    """

    sets: Answers
    cautious: Answers
    medicine_names: Mapping[str, tuple[Medicine, ...]]  # cause id -> medicines recognised
    matched: tuple[Any, ...]
    not_known: tuple[str, ...]


def gather(kb: Knowledge, answers: Mapping[str, str]) -> Evidence:
    sets: dict[str, frozenset[str]] = {}
    for key, value in answers.items():
        if value != DONT_KNOW and kb.question_by_id[key].kind == "choice":
            sets[key] = frozenset([value])
    names: dict[str, list[Medicine]] = {}
    matched, not_known = [], []
    if answers.get("medications", DONT_KNOW) != DONT_KNOW:
        given = split_names(answers["medications"])
        sets["medications"] = frozenset(given)
        heart = False
        for name in given:
            match = find_for_check(kb, name)
            if match is None:
                not_known.append(name)
                continue
            matched.append(match)
            heart = heart or match.medicine.heart_rhythm_risk
            if match.medicine.strength in RAISES:
                names.setdefault(match.medicine.cause, []).append(match.medicine)
        allowed = {choice.id for choice in kb.question_by_id["medicine_cause"].values}
        sets["medicine_cause"] = frozenset(cause for cause in names if cause in allowed)
        sets["heart_rhythm_medicine"] = frozenset(["yes" if heart else "no"])
    cautious = dict(sets)
    _mark_not_asked(kb, cautious, answers, every=False)
    _mark_not_asked(kb, sets, answers, every=True)
    return Evidence(
        sets=sets,
        cautious=cautious,
        medicine_names={cause: tuple(dict.fromkeys(v)) for cause, v in names.items()},
        matched=tuple(matched),
        not_known=tuple(not_known),
    )


NOT_ASKED = "not-asked"
DERIVED_FROM = {"medicine_cause": "medications", "heart_rhythm_medicine": "medications"}


def _mark_not_asked(
    kb: Knowledge, sets: dict[str, frozenset[str]], given: Mapping[str, str], *, every: bool
) -> None:
    """Questions not asked match no value. Those the skip rules rule out (the period question
    for a man) are never asked; with `every`, neither is any question the person was not asked.
    A person's explicit answer, "don't know" included, always stays."""
    for question in kb.questions:
        if question.id in sets or question.id in given:
            continue
        if question.derived:
            source = DERIVED_FROM.get(question.id)
            if source is not None and sets.get(source) == frozenset({NOT_ASKED}):
                sets[question.id] = frozenset({NOT_ASKED})
            continue
        if every or (question.ask_if is not None and question.ask_if.evaluate(sets) is False):
            sets[question.id] = frozenset({NOT_ASKED})


def _questions_in(rule_condition: Any) -> list[str]:
    return unique(atom.question for atom in atoms(rule_condition))


class Triage(msgspec.Struct, frozen=True):
    tier: str
    alarms: list[Sign]  # warning signs that fired
    calm: list[Sign]  # self-care signs that fired
    undecided: list[Sign]  # more urgent signs left open by a "don't know"
    safety_net: list[Sign]  # more urgent signs left open by questions not asked


def decide_tier(
    kb: Knowledge,
    sets: Answers,
    cautious: Answers | None = None,
    answers: Mapping[str, str] | None = None,
) -> Triage:
    """The tier of what was told (`sets`), and what could still change it.

    - the tier is the most urgent among the signs whose rule is true;
    - with no sign true, the tier is routine, never self-care by default;
    - self-care needs a self-care sign to be true and no more urgent sign left undecided by a
      "don't know": an unknown never counts as a reassuring "no";
    - signs more urgent than the tier that questions not asked leave open (`cautious`, where
      they read as "don't know") make the safety net.
    """
    tier: str
    fired = [sign for sign in kb.signs if sign.when.evaluate(sets) is True]
    alarms = [sign for sign in fired if sign.tier != SELF_CARE]
    calm = [sign for sign in fired if sign.tier == SELF_CARE]
    if alarms:
        tier = min((sign.tier for sign in alarms), key=_rank)
    elif calm:
        tier = SELF_CARE
    else:
        tier = DEFAULT_TIER

    open_view = sets if cautious is None else cautious

    def more_urgent_open(view: Answers) -> list[Sign]:
        """Signs more urgent than the tier that `view` leaves undecided and that some answers
        could still make true without contradicting what was told (`could_fire`)."""
        return [
            sign
            for sign in kb.signs
            if _rank(sign.tier) < _rank(tier)
            and sign.when.evaluate(view) is None
            and (answers is None or could_fire(kb, sign, open_view, answers))
        ]

    undecided = more_urgent_open(sets)
    net = [] if cautious is None else more_urgent_open(cautious)
    if tier == SELF_CARE and undecided:
        # A "don't know" might hide a warning sign: routine, and the signs that blocked
        # self-care (routine ones too) stay listed, so the result names what is unanswered.
        tier = DEFAULT_TIER
    return Triage(tier, alarms, calm, undecided, net)


def _fill(text: str, cause_names: Iterable[str], lang: str) -> str:
    if "{medicines}" not in text:
        return text
    names = list(cause_names)
    if lang == "zh" and not any(name.isascii() for name in names):
        # Chinese names need no spaces around them (你提到了利培酮); Latin names keep them.
        text = re.sub(r"\s*\{medicines\}\s*", "{medicines}", text)
    return text.replace("{medicines}", ("、" if lang == "zh" else ", ").join(names))


def _medicines_in(rule: Rule, evidence: Evidence) -> list[Medicine]:
    """The named medicines behind the `medicine_cause` tests of a rule."""
    return list(
        dict.fromkeys(
            medicine
            for atom in atoms(rule.condition)
            if atom.question == "medicine_cause"
            for value in sorted(atom.values)
            for medicine in evidence.medicine_names.get(value, ())
        )
    )


def _clue_medicines(cause: Cause, clue: Clue, evidence: Evidence) -> tuple[list[Medicine], bool]:
    """(the named medicines that make a clue true and do not count against the cause, whether
    the clue tests medicines at all)."""
    named = _medicines_in(clue.when, evidence)
    return [m for m in named if cause.id not in m.counts_against], bool(named)


def score_cause(cause: Cause, evidence: Evidence, lang: str) -> tuple[int, list[str], list[str]]:
    """(score, because-lines, against-lines). A medicine clue counts by the strength of the
    medicines that made it true; a named medicine that can lower prolactin counts against, and
    never for, the cause it is listed against (aripiprazole and "medication")."""
    score, because, against = 0, [], []
    for clue in cause.supports:
        if clue.when.evaluate(evidence.cautious) is True:  # what is known, not what was left out
            medicines, tests_medicines = _clue_medicines(cause, clue, evidence)
            if tests_medicines and not medicines:
                continue  # only medicines that lower prolactin made it true
            score += tailor.medicine_weight(clue.weight, medicines)
            names = unique(tailor.medicine_name(m, lang) for m in medicines)
            because.append(_fill(clue.text.get(lang), names, lang))
    for clue in cause.against:
        if clue.when.evaluate(evidence.cautious) is True:  # what is known, not what was left out
            score -= clue.weight
            medicines, _ = _clue_medicines(cause, clue, evidence)
            names = unique(m.generic.get(lang) for m in medicines)
            against.append(_fill(clue.text.get(lang), names, lang))
    lowering = tailor.lowering(cause, (match.medicine for match in evidence.matched))
    if lowering:
        score -= 1
        names = unique(m.generic.get(lang) for m in lowering)
        against.append(_fill(strings.text("medicine_lowers", lang), names, lang))
    return score, because, against


def _fit(score: int, lang: str) -> str:
    key = "fit_well" if score >= FIT_WELL else "fit_partly" if score >= FIT_PARTLY else "fit_little"
    return strings.text(key, lang)


def _sign_words(sign: Sign, evidence: Evidence, lang: str) -> tuple[str, str]:
    text, reason, rule = tailor.sign_words(sign, evidence.cautious)
    names = unique(m.generic.get(lang) for m in _medicines_in(rule, evidence))
    return _fill(text.get(lang), names, lang), _fill(reason.get(lang), names, lang)


def _joined(signs: list[Sign], evidence: Evidence, lang: str) -> str:
    separator = "；" if lang == "zh" else "; "
    return separator.join(_sign_words(sign, evidence, lang)[0].rstrip(".。") for sign in signs)


def _flag(kb: Knowledge, sign: Sign, evidence: Evidence, lang: str) -> Flag:
    text, reason = _sign_words(sign, evidence, lang)
    return Flag(
        id=sign.id,
        text=text,
        tier=sign.tier,
        tier_label=kb.tier_by_id[sign.tier].label.get(lang),
        reason=reason,
    )


def _value_label(question: Question, value: str, lang: str) -> str:
    if value == DONT_KNOW:
        return strings.text("dont_know", lang)
    for choice in question.values:
        if choice.id == value:
            return choice.label.get(lang)
    return value


# Punctuation, spaces and letter case do not make two sentences different.
_NOT_WORDS = re.compile(r"[\W_]+")


def normalised(item: str) -> str:
    """A sentence reduced to its words for comparison: case, spaces and punctuation (full-width
    too) dropped, so "An MRI scan." and "an MRI scan" compare equal."""
    return _NOT_WORDS.sub("", item.casefold())


def distinct(items: Iterable[str]) -> list[str]:
    """Each fact once, in first-seen order. Items equal after normalising are one; an item whose
    words begin with another's whole sentence ("An MRI scan of the pituitary gland" and "An MRI
    scan of the pituitary gland if ...") says it again with more detail, so the longer one takes
    the shorter one's place."""
    kept: list[str] = []
    keys: list[str] = []
    for item in items:
        key = normalised(item)
        if not key:
            continue
        for position, seen in enumerate(keys):
            if key.startswith(seen):
                kept[position], keys[position] = item, key  # same fact with more detail
                break
            if seen.startswith(key):
                break  # already said, with more detail
        else:
            kept.append(item)
            keys.append(key)
    return kept


def command_line(answers: Mapping[str, str], lang: str) -> str:
    parts = ["galacli", "check"]
    if lang != "en":
        parts += ["--lang", lang]
    for key, value in answers.items():
        parts += ["-a", shlex.quote(f"{key}={value}")]
    return " ".join(parts)


def run_check(kb: Knowledge, answers: Mapping[str, str], lang: str) -> CheckResult:
    """Answers (normalised; DONT_KNOW for "don't know"; questions not asked left out) -> the
    full, deterministic result."""
    ordered = {q.id: answers[q.id] for q in kb.questions if q.id in answers}
    evidence = gather(kb, ordered)
    triage = decide_tier(kb, evidence.sets, evidence.cautious, ordered)
    tier_id, alarms, calm = triage.tier, triage.alarms, triage.calm
    tier = kb.tier_by_id[tier_id]

    alarms.sort(key=lambda sign: _rank(sign.tier))
    if alarms:
        reason = strings.text("reason_signs", lang, signs=_joined(alarms, evidence, lang))
    elif calm:
        key = "reason_self_care" if tier_id == SELF_CARE else "reason_self_care_blocked"
        reason = strings.text(key, lang, signs=_joined(calm, evidence, lang))
    else:
        reason = strings.text("reason_default", lang)

    possible, top, steps = _causes(kb, evidence, tier_id, lang)
    steps = tailor.shown(tier.next_steps, evidence.cautious, lang) + steps
    if evidence.medicine_names:
        steps.append(strings.text("safety_rule", lang))  # the one canonical wording
    checks = distinct(
        item for cause in top for item in tailor.shown(cause.doctor_checks, evidence.cautious, lang)
    )

    words = {q.id: tailor.question_words(q, evidence.cautious) for q in kb.questions}
    unknown_ids, details = _open_questions(kb, triage.undecided, evidence, lang, ordered.get, words)
    unasked_ids, unasked = _open_questions(
        kb,
        triage.safety_net,
        evidence,
        lang,
        lambda qid: None if qid in ordered else NOT_ASKED,
        words,
    )
    net = _safety_net(kb, triage, evidence, tier_id, lang)
    summary = [
        AnswerLine(
            id=qid,
            label=words[qid][0].get(lang),
            value=_value_label(kb.question_by_id[qid], value, lang),
        )
        for qid, value in ordered.items()
    ]
    return CheckResult(
        lang=lang,
        answers=dict(ordered),
        urgency=tier_id,
        urgency_label=tier.label.get(lang),
        urgency_action=tier.action.get(lang),
        urgency_reason=reason,
        red_flags=[_flag(kb, sign, evidence, lang) for sign in alarms],
        reassuring=[_flag(kb, sign, evidence, lang) for sign in calm],
        possible_causes=possible,
        next_steps=distinct(steps),
        doctor_checks=checks,
        unknown_that_matter=unknown_ids,
        unknown_details=details,
        complete=not unasked_ids,
        not_asked_that_matter=unasked_ids,
        not_asked_details=unasked,
        safety_net=net,
        act_within=_act_within(alarms, tier_id, lang),
        medicines_matched=[medicine_info(kb, match, lang) for match in evidence.matched],
        medicines_not_known=list(evidence.not_known),
        medicines_suggested=[
            MedicineSuggestion(name=name, suggestion=offered)
            for name in evidence.not_known
            if (offered := suggest(kb, name, lang)) is not None
        ],
        answer_summary=summary,
        command_line=command_line(ordered, lang),
        disclaimer=strings.text("disclaimer", lang),
    )


def _causes(
    kb: Knowledge, evidence: Evidence, tier_id: str, lang: str
) -> tuple[list[CauseFit], list[Cause], list[str]]:
    """(the causes to show, the top three, their next steps for this person).

    Ranked by score, except that a cause whose `ranks_first` rule is true comes first. With no
    cause fitting and fluid to explain, the causes common for this person's group are shown as
    fitting partly, so the list is never empty when there is discharge."""
    sets = evidence.cautious  # a text or cause for a group only when the group is known
    fits, common = [], []
    for position, cause in enumerate(kb.causes):
        score, because, against = score_cause(cause, evidence, lang)
        if score > 0:
            fits.append((-score, position, cause, because, against))
        elif score == 0 and not against and tailor.common_for(cause, sets):
            common.append(cause)
    fits.sort(key=lambda fit: (not tailor.first(fit[2], sets), fit[0], fit[1]))
    possible = [
        CauseFit(
            id=cause.id,
            name=cause.name.get(lang),
            score=-neg,
            fit=_fit(-neg, lang),
            because=because,
            against=against,
        )
        for neg, _, cause, because, against in fits[:SHOW_CAUSES]
    ]
    top = [fit[2] for fit in fits[:3]]
    if not possible and tailor.has_discharge(sets):
        possible = [
            CauseFit(
                id=cause.id,
                name=cause.name.get(lang),
                score=0,
                fit=strings.text("fit_partly", lang),
                because=[strings.text("common_for_you", lang)],
                against=[],
            )
            for cause in common[:SHOW_CAUSES]
        ]
        top = common[:3]
    steps: list[str] = []
    if tier_id != "emergency":  # in an emergency, "book a visit for a blood test" is noise
        for neg, _, cause, _, _ in fits[:3]:
            if -neg >= CAUSE_STEPS_FROM:
                steps += tailor.shown(cause.next_steps, sets, lang)
    return possible, top, steps


MOST_TRIALS = 4096  # a sign whose open questions allow more combinations counts as possible


def could_fire(kb: Knowledge, sign: Sign, sets: Answers, answers: Mapping[str, str]) -> bool:
    """Could some answers to the questions still open in `sets` make this sign true, without
    contradicting what was told? Each question answered was asked, so its skip rule held: a
    breastfeeding mother is not a man, and not a baby. Cautious when in doubt."""
    open_ids = unique(a.question for a in atoms(sign.when.condition) if a.question not in sets)
    domains = [[c.id for c in kb.question_by_id[qid].values] for qid in open_ids]
    if any(not values for values in domains) or math.prod(map(len, domains)) > MOST_TRIALS:
        return True
    constraints = [  # a "don't know" proves nothing: a script may answer every question so
        q.ask_if
        for q in kb.questions
        if answers.get(q.id, DONT_KNOW) != DONT_KNOW and q.ask_if is not None
    ]
    for values in itertools.product(*domains):
        trial = {**sets, **{qid: frozenset([v]) for qid, v in zip(open_ids, values, strict=True)}}
        if sign.when.evaluate(trial) is True and all(
            rule.evaluate(trial) is not False for rule in constraints
        ):
            return True
    return False


def _open_questions(
    kb: Knowledge,
    signs: list[Sign],
    evidence: Evidence,
    lang: str,
    answer_of: Callable[[str], str | None],
    words: Mapping[str, tuple[Text, Text]],
) -> tuple[list[str], list[UnknownDetail]]:
    """The questions that leave `signs` open, each with the most urgent tier it could lead to,
    most urgent first. `answer_of` picks the kind: a question counts when it returns DONT_KNOW
    (the person did not know) or NOT_ASKED (the question was left out)."""
    ids: list[str] = []
    raise_to: dict[str, str] = {}
    for sign in sorted(signs, key=lambda s: _rank(s.tier)):
        for question_id in _questions_in(sign.when.condition):
            asked = DERIVED_FROM.get(question_id, question_id)
            if asked in raise_to or kb.question_by_id[asked].derived:
                continue
            ruled_out = evidence.cautious.get(asked) == frozenset({NOT_ASKED})
            if answer_of(asked) in (DONT_KNOW, NOT_ASKED) and not ruled_out:
                raise_to[asked] = sign.tier
                ids.append(asked)
    position_of = {q.id: i for i, q in enumerate(kb.questions)}
    ids.sort(key=lambda q: (_rank(raise_to[q]), position_of[q]))
    details = [
        UnknownDetail(
            id=qid,
            label=words[qid][0].get(lang),
            prompt=words[qid][1].get(lang),
            could_raise_to=raise_to[qid],
            could_raise_to_label=kb.tier_by_id[raise_to[qid]].label.get(lang),
        )
        for qid in ids
    ]
    return ids, details


def _safety_net(
    kb: Knowledge, triage: Triage, evidence: Evidence, tier_id: str, lang: str
) -> list[str]:
    """What would make this more urgent, most urgent first, the way a GP safety-nets: each sign
    that a question not asked (or answered "don't know") leaves open, with what to do then.
    Self-care and routine results always end with the general line."""
    lines = []
    for sign in sorted(triage.undecided + triage.safety_net, key=lambda s: _rank(s.tier)):
        action = kb.tier_by_id[sign.tier].action.get(lang)
        if sign.act_within is not None:
            action = sign.act_within.get(lang)
        text = _sign_words(sign, evidence, lang)[0]  # the wording for this person
        lines.append(strings.text("safety_net_if", lang, sign=text, action=action))
    if tier_id in (SELF_CARE, DEFAULT_TIER):
        lines.append(strings.text("safety_net_general", lang))
    return distinct(lines)


def _act_within(alarms: list[Sign], tier_id: str, lang: str) -> str | None:
    """The most specific time to act among the signs that set the tier (infection signs: within
    1 to 2 days, sooner than the urgent tier's "within a few days")."""
    for sign in alarms:
        if sign.tier == tier_id and sign.act_within is not None:
            return sign.act_within.get(lang)
    return None


def list_questions(kb: Knowledge, lang: str) -> QuestionsResult:
    items = [
        QuestionInfo(
            id=q.id,
            label=q.label.get(lang),
            prompt=q.prompt.get(lang),
            help=q.help.get(lang),
            kind=q.kind,
            values=[ChoiceInfo(id=c.id, label=c.label.get(lang)) for c in q.values],
            symptom=q.symptom,
        )
        for q in kb.questions
        if not q.derived
    ]
    return QuestionsResult(lang=lang, questions=items)


def next_question(
    kb: Knowledge, answers: Mapping[str, str], seen: Iterable[str]
) -> Question | None:
    """The next question worth asking, in file order: not ruled out by its `ask_if`, and able to
    change the tier or the possible causes given the answers so far (core/relevance.py)."""
    from galacli.core.relevance import worth_asking

    done = set(seen)
    sets = gather(kb, answers).cautious  # what is still open, not what was told so far
    wanted = worth_asking(kb, sets)
    for question in kb.questions:
        if question.derived or question.id in done or question.id not in wanted:
            continue
        if question.ask_if is not None and question.ask_if.evaluate(sets) is False:
            continue
        return question
    return None


def prompt_for(kb: Knowledge, question: Question, answers: Mapping[str, str]) -> Text:
    """The question's prompt in the wording for this person (no erections for a woman)."""
    return tailor.question_words(question, gather(kb, answers).cautious)[1]


def emergency_now(kb: Knowledge, answers: Mapping[str, str]) -> bool:
    sets = gather(kb, answers).cautious
    return any(s.tier == "emergency" and s.when.evaluate(sets) is True for s in kb.signs)
