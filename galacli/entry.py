"""The console script's first code: Ctrl-C at any moment from here on, while the CLI and Typer
are still importing included, is "Stopped." and exit 130, never a traceback (issue 16, item 6).

The handler writes with os.write and leaves with os._exit: raising from a signal handler can
land in a `finally`, a destructor or interpreter shutdown, and print "Exception ignored" with a
traceback. Nothing needs tidying after a Ctrl-C: an unfinished cache temp file is removed by a
later run, and the cache lock is released by the kernel.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys


def _language() -> str:
    try:
        from galacli.env import resolve_lang

        asked = None
        for position, word in enumerate(sys.argv):
            if word == "--lang" and position + 1 < len(sys.argv):
                asked = sys.argv[position + 1]
            elif word.startswith("--lang="):
                asked = word.partition("=")[2]
        try:
            return resolve_lang(asked, os.environ)[0]
        except Exception:  # an unsupported --lang: the environment's language
            return resolve_lang(None, os.environ)[0]
    except Exception:  # still importing, or anything else: English
        return "en"


def stopped(*_: object) -> None:
    """Say "Stopped." on stderr (in the language asked for, if it can tell) and exit 130."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot interrupt the goodbye
    message = "Stopped."
    try:
        from galacli import strings

        message = strings.text("interrupted", _language())
    except Exception:  # noqa: S110 - any trouble here keeps the English word
        pass
    with contextlib.suppress(OSError):
        os.write(2, f"\n{message}\n".encode())
    os._exit(130)


def main() -> None:
    try:
        signal.signal(signal.SIGINT, stopped)
        from galacli.cli import main as run
    except KeyboardInterrupt:  # before the handler was in place
        stopped()
    try:
        run()
    except KeyboardInterrupt:
        stopped()
