"""Search v2, third round (issue 15): what a query's words mean, proven over the whole knowledge.

- every medicine galacli knows, named in a "can X cause it" question, finds the cause that
  medicines.yaml links it to (in both languages);
- a number beside "prolactin", or with a unit, is read as a test result, and finds the entry on
  the prolactin test; an age or a length of time beside it is not a result;
- no Chinese character pair counts more than BIGRAM_MOST_IDF, so a pair that straddles two
  words cannot outweigh the words the person meant;
- a medicine a pack adds keeps its own name even where vocabulary.yaml calls it "a medicine",
  and a changed word list is never read from an old cached index.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from galacli.core import causes as causes_core
from galacli.core import faq as faq_core
from galacli.core.causes import find_causes, search_fields
from galacli.core.faq import find_faq
from galacli.core.search import BIGRAM_MOST_IDF, Vocabulary, age_words, measure_words, tokenize
from galacli.errors import GalacliError
from galacli.knowledge.loader import load_knowledge

KB = load_knowledge()


def _medicine_questions() -> list[tuple[str, str, str]]:
    rows = []
    for medicine in KB.medicines:
        rows.append((medicine.id, "en", f"can {medicine.generic.en} cause nipple discharge"))
        rows.append((medicine.id, "en", f"{medicine.generic.en} and milky discharge"))
        rows.append((medicine.id, "zh", f"{medicine.generic.get('zh')}会导致乳头溢液吗"))
    return rows


@pytest.mark.parametrize(("medicine_id", "lang", "query"), _medicine_questions())
def test_a_named_medicine_finds_its_own_cause(medicine_id: str, lang: str, query: str) -> None:
    medicine = next(m for m in KB.medicines if m.id == medicine_id)
    found = [item.id for item in find_causes(KB, [query], lang, 5).results]
    if found[0] != medicine.cause:
        # Only a cause whose own text names the medicine may come first (alcohol:
        # liver disease from heavy drinking), and then the medicine's cause is next.
        first = KB.cause_by_id[found[0]]
        own_text = " ".join(search_fields(first, lang).values())
        assert medicine.generic.get(lang).casefold() in own_text.casefold(), (query, found)
        assert found[1] == medicine.cause, (query, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("prolactin 45 ng/ml is that high", "prolactin  result  ng/ml is that high"),
        ("prolactin level 80 is that bad", "prolactin level  result  is that bad"),
        ("my prl was 60", "my prl was  result "),
        ("35 ng/ml and milky discharge", "  result  and milky discharge"),
        ("泌乳素50严重吗", "泌乳素 结果 严重吗"),
        ("催乳素水平是35正常吗", "催乳素水平是 结果 正常吗"),
        # Not a result: a length of time, an age, a number with nothing to say what it measures.
        ("prolactin 3 months after birth", "prolactin 3 months after birth"),
        ("prolactinoma 12 mm", "prolactinoma 12 mm"),
        ("prolactin 8mm tumour", "prolactin 8mm tumour"),
        ("泌乳素 3个月了", "泌乳素 3个月了"),
        ("im 34 and my nipples leak", "im 34 and my nipples leak"),
        ("my baby is 6 weeks old", "my baby is 6 weeks old"),
    ],
)
def test_a_number_beside_prolactin_is_a_result(text: str, expected: str) -> None:
    assert measure_words(text) == expected


@settings(max_examples=60, deadline=None)
@given(
    value=st.integers(min_value=1, max_value=4000),
    template=st.sampled_from(
        [
            ("en", "prolactin {} is that high"),
            ("en", "my prolactin level was {}"),
            ("en", "prolactin {} ng/ml"),
            ("zh", "泌乳素{}高吗"),
            ("zh", "催乳素{}是什么意思"),
        ]
    ),
)
def test_any_prolactin_result_finds_the_test_entry(value: int, template: tuple[str, str]) -> None:
    lang, pattern = template
    found = [item.id for item in find_faq(KB, [pattern.format(value)], lang, 5).results]
    assert "prolactin-test" in found[:3], (pattern.format(value), found)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_chinese_pair_outweighs_the_cap(lang: str) -> None:
    index = faq_core._index(KB, lang)
    pairs = [t for t in index.state.postings if len(t) == 2 and t[0] >= "\u3400"]
    assert pairs or lang == "en"
    assert all(index._idf(pair) <= BIGRAM_MOST_IDF for pair in pairs)


def test_a_medicine_named_by_a_pack_keeps_its_own_name() -> None:
    # vocabulary.yaml lists lithium as just "a medicine"; a pack that adds lithium to the
    # medicine table makes it a medicine of its own, and its name stays an index word.
    plain = Vocabulary({"medicine": ["lithium"]})
    added = Vocabulary({"medicine": ["lithium"]}, {"lithium": ["lithium", "medicine"]})
    assert tokenize("lithium", plain) == ["medicin"]
    assert tokenize("lithium", added) == ["lithium", "medicin"]


def test_a_changed_word_list_is_a_new_cached_index(monkeypatch: pytest.MonkeyPatch) -> None:
    # The index keeps the word lists tokenised: a cache built before a list changed (a new
    # off-topic word) must never be read after it, or the new rule would not apply.
    from galacli.core import ranking

    before = ranking.word_sets_key()
    monkeypatch.setattr(ranking, "ELSEWHERE_WORDS", (*ranking.ELSEWHERE_WORDS, "kangaroo"))
    assert ranking.word_sets_key() != before


@pytest.mark.parametrize("word", ["early", "only", "nearly", "yearly", "badly", "belly"])
def test_an_everyday_word_never_stems_to_another_part_of_the_body(word: str) -> None:
    # "early" once stemmed to "ear", so "lactating after early miscarriage" was nothing found.
    from galacli.core.ranking import ELSEWHERE_WORDS
    from galacli.core.search import stem

    assert stem(word) not in {stem(other) for other in ELSEWHERE_WORDS}


def test_an_early_miscarriage_is_not_a_question_about_ears() -> None:
    results = find_faq(KB, ["lactating after early miscarriage 8 weeks"], "en", 3).results
    assert results[0].id == "milk-after-loss"


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("does sage tea stop lactation", "en"),
        ("bra keeps getting wet spots after menopause", "en"),
        ("so embarrassed wet spots on my bra what is it", "en"),
        ("内衣上总有湿的印子", "zh"),
    ],
)
def test_drying_up_milk_and_wet_spots_are_on_topic(query: str, lang: str) -> None:
    # "stop lactation" once meant only "dry up" (not milk), and a wet spot on a bra nothing.
    assert find_faq(KB, [query], lang, 3).results


@pytest.mark.parametrize(
    ("text", "lang"),
    [("what else comes out besides milk", "en"), ("除了乳汁，还有什么会让乳头流出液体？", "zh")],
)
def test_besides_milk_is_not_milk(text: str, lang: str) -> None:
    # The entry on other fluids ("besides milk") once matched every question about milk.
    from galacli.core.common import vocabulary

    assert "milk" not in tokenize(text, vocabulary(KB))


# Words for a cause that the cause's own text does not use (a named thyroid disease, a kind of
# contraception, a brew taken for milk, a fall, a breast cyst, night shifts): each finds
# the cause that answers it first (vocabulary.yaml; the cause named is in the second column).
CAUSE_WORDS = [
    ("en", "hashimoto's and a milky nipple", {"hypothyroidism"}),
    ("en", "can a hormonal coil cause nipple discharge", {"estrogen-exposure", "medication"}),
    ("en", "nexplanon implant and milk from my nipples", {"estrogen-exposure", "medication"}),
    ("en", "i drink lactation tea but have no baby, is that why my nipples leak", {"herbal"}),
    ("en", "fibrocystic breasts and yellow nipple fluid", {"breast-duct-conditions"}),
    ("en", "could a breast cyst make my nipple leak", {"breast-duct-conditions"}),
    ("en", "empty sella syndrome and high prolactin", {"other-pituitary-hypothalamic"}),
    ("en", "nipple leaking since i fell on my chest", {"chest-wall"}),
    ("en", "working night shifts and a raised prolactin", {"stress"}),
    ("zh", "桥本甲状腺炎 乳头溢液", {"hypothyroidism"}),
    ("zh", "上环以后乳头有奶", {"estrogen-exposure", "medication"}),
    ("zh", "喝了王不留行汤 没怀孕也溢乳", {"herbal"}),
    ("zh", "喝了朋友给的催奶汤 没生孩子也有奶", {"herbal"}),
    ("zh", "乳腺增生 乳头流黄水", {"breast-duct-conditions"}),
    ("zh", "摔倒撞到胸口 乳头出水", {"chest-wall"}),
    ("zh", "空泡蝶鞍 泌乳素高", {"other-pituitary-hypothalamic"}),
    ("zh", "睡眠不足 泌乳素偏高", {"stress"}),
]


@pytest.mark.parametrize(("lang", "query", "causes"), CAUSE_WORDS)
def test_a_cause_named_in_everyday_words_is_found_first(
    lang: str, query: str, causes: set[str]
) -> None:
    assert find_causes(KB, [query], lang, 5).results[0].id in causes


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("insomnia what to do", "en"),
        ("失眠怎么办", "zh"),
        ("tofu recipe", "en"),
        ("豆浆机哪个好", "zh"),
    ],
)
def test_the_new_cause_words_alone_are_not_the_subject(query: str, lang: str) -> None:
    with pytest.raises(GalacliError):
        find_faq(KB, [query], lang, 5)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("y is ther milk comin out my boob im not preg", "milk-not-pregnant"),
        ("y do my nipples leak when im not preg", "milk-not-pregnant"),
    ],
)
def test_text_speak_is_read_as_meant(query: str, expected: str) -> None:
    # "comin" once became "combin" (the combined pill) and "preg" "peg" by typo guessing.
    assert find_faq(KB, [query], "en", 5).results[0].id == expected


# The topic words hold each medicine's own word, never the words a class of them shares or
# the vocabulary adds to every medicine: with "medicine" or "treatment" a topic word, "how to
# fix my car" (fix -> treatment) and "best pills for a headache" were answered.
CLASS_WORDS = {"medicin", "drug", "herb", "hormon", "treatment", "pill", "real", "street"}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("module", [faq_core, causes_core])
def test_the_topic_words_name_each_medicine_and_no_class(module: object, lang: str) -> None:
    index = module._index(KB, lang)  # type: ignore[attr-defined]
    topic = index.word_set("topic")
    assert not topic & CLASS_WORDS
    for medicine in KB.medicines:
        name = medicine.generic.get(lang)
        assert topic & set(tokenize(name, index.vocabulary)), name


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_medicine_named_alone_is_answered(lang: str) -> None:
    for medicine in KB.medicines:
        assert find_faq(KB, [medicine.generic.get(lang)], lang, 5).results, medicine.id


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("how to fix my car", "en"),
        ("how to cure a hangover", "en"),
        ("best pills for a headache", "en"),
        ("can antibiotics cause diarrhea", "en"),
        ("感冒吃什么药", "zh"),
    ],
)
def test_a_medicine_word_alone_does_not_make_a_query_about_this(query: str, lang: str) -> None:
    with pytest.raises(GalacliError):
        find_faq(KB, [query], lang, 5)


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("what medicines cause this", "en", "cause-medication"),
        ("which drugs can cause it", "en", "cause-medication"),
        ("哪些药物会导致这个", "zh", "cause-medication"),
    ],
)
def test_what_medicines_cause_this_is_about_this(query: str, lang: str, expected: str) -> None:
    assert expected in [item.id for item in find_faq(KB, [query], lang, 5).results[:2]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_vocabulary_phrase_becomes_the_words_it_stands_for(lang: str) -> None:
    # 复方口服避孕药 (the combined pill) once became "combined_pill_" and
    # "ethinylestradiol_with_a_progestin": its English name's brackets split the joined word.
    vocabulary = faq_core._index(KB, lang).vocabulary
    state = vocabulary.state
    for phrase, word in [*state.phrases.items(), *state.cjk_words.items()]:
        assert word in vocabulary.words, phrase
        assert all("_" not in token for token in tokenize(phrase, vocabulary)), phrase


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15f sticky discharge", " teen "),
        ("14 m and a bump behind my nipple", " teen "),
        ("in my 60s and brown fluid", " menopause "),
        ("58 and milk from my nipple", " menopause "),
        ("my son is 10 years old", " child "),
        ("女儿10岁", " child "),
        ("she is 11 years old", " teen "),
    ],
)
def test_the_ways_people_write_an_age_say_who_it_is_about(text: str, expected: str) -> None:
    assert expected in age_words(text)


@pytest.mark.parametrize("text", ["30 mg of it", "10 ml came out", "prolactin 58 and rising"])
def test_a_dose_volume_or_result_is_not_an_age(text: str) -> None:
    assert age_words(text) == text


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("itchy crusty nipple with a bit of discharge", "en", "paget-nipple"),
        ("milky nipples after a d&c last month", "en", "milk-after-loss"),
        ("rusty pipe syndrome", "en", "bloody-discharge"),
        ("in my 60s and brown fluid from one nipple", "en", "postmenopause"),
    ],
)
def test_words_for_a_sign_or_a_procedure_find_their_entry(
    query: str, lang: str, expected: str
) -> None:
    # A crust on the nipple is a skin change (an alarm, like "scaly"); "d&c" is one word.
    assert find_faq(KB, [query], lang, 5).results[0].id == expected


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("my husband's nipple is leaking clear fluid", "en"),
        ("why does my boyfriends nipple leak", "en"),
        ("老公的乳头挤出来白色的东西", "zh"),
    ],
)
def test_a_mans_nipple_named_through_his_partner_is_a_question_about_men(
    query: str, lang: str
) -> None:
    # "My boyfriend's nipple" once found the entries about a partner who leaks during sex.
    assert "men" in [item.id for item in find_faq(KB, [query], lang, 5).results[:2]]


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("should i tell my parents that my nipple leaks", "en"),
        ("scared to tell my mum about the white stuff from my nipples", "en"),
        ("乳头有白色液体 不敢告诉妈妈", "zh"),
    ],
)
def test_telling_a_parent_is_a_teenagers_question(query: str, lang: str) -> None:
    assert "teens" in [item.id for item in find_faq(KB, [query], lang, 5).results[:2]]


def test_natural_ways_to_stop_it_find_what_helps_at_home() -> None:
    result = find_faq(KB, ["natural ways to stop my nipples leaking"], "en", 5)
    found = [item.id for item in result.results]
    assert found[0] in {"self-care", "how-to-make-it-stop"}


def test_no_sex_life_is_not_a_question_about_sex() -> None:
    # 没有性生活 (never had sex) is "not pregnant", as "virgin" is in English.
    assert find_faq(KB, ["没有性生活 乳头却有奶"], "zh", 5).results[0].id == "milk-not-pregnant"


def test_everyday_names_of_an_ultrasound_are_the_entries_ultrasound() -> None:
    vocabulary = faq_core._index(KB, "zh").vocabulary
    assert (
        tokenize("彩超", vocabulary) == tokenize("超声", vocabulary) == tokenize("B超", vocabulary)
    )


def test_which_kind_of_doctor_finds_the_entry_that_names_the_specialists() -> None:
    result = find_faq(KB, ["endocrinologist or gynecologist for high prolactin"], "en", 5)
    assert result.results[0].id == "china-department"


@pytest.mark.parametrize("query", ["泌乳素高怎么办", "乳头流水怎样才能好", "怎么会这样"])
def test_no_character_pair_is_made_with_how(query: str) -> None:
    # 怎 (how) pairs with the word before it (高怎 in 泌乳素高怎么办), and a phrasing that
    # happened to hold that pair won: it is a grammatical word, like 么.
    tokens = tokenize(query, faq_core._index(KB, "zh").vocabulary)
    assert not [token for token in tokens if "怎" in token]


@pytest.mark.parametrize(
    "query",
    [
        "i haven't had a baby why am i lactating",
        "neg pregnancy test but milk comming out of nipple",
    ],
)
def test_never_having_had_a_baby_is_not_a_question_about_babies(query: str) -> None:
    assert find_faq(KB, [query], "en", 5).results[0].id in {"milk-not-pregnant", "causes-overview"}


def test_white_water_from_the_nipple_is_milky_discharge() -> None:
    # 流白水 was the pairs 流白 and 白水, and 白水 happened to be in the men's entry.
    vocabulary = faq_core._index(KB, "zh").vocabulary
    assert tokenize("流白水", vocabulary) == tokenize("流奶", vocabulary)
    assert find_faq(KB, ["初中生乳头流白水"], "zh", 5).results[0].id == "teens"


@pytest.mark.parametrize(
    "query",
    [
        "how to make paneer from milk",
        "condensed milk fudge",
        "best milk frother under 50",
        "milk of magnesia dose",
        "what age do milk teeth fall out",
        "kitchen tap leaking from the handle",
        "my cat is leaking milk but never had kittens",
        "belly button smells and oozes",
        "how much protein in a glass of milk",
    ],
)
def test_milk_as_food_or_a_leaking_tap_is_not_this_subject(query: str) -> None:
    with pytest.raises(GalacliError):
        find_faq(KB, [query], "en", 5)


@pytest.mark.parametrize(
    "query",
    [
        "switched to formula and still leaking milk",
        "heartburn pills making me lactate",
        "milk teeth and leaking nipples in my toddler",
        "protein shakes and nipple discharge",
    ],
)
def test_the_same_words_beside_the_subject_are_still_answered(query: str) -> None:
    assert find_faq(KB, [query], "en", 5).results


OWN_PERSON_QUERIES = {
    "man": {
        "en": ["male galactorrhea", "can men get breast cancer from nipple discharge"],
        "zh": ["男的乳头一挤就有水正常吗", "乳头溢液 男 50岁"],
    }
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_person_named_gets_their_general_answer_first(lang: str) -> None:
    # Whole knowledge: every entry that is the general answer for someone is first for a query
    # that names them and asks nothing more particular, in both languages.
    owners = [entry for entry in KB.faq if entry.answers_for]
    assert owners, "the shipped data names the men's answer"
    for entry in owners:
        for query in OWN_PERSON_QUERIES[entry.answers_for][lang]:
            assert find_faq(KB, [query], lang, 5).results[0].id == entry.id, query


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("high prolactin in men with low sex drive", "men-sex-drive"),  # his own, narrower entry
        ("my 2 week old boy has swollen breasts and milk", "newborn"),  # a baby boy
        ("10 year old boy nipple discharge", "child-before-puberty"),  # a child
    ],
)
def test_a_narrower_or_younger_persons_entry_still_leads(query: str, first: str) -> None:
    assert find_faq(KB, [query], "en", 5).results[0].id == first


def test_a_mothers_son_is_not_a_man_asking() -> None:
    from galacli.core.common import vocabulary

    KB_VOCABULARY = vocabulary(KB)
    # "son" alone is most often the baby she fed, not the person with the nipple.
    assert "man" not in tokenize("i weaned my son a year ago", KB_VOCABULARY)
    assert "man" in tokenize("my son's nipple is leaking", KB_VOCABULARY)
    assert "man" in tokenize("why are my man boobs leaking", KB_VOCABULARY)


def test_before_names_nothing() -> None:
    # "before my period" is not "before my appointment": the appointment entry does not lead.
    found = find_faq(KB, ["why do my boobs leak before my period"], "en", 5).results
    assert found[0].id != "appointment-prep"


def test_two_general_answers_for_one_person_are_reported(data_copy) -> None:
    import datetime

    from galacli.core.validate import validate

    path = data_copy / "data" / "faq.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "    related: [men, cause-drug-use"
    assert marker in text
    path.write_text(text.replace(marker, "    answers_for: man\n" + marker, 1), "utf-8")
    result = validate(data_copy, "en", datetime.date(2026, 12, 3))
    [problem] = [p for p in result.problems if p.code == "GLC115"]
    assert "'men' is already the general answer for 'man'" in problem.message


def test_an_unknown_person_is_a_clear_error(data_copy) -> None:
    import datetime

    from galacli.core.validate import validate

    path = data_copy / "data" / "faq.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    answers_for: man\n", "    answers_for: robot\n"), "utf-8")
    result = validate(data_copy, "en", datetime.date(2026, 12, 3))
    assert result.problems and "robot" in " ".join(p.message for p in result.problems)
