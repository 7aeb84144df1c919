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


def _from_file(kb: Knowledge, path: Path, lang: str) -> dict[str, str]:
    label = str(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_ANSWERS_BYTES + 1)
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
    answers: dict[str, str] = {}
    for key, value in raw.items():
        name = as_text(key)
        try:
            normal = normalise_answer(kb, name, value, lang)
        except AnswerError as error:
            line = None if is_json else line_of(text, (name,))
            raise DataError(label, line, name, str(error)) from None
        if normal is not None:
            answers[name.strip().casefold()] = normal
    return answers


def read_answers(
    kb: Knowledge, pairs: Iterable[str], path: Path | None, lang: str
) -> dict[str, str]:
    """File answers first, then `-a` answers on top; "don't know" removes an answer."""
    answers = _from_file(kb, path, lang) if path is not None else {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(strings.text("bad_answer_format", lang, text=pair))
        try:
            normal = normalise_answer(kb, key, value, lang)
        except AnswerError as error:
            raise UsageError(str(error), hints=(strings.text("questions_hint", lang),)) from None
        name = key.strip().casefold()
        if normal is None:
            answers.pop(name, None)
        else:
            answers[name] = normal
    return answers
