"""`galacli validate`: every problem in a knowledge pack (or the shipped knowledge), located.

The same reading, merging and cross-checking as a normal load, but nothing stops at the first
problem, and the content rules a normal load skips (translations, review dates, the content
linter) run too. Each problem has a stable code (README, "Validating a pack").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path as FolderPath
from typing import Any

import msgspec

from galacli.core.records import Problem, ValidateResult
from galacli.knowledge import model as m
from galacli.knowledge.loader import (
    FILES,
    Assembly,
    Finding,
    Located,
    Origin,
    Path,
    assemble,
    read_pack,
    read_shipped,
)
from galacli.knowledge.model import field_names


def check_sources(data_dir: FolderPath | None, lang: str) -> ValidateResult:
    """`sources --check`: the source registry's problems only (GLC211-GLC216), offline; a pack
    that does not load reports why instead."""
    from galacli.knowledge.lint import source_findings

    files = read_shipped()
    problems: list[Located] = []
    if data_dir is not None:
        pack, problems = read_pack(data_dir)
        files += pack
    assembly = assemble(files)
    problems += assembly.problems
    if assembly.knowledge is not None:
        problems += [assembly.locate(f) for f in source_findings(assembly.knowledge)]
    rank = {file.label: n for n, file in enumerate(files)}
    return ValidateResult(
        command="sources",
        lang=lang,
        data_dir=str(data_dir) if data_dir is not None else None,
        files=[file.label for file in files],
        entries=len(assembly.knowledge.sources) if assembly.knowledge is not None else 0,
        problems=[
            Problem(file=p.file, line=p.line, code=p.code, message=p.message, field=p.field)
            for p in sorted(
                problems, key=lambda p: (rank.get(p.file, -1), p.file, p.line or 0, p.code)
            )
        ],
    )


def validate(data_dir: FolderPath | None, lang: str, today: datetime.date) -> ValidateResult:
    files = read_shipped()
    problems: list[Located] = []
    if data_dir is not None:
        pack, folder_problems = read_pack(data_dir)
        files += pack
        problems += folder_problems
    assembly = assemble(files)
    problems += assembly.problems
    kb = assembly.knowledge
    if kb is not None:
        from galacli.knowledge.lint import lint

        findings = [
            *control_findings(assembly),
            *translation_findings(assembly),
            *date_findings(assembly, today),
            *lint(kb),
        ]
        problems += [assembly.locate(finding) for finding in findings]
    entries = sum(len(origins) for origins in assembly.origins.values())
    rank = {file.label: n for n, file in enumerate(files)}  # report in the files' order
    return ValidateResult(
        lang=lang,
        data_dir=str(data_dir) if data_dir is not None else None,
        files=[file.label for file in files],
        entries=entries,
        problems=[
            Problem(file=p.file, line=p.line, code=p.code, message=p.message, field=p.field)
            for p in sorted(
                problems, key=lambda p: (rank.get(p.file, -1), p.file, p.line or 0, p.code)
            )
        ],
    )


def _texts(value: Any, path: Path) -> Iterator[tuple[Path, m.Text | m.Tags]]:
    """Every translatable text inside a record, with its path (YAML names)."""
    if isinstance(value, (m.Text, m.Tags)):
        yield path, value
    elif isinstance(value, msgspec.Struct):
        for name, yaml_name in field_names(type(value)):
            yield from _texts(getattr(value, name), (*path, yaml_name))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _entries(assembly: Assembly) -> list[tuple[str, int, Origin, Any]]:
    """(section, index, where it was written, record) for every merged entry."""
    kb = assembly.knowledge
    if kb is None:
        return []
    out = []
    for section, origins in assembly.origins.items():
        records = kb.sources.values() if section == "sources" else getattr(kb, section)
        out += [(section, i, o, r) for i, (o, r) in enumerate(zip(origins, records, strict=True))]
    return out


def translation_findings(assembly: Assembly) -> Iterator[Finding]:
    """A file that has Chinese anywhere claims it: then every text in it needs Chinese."""
    entries = _entries(assembly)
    claims = {
        origin.file.label
        for _, _, origin, record in entries
        if any(text.zh for _, text in _texts(record, ()))
    }
    for section, index, origin, record in entries:
        if origin.file.label not in claims:
            continue
        for path, text in _texts(record, ()):
            if not text.zh:
                message = "has no Chinese (zh) text, though this file is translated elsewhere"
                yield Finding(FILES[origin.file.key], (section, index, *path), "GLC106", message)


def date_findings(assembly: Assembly, today: datetime.date) -> Iterator[Finding]:
    for section, index, origin, record in _entries(assembly):
        reviewed = getattr(record, "reviewed", None)
        if reviewed is not None and reviewed > today:
            message = f"reviewed date {reviewed.isoformat()} is in the future"
            path = (section, index, "reviewed")
            yield Finding(FILES[origin.file.key], path, "GLC108", message)


def _strings(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """Every string inside a record (text, URL, title, id), with its path (YAML names)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, msgspec.Struct):
        for name, yaml_name in field_names(type(value)):
            yield from _strings(getattr(value, name), (*path, yaml_name))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def control_findings(assembly: Assembly) -> Iterator[Finding]:
    """GLC113: a control character, an escape or a bidirectional control in pack text or a URL
    (shown inert on every output, but a sign of a mistake or of spoofing)."""
    from galacli.render.layout import unsafe

    for section, index, origin, record in _entries(assembly):
        if origin.file.trusted:
            continue
        for path, text in _strings(record, ()):
            found = unsafe(text)
            if found:
                message = (
                    f"has control or bidirectional characters ({', '.join(found)}); they are "
                    "removed on screen, and can make text or a link look like something else"
                )
                yield Finding(FILES[origin.file.key], (section, index, *path), "GLC113", message)
