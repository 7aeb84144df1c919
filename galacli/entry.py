"""The console script's first code: Ctrl-C while the CLI and Typer are still importing is
"Stopped." and exit 130, never a traceback (issue 16, item 6). Imports nothing itself."""

from __future__ import annotations

import sys


def stopped() -> None:
    """Say "Stopped." (in the language the environment asks for, if it can tell) and exit 130."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot interrupt the goodbye
    message = "Stopped."
    try:
        import os

        from galacli import strings
        from galacli.env import resolve_lang

        asked = None
        for position, word in enumerate(sys.argv):
            if word == "--lang" and position + 1 < len(sys.argv):
                asked = sys.argv[position + 1]
            elif word.startswith("--lang="):
                asked = word.partition("=")[2]
        try:
            lang = resolve_lang(asked, os.environ)[0]
        except Exception:  # an unsupported --lang: the environment's language
            lang = resolve_lang(None, os.environ)[0]
        message = strings.text("interrupted", lang)
    except Exception:  # noqa: S110 - any trouble here keeps the English word
        pass
    stream = sys.stderr
    if stream is not None:
        try:
            print(f"\n{message}", file=stream)
            stream.flush()
        except (OSError, ValueError):
            pass
    raise SystemExit(130)


def main() -> None:
    try:
        from galacli.cli import main as run
    except KeyboardInterrupt:
        stopped()
    try:
        run()
    except KeyboardInterrupt:
        stopped()
