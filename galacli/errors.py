"""Exit codes and the errors that carry them (DESIGN §7)."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    NOT_FOUND = 1
    USAGE = 2
    INVALID_DATA = 3
    INTERNAL = 70  # sysexits EX_SOFTWARE: a bug in galacli, never expected
    OUTPUT = 74  # sysexits EX_IOERR: the output cannot be written (a full disk, closed stdout)
    INTERRUPTED = 130


class GalacliError(Exception):
    """An error meant for a person: printed to stderr without a traceback."""

    status = ExitStatus.USAGE

    def __init__(self, message: str, *, hints: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hints = hints


class UsageError(GalacliError):
    status = ExitStatus.USAGE


class NotFoundError(GalacliError):
    status = ExitStatus.NOT_FOUND


class DataError(GalacliError):
    """A knowledge file or an answers file is invalid: names file, line and field."""

    status = ExitStatus.INVALID_DATA

    def __init__(self, file: str, line: int | None, field: str, problem: str) -> None:
        where = f"{file}:{line}" if line else file
        field_part = f" ({field})" if field else ""
        super().__init__(f"{where}: {problem}{field_part}")
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
