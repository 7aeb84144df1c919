"""Long rich output through a pager, as git does.

Only for a person at a terminal: the caller pages only rich output on a TTY, and this module
pages only text taller than the terminal. The pager is GALACLI_PAGER, else PAGER, else `less -FRX`
when less is installed, else none; an empty value (or `cat`) means no pager. A pager that cannot
start is not an error: the caller prints the text directly.

Nothing here is imported unless stdout is a terminal, and subprocess only when a pager runs.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping
from typing import TextIO

DEFAULT_PAGER = ("less", "-FRX")
NO_PAGER = ("", "cat")


def pager_command(environ: Mapping[str, str]) -> list[str] | None:
    """The pager to run as an argument list, or None for no pager."""
    for name in ("GALACLI_PAGER", "PAGER"):
        if name in environ:
            value = environ[name].strip()
            if value in NO_PAGER:
                return None
            try:
                words = shlex.split(value)
            except ValueError:  # an unclosed quote: not a command we can run
                return None
            return words or None
    less = shutil.which(DEFAULT_PAGER[0], path=environ.get("PATH"))
    return [less, *DEFAULT_PAGER[1:]] if less else None


def terminal_size(stream: TextIO) -> os.terminal_size | None:
    """The terminal's size, or None when the stream is not a terminal."""
    try:
        return os.get_terminal_size(stream.fileno())
    except (AttributeError, ValueError, OSError):
        return None


def too_tall(text: str, height: int | None) -> bool:
    return height is not None and height > 0 and text.count("\n") >= height


def run_pager(command: list[str], text: str, encoding: str, environ: Mapping[str, str]) -> bool:
    """Feed `text` to the pager and wait for it. False when it could not be started."""
    import subprocess

    child_env = dict(environ)
    # As git does: less shows colour (-R), quits when the text fits (-F) and leaves it on the
    # screen (-X), unless the person set LESS themselves.
    child_env.setdefault("LESS", "FRX")
    child_env.setdefault("LV", "-c")
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=child_env)  # noqa: S603 - the person's own PAGER, no shell
    except (OSError, ValueError):
        return False
    try:
        if process.stdin is not None:  # always, with stdin=PIPE
            process.stdin.write(text.encode(encoding, errors="replace"))
            process.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the person quit the pager before the end: nothing more to show
    while True:
        try:
            process.wait()
            return True
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager while it runs, as with git


def show(
    text: str,
    *,
    stdout: TextIO,
    height: int | None,
    environ: Mapping[str, str],
) -> bool:
    """Page `text` if it is taller than the terminal and a pager is set. True when a pager
    showed it; False when the caller should print it itself."""
    if not too_tall(text, height):
        return False
    command = pager_command(environ)
    if command is None:
        return False
    stdout.flush()
    encoding = getattr(stdout, "encoding", None) or "utf-8"
    return run_pager(command, text, encoding, environ)
