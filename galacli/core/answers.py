"""Answers from `-a KEY=VALUE` and from an answers file, checked against the questionnaire.

A bad `-a` is a usage error (exit 2); a bad answers file is invalid input (exit 3) and the
message names the file, the line and the question.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from galacli import strings
from galacli.core.check import AnswerError, as_text, normalise_answer
from galacli.errors import DataError, UsageError
from galacli.knowledge.loader import Knowledge, line_of

# An answers file names a few dozen answers; anything much bigger is a mistake (or /dev/zero),
# and reading it whole would only cost memory.
MAX_ANSWERS_FILE = 1024 * 1024


def _read(path: Path, label: str) -> bytes:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_ANSWERS_FILE + 1)
    except OSError as exc:
        raise DataError(label, None, "", f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_ANSWERS_FILE:
        raise DataError(label, None, "", f"is larger than {MAX_ANSWERS_FILE // 1024} KiB")
    return data


def _parse(text: str, label: str, is_json: bool) -> object:
    import yaml  # only an answers file needs it; `-a` answers never load PyYAML

    try:
        if is_json:
            return json.loads(text)
        # The pure-Python safe loader, not libyaml's: deep nesting in libyaml's C composer
        # overflows the C stack and kills the process (a segfault); in Python it is a
        # RecursionError we can report. An answers file is small, so speed does not matter.
        return yaml.load(text, Loader=yaml.SafeLoader)
    except json.JSONDecodeError as exc:
        raise DataError(label, exc.lineno, "", f"not valid JSON: {exc.msg}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise DataError(
            label, mark.line + 1 if mark else None, "", f"not valid YAML: {exc.problem}"
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(label, None, "", f"not valid YAML: {exc}") from None
    except RecursionError:
        kind = "JSON" if is_json else "YAML"
        raise DataError(label, None, "", f"not valid {kind}: nested too deeply") from None
    except ValueError as exc:
        # A value the parser recognised but could not build: a date like 2026-02-30, or an
        # integer longer than Python will read (4,300 digits: sys.int_info.default_max_str_digits).
        kind = "JSON" if is_json else "YAML"
        problem = "a number is too long" if "integer string conversion" in str(exc) else exc
        raise DataError(label, None, "", f"not valid {kind}: {problem}") from None


def _from_file(kb: Knowledge, path: Path, lang: str) -> dict[str, str]:
    label = str(path)
    data = _read(path, label)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            label, data[: exc.start].count(b"\n") + 1, "", "is not UTF-8 text"
        ) from None
    is_json = path.suffix.lower() == ".json"
    raw = _parse(text, label, is_json)
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
