"""Content rules for the knowledge (the linter behind the content tests and `galacli validate`).

These catch what a schema cannot: a dose, advice to stop a medicine, a figure the fact sheet marks
unconfirmed, near-duplicate questions, and English that is too hard to read (Flesch-Kincaid).
"""

from __future__ import annotations

import difflib
import itertools
import re
import statistics
from collections.abc import Iterator
from typing import Any

import msgspec

from galacli.core.common import tidy
from galacli.knowledge.loader import FILES, Finding, Knowledge, Path
from galacli.knowledge.model import LANGUAGES, Phrasings, Text

MEDIAN_GRADE = 8.0  # reading age about 13
MAX_GRADE = 12.0
NEAR_DUPLICATE = 0.85  # difflib ratio of two FAQ questions
RAREST_SHINGLES = 5  # near-duplicates are looked for among questions sharing one of these

_DOSE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|ug|micrograms?|milligrams?)\b", re.I)
# "stop (taking) your medicine" as advice; a sentence that also says not/never/without/prescriber
# is the safety rule itself, not advice to stop.
_STOP = re.compile(
    r"\b(stop|quit|come off)\s+(taking\s+|using\s+)?((your|the|this|that|a|any|my)\s+)?"
    r"([\w-]+\s+){0,2}(medicines?|medications?|pills?|tablets?|antipsychotics?|"
    r"antidepressants?|treatment|prescriptions?|hormones?|methadone|opioids?)\b",
    re.I,
)
_SAFE_STOP = re.compile(r"\b(not|never|don't|without|prescriber|prescribed it|doctor)\b", re.I)
# Figures the fact sheet (§2, §14) marks unconfirmed, or that must not be stated as plain fact.
UNCONFIRMED = {
    r"\b20\s?(?:-|–|to)\s?25\s?(?:%|per ?cent)": "the 20-25% prevalence figure",
    r"\b5\s?%\s+of\s+pregnant": "'5% of pregnant women leak milk'",
    r"\bmedian (?:of )?20 days\b": "the median 20 days to antipsychotic galactorrhea",
    r"\b0\.05\s?%": "olanzapine galactorrhea 0.05%",
    r"\b(?:33|54)\s?%": "the unconfirmed transgender prolactin figures",
    r"\b32\s?%\s+(?:over|above|after)\s+60": "age-stratified cancer risk",
    r"\bhalf of women with galactorrh\w+ have normal prolactin": "'half have normal prolactin'",
}
_UNCONFIRMED = [(re.compile(pattern, re.I), name) for pattern, name in UNCONFIRMED.items()]

_VOWELS = re.compile(r"[aeiouy]+")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n|\n- |:\n")


def syllables(word: str) -> int:
    """An estimate good to about one syllable: vowel groups, less a silent final e or -ed."""
    w = word.lower()
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", w)
    w = re.sub(r"^y", "", w)
    return max(1, len(_VOWELS.findall(w)))


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade level: 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, sum(1 for part in _SENTENCE_END.split(text) if _WORD.search(part)))
    syllable_count = sum(syllables(word) for word in words)
    return 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59


def prose(kb: Knowledge) -> Iterator[tuple[str, Path, str]]:
    """Every English text a person reads, with where it lives."""
    for i, entry in enumerate(kb.faq):
        for field in ("question", "short_answer", "answer"):
            yield FILES["faq"], ("faq", i, field, "en"), getattr(entry, field).en
    for i, cause in enumerate(kb.causes):
        for field in ("summary", "mechanism", "how_common", "when_to_worry"):
            yield FILES["causes"], ("causes", i, field, "en"), getattr(cause, field).en
        for field in ("notice", "doctor_checks", "what_helps", "next_steps"):
            for j, item in enumerate(getattr(cause, field)):
                yield FILES["causes"], ("causes", i, field, j, "en"), item.en
    for i, medicine in enumerate(kb.medicines):
        if medicine.note:
            yield FILES["medicines"], ("medicines", i, "note", "en"), medicine.note.en
    for i, sign in enumerate(kb.signs):
        for field in ("text", "reason", "disagreement"):
            value = getattr(sign, field)
            if value is not None:
                yield FILES["signs"], ("signs", i, field, "en"), value.en
        for j, variant in enumerate(sign.variants):
            for field in ("text", "reason"):
                value = getattr(variant, field)
                if value is not None:
                    yield FILES["signs"], ("signs", i, "variants", j, field, "en"), value.en
    for i, tier in enumerate(kb.tiers):
        for j, step in enumerate(tier.next_steps):
            yield FILES["signs"], ("tiers", i, "next_steps", j, "en"), step.en
    for i, item in enumerate(kb.ask_the_doctor):
        yield FILES["questions"], ("ask_the_doctor", i, "text", "en"), item.text.en


def safety_findings(kb: Knowledge) -> Iterator[Finding]:
    for file, path, text in prose(kb):
        for match in _DOSE.finditer(text):
            yield Finding(file, path, "GLC201", f"names a dose: '{match.group(0)}'")
        for sentence in re.split(r"(?<=[.!?])\s+|\n", tidy(text)):
            if _STOP.search(sentence) and not _SAFE_STOP.search(sentence):
                yield Finding(
                    file,
                    path,
                    "GLC202",
                    f"may tell the reader to stop a medicine: '{sentence.strip()}'",
                )
        for pattern, name in _UNCONFIRMED:
            if pattern.search(text):
                yield Finding(file, path, "GLC203", f"states an unconfirmed figure ({name})")


_SHINGLE_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|[\u3400-\u9fff]")


def _shingles(question: str) -> set[tuple[str, str]]:
    """The word pairs of a question (a Chinese character is a word), with its start and end as
    words ("^", "$")."""
    words = _SHINGLE_WORD.findall(question)
    if not words:
        return set()
    marked = ["^", *words, "$"]
    return set(itertools.pairwise(marked))


def near_pairs(
    texts: list[str], owners: list[int], *, by_words: bool = False
) -> Iterator[tuple[int, int, float]]:
    """(i, j, ratio) for texts of different owners with difflib ratio at least NEAR_DUPLICATE,
    over characters, or over words (`by_words`: short phrasings that differ in their one key
    word, "male nipple discharge" and "methadone nipple discharge", are not duplicates).

    Only pairs that share a word pair are compared: each text is compared with the earlier
    texts holding one of its RAREST_SHINGLES rarest word pairs that some other text also
    holds. The bound: a pair whose texts differ by at most two word edits (a word changed,
    added or removed; case and punctuation are not words) is always compared, because such an
    edit changes at most two word pairs, so at least one of the picks is a pair both hold.
    Pairs that differ more are found when they share a picked pair, as they mostly do (the tests
    compare this with checking every pair). Random texts share no word pairs and a small
    vocabulary spreads texts over many pairs, so 16,000 entries take seconds, not the
    minutes that every pair, or the rarest single words of a small vocabulary, took."""
    folded = [text.casefold() for text in texts]
    shingles = [_shingles(text) for text in folded]
    holders: dict[tuple[str, str], list[int]] = {}
    for i, bag in enumerate(shingles):
        for shingle in bag:
            holders.setdefault(shingle, []).append(i)
    sequences: list[Any] = (
        [_SHINGLE_WORD.findall(text) for text in folded] if by_words else list(folded)
    )
    matcher: difflib.SequenceMatcher[Any] = difflib.SequenceMatcher(None, "", "")
    for j, bag in enumerate(shingles):
        shared = [shingle for shingle in bag if len(holders[shingle]) > 1]
        rarest = sorted(shared, key=lambda shingle: (len(holders[shingle]), shingle))
        candidates = sorted(
            {
                i
                for shingle in rarest[:RAREST_SHINGLES]
                for i in holders[shingle]
                if i < j and owners[i] != owners[j]
            }
        )
        if not candidates:
            continue
        matcher.set_seq2(sequences[j])  # difflib caches what it learns about the second text
        for i in candidates:
            matcher.set_seq1(sequences[i])
            if (
                matcher.real_quick_ratio() < NEAR_DUPLICATE
                or matcher.quick_ratio() < NEAR_DUPLICATE
            ):
                continue
            ratio = matcher.ratio()
            if ratio >= NEAR_DUPLICATE:
                yield i, j, ratio


def duplicate_findings(kb: Knowledge) -> Iterator[Finding]:
    """Near-duplicate questions (GLC204), and asked-as phrasings of one entry that are
    near-duplicates of another entry's phrasings or question (GLC217): such a phrasing cannot
    tell search which entry it means."""
    questions = [entry.question.en for entry in kb.faq]
    for i, j, ratio in near_pairs(questions, list(range(len(questions)))):
        message = f"question is a near-duplicate of '{kb.faq[i].id}' ({ratio:.2f})"
        yield Finding(FILES["faq"], ("faq", j, "question"), "GLC204", message)
    searchable = _searchable(kb)
    for lang in LANGUAGES:
        texts: list[str] = []
        owners: list[int] = []
        where: list[Path | None] = []  # None: a question or name, GLC204's business
        for number, item in enumerate(searchable):
            texts.append(item.title.get(lang))
            owners.append(number)
            where.append(None)
            for k, phrasing in enumerate(_phrasings(item.asked_as, lang)):
                texts.append(phrasing)
                owners.append(number)
                where.append((item.section, item.index, "asked_as", lang, k))
        for i, j, ratio in near_pairs(texts, owners, by_words=True):
            if where[j] is None:
                i, j = j, i
            path = where[j]
            if path is None:
                continue
            other = searchable[owners[i]].id
            message = (
                f"asked-as phrasing is a near-duplicate of '{other}': '{texts[i]}' ({ratio:.2f})"
            )
            yield Finding(FILES[searchable[owners[j]].section], path, "GLC217", message)


class _Searchable(msgspec.Struct, frozen=True):
    section: str  # faq | causes
    index: int
    id: str
    title_field: str
    title: Text
    asked_as: Phrasings | None
    serious: bool


def _searchable(kb: Knowledge) -> list[_Searchable]:
    """FAQ entries and causes as search sees them: a title, phrasings, a serious flag."""
    items = [
        _Searchable("faq", i, e.id, "question", e.question, e.asked_as, e.serious)
        for i, e in enumerate(kb.faq)
    ]
    items += [
        _Searchable("causes", i, c.id, "name", c.name, c.asked_as, c.serious)
        for i, c in enumerate(kb.causes)
    ]
    return items


def _phrasings(asked_as: Phrasings | None, lang: str) -> tuple[str, ...]:
    if asked_as is None or (lang == "zh" and not asked_as.zh):
        return ()
    return asked_as.get(lang)


def serious_findings(kb: Knowledge) -> Iterator[Finding]:
    """A serious entry's question and phrasings name what is alarming (GLC218): search puts a
    serious entry first only for a query that names something alarming."""
    from galacli.core.common import vocabulary
    from galacli.core.ranking import ALARM_WORDS
    from galacli.core.search import tokenize

    words = vocabulary(kb)
    alarm = {t for word in ALARM_WORDS for t in tokenize(word, words)}
    for item in _searchable(kb):
        if not item.serious:
            continue
        for lang in LANGUAGES:
            texts: list[tuple[Path, str]] = [
                ((item.section, item.index, item.title_field, lang), item.title.get(lang))
            ]
            texts += [
                ((item.section, item.index, "asked_as", lang, k), phrasing)
                for k, phrasing in enumerate(_phrasings(item.asked_as, lang))
            ]
            for path, text in texts:
                if alarm.isdisjoint(tokenize(text, words)):
                    message = (
                        "a serious entry's wording names nothing alarming (ranking.ALARM_WORDS)"
                    )
                    yield Finding(FILES[item.section], path, "GLC218", message)


def reading_findings(kb: Knowledge) -> Iterator[Finding]:
    grades = []
    for file, path, text in prose(kb):
        if len(_WORD.findall(text)) < 12:
            continue  # a grade means little for a few words
        grade = fk_grade(text)
        grades.append(grade)
        if grade > MAX_GRADE:
            yield Finding(file, path, "GLC205", f"reading grade {grade:.1f} is above {MAX_GRADE:g}")
    if grades and statistics.median(grades) > MEDIAN_GRADE:
        median = statistics.median(grades)
        yield Finding(
            FILES["faq"],
            (),
            "GLC206",
            f"median reading grade {median:.1f} is above {MEDIAN_GRADE:g}",
        )


def reading_grades(kb: Knowledge) -> list[float]:
    return [fk_grade(text) for _, _, text in prose(kb) if len(_WORD.findall(text)) >= 12]


# ----------------------------------------------------------------- every language, every text
# Emergency numbers come from one place (galacli/regions.py): the data says {emergency_number}
# wherever it tells the reader to call for help, and never a bare number.
_PLACEHOLDERS = frozenset({"{emergency_number}", "{advice_line}", "{medicines}"})
_ANY_PLACEHOLDER = re.compile(r"\{[^{}\s]*\}")
_CALL_FOR_HELP = {
    "en": re.compile(
        r"\b(?:call|phone|ring|dial)\b[^.!?\n]{0,40}\b(?:emergency|ambulance|help)\b"
        r"|\b(?:get|seek)\s+(?:emergency|urgent)\s+(?:help|care)\b",
        re.I,
    ),
    "zh": re.compile(r"急救|救护车|呼救"),
}
_BARE_NUMBER = re.compile(r"(?<![\d.,])(?:999|911|112|120|000|111)(?![\d.,%])")
# Chinese that is not how mainland readers are advised or spoken to (issue 12).
_DEPARTMENT = (
    "mainland patients go to a hospital department: name it (乳腺外科, 内分泌科, 妇科, 儿科)"
)
ZH_AVOID = {
    "全科医生": _DEPARTMENT,
    "家庭医生": _DEPARTMENT,
    "毒品": "judging word: say 娱乐性药物",
    "女巫奶": "not a common Chinese term: say 新生儿泌乳",
    "女巫乳": "not a common Chinese term: say 新生儿泌乳",
}
# Claims the clinical review (issue 14) corrected: a papilloma is non-cancerous (benign), not
# "harmless"; nipple stimulation is one common trigger, not "the most common reason"; a short
# course of a dopamine agonist "usually works" has no source. Within one sentence, both languages.
OVERCLAIMS = {
    "en": {
        r"\bharmless\b[^.!?\n]*\bpapilloma|\bpapilloma\b[^.!?\n]*\bharmless\b": (
            "a papilloma is non-cancerous, not harmless"
        ),
        r"\bmost (?:common|usual|likely) (?:reason|cause)\b[^.!?\n]*\bnipple"
        r"|\bnipple[^.!?\n]*\bmost (?:common|usual|likely) (?:reason|cause)\b"
        r"|\bmost often (?:linked to|caused by|from) nipple": (
            "nipple stimulation is one common trigger, not the most common reason"
        ),
        r"\bshort course\b[^.!?\n]*\busually works\b": (
            "'a short course usually works' has no source"
        ),
    },
    "zh": {
        r"无害[^。！？\n]*乳头状瘤|乳头状瘤[^。！？\n]*无害"
        r"|导管[^。！？\n]{0,12}无害的[^。！？\n]{0,4}肿物": ("乳头状瘤是良性的，不要说无害"),
        r"最常见的原因是[^。！？\n]{0,8}乳头[^。！？\n]{0,6}刺激|最常见的原因是对乳头": (
            "刺激乳头是一个常见诱因，不是最常见的原因"
        ),
        r"短期服用[^。！？\n]*通常有效": "“短期服用……通常有效”没有出处",
    },
}
_OVERCLAIMS = {
    lang: [(re.compile(pattern, re.I), why) for pattern, why in table.items()]
    for lang, table in OVERCLAIMS.items()
}
_SECTION_FILE = {
    "faq": "faq",
    "categories": "causes",
    "causes": "causes",
    "medicines": "medicines",
    "tiers": "signs",
    "signs": "signs",
    "questions": "questions",
    "ask_the_doctor": "questions",
}


def _struct_texts(value: object, path: Path) -> Iterator[tuple[Path, str, str]]:
    from galacli.knowledge.model import Text, field_names

    if isinstance(value, Text):
        yield (*path, "en"), "en", value.en
        if value.zh:
            yield (*path, "zh"), "zh", value.zh
    elif isinstance(value, msgspec.Struct):
        for name, yaml_name in field_names(type(value)):
            yield from _struct_texts(getattr(value, name), (*path, yaml_name))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _struct_texts(item, (*path, index))


def all_texts(kb: Knowledge) -> Iterator[tuple[str, Path, str, str]]:
    """Every text a person reads, in every language: (file, path, lang, text). Search tags are
    not shown as prose and are left out: a tag may hold the word a person types (毒品)."""
    for section, key in _SECTION_FILE.items():
        for index, record in enumerate(getattr(kb, section)):
            for path, lang, text in _struct_texts(record, (section, index)):
                yield FILES[key], path, lang, text


def _sentences(text: str, lang: str) -> list[str]:
    pattern = r"(?<=[。！？；：])|\n" if lang == "zh" else r"(?<=[.!?:])\s+|\n"
    return [part for part in re.split(pattern, text) if part.strip()]


def region_findings(kb: Knowledge) -> Iterator[Finding]:
    for file, path, lang, text in all_texts(kb):
        for placeholder in _ANY_PLACEHOLDER.findall(text):
            if placeholder not in _PLACEHOLDERS:
                known = ", ".join(sorted(_PLACEHOLDERS))
                yield Finding(file, path, "GLC209", f"unknown placeholder {placeholder} ({known})")
        for sentence in _sentences(text, lang):
            if "{emergency_number}" in sentence:
                continue
            calling = _CALL_FOR_HELP["zh" if lang == "zh" else "en"].search(sentence)
            if calling:
                message = (
                    f"tells the reader to call for help ('{calling.group(0)}') without "
                    "{emergency_number}: the number comes from the region"
                )
                yield Finding(file, path, "GLC207", message)
        for number in _BARE_NUMBER.findall(_ANY_PLACEHOLDER.sub("", text)):
            message = f"names the emergency number {number}: write {{emergency_number}} instead"
            yield Finding(file, path, "GLC208", message)


def wording_findings(kb: Knowledge) -> Iterator[Finding]:
    for file, path, lang, text in all_texts(kb):
        if lang != "zh":
            continue
        for word, why in ZH_AVOID.items():
            if word in text:
                yield Finding(file, path, "GLC210", f"Chinese to avoid '{word}': {why}")


# ----------------------------------------------------------------- the source registry
MAX_SOURCES = 5  # an entry cites the best sources, not every one read (GLC216)
# Hosts that are not where a citation lives (docs/knowledge-format.md lists them). A pattern
# matches the host itself or any subdomain of it.
STAGING_LABELS = frozenset({"staging", "dev", "test", "uat", "qa"})
MIRROR_HOSTS = (
    "scribd.com",
    "docslib.org",
    "pdfslide.net",
    "pdfslide.tips",
    "vdocuments.net",
    "vdocuments.mx",
    "vdocuments.site",
    "123docz.net",
    "123docz.com",
    "bdocx.com",
    "doc88.com",
    "readkong.com",
    "researcher.life",
    "acemap.info",
    "vufind.org",
    "docksci.com",
    "docplayer.net",
    "dokumen.pub",
    "studylib.net",
    "medilib.ir",
    "getit01.com",
    "wenku.baidu.com",
    "book118.com",
    "dashu-dashu.com",
    "lookfordiagnosis.com",
    "skyscape.com",
    "healthdocbox.com",
)
BLOG_HOSTS = (
    "blogspot.com",
    "netlify.app",
    "hackmd.io",
    "zhihu.com",
    "zhidao.baidu.com",
    "120ask.com",
    "sohu.com",
    "wordpress.com",
    "medium.com",
    "quora.com",
    "reddit.com",
    "haodf.com",
    "xywy.com",
    "39.net",
    "ahyllaw.com",
)
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")


def url_host(url: str) -> str:
    """The lower-case host of an http(s) URL, without user info or port."""
    rest = url.split("://", 1)[-1]
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1]
    if host.startswith("["):
        return host[1 : host.find("]")].lower() if "]" in host else host.lower()
    return host.split(":", 1)[0].lower().rstrip(".")


def _on(host: str, domains: tuple[str, ...]) -> str | None:
    return next((d for d in domains if host == d or host.endswith("." + d)), None)


def url_problems(url: str) -> Iterator[tuple[str, str]]:
    """(code, message) for each reason a URL is not a citation (GLC211-GLC214)."""
    host = url_host(url)
    if _IPV4.match(host) or ":" in host:
        yield "GLC211", f"url host is a bare IP address ({host})"
        return
    labels = set(re.split(r"[.-]", host.split(".", 1)[0])) if "." in host else set()
    staging = labels & STAGING_LABELS
    if staging:
        yield "GLC212", f"url host is a {min(staging)} server ({host})"
    mirror = _on(host, MIRROR_HOSTS)
    if mirror:
        yield "GLC213", f"url is on a document-sharing or mirror site ({mirror})"
    blog = _on(host, BLOG_HOSTS)
    if blog:
        yield "GLC214", f"url is on a blog or Q&A site ({blog})"


def _citing(kb: Knowledge) -> Iterator[tuple[str, Path, tuple[str, ...]]]:
    for section, key in _SECTION_FILE.items():
        for index, record in enumerate(getattr(kb, section)):
            cited = getattr(record, "sources", None)
            if cited:
                yield FILES[key], (section, index, "sources"), cited


def source_findings(kb: Knowledge) -> Iterator[Finding]:
    """The registry's problems: hosts that are not citations, articles without DOI or PMID,
    and entries that cite more than MAX_SOURCES."""
    from galacli.knowledge.model import ARTICLE_KINDS

    for index, source in enumerate(kb.sources.values()):
        path: Path = ("sources", index, "url")
        if source.url:
            for code, message in url_problems(source.url):
                yield Finding(FILES["sources"], path, code, f"{source.id}: {message}")
        if source.kind in ARTICLE_KINDS and not (source.doi or source.pmid):
            message = f"{source.id}: a {source.kind} needs a doi or pmid"
            yield Finding(FILES["sources"], ("sources", index, "kind"), "GLC215", message)
    for file, path, cited in _citing(kb):
        if len(cited) > MAX_SOURCES:
            message = f"cites {len(cited)} sources; cite the best {MAX_SOURCES}"
            yield Finding(file, path, "GLC216", message)


def claim_findings(kb: Knowledge) -> Iterator[Finding]:
    for file, path, lang, text in all_texts(kb):
        for pattern, why in _OVERCLAIMS.get("zh" if lang == "zh" else "en", []):
            match = pattern.search(tidy(text))
            if match:
                yield Finding(file, path, "GLC230", f"{why}: '{match.group(0)}'")


def lint(kb: Knowledge) -> list[Finding]:
    return [
        *source_findings(kb),
        *safety_findings(kb),
        *duplicate_findings(kb),
        *serious_findings(kb),
        *reading_findings(kb),
        *region_findings(kb),
        *wording_findings(kb),
        *claim_findings(kb),
    ]
