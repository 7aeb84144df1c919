"""Answers from `-a KEY=VALUE` and from an answers file, checked against the questionnaire.

A bad `-a` is a usage error (exit 2); a bad answers file is invalid input (exit 3) and the
message names the file, the line and the question.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from galacli import strings
from galacli.core.check import AnswerError, as_text, normalise_answer
from galacli.errors import DataError, UsageError
from galacli.knowledge import safe_yaml
from galacli.knowledge.loader import Knowledge, line_of

MAX_ANSWERS_BYTES = 1024 * 1024  # answers to 29 questions fit in a few hundred bytes


def _read(path: Path) -> bytes:
    """The file's bytes, at most one more than the limit; `-` is standard input."""
    if str(path) == "-":
        import sys

        return sys.stdin.buffer.read(MAX_ANSWERS_BYTES + 1)
    with path.open("rb") as stream:
        return stream.read(MAX_ANSWERS_BYTES + 1)


def _duplicate_key(text: str, is_json: bool) -> tuple[str, int | None] | None:
    """The first top-level key given twice (YAML and JSON both keep the last one silently)."""
    if is_json:
        import json

        twice: list[str] = []

        def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
            keys = [key for key, _ in items]
            twice.extend(key for n, key in enumerate(keys) if key in keys[:n])
            return dict(items)

        json.loads(text, object_pairs_hook=pairs)  # already parsed once: it cannot fail now
        return (twice[0], None) if twice else None
    import yaml

    node = yaml.compose(text, Loader=safe_yaml.yaml_loader())
    if not isinstance(node, yaml.MappingNode):
        return None
    found: set[str] = set()
    for key, _ in node.value:
        name = str(key.value).strip().casefold()
        if name in found:
            return str(key.value), key.start_mark.line + 1
        found.add(name)
    return None


def _from_file(kb: Knowledge, path: Path, lang: str) -> dict[str, str]:
    label = "<stdin>" if str(path) == "-" else str(path)
    try:
        data = _read(path)
    except OSError as exc:
        raise DataError(label, None, "", f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_ANSWERS_BYTES:
        raise DataError(label, None, "", f"is too large (limit {MAX_ANSWERS_BYTES:,} bytes)")
    text = safe_yaml.decode(data, label)
    is_json = path.suffix.lower() == ".json"
    raw = safe_yaml.parse_json(text, label) if is_json else safe_yaml.parse(text, label)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise DataError(label, 1, "", strings.text("answers_file_mapping", lang))
    twice = _duplicate_key(text, is_json)
    if twice is not None:
        key, line = twice
        where = f"{label}:{line}" if line is not None else label
        raise UsageError(strings.text("answer_duplicate_key", lang, where=where, key=key))
    answers: dict[str, str] = {}
    for key, value in raw.items():
        name = as_text(key)
        try:
            normal = normalise_answer(kb, name, value, lang)
        except AnswerError as error:
            line = None if is_json else line_of(text, (name,))
            raise DataError(label, line, name, str(error)) from None
        if name.strip().casefold() in answers:  # "Sex" and "sex"
            raise UsageError(strings.text("answer_duplicate_key", lang, where=label, key=name))
        if normal is not None:
            answers[name.strip().casefold()] = normal
    return answers


def read_answers(
    kb: Knowledge, pairs: Iterable[str], path: Path | None, lang: str
) -> dict[str, str]:
    """File answers first, then `-a` answers on top; "don't know" removes an answer."""
    answers = _from_file(kb, path, lang) if path is not None else {}
    given: set[str] = set()
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(strings.text("bad_answer_format", lang, text=pair))
        try:
            normal = normalise_answer(kb, key, value, lang)
        except AnswerError as error:
            raise UsageError(str(error), hints=(strings.text("questions_hint", lang),)) from None
        name = key.strip().casefold()
        if name in given:
            raise UsageError(strings.text("answer_repeated", lang, key=key.strip()))
        given.add(name)
        if normal is None:
            answers.pop(name, None)
        else:
            answers[name] = normal
    return answers
