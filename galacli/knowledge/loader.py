"""Read the knowledge files, validate them into records and cross-check every reference.

Errors never escape as tracebacks: each becomes a DataError naming the file, the line and the
field. The happy path pays only for libyaml's parse and msgspec's conversion; line numbers are
looked up (by composing the YAML node tree) only when something is wrong.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path as Path_
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from galacli import __version__
from galacli.errors import DataError
from galacli.knowledge import model as m
from galacli.knowledge.rules import atoms, parse_condition

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable


def yaml_loader() -> Any:
    """libyaml's safe C loader (6-9x faster than the pure-Python one, which is the fallback).

    PyYAML is imported only when YAML is really parsed: a cached run never pays for it.
    """
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Where each file lives inside the package (the layout of the design card).
FILES: dict[str, str] = {
    "sources": "data/sources.yaml",
    "faq": "data/faq.yaml",
    "causes": "causes.yaml",
    "medicines": "data/medicines.yaml",
    "signs": "data/warning_signs.yaml",
    "questions": "data/questions.yaml",
    "vocabulary": "data/vocabulary.yaml",
}

Path = tuple[str | int, ...]
Problem = tuple[str, Path, str]  # (file, path inside it, what is wrong)
S = TypeVar("S", bound=m.Record)


@dataclass(frozen=True, eq=False)  # identity equality: usable as a cache key
class Knowledge:
    """Everything galacli knows, validated and indexed. Built once per process."""

    sources: Mapping[str, m.Source]
    faq: tuple[m.FaqEntry, ...]
    categories: tuple[m.Category, ...]
    causes: tuple[m.Cause, ...]
    medicines: tuple[m.Medicine, ...]
    tiers: tuple[m.Tier, ...]
    signs: tuple[m.Sign, ...]
    questions: tuple[m.Question, ...]
    synonyms: Mapping[str, tuple[str, ...]]
    version: str

    @functools.cached_property
    def faq_by_id(self) -> Mapping[str, m.FaqEntry]:
        return {entry.id: entry for entry in self.faq}

    @functools.cached_property
    def cause_by_id(self) -> Mapping[str, m.Cause]:
        return {cause.id: cause for cause in self.causes}

    @functools.cached_property
    def category_by_id(self) -> Mapping[str, m.Category]:
        return {category.id: category for category in self.categories}

    @functools.cached_property
    def tier_by_id(self) -> Mapping[str, m.Tier]:
        return {tier.id: tier for tier in self.tiers}

    @functools.cached_property
    def question_by_id(self) -> Mapping[str, m.Question]:
        return {question.id: question for question in self.questions}


def _decode_hook(type_: type, obj: Any) -> Any:
    if type_ is m.Rule:
        return m.Rule(parse_condition(obj), obj)
    if type_ is datetime.date and isinstance(obj, str):
        return datetime.date.fromisoformat(obj)
    raise NotImplementedError(type_)


_PATH_PART = re.compile(r"\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[\.\.\.\]")


def _parse_msgspec_path(path: str) -> Path:
    parts: list[str | int] = []
    for name, index in _PATH_PART.findall(path.removeprefix("$")):
        if name:
            parts.append(name)
        elif index:
            parts.append(int(index))
    return tuple(parts)


def line_of(text: str, path: Path) -> int | None:
    """The 1-based line of the deepest YAML node that `path` reaches (only on the error path)."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml_loader())
    except yaml.YAMLError:
        return None
    line = None
    for part in path:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            node = None
    if node is not None:
        line = node.start_mark.line + 1
    return line


def format_path(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _parse_yaml(text: str, label: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=yaml_loader())  # noqa: S506 - a safe loader (C or Python)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(label, line, "", f"not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise DataError(label, None, "", f"not valid YAML: {exc}") from None


def _convert(raw: Any, type_: type[S], text: str, label: str) -> S:
    try:
        return msgspec.convert(raw, type_, dec_hook=_decode_hook)
    except msgspec.ValidationError as exc:
        message = str(exc)
        problem, _, where = message.partition(" - at `")
        path = _parse_msgspec_path(where.rstrip("`"))
        if "got `bool`" in problem:
            problem += ' (write "yes" and "no" in quotes)'
        raise DataError(label, line_of(text, path), format_path(path), problem) from None


def read_text(root: Traversable, relative: str) -> str:
    label = f"galacli/{relative}"
    try:
        data = root.joinpath(relative).read_bytes()
    except OSError as exc:
        raise DataError(label, None, "", f"cannot be read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(label, line, "", "is not UTF-8 text") from None


def _load(texts: Mapping[str, str], key: str, type_: type[S]) -> S:
    relative = FILES[key]
    label = f"galacli/{relative}"
    text = texts[key]
    raw = _parse_yaml(text, label)
    if not isinstance(raw, dict):
        raise DataError(label, 1, "", "must be a YAML mapping at the top level")
    return _convert(raw, type_, text, label)


def cross_check(kb: Knowledge) -> Iterator[Problem]:
    """Every reference resolves, every id is unique, every rule asks known questions."""
    yield from _unique(FILES["sources"], "sources", kb.sources.values())
    yield from _unique(FILES["faq"], "faq", kb.faq)
    yield from _unique(FILES["causes"], "categories", kb.categories)
    yield from _unique(FILES["causes"], "causes", kb.causes)
    yield from _unique(FILES["medicines"], "medicines", kb.medicines)
    yield from _unique(FILES["signs"], "signs", kb.signs)
    yield from _unique(FILES["questions"], "questions", kb.questions)

    def sources_of(file: str, section: str, items: Sequence[Any]) -> Iterator[Problem]:
        for i, item in enumerate(items):
            for j, source in enumerate(item.sources):
                if source not in kb.sources:
                    yield file, (section, i, "sources", j), f"unknown source id '{source}'"

    for i, entry in enumerate(kb.faq):
        for j, other in enumerate(entry.related):
            if other not in kb.faq_by_id or other == entry.id:
                yield FILES["faq"], ("faq", i, "related", j), f"unknown related FAQ id '{other}'"
        for j, cause_id in enumerate(entry.causes):
            if cause_id not in kb.cause_by_id:
                yield FILES["faq"], ("faq", i, "causes", j), f"unknown cause id '{cause_id}'"
    yield from sources_of(FILES["faq"], "faq", kb.faq)

    for i, cause in enumerate(kb.causes):
        if cause.category not in kb.category_by_id:
            yield FILES["causes"], ("causes", i, "category"), f"unknown category '{cause.category}'"
        for kind in ("supports", "against"):
            for j, clue in enumerate(getattr(cause, kind)):
                yield from _check_rule(
                    kb, FILES["causes"], ("causes", i, kind, j, "when"), clue.when
                )
    yield from sources_of(FILES["causes"], "causes", kb.causes)

    for i, medicine in enumerate(kb.medicines):
        if medicine.cause not in kb.cause_by_id:
            problem = f"unknown cause id '{medicine.cause}'"
            yield FILES["medicines"], ("medicines", i, "cause"), problem
    yield from sources_of(FILES["medicines"], "medicines", kb.medicines)

    if tuple(tier.id for tier in kb.tiers) != m.TIER_ORDER:
        yield FILES["signs"], ("tiers",), f"tiers must be exactly {', '.join(m.TIER_ORDER)}"
    for i, sign in enumerate(kb.signs):
        yield from _check_rule(kb, FILES["signs"], ("signs", i, "when"), sign.when)
    yield from sources_of(FILES["signs"], "signs", kb.signs)

    for i, question in enumerate(kb.questions):
        if question.kind == "choice" and not question.values:
            yield FILES["questions"], ("questions", i, "values"), "a choice question needs values"
        if question.ask_if is not None:
            rule = question.ask_if
            yield from _check_rule(kb, FILES["questions"], ("questions", i, "ask_if"), rule)
        if question.derived:
            for j, choice in enumerate(question.values):
                if choice.id not in kb.cause_by_id:
                    problem = f"unknown cause id '{choice.id}'"
                    yield FILES["questions"], ("questions", i, "values", j, "id"), problem


def _unique(file: str, section: str, items: Any) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            yield file, (section, i, "id"), f"duplicate id '{item.id}'"
        seen.add(item.id)


def _check_rule(kb: Knowledge, file: str, path: Path, rule: m.Rule) -> Iterator[Problem]:
    for atom in atoms(rule.condition):
        question = kb.question_by_id.get(atom.question)
        if question is None:
            yield file, path, f"rule asks unknown question '{atom.question}'"
            continue
        allowed = {choice.id for choice in question.values}
        for value in sorted(atom.values - allowed):
            yield (
                file,
                path,
                f"rule uses value '{value}' that question '{question.id}' does not allow",
            )


def _version(texts: Mapping[str, str], kb: Knowledge) -> str:
    dates = [
        *(e.reviewed for e in kb.faq),
        *(c.reviewed for c in kb.causes),
        *(d.reviewed for d in kb.medicines),
        *(s.reviewed for s in kb.signs),
    ]
    newest = max(dates).isoformat() if dates else "unreviewed"
    return f"{newest}+{_digest(texts)[:8]}"


def _digest(texts: Mapping[str, str]) -> str:
    return hashlib.sha256("\0".join(texts[key] for key in FILES).encode()).hexdigest()


def read_all(root: Traversable) -> dict[str, str]:
    return {key: read_text(root, relative) for key, relative in FILES.items()}


def build(texts: Mapping[str, str]) -> Knowledge:
    """Parse, validate and cross-check the knowledge files' texts."""
    sources = _load(texts, "sources", m.SourcesFile)
    faq = _load(texts, "faq", m.FaqFile)
    causes = _load(texts, "causes", m.CausesFile)
    medicines = _load(texts, "medicines", m.MedicinesFile)
    signs = _load(texts, "signs", m.SignsFile)
    questions = _load(texts, "questions", m.QuestionsFile)
    vocabulary = _load(texts, "vocabulary", m.VocabularyFile)
    kb = _from_snapshot(
        m.Snapshot(
            sources=sources.sources,
            faq=faq.faq,
            categories=causes.categories,
            causes=causes.causes,
            medicines=medicines.medicines,
            tiers=signs.tiers,
            signs=signs.signs,
            questions=questions.questions,
            synonyms={
                key: (*vocabulary.synonyms.get(key, ()), *vocabulary.zh.get(key, ()))
                for key in {**vocabulary.synonyms, **vocabulary.zh}
            },
            version="",
        )
    )
    by_file = {FILES[key]: texts[key] for key in FILES}
    for file, path, problem in cross_check(kb):
        raise DataError(f"galacli/{file}", line_of(by_file[file], path), format_path(path), problem)
    return dataclasses.replace(kb, version=_version(texts, kb))


def load_from(root: Traversable) -> Knowledge:
    return build(read_all(root))


# ---- the cache: validated knowledge as msgpack, keyed on the files' content and the program
# version. It only saves time (about 35 ms a run); any problem with it means a normal load.


def cache_dir() -> Path_ | None:
    if os.environ.get("GALACLI_NO_CACHE"):
        return None
    if os.environ.get("GALACLI_CACHE_DIR"):
        return Path_(os.environ["GALACLI_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path_(base) / "galacli"


def _encode_hook(obj: Any) -> Any:
    if isinstance(obj, m.Rule):
        return obj.raw
    raise NotImplementedError(type(obj))


def _snapshot(kb: Knowledge) -> m.Snapshot:
    return m.Snapshot(
        sources=tuple(kb.sources.values()),
        faq=kb.faq,
        categories=kb.categories,
        causes=kb.causes,
        medicines=kb.medicines,
        tiers=kb.tiers,
        signs=kb.signs,
        questions=kb.questions,
        synonyms=dict(kb.synonyms),
        version=kb.version,
    )


def _from_snapshot(snap: m.Snapshot) -> Knowledge:
    return Knowledge(
        sources={source.id: source for source in snap.sources},
        faq=snap.faq,
        categories=snap.categories,
        causes=snap.causes,
        medicines=snap.medicines,
        tiers=snap.tiers,
        signs=snap.signs,
        questions=snap.questions,
        synonyms=snap.synonyms,
        version=snap.version,
    )


def load_cached(texts: Mapping[str, str]) -> Knowledge:
    folder = cache_dir()
    if folder is None:
        return build(texts)
    key = hashlib.sha256(f"{__version__}\0{_digest(texts)}".encode()).hexdigest()[:24]
    path = folder / f"knowledge-{key}.msgpack"
    try:
        snap = msgspec.msgpack.decode(path.read_bytes(), type=m.Snapshot, dec_hook=_decode_hook)
        return _from_snapshot(snap)
    except (OSError, msgspec.DecodeError, ValueError):
        pass  # no cache yet, or one we cannot use: build and (try to) store it
    kb = build(texts)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(msgspec.msgpack.encode(_snapshot(kb), enc_hook=_encode_hook))
        os.replace(temporary, path)
        for stale in folder.glob("knowledge-*.msgpack"):
            if stale != path:
                stale.unlink()  # caches of earlier versions are never read again
    except OSError:
        pass  # a read-only home or a full disk only costs time
    return kb


@functools.lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    """The shipped knowledge, loaded once per process (from the cache when it matches)."""
    return load_cached(read_all(resources.files("galacli")))
