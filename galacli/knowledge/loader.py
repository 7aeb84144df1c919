"""Read the knowledge files (shipped, plus an optional pack), validate them into records and
cross-check every reference.

Errors never escape as tracebacks: each becomes a Finding with a stable code, located at a file,
a line and a field. A normal load stops at the first one (a DataError, exit 3); `galacli
validate` collects them all. The happy path pays only for libyaml's parse and msgspec's
conversion; line numbers are looked up (by composing the YAML node tree) only when something is
wrong.

A pack is a folder of knowledge files with the shipped names (`faq.yaml`, `causes.yaml`, ...; at
its top level or in the shipped layout). Each entry adds to the shipped ones, or replaces the one
with the same id in place; the result is validated exactly as the shipped knowledge is.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path as Path_
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import msgspec

try:  # BLAKE2 without loading OpenSSL (hashlib's import costs 2 ms a run)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b

from galacli import __version__
from galacli.errors import DataError
from galacli.knowledge import model as m
from galacli.knowledge import safe_yaml
from galacli.knowledge.rules import atoms, parse_condition

if TYPE_CHECKING:
    import sys

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

PACKAGE = Path_(__file__).resolve().parent.parent
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
# The lists each file holds, and the record type of their entries (all have an `id`).
SECTIONS: dict[str, dict[str, type[Any]]] = {
    "sources": {"sources": m.Source},
    "faq": {"faq": m.FaqEntry},
    "causes": {"categories": m.Category, "causes": m.Cause},
    "medicines": {"medicines": m.Medicine, "medicine_classes": m.MedicineClass},
    "signs": {"tiers": m.Tier, "signs": m.Sign},
    "questions": {"ask_the_doctor": m.AskDoctor, "questions": m.Question},
}
VOCABULARY_SECTIONS = ("synonyms", "zh")

Path = tuple[str | int, ...]


class Finding(NamedTuple):
    """One problem, before it is located: `file` is a key of FILES, `path` starts with the
    section and the entry's index in the merged knowledge."""

    file: str
    path: Path
    code: str
    message: str


class Located(NamedTuple):
    """One problem, located in a file (`galacli validate` prints it as FILE:LINE: GLCnnn ...)."""

    file: str
    line: int | None
    code: str
    message: str
    field: str

    def error(self) -> DataError:
        return DataError(self.file, self.line, self.field, f"{self.code} {self.message}")


class KnowledgeFile(msgspec.Struct, frozen=True, dict=True):
    key: str  # a key of FILES
    label: str  # how messages name it
    data: bytes
    trusted: bool = False  # the shipped files skip the hostile-YAML checks

    @functools.cached_property
    def text(self) -> str:
        """Decoded only when parsed: a run served from the cache hashes bytes, never text."""
        return safe_yaml.decode(self.data, self.label, trusted=self.trusted)


class Knowledge:
    """Everything galacli knows, validated and indexed. Built once per process.

    Equality is identity, so a Knowledge is a cache key. From the cache, each section stays raw
    msgpack until first used: `galacli faq men` never decodes the questionnaire or the signs.
    """

    def __init__(
        self,
        *,
        sources: Mapping[str, m.Source] | msgspec.Raw,
        faq: tuple[m.FaqEntry, ...] | msgspec.Raw,
        categories: tuple[m.Category, ...] | msgspec.Raw,
        causes: tuple[m.Cause, ...] | msgspec.Raw,
        medicines: tuple[m.Medicine, ...] | msgspec.Raw,
        tiers: tuple[m.Tier, ...] | msgspec.Raw,
        signs: tuple[m.Sign, ...] | msgspec.Raw,
        questions: tuple[m.Question, ...] | msgspec.Raw,
        ask_the_doctor: tuple[m.AskDoctor, ...] | msgspec.Raw = (),
        medicine_classes: tuple[m.MedicineClass, ...] | msgspec.Raw = (),
        synonyms: Mapping[str, tuple[str, ...]] | msgspec.Raw,
        version: str,
        cache_key: str = "",  # set when the knowledge came through the cache
        overrides: tuple[m.OverrideNotice, ...] = (),
        pack: str | None = None,
    ) -> None:
        self._sections: dict[str, Any] = {
            "sources": sources,
            "faq": faq,
            "categories": categories,
            "causes": causes,
            "medicines": medicines,
            "medicine_classes": medicine_classes,
            "tiers": tiers,
            "signs": signs,
            "questions": questions,
            "ask_the_doctor": ask_the_doctor,
            "synonyms": synonyms,
        }
        self.version = version
        self.cache_key = cache_key
        # Declared changes to shipped safety rules (`overrides:`), shown on every output.
        self.overrides = overrides
        self.pack = pack  # the pack folder in use, if any
        # From the cache: builds the same knowledge from the YAML, for a section that fails
        # its typed decode (the cache is then dropped, never trusted or fatal).
        self.heal: Callable[[], Knowledge] | None = None

    def _section(self, name: str) -> Any:
        value = self._sections[name]
        if isinstance(value, msgspec.Raw):
            try:
                with gc_paused():
                    value = msgspec.msgpack.decode(
                        value, type=SNAPSHOT_TYPES[name], dec_hook=_decode_hook
                    )
                if name == "tiers" and tuple(t.id for t in value) != m.TIER_ORDER:
                    raise ValueError("tiers")
            except (msgspec.DecodeError, ValueError):
                return self._healed(name)
            if name == "sources":
                value = {source.id: source for source in value}
            self._sections[name] = value
            if name == "signs" and not self._rules_resolve():
                return self._healed(name)
        return value

    def _rules_resolve(self) -> bool:
        known = self.question_by_id
        return all(a.question in known for s in self.signs for a in atoms(s.when.condition))

    def _healed(self, name: str) -> Any:
        """Replace every section still raw (and this one) with freshly built ones."""
        if self.heal is None:
            problem = "is damaged: delete it, or set GALACLI_NO_CACHE=1"
            raise DataError(f"the knowledge cache ({cache_dir()})", None, "", problem)
        fresh, self.heal = self.heal(), None
        for section, value in self._sections.items():
            if isinstance(value, msgspec.Raw) or section == name:
                self._sections[section] = fresh._sections[section]
        self.__dict__.pop("question_by_id", None)
        self.__dict__.pop("faq_by_id", None)
        return self._sections[name]

    def replace(self, **changes: Any) -> Knowledge:
        fields = {name: self._section(name) for name in self._sections}
        kept = {
            "version": self.version,
            "cache_key": self.cache_key,
            "overrides": self.overrides,
            "pack": self.pack,
        }
        return Knowledge(**{**kept, **fields, **changes})

    @property
    def sources(self) -> Mapping[str, m.Source]:
        return self._section("sources")  # type: ignore[no-any-return]

    @property
    def faq(self) -> tuple[m.FaqEntry, ...]:
        return self._section("faq")  # type: ignore[no-any-return]

    @property
    def categories(self) -> tuple[m.Category, ...]:
        return self._section("categories")  # type: ignore[no-any-return]

    @property
    def causes(self) -> tuple[m.Cause, ...]:
        return self._section("causes")  # type: ignore[no-any-return]

    @property
    def medicines(self) -> tuple[m.Medicine, ...]:
        return self._section("medicines")  # type: ignore[no-any-return]

    @property
    def medicine_classes(self) -> tuple[m.MedicineClass, ...]:
        return self._section("medicine_classes")  # type: ignore[no-any-return]

    @property
    def tiers(self) -> tuple[m.Tier, ...]:
        return self._section("tiers")  # type: ignore[no-any-return]

    @property
    def signs(self) -> tuple[m.Sign, ...]:
        return self._section("signs")  # type: ignore[no-any-return]

    @property
    def questions(self) -> tuple[m.Question, ...]:
        return self._section("questions")  # type: ignore[no-any-return]

    @property
    def ask_the_doctor(self) -> tuple[m.AskDoctor, ...]:
        return self._section("ask_the_doctor")  # type: ignore[no-any-return]

    @property
    def synonyms(self) -> Mapping[str, tuple[str, ...]]:
        return self._section("synonyms")  # type: ignore[no-any-return]

    @functools.cached_property
    def faq_by_id(self) -> Mapping[str, m.FaqEntry]:
        raw = self._sections["faq"]
        if isinstance(raw, msgspec.Raw):  # still raw: decode just the entries asked for
            try:
                return _LazyById(raw, m.FaqEntry, self)
            except (msgspec.DecodeError, ValueError):
                self._healed("faq")
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


class _IdOnly(msgspec.Struct):
    id: str


class _LazyById(Mapping[str, Any]):
    """id -> record over a raw msgpack list, decoding a record only when it is looked up.
    `galacli faq QUERY` on a 10,000-entry pack decodes five entries, not 10,000 (26 -> 11 ms)."""

    def __init__(self, raw: msgspec.Raw, type_: type[Any], kb: Knowledge) -> None:
        self._kb = kb
        with gc_paused():
            items = msgspec.msgpack.decode(raw, type=tuple[msgspec.Raw, ...])
            ids = msgspec.msgpack.Decoder(_IdOnly)
            self._raw = {ids.decode(item).id: item for item in items}
        self._decoder = msgspec.msgpack.Decoder(type_, dec_hook=_decode_hook)
        self._done: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self._done:
            try:
                self._done[key] = self._decoder.decode(self._raw[key])
            except (msgspec.DecodeError, ValueError):  # a damaged entry: build afresh
                self._kb._healed("faq")
                self._done = {entry.id: entry for entry in self._kb.faq}
        return self._done[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


# The type of each section as the cache stores it (m.Snapshot's fields).
SNAPSHOT_TYPES: dict[str, Any] = {
    "sources": tuple[m.Source, ...],
    "faq": tuple[m.FaqEntry, ...],
    "categories": tuple[m.Category, ...],
    "causes": tuple[m.Cause, ...],
    "medicines": tuple[m.Medicine, ...],
    "medicine_classes": tuple[m.MedicineClass, ...],
    "tiers": tuple[m.Tier, ...],
    "signs": tuple[m.Sign, ...],
    "questions": tuple[m.Question, ...],
    "ask_the_doctor": tuple[m.AskDoctor, ...],
    "synonyms": dict[str, tuple[str, ...]],
}


class LazySnapshot(msgspec.Struct, frozen=True, kw_only=True):
    """m.Snapshot read back with every section left as raw msgpack (decoded on first use)."""

    sources: msgspec.Raw
    faq: msgspec.Raw
    categories: msgspec.Raw
    causes: msgspec.Raw
    medicines: msgspec.Raw
    tiers: msgspec.Raw
    signs: msgspec.Raw
    questions: msgspec.Raw
    ask_the_doctor: msgspec.Raw
    synonyms: msgspec.Raw
    version: str
    overrides: tuple[m.OverrideNotice, ...] = ()
    medicine_classes: msgspec.Raw = msgspec.Raw(b"\x90")


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


@functools.lru_cache(maxsize=16)
def _compose(text: str) -> Any:
    import yaml

    try:
        return yaml.compose(text, Loader=safe_yaml.yaml_loader())
    except yaml.YAMLError:
        return None


def line_of(text: str, path: Path) -> int | None:
    """The 1-based line of the deepest YAML node that `path` reaches (only on the error path)."""
    import yaml

    node = _compose(text)
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


def _schema_problem(exc: msgspec.ValidationError) -> tuple[str, Path]:
    problem, _, where = str(exc).partition(" - at `")
    if "got `bool`" in problem:
        problem += ' (write "yes" and "no" in quotes)'
    return problem, _parse_msgspec_path(where.rstrip("`"))


# ---- reading files


def read_shipped(root: Traversable | None = None) -> list[KnowledgeFile]:
    """The knowledge files in the package (or in a copy of its layout, for tests)."""
    # The installed package folder: importlib.resources would cost 3 ms of imports a run, and
    # galacli is never run from a zip file.
    root = root or PACKAGE
    files = []
    for key, relative in FILES.items():
        label = f"galacli/{relative}"
        try:
            data = root.joinpath(relative).read_bytes()
        except OSError as exc:
            raise DataError(label, None, "", f"cannot be read: {exc.strerror or exc}") from None
        files.append(KnowledgeFile(key, label, data, trusted=True))
    return files


def pack_candidates(folder: Path_, key: str) -> list[Path_]:
    relative = FILES[key]
    names = [folder / relative, folder / Path_(relative).name]
    return list(dict.fromkeys(names))


def _kind_of(path: Path_) -> str:
    if path.is_symlink() and not path.exists():
        return "a symbolic link to nothing"
    if path.is_dir():
        return "a folder"
    if path.is_fifo():
        return "a named pipe"
    if path.is_char_device() or path.is_block_device():
        return "a device"
    if path.is_socket():
        return "a socket"
    return "not a file"


def read_pack(folder: Path_) -> tuple[list[KnowledgeFile], list[Located]]:
    """The knowledge files in a pack folder, and what is wrong with the folder itself."""
    files: list[KnowledgeFile] = []
    problems: list[Located] = []
    used: set[Path_] = set()
    for key in FILES:
        named = [path for path in pack_candidates(folder, key) if os.path.lexists(path)]
        used.update(named)
        found = [path for path in named if path.is_file()]
        for odd in (path for path in named if not path.is_file()):
            # Never opened: a FIFO would hang the read, a device could be endless.
            message = f"is not a regular file ({_kind_of(odd)}), so it cannot be read"
            problems.append(Located(str(odd), None, "GLC100", message, ""))
        if len(found) > 1:
            message = f"two files for the same knowledge: {found[0]} and {found[1]}"
            problems.append(Located(str(folder), None, "GLC110", message, ""))
        if not found:
            continue
        label = str(found[0])
        try:
            size = found[0].stat().st_size
            if size > safe_yaml.MAX_BYTES:
                message = f"is too large ({size:,} bytes; limit {safe_yaml.MAX_BYTES:,})"
                problems.append(Located(label, None, "GLC100", message, ""))
                continue
            data = found[0].read_bytes()
        except OSError as exc:
            problems.append(Located(label, None, "GLC100", f"cannot be read: {exc.strerror}", ""))
            continue
        files.append(KnowledgeFile(key, label, data))
    known = ", ".join(Path_(relative).name for relative in FILES.values())
    for path in sorted([*folder.glob("*.y*ml"), *folder.glob("data/*.y*ml")]):
        if path not in used:
            message = f"is not a galacli knowledge file (expected one of: {known})"
            problems.append(Located(str(path), None, "GLC110", message, ""))
    if not files and not problems:
        message = f"holds no knowledge files (expected one of: {known})"
        problems.append(Located(str(folder), None, "GLC110", message, ""))
    return files, problems


# ---- parsing, merging and checking

_SYNONYMS = dict[m.NonEmpty, tuple[m.NonEmpty, ...]]
OVERRIDES = "overrides"  # a pack file's declared changes to shipped safety rules


class Origin(msgspec.Struct, frozen=True):
    """Where a merged entry was written: its file and its index in that file's list."""

    file: KnowledgeFile
    index: int


class Assembly(msgspec.Struct, frozen=True):
    """Merged knowledge (None if a file could not be read into records), every problem found,
    and where each merged entry came from (to turn a Finding into a file and line)."""

    files: tuple[KnowledgeFile, ...]
    knowledge: Knowledge | None
    problems: tuple[Located, ...]
    origins: Mapping[str, tuple[Origin, ...]]

    def locate(self, finding: Finding) -> Located:
        path = finding.path
        entries = self.origins.get(str(path[0]), ()) if path else ()
        if len(path) > 1 and isinstance(path[1], int) and path[1] < len(entries):
            origin = entries[path[1]]
            file, local = origin.file, (path[0], origin.index, *path[2:])
        else:
            by_relative = {FILES[f.key]: f for f in self.files}
            file = entries[0].file if entries else by_relative[finding.file]
            local = path
        line = line_of(file.text, local) if local else None
        return Located(file.label, line, finding.code, finding.message, format_path(local))


def _read_sections(
    file: KnowledgeFile, problems: list[Located]
) -> Iterator[tuple[str, int | str, Any]]:
    """(section, index or vocabulary key, record) for every valid entry of one file."""
    try:
        text = file.text
    except DataError as error:  # not UTF-8
        problems.append(Located(file.label, error.line, "GLC100", error.problem, ""))
        return
    try:
        raw = safe_yaml.parse(text, file.label, trusted=file.trusted)
    except DataError as error:
        problems.append(Located(file.label, error.line, "GLC101", error.problem, ""))
        return
    expected = tuple(SECTIONS.get(file.key, {})) or VOCABULARY_SECTIONS
    if not file.trusted and file.key in ("signs", "questions", "medicines"):
        expected += (OVERRIDES,)  # the files whose changes can lower triage (_FLOORS)
    if raw is None:
        problems.append(Located(file.label, 1, "GLC101", "is empty", ""))
        return
    if not isinstance(raw, dict):
        message = "must be a YAML mapping at the top level"
        problems.append(Located(file.label, 1, "GLC102", message, ""))
        return
    for name in raw:
        if name not in expected:
            message = f"unknown section '{name}' (expected: {', '.join(expected)})"
            problems.append(Located(file.label, line_of(file.text, (name,)), "GLC102", message, ""))
    for section in expected:
        if section not in raw:
            if file.trusted and section != "zh":
                message = f"missing section '{section}'"
                problems.append(Located(file.label, 1, "GLC102", message, ""))
            continue
        yield from _read_section(file, section, raw[section], problems)


def _read_section(
    file: KnowledgeFile, section: str, items: Any, problems: list[Located]
) -> Iterator[tuple[str, int | str, Any]]:
    def problem(message: str, path: Path) -> None:
        line = line_of(file.text, path)
        problems.append(Located(file.label, line, "GLC102", message, format_path(path)))

    if section == OVERRIDES:
        try:
            declared = msgspec.convert(items, tuple[m.Override, ...])
        except msgspec.ValidationError as exc:
            message, path = _schema_problem(exc)
            problem(message, (section, *path))
            return
        for index, override in enumerate(declared):
            yield section, index, override
        return
    if section in VOCABULARY_SECTIONS:
        try:
            vocabulary = msgspec.convert(items, _SYNONYMS)
        except msgspec.ValidationError as exc:
            message, path = _schema_problem(exc)
            problem(message, (section, *path))
            return
        for key, words in vocabulary.items():
            yield section, key, words
        return
    if not isinstance(items, list):
        problem(f"'{section}' must be a list", (section,))
        return
    record_type = SECTIONS[file.key][section]
    seen: set[str] = set()
    for index, item in enumerate(items):
        try:
            record = msgspec.convert(item, record_type, dec_hook=_decode_hook)
        except msgspec.ValidationError as exc:
            message, path = _schema_problem(exc)
            problem(message, (section, index, *path))
            continue
        if record.id in seen:
            path = (section, index, "id")
            line = line_of(file.text, path)
            message = f"duplicate id '{record.id}'"
            problems.append(Located(file.label, line, "GLC103", message, format_path(path)))
            continue
        seen.add(record.id)
        yield section, index, record


def assemble(files: Sequence[KnowledgeFile]) -> Assembly:
    """Read every file in order; a later entry replaces an earlier one with the same id (in its
    place), a new id is appended. Then cross-check the merged knowledge."""
    problems: list[Located] = []
    merged: dict[str, dict[str, tuple[Any, Origin]]] = {
        section: {} for sections in SECTIONS.values() for section in sections
    }
    shipped: dict[str, dict[str, Any]] = {section: {} for section in merged}
    declared: list[tuple[m.Override, Origin]] = []
    synonyms: dict[str, dict[str, None]] = {}  # ordered sets
    for file in files:
        for section, where, record in _read_sections(file, problems):
            if isinstance(where, str):
                synonyms.setdefault(where, {}).update(dict.fromkeys(record))
            elif section == OVERRIDES:
                declared.append((record, Origin(file, where)))
            else:
                merged[section][record.id] = (record, Origin(file, where))
                if file.trusted:
                    shipped[section][record.id] = record
    notices = _floors(shipped, merged, declared, problems)
    origins = {
        section: tuple(origin for _, origin in entries.values())
        for section, entries in merged.items()
    }
    if problems:
        return Assembly(tuple(files), None, tuple(problems), origins)

    def records(section: str) -> tuple[Any, ...]:
        return tuple(record for record, _ in merged[section].values())

    kb = Knowledge(
        sources={source.id: source for source in records("sources")},
        faq=records("faq"),
        categories=records("categories"),
        causes=records("causes"),
        medicines=records("medicines"),
        medicine_classes=records("medicine_classes"),
        tiers=records("tiers"),
        signs=records("signs"),
        questions=records("questions"),
        ask_the_doctor=records("ask_the_doctor"),
        synonyms={key: tuple(words) for key, words in synonyms.items()},
        version="",
        overrides=notices,
    )
    assembly = Assembly(tuple(files), kb, (), origins)
    located = tuple(assembly.locate(finding) for finding in cross_check(kb))
    kb = kb.replace(version=_version(files, kb))
    return msgspec.structs.replace(assembly, knowledge=kb, problems=located)


# ---- safety floors: a pack may add signs and make triage more urgent, never silently less.
# Each check names a field of a shipped entry that, changed, can lower the tier for the same
# answers; a pack file's `overrides:` must name the entry (with a reason) to change it.


def _rule(rule: m.Rule | None) -> Any:
    return None if rule is None else rule.raw


def _sign_change(old: m.Sign | None, new: m.Sign) -> tuple[str, str] | None:
    if old is None:
        if new.tier == "self-care":  # a new reassuring pattern can turn routine into self-care
            return "tier", "adds a self-care sign"
        return None
    if m.TIER_ORDER.index(new.tier) > m.TIER_ORDER.index(old.tier):
        return "tier", f"lowers the tier of '{old.id}' from {old.tier} to {new.tier}"
    if new.tier == "self-care" and old.tier == "self-care":
        if _rule(new.when) != _rule(old.when):
            return "when", f"changes the rule of the self-care sign '{old.id}'"
        return None
    if _rule(new.when) != _rule(old.when):
        return "when", f"changes the rule of the warning sign '{old.id}'"
    return None


def _question_change(old: m.Question | None, new: m.Question) -> tuple[str, str] | None:
    if old is None:
        return None
    if new.kind != old.kind:
        return "kind", f"changes the kind of question '{old.id}' from {old.kind} to {new.kind}"
    if [c.id for c in new.values] != [c.id for c in old.values]:
        return "values", f"changes the values of question '{old.id}'"
    if _rule(new.ask_if) != _rule(old.ask_if):
        return "ask_if", f"changes when question '{old.id}' is asked"
    if new.derived != old.derived:
        return "derived", f"changes whether question '{old.id}' is derived"
    return None


def _medicine_change(old: m.Medicine | None, new: m.Medicine) -> tuple[str, str] | None:
    if old is None:
        return None
    if new.cause != old.cause:
        return "cause", f"changes the cause of medicine '{old.id}'"
    raises = {"high", "moderate", "low", "listed", "unclear"}
    if old.strength in raises and new.strength not in raises:
        return "strength", f"says medicine '{old.id}' no longer raises prolactin"
    return None


_FLOORS: dict[str, Callable[[Any, Any], tuple[str, str] | None]] = {
    "signs": _sign_change,
    "questions": _question_change,
    "medicines": _medicine_change,
}


def _floors(
    shipped: Mapping[str, Mapping[str, Any]],
    merged: Mapping[str, Mapping[str, tuple[Any, Origin]]],
    declared: Sequence[tuple[m.Override, Origin]],
    problems: list[Located],
) -> tuple[m.OverrideNotice, ...]:
    """GLC111 for each undeclared change to a shipped safety rule, GLC112 for each override
    that names no such change; the declared changes in force, to show on every output."""
    wanted = {(origin.file.label, override.id): (override, origin) for override, origin in declared}
    used: set[tuple[str, str]] = set()
    notices: list[m.OverrideNotice] = []
    for section, change_of in _FLOORS.items():
        for missing in shipped[section].keys() - merged[section].keys():  # never, today
            problems.append(Located("", None, "GLC111", f"removes the shipped '{missing}'", ""))
        for entry_id, (record, origin) in merged[section].items():
            if origin.file.trusted:
                continue
            change = change_of(shipped[section].get(entry_id), record)
            if change is None:
                continue
            field, what = change
            key = (origin.file.label, entry_id)
            if key in wanted:
                used.add(key)
                reason = wanted[key][0].reason
                notice = m.OverrideNotice(file=key[0], id=entry_id, change=what, reason=reason)
                notices.append(notice)
                continue
            path = (section, origin.index, field)
            message = (
                f"{what}, which can make galacli's triage less urgent; to do this on purpose, "
                f"name '{entry_id}' with a reason under a top-level 'overrides:' in this file"
            )
            line = line_of(origin.file.text, path)
            problems.append(Located(origin.file.label, line, "GLC111", message, format_path(path)))
    for key, (override, origin) in wanted.items():
        if key not in used:
            path = (OVERRIDES, origin.index, "id")
            message = (
                f"overrides '{override.id}', but this file does not change a shipped safety "
                "rule of that id"
            )
            line = line_of(origin.file.text, path)
            problems.append(Located(origin.file.label, line, "GLC112", message, format_path(path)))
    return tuple(notices)


def build(files: Sequence[KnowledgeFile]) -> Knowledge:
    """Parse, validate and cross-check; the first problem is raised as a DataError (exit 3)."""
    assembly = assemble(files)
    if assembly.problems or assembly.knowledge is None:
        raise assembly.problems[0].error()
    return assembly.knowledge


def _medicine_names(kb: Knowledge, label: str) -> Iterator[Finding]:
    """GLC114: a name (generic, brand, alias, id; or a group's name) that two medicines or groups
    share, compared as the lookup compares them. GLC104: a group member that is not a medicine."""
    owners: dict[str, str] = {}
    for i, medicine in enumerate(kb.medicines):
        names = [medicine.id, medicine.generic.en, medicine.generic.zh or ""]
        for j, name in enumerate(names + list(medicine.brands) + list(medicine.aliases)):
            key = m.name_key(name)
            if key and owners.setdefault(key, medicine.id) != medicine.id:
                message = f"'{name}' also names '{owners[key]}'"
                yield Finding(
                    label, ("medicines", i, "generic" if j < 3 else "brands"), "GLC114", message
                )
    known = {medicine.id for medicine in kb.medicines}
    for i, group in enumerate(kb.medicine_classes):
        owner = f"group {group.id}"
        for name in (group.id, group.name.en, group.name.zh or "", *group.names):
            key = m.name_key(name)
            if key and owners.setdefault(key, owner) != owner:
                message = f"'{name}' also names '{owners[key]}'"
                yield Finding(label, ("medicine_classes", i, "names"), "GLC114", message)
        for j, member in enumerate(group.members):
            if member not in known:
                path = ("medicine_classes", i, "members", j)
                yield Finding(label, path, "GLC104", f"unknown medicine id '{member}'")
        if group.usual is not None and group.usual not in group.members:
            yield Finding(
                label,
                ("medicine_classes", i, "usual"),
                "GLC104",
                f"'{group.usual}' is not a member",
            )


def cross_check(kb: Knowledge) -> Iterator[Finding]:
    """Every reference resolves and every rule asks known questions with allowed values."""
    faq, causes, medicines = FILES["faq"], FILES["causes"], FILES["medicines"]
    signs, questions = FILES["signs"], FILES["questions"]
    path: Path

    def sources_of(file: str, section: str, items: Sequence[Any]) -> Iterator[Finding]:
        for i, item in enumerate(items):
            for j, source in enumerate(item.sources):
                if source not in kb.sources:
                    path = (section, i, "sources", j)
                    yield Finding(file, path, "GLC104", f"unknown source id '{source}'")

    for i, entry in enumerate(kb.faq):
        for j, other in enumerate(entry.related):
            if other not in kb.faq_by_id or other == entry.id:
                path = ("faq", i, "related", j)
                yield Finding(faq, path, "GLC104", f"unknown related FAQ id '{other}'")
        for j, cause_id in enumerate(entry.causes):
            if cause_id not in kb.cause_by_id:
                path = ("faq", i, "causes", j)
                yield Finding(faq, path, "GLC104", f"unknown cause id '{cause_id}'")
    yield from sources_of(faq, "faq", kb.faq)
    answering: dict[str, str] = {}
    for i, entry in enumerate(kb.faq):
        person = entry.answers_for
        if person and answering.setdefault(person, entry.id) != entry.id:
            message = f"'{answering[person]}' is already the general answer for '{person}'"
            yield Finding(faq, ("faq", i, "answers_for"), "GLC115", message)

    for i, cause in enumerate(kb.causes):
        if cause.category not in kb.category_by_id:
            path = ("causes", i, "category")
            yield Finding(causes, path, "GLC104", f"unknown category '{cause.category}'")
        for kind in ("supports", "against"):
            for j, clue in enumerate(getattr(cause, kind)):
                yield from _check_rule(kb, causes, ("causes", i, kind, j, "when"), clue.when)
        for kind in ("next_steps", "doctor_checks"):
            yield from _check_audience(kb, causes, ("causes", i, kind), getattr(cause, kind))
        for kind in ("common_for", "ranks_first"):
            rule = getattr(cause, kind)
            if rule is not None:
                yield from _check_rule(kb, causes, ("causes", i, kind), rule)
    yield from sources_of(causes, "causes", kb.causes)

    for i, medicine in enumerate(kb.medicines):
        if medicine.cause not in kb.cause_by_id:
            path = ("medicines", i, "cause")
            yield Finding(medicines, path, "GLC104", f"unknown cause id '{medicine.cause}'")
        for j, other in enumerate(medicine.counts_against):
            if other not in kb.cause_by_id:
                path = ("medicines", i, "counts_against", j)
                yield Finding(medicines, path, "GLC104", f"unknown cause id '{other}'")
    yield from sources_of(medicines, "medicines", kb.medicines)
    yield from _medicine_names(kb, medicines)

    if tuple(tier.id for tier in kb.tiers) != m.TIER_ORDER:
        message = f"tiers must be exactly {', '.join(m.TIER_ORDER)}, in that order"
        yield Finding(signs, ("tiers",), "GLC107", message)
    for i, tier in enumerate(kb.tiers):
        yield from _check_audience(kb, signs, ("tiers", i, "next_steps"), tier.next_steps)
    for i, sign in enumerate(kb.signs):
        yield from _check_rule(kb, signs, ("signs", i, "when"), sign.when)
        for j, variant in enumerate(sign.variants):
            yield from _check_rule(kb, signs, ("signs", i, "variants", j, "when"), variant.when)
    yield from sources_of(signs, "signs", kb.signs)

    for i, question in enumerate(kb.questions):
        if question.kind == "choice" and not question.values:
            path = ("questions", i, "values")
            yield Finding(questions, path, "GLC102", "a choice question needs values")
        if question.ask_if is not None:
            path = ("questions", i, "ask_if")
            yield from _check_rule(kb, questions, path, question.ask_if)
        for j, variant in enumerate(question.variants):
            path = ("questions", i, "variants", j, "when")
            yield from _check_rule(kb, questions, path, variant.when)
        if question.derived and question.kind == "list":  # medicine_cause: a list of causes
            for j, choice in enumerate(question.values):
                if choice.id not in kb.cause_by_id:
                    path = ("questions", i, "values", j, "id")
                    yield Finding(questions, path, "GLC104", f"unknown cause id '{choice.id}'")
    for i, item in enumerate(kb.ask_the_doctor):
        if item.when is not None:
            yield from _check_rule(kb, questions, ("ask_the_doctor", i, "when"), item.when)
    yield from sources_of(questions, "ask_the_doctor", kb.ask_the_doctor)


def _check_audience(
    kb: Knowledge, file: str, path: Path, steps: Iterable[m.Step]
) -> Iterator[Finding]:
    for j, step in enumerate(steps):
        if step.for_ is not None:
            yield from _check_rule(kb, file, (*path, j, "for"), step.for_)


def _check_rule(kb: Knowledge, file: str, path: Path, rule: m.Rule) -> Iterator[Finding]:
    for atom in atoms(rule.condition):
        question = kb.question_by_id.get(atom.question)
        if question is None:
            yield Finding(file, path, "GLC105", f"rule asks unknown question '{atom.question}'")
            continue
        allowed = {choice.id for choice in question.values}
        for value in sorted(atom.values - allowed):
            message = f"rule uses value '{value}' that question '{question.id}' does not allow"
            yield Finding(file, path, "GLC105", message)


def _version(files: Iterable[KnowledgeFile], kb: Knowledge) -> str:
    dates = [
        *(e.reviewed for e in kb.faq),
        *(c.reviewed for c in kb.causes),
        *(d.reviewed for d in kb.medicines),
        *(s.reviewed for s in kb.signs),
        *(a.reviewed for a in kb.ask_the_doctor),
    ]
    newest = max(dates).isoformat() if dates else "unreviewed"
    return f"{newest}+{_digest(files)[:8]}"


def _digest(files: Iterable[KnowledgeFile]) -> str:
    content = blake2b()
    for file in files:
        content.update(f"{file.key}\0{len(file.data)}\0".encode())
        content.update(file.data)
    return content.hexdigest()


def load_from(root: Traversable) -> Knowledge:
    """Build (no cache) from a folder in the package's layout."""
    return build(read_shipped(root))


def files_for(data_dir: str | os.PathLike[str] | None) -> list[KnowledgeFile]:
    """The shipped files, then the pack's (a pack problem is a DataError, exit 3)."""
    files = read_shipped()
    if data_dir is not None:
        pack, problems = read_pack(Path_(data_dir))
        if problems:
            raise problems[0].error()
        files += pack
    return files


# ---- the cache: validated knowledge as msgpack, keyed on the files' content and the program
# version. It only saves time (about 35 ms a run); any problem with it means a normal load.


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Decoding a big cache makes many objects at once and none of them cycles; the garbage
    collector would walk them again and again for nothing (23 ms -> 3 ms for a 10,000-entry
    index). Acyclic data is freed by reference counting either way."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Bumped whenever what the cache stores changes shape or meaning (3: checksummed files).
CACHE_FORMAT = 3
# Every cache file starts with MAGIC and a BLAKE2b checksum of its key and payload: a file
# galacli did not write, or one damaged since, fails the check and is rebuilt.
MAGIC = b"GALACLI\x03"
_CHECKSUM = 32
_HEADER = len(MAGIC) + _CHECKSUM
# The most a cache file may hold before it is read at all (it is about the size of the YAML).
MIN_CACHE_LIMIT = 64 * 1024 * 1024
_OURS = re.compile(r"^(knowledge|derived)-[0-9a-f]{24}(-[a-z0-9-]+)?\.msgpack$")
_TEMPORARY = re.compile(r"^\.(knowledge|derived)-.+\.[0-9a-f]{16}\.tmp$")
STALE_TEMPORARY_SECONDS = 600  # a temp file older than this is a write that never finished
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _usable_base(value: str | None) -> Path_ | None:
    """An absolute path, or nothing (the XDG spec: relative paths are ignored)."""
    if not value or not os.path.isabs(value):
        return None
    return Path_(value)


def cache_dir() -> Path_ | None:
    """Where the cache lives, or None when there is no usable place (then nothing is cached).

    GALACLI_CACHE_DIR if absolute; else $XDG_CACHE_HOME/galacli if XDG_CACHE_HOME is absolute;
    else ~/.cache/galacli, only when the home folder exists (never `/.cache` for HOME= or a
    tree made under a HOME that does not exist)."""
    if os.environ.get("GALACLI_NO_CACHE"):
        return None
    explicit = _usable_base(os.environ.get("GALACLI_CACHE_DIR"))
    if explicit is not None:
        return explicit
    xdg = _usable_base(os.environ.get("XDG_CACHE_HOME"))
    if xdg is not None:
        return xdg / "galacli"
    home = os.environ["HOME"] if "HOME" in os.environ else os.path.expanduser("~")
    base = _usable_base(home)
    if base is None or base == Path_("/") or not base.is_dir():
        return None
    return base / ".cache" / "galacli"


def _make_folder(folder: Path_) -> bool:
    """Create the cache folder (0700) and at most its parent; never a longer tree."""
    try:
        if not folder.parent.is_dir():
            folder.parent.mkdir(mode=0o700)
        folder.mkdir(mode=0o700, exist_ok=True)
        return folder.is_dir()
    except OSError:
        return False


def _checksum(key: str, payload: bytes | memoryview) -> bytes:
    digest = blake2b(digest_size=_CHECKSUM)
    digest.update(f"{CACHE_FORMAT}\0{key}\0".encode())
    digest.update(payload)
    return digest.digest()


def _read_cache(path: Path_, key: str, limit: int) -> memoryview | None:
    """The payload of a cache file galacli wrote for this key, or None: no file, a symlink, not a
    regular file, too large (checked before reading), or a bad header or checksum."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _HEADER <= info.st_size <= limit:
            return None
        with os.fdopen(os.dup(fd), "rb") as stream:
            data = stream.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    view = memoryview(data)
    if len(data) > limit or view[: len(MAGIC)] != MAGIC:
        return None
    payload = view[_HEADER:]
    if view[len(MAGIC) : _HEADER] != _checksum(key, payload):
        return None
    return payload


def _limit(files: Sequence[KnowledgeFile] | None = None) -> int:
    size = sum(len(file.data) for file in files) if files else 0
    return max(MIN_CACHE_LIMIT, 8 * size)


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
        medicine_classes=kb.medicine_classes,
        tiers=kb.tiers,
        signs=kb.signs,
        questions=kb.questions,
        ask_the_doctor=kb.ask_the_doctor,
        synonyms=dict(kb.synonyms),
        version=kb.version,
        overrides=kb.overrides,
    )


@contextlib.contextmanager
def _build_lock(folder: Path_) -> Iterator[None]:
    """One builder at a time per cache folder (fcntl.flock; released if the holder dies), so
    eight cold starts build once and seven read what the first wrote. No lock, no waiting."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    try:
        fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _decoded(payload: memoryview, key: str, files: Sequence[KnowledgeFile]) -> Knowledge | None:
    try:
        with gc_paused():
            snap = msgspec.msgpack.decode(payload, type=LazySnapshot)
    except (msgspec.DecodeError, ValueError):
        return None
    kb = Knowledge(**msgspec.structs.asdict(snap), cache_key=key)
    kb.heal = functools.partial(_heal, files, key)
    return kb


def _heal(files: Sequence[KnowledgeFile], key: str) -> Knowledge:
    """A cache section that fails its typed decode or its checks: build from the YAML and write
    the cache afresh, so the next run is fast again."""
    kb = build(files)
    folder = cache_dir()
    if folder is not None and _make_folder(folder):
        path = folder / f"knowledge-{key}.msgpack"
        _store(path, key, msgspec.msgpack.encode(_snapshot(kb), enc_hook=_encode_hook), keep=4)
    return kb


def _cache_key(files: Sequence[KnowledgeFile]) -> str:
    return blake2b(f"{__version__}\0{CACHE_FORMAT}\0{_digest(files)}".encode()).hexdigest()[:24]


def load_cached(files: Sequence[KnowledgeFile]) -> Knowledge:
    folder = cache_dir()
    if folder is None:
        return build(files)
    key = _cache_key(files)
    path = folder / f"knowledge-{key}.msgpack"
    limit = _limit(files)
    payload = _read_cache(path, key, limit)
    kb = _decoded(payload, key, files) if payload is not None else None
    if kb is not None:
        return kb
    if not _make_folder(folder):
        return build(files)
    with _build_lock(folder):
        payload = _read_cache(path, key, limit)  # built while we waited for the lock?
        kb = _decoded(payload, key, files) if payload is not None else None
        if kb is not None:
            return kb
        kb = build(files)
        _store(path, key, msgspec.msgpack.encode(_snapshot(kb), enc_hook=_encode_hook), keep=4)
    return kb.replace(cache_key=key)


T = TypeVar("T")


def cached_derived(kb: Knowledge, name: str, type_: type[T], build: Callable[[], T]) -> T:
    """Something computed from the knowledge (a search index), cached beside it under the same
    content key and checked the same way. Like the knowledge cache, it only ever saves time."""
    folder = cache_dir()
    if folder is None or not kb.cache_key:
        return build()
    key = f"{kb.cache_key}-{name}"
    path = folder / f"derived-{key}.msgpack"

    def cached() -> T | None:
        payload = _read_cache(path, key, MIN_CACHE_LIMIT * 4)
        if payload is None:
            return None
        try:
            with gc_paused():
                return msgspec.msgpack.decode(payload, type=type_)
        except (msgspec.DecodeError, ValueError):
            return None  # damaged or from another build: build it again

    value = cached()
    if value is not None:
        return value
    if not _make_folder(folder):
        return build()
    with _build_lock(folder):
        value = cached()  # another galacli may have built it while we waited for the lock
        if value is None:
            value = build()
            _store(path, key, msgspec.msgpack.encode(value), keep=12)
    return value


def _store(path: Path_, key: str, payload: bytes, keep: int) -> None:
    """Write a cache file atomically: a new temp file under a random name (O_EXCL|O_NOFOLLOW, so
    a planted file or symlink is never written through), renamed into place. Then evict all but
    the `keep` newest of its kind, among files galacli wrote, and clear unfinished temp files.
    A read-only home or a full disk only costs time."""
    import secrets

    kind = path.name.split("-", 1)[0]
    temporary = path.with_name(f".{path.stem}.{secrets.token_hex(8)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
    try:
        fd = os.open(temporary, flags, 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(MAGIC)
            stream.write(_checksum(key, payload))
            stream.write(payload)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return
    with contextlib.suppress(OSError):
        _evict(path, kind, keep)


def _written_by_us(path: Path_) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            return False
        return os.read(fd, len(MAGIC)) == MAGIC
    finally:
        os.close(fd)


def _evict(path: Path_, kind: str, keep: int) -> None:
    import time

    folder = path.parent
    now = time.time()
    ours = []
    for entry in os.scandir(folder):
        if _TEMPORARY.match(entry.name):
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_TEMPORARY_SECONDS:
                    os.unlink(entry.path)
        elif (
            entry.name.startswith(f"{kind}-")
            and _OURS.match(entry.name)
            and entry.path != str(path)
            and _written_by_us(Path_(entry.path))
        ):
            with contextlib.suppress(OSError):
                ours.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
    ours.sort(reverse=True)
    for _, stale in ours[keep - 1 :]:
        with contextlib.suppress(OSError):
            os.unlink(stale)


@functools.lru_cache(maxsize=4)
def load_knowledge(data_dir: str | None = None) -> Knowledge:
    """The shipped knowledge plus an optional pack, loaded once per process (from the cache when
    it matches)."""
    kb = load_cached(files_for(data_dir))
    if data_dir is not None:
        kb.pack = str(data_dir)
    return kb
