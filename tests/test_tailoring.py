"""Results fit the person (issue 13.2): every text a check shows is meant for who it is about.

A grid of people (sex x age group x pregnant or breastfeeding) is run through every warning sign,
each sign's rule made true where that person can have it. Two independent checks read the
result: (1) no text whose `for` rule is known false for the person is shown; (2) no text carries
a marker word of another group (periods or pregnancy for men, erections for women, a baby's
breasts for adults, menopause for teenagers), so a new text nobody tagged is caught too.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from galacli.core.check import gather, run_check
from galacli.core.common import tidy
from galacli.knowledge.loader import load_knowledge
from galacli.knowledge.model import Step
from galacli.knowledge.rules import All, AnyOf, Atom, Condition, Not, Unless

KB = load_knowledge()
LANGS = ("en", "zh")
# A medicine name that makes each `medicine_cause` value true.
MEDICINE_FOR = {
    "medication": "risperidone",
    "drug-use": "heroin",
    "herbal": "fenugreek",
    "estrogen-exposure": "estradiol",
}
SEXES = ("female", "male")
AGES = ("newborn", "child", "teen", "adult", "over-50")

# Marker words of a group: a text with one is about that group.
PERIODS = {
    "en": ("period", "pregnan", "menopaus", "breastfe", "miscarr", "gynaecolog", "vagina"),
    "zh": ("月经", "怀孕", "妊娠", "绝经", "母乳", "流产", "更年期", "妇科", "阴道"),
}
ERECTIONS = {
    "en": ("erection", "testosterone", "urolog"),
    "zh": ("勃起", "睾酮", "男科", "泌尿外科"),
}
SEX_LIFE = {"en": ("during sex", "after sex", "orgasm", "climax"), "zh": ("性生活", "性高潮")}
BABY_CARE = {
    "en": ("baby's breast", "your baby", "for a baby", "in a baby", "newborn"),
    "zh": ("宝宝的乳房", "你的宝宝", "如果是婴儿", "新生儿", "婴儿和儿童"),
}
MENOPAUSE = {"en": ("menopaus",), "zh": ("绝经", "更年期")}


def people() -> Iterator[dict[str, str]]:
    for sex, age in itertools.product(SEXES, AGES):
        person = {"sex": sex, "age_group": age}
        yield person
        if sex == "female" and age in ("teen", "adult", "over-50"):
            yield {**person, "pregnant_or_breastfeeding": "yes"}
            yield {**person, "pregnant_or_breastfeeding": "no"}


def allowed(question: str) -> list[str]:
    if question == "medicine_cause":
        return sorted(MEDICINE_FOR)
    return [choice.id for choice in KB.question_by_id[question].values]


def satisfy(condition: Condition, want: bool, fixed: dict[str, str]) -> Iterator[dict[str, str]]:
    """Answers extending `fixed` that give the condition the value `want`."""
    if isinstance(condition, Atom):
        question = condition.question
        values = [v for v in allowed(question) if (v in condition.values) == want]
        for value in values:
            if question in fixed:
                if fixed[question] == value:
                    yield fixed
            else:
                yield {**fixed, question: value}
    elif isinstance(condition, Not | Unless):  # Unless is true when its item is not true
        yield from satisfy(condition.item, not want, fixed)
    elif isinstance(condition, All | AnyOf):
        every = isinstance(condition, All) == want
        if every:
            yield from _each(list(condition.items), want, fixed)
        else:
            for item in condition.items:
                yield from satisfy(item, want, fixed)


def _each(items: list[Condition], want: bool, fixed: dict[str, str]) -> Iterator[dict[str, str]]:
    if not items:
        yield fixed
        return
    for partial in satisfy(items[0], want, fixed):
        yield from _each(items[1:], want, partial)


def answers_of(assignment: dict[str, str]) -> dict[str, str]:
    answers = {k: v for k, v in assignment.items() if k != "medicine_cause"}
    if "medicine_cause" in assignment:
        answers["medications"] = MEDICINE_FOR[assignment["medicine_cause"]]
    return answers


def askable(answers: dict[str, str]) -> bool:
    """Every answer is to a question this person is asked (no headache question for a baby)."""
    sets = gather(KB, answers).sets
    return all(
        KB.question_by_id[q].ask_if is None
        or KB.question_by_id[q].ask_if.evaluate(sets) is not False
        for q in answers
    )


def cases() -> Iterator[tuple[str, dict[str, str]]]:
    """(sign id, answers) for every person who can have each sign, and a plain case each."""
    for person in people():
        yield "milky-only", {**person, "discharge": "milky"}
        for sign in KB.signs:
            shapes: set[frozenset[str]] = set()  # each way of making the rule true, once
            for assignment in itertools.islice(satisfy(sign.when.condition, True, person), 200):
                answers = answers_of(assignment)
                if frozenset(answers) in shapes or not askable(answers):
                    continue
                result = run_check(KB, answers, "en")
                if sign.id in {f.id for f in result.red_flags + result.reassuring}:
                    shapes.add(frozenset(answers))
                    yield sign.id, answers


CASES = list(cases())


def shown_texts(answers: dict[str, str], lang: str) -> list[str]:
    result = run_check(KB, answers, lang)
    out = [result.urgency_reason, *result.next_steps, *result.doctor_checks]
    for flag in result.red_flags + result.reassuring:
        out += [flag.text, flag.reason]
    for cause in result.possible_causes:
        out += [*cause.because, *cause.against]
    for detail in result.unknown_details:
        out += [detail.label, detail.prompt]
    out += [line.label for line in result.answer_summary]
    return out


def forbidden(answers: dict[str, str], lang: str) -> tuple[str, ...]:
    sex, age = answers.get("sex"), answers.get("age_group")
    pregnant = answers.get("pregnant_or_breastfeeding") == "yes"
    words: list[str] = []
    if sex == "male" or age in ("newborn", "child"):
        words += PERIODS[lang]
    if sex == "female" or age in ("newborn", "child"):
        words += ERECTIONS[lang]
    if age in ("teen", "adult", "over-50") and not pregnant:
        words += BABY_CARE[lang]
    if age in ("newborn", "child", "teen"):
        words += MENOPAUSE[lang]
    if age in ("newborn", "child"):
        words += SEX_LIFE[lang]
    return tuple(words)


def test_the_grid_reaches_every_sign() -> None:
    reached = {sign for sign, _ in CASES}
    assert reached >= {sign.id for sign in KB.signs}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("sign", "answers"), CASES, ids=[f"{s}-{i}" for i, (s, _) in enumerate(CASES)]
)
def test_no_text_meant_for_another_group(sign: str, answers: dict[str, str], lang: str) -> None:
    words = forbidden(answers, lang)
    for text in shown_texts(answers, lang):
        hits = [w for w in words if w in text.casefold()]
        assert not hits, f"{sign} for {answers}: {hits} in {text!r}"


def audience_texts() -> Iterator[tuple[str, Step]]:
    for tier in KB.tiers:
        yield from ((f"tier {tier.id}", step) for step in tier.next_steps)
    for cause in KB.causes:
        for step in (*cause.next_steps, *cause.doctor_checks):
            yield f"cause {cause.id}", step


def test_texts_are_tagged_for_each_group() -> None:
    tagged = [step for _, step in audience_texts() if step.for_ is not None]
    assert len(tagged) >= 10  # baby-only, men-only, women-only, pregnancy and menopause texts


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("sign", "answers"), CASES, ids=[f"{s}-{i}" for i, (s, _) in enumerate(CASES)]
)
def test_no_text_whose_audience_is_known_false(
    sign: str, answers: dict[str, str], lang: str
) -> None:
    sets = gather(KB, answers).sets
    hidden = {tidy(step.get(lang)) for _, step in audience_texts() if not step.shown(sets)}
    meant = {tidy(step.get(lang)) for _, step in audience_texts() if step.shown(sets)}
    for text in shown_texts(answers, lang):
        assert text not in hidden - meant, f"{sign} for {answers}: {text!r}"


@pytest.mark.parametrize(
    ("sign", "answers"), CASES, ids=[f"{s}-{i}" for i, (s, _) in enumerate(CASES)]
)
def test_fluid_always_gets_possible_causes(sign: str, answers: dict[str, str]) -> None:
    result = run_check(KB, answers, "en")
    if answers.get("discharge", "none") != "none":
        assert result.possible_causes, f"{sign} for {answers}"


# ---- the findings of issue 13.2, one by one


def check(lang: str = "en", **answers: str):  # type: ignore[no-untyped-def]
    return run_check(KB, answers, lang)


def everything(result) -> str:  # type: ignore[no-untyped-def]
    parts = [*result.next_steps, *result.doctor_checks]
    for flag in result.red_flags:
        parts += [flag.text, flag.reason]
    for cause in result.possible_causes:
        parts += [*cause.because, *cause.against]
    return "\n".join(parts)


def test_an_adult_emergency_has_no_advice_about_a_baby() -> None:
    adult = check(age_group="adult", sex="female", sudden_severe_headache="yes")
    baby = check(age_group="newborn", fever="yes")
    assert adult.urgency == baby.urgency == "emergency"
    assert not any("baby" in step for step in adult.next_steps)
    assert any("baby's breasts" in step for step in baby.next_steps)
    unknown = check(sudden_severe_headache="yes")  # nobody said who it is about: shown
    assert any("baby's breasts" in step for step in unknown.next_steps)


def test_a_man_is_not_told_about_periods_or_pregnancy() -> None:
    result = check(age_group="adult", sex="male", discharge="milky", low_libido="yes")
    assert "missed-periods" in {flag.id for flag in result.red_flags}
    assert "erection" in everything(result)
    for word in ("period", "pregnan"):
        assert word not in everything(result).casefold()


def test_periods_stopped_at_menopause_do_not_suggest_pcos_or_false_pregnancy() -> None:
    result = check(
        age_group="over-50", sex="female", discharge="milky", sides="both",
        missed_periods="yes", hormone_therapy="yes",
    )  # fmt: skip
    causes = {cause.id for cause in result.possible_causes}
    assert not causes & {"pcos", "pseudocyesis", "cushing", "acromegaly"}
    assert "estrogen-exposure" in causes
    prompt = next(d for d in check(age_group="over-50", sex="female").answer_summary)
    assert prompt  # the over-50 wording of the period question says menopause does not count
    question = KB.question_by_id["missed_periods"]
    from galacli.core.check import prompt_for

    assert "menopause" in prompt_for(KB, question, {"age_group": "over-50"}).en
    assert "menopause" not in prompt_for(KB, question, {"age_group": "adult"}).en


def test_hormones_are_named_as_the_person_named_them() -> None:
    result = check(
        age_group="adult", sex="female", discharge="milky", hormone_therapy="yes",
        medications="Microgynon",
    )  # fmt: skip
    flag = next(f for f in result.red_flags if f.id == "hormone-therapy-milky")
    assert "combined pill" in flag.text
    assert "feminising" not in flag.text
    zh = check(
        "zh", age_group="adult", hormone_therapy="yes", discharge="milky", medications="the pill"
    )
    assert "复方口服避孕药" in next(f for f in zh.red_flags if f.id == "hormone-therapy-milky").text


def test_a_breastfeeding_mother_gets_the_let_down_first_and_no_pregnancy_test() -> None:
    result = check(
        age_group="adult", sex="female", pregnant_or_breastfeeding="yes", discharge="milky",
        sides="both", after_sex="yes", nipple_stimulation="yes",
    )  # fmt: skip
    assert result.possible_causes[0].id == "physiologic-lactation"
    text = everything(result)
    assert "Avoid nipple stimulation" not in text
    assert "do a pregnancy test" not in text


def test_a_man_with_milky_fluid_and_no_medicines_gets_causes() -> None:
    result = check(
        age_group="adult", sex="male", discharge="milky", sides="one", medications="none"
    )
    ids = [cause.id for cause in result.possible_causes]
    assert ids and "medication" not in ids and "physiologic-lactation" not in ids
    assert {cause.fit for cause in result.possible_causes} == {"fits partly"}
    assert all(cause.because for cause in result.possible_causes)
    zh = check("zh", age_group="adult", sex="male", discharge="milky", medications="none")
    assert {cause.fit for cause in zh.possible_causes} == {"部分符合"}


def medication_score(medicines: str) -> int:
    result = check(age_group="adult", sex="female", discharge="milky", medications=medicines)
    return next((c.score for c in result.possible_causes if c.id == "medication"), 0)


def test_a_medicine_counts_by_its_strength() -> None:
    assert medication_score("risperidone") == 3  # high
    assert medication_score("methyldopa") == 2  # moderate
    assert medication_score("sertraline") == 1  # low
    assert medication_score("aripiprazole") <= 0  # low, and it can lower prolactin
    assert medication_score("risperidone, aripiprazole") == 2
    result = check(age_group="adult", discharge="milky", medications="risperidone, aripiprazole")
    against = next(c for c in result.possible_causes if c.id == "medication").against
    assert any("aripiprazole" in line and "lower" in line for line in against)
    because = next(c for c in result.possible_causes if c.id == "medication").because
    assert not any("aripiprazole" in line for line in because)


def test_a_for_rule_is_validated_like_when() -> None:
    import msgspec

    from galacli.knowledge import loader

    files = loader.read_shipped()
    causes = next(f for f in files if f.key == "causes")
    text = causes.data.decode("utf-8")
    bad = text.replace(", for: {age_group: newborn}", ", for: {age_grop: newborn}", 1)
    bad = bad.replace('for: {not: {pregnant_or_breastfeeding: "yes"}}', "for: {sex: maybe}", 1)
    assert bad.count("age_grop") == 1 and bad.count("sex: maybe") == 1
    changed = msgspec.structs.replace(causes, data=bad.encode("utf-8"))
    problems = loader.assemble([changed if f is causes else f for f in files]).problems
    found = {(p.code, p.message, p.field.endswith(".for")) for p in problems}
    assert ("GLC105", "rule asks unknown question 'age_grop'", True) in found
    message = "rule uses value 'maybe' that question 'sex' does not allow"
    assert ("GLC105", message, True) in found


def test_a_woman_is_not_asked_about_erections() -> None:
    from galacli.core.check import prompt_for

    question = KB.question_by_id["low_libido"]
    assert "erection" not in prompt_for(KB, question, {"sex": "female"}).en
    assert "勃起" not in (prompt_for(KB, question, {"sex": "female"}).zh or "")
    assert "erection" in prompt_for(KB, question, {"sex": "male"}).en
    assert "erection" in prompt_for(KB, question, {}).en  # not told: the general wording
    result = check(age_group="adult", sex="female", discharge="milky", low_libido="yes")
    label = next(line.label for line in result.answer_summary if line.id == "low_libido")
    assert "erection" not in label


def test_a_step_is_hidden_only_when_its_group_is_ruled_out() -> None:
    baby_step = next(step for step in KB.tier_by_id["emergency"].next_steps if step.for_)
    assert baby_step.shown({})
    assert baby_step.shown({"age_group": frozenset({"newborn"})})
    assert not baby_step.shown({"age_group": frozenset({"adult"})})
