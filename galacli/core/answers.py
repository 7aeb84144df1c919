"""Answers from `-a KEY=VALUE` and from an answers file, checked against the questionnaire.

A bad `-a` is a usage error (exit 2); a bad answers file is invalid input (exit 3) and the
message names the file, the line and the question.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from galacli import strings
from galacli.core.check import AnswerError, normalise_answer
from galacli.errors import DataError, UsageError
from galacli.knowledge.loader import Knowledge, line_of, yaml_loader


def _from_file(kb: Knowledge, path: Path, lang: str) -> dict[str, str]:
    import yaml  # only an answers file needs it; `-a` answers never load PyYAML

    label = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(label, None, "", f"cannot be read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            label, data[: exc.start].count(b"\n") + 1, "", "is not UTF-8 text"
        ) from None
    try:
        if path.suffix.lower() == ".json":
            raw = json.loads(text)
        else:
            raw = yaml.load(text, Loader=yaml_loader())  # noqa: S506 - a safe loader
    except json.JSONDecodeError as exc:
        raise DataError(label, exc.lineno, "", f"not valid JSON: {exc.msg}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise DataError(
            label, mark.line + 1 if mark else None, "", f"not valid YAML: {exc.problem}"
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(label, None, "", f"not valid YAML: {exc}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise DataError(label, 1, "", strings.text("answers_file_mapping", lang))
    answers: dict[str, str] = {}
    for key, value in raw.items():
        try:
            normal = normalise_answer(kb, str(key), value, lang)
        except AnswerError as error:
            line = None if path.suffix.lower() == ".json" else line_of(text, (key,))
            raise DataError(label, line, str(key), str(error)) from None
        if normal is not None:
            answers[str(key).strip().casefold()] = normal
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
