"""The interactive `check`: one question at a time, on a terminal only.

The order comes from questions.yaml and the skip logic from core.check.next_question (which asks
core.relevance what can still change the result); this module only asks and reads, and forgives:
y/n/是/否 for yes and no, Enter asks again (unless the question says blank is "don't know"),
`b` goes back, `q` stops, and an answer that would end the check as an emergency is confirmed
first. Nothing typed is written anywhere.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from galacli import strings
from galacli.core.check import DONT_KNOW as ANSWERED_DONT_KNOW
from galacli.core.check import NO_WORDS, UNKNOWN_WORDS, YES_WORDS, emergency_now, next_question
from galacli.core.check import gather as _gather
from galacli.env import Environment
from galacli.errors import UsageError
from galacli.knowledge.loader import Knowledge
from galacli.knowledge.model import Question
from galacli.knowledge.rules import Answers
from galacli.regions import fill
from galacli.render.layout import clean  # the one terminal sanitiser: pack text is never raw

if TYPE_CHECKING:
    from rich.console import Console

HELP_WORDS = frozenset({"?", "？", "help", "帮助"})
BACK_WORDS = frozenset({"b", "back", "返回"})
QUIT_WORDS = frozenset({"q", "quit", "exit", "退出"})
DONT_KNOW_WORDS = UNKNOWN_WORDS - {"", "?"}


class Signal(enum.Enum):
    """What a reply means when it is not an answer value."""

    HELP = "help"
    BACK = "back"
    QUIT = "quit"
    BLANK = "blank"
    INVALID = "invalid"
    DONT_KNOW = "don't know"


HELP, BACK, QUIT, BLANK, INVALID, DONT_KNOW = Signal
Outcome = str | Signal


def is_yes_no(question: Question) -> bool:
    return question.kind == "choice" and {c.id for c in question.values} == {"yes", "no"}


def understand(question: Question, reply: str) -> Outcome:
    """HELP, BACK, QUIT, BLANK, INVALID, DONT_KNOW, or the answer's value id (or list text)."""
    text = reply.strip()
    word = text.casefold()
    if not word:
        return DONT_KNOW if question.blank_means_unknown else BLANK
    if word in HELP_WORDS:
        return HELP
    if word in BACK_WORDS:
        return BACK
    if word in QUIT_WORDS:
        return QUIT
    if word in DONT_KNOW_WORDS:
        return DONT_KNOW
    if question.kind == "list":
        return text
    if is_yes_no(question):
        if word in YES_WORDS:
            return "yes"
        if word in NO_WORDS:
            return "no"
    # ASCII digits only: '²'.isdigit() is True and int('²') fails.
    number = int(word) if word.isascii() and word.isdigit() and len(word) < 6 else 0
    if 1 <= number <= len(question.values):
        return question.values[number - 1].id
    for choice in question.values:
        if word in (choice.id, choice.label.en.casefold(), (choice.label.zh or "").casefold()):
            return choice.id
    return INVALID


def hint(question: Question, lang: str) -> str:
    say = strings.text
    keys = []
    if is_yes_no(question):
        keys.append(say("key_yes_no", lang))
    elif question.kind == "choice":
        keys.append(say("key_choose", lang, count=len(question.values)))
    blank = "key_enter_dont_know" if question.blank_means_unknown else "key_dont_know"
    keys.append(say(blank, lang))
    keys += [say("key_help", lang), say("key_back", lang), say("key_quit", lang)]
    return ("，" if lang == "zh" else ", ").join(keys)


def accepted(question: Question, lang: str) -> str:
    if is_yes_no(question):
        return strings.text("accepted_yes_no", lang)
    if question.kind == "list":
        return strings.text("accepted_list", lang)
    return strings.text("accepted_choice", lang, count=len(question.values))


def _joined(first: str, second: str, lang: str) -> str:
    return f"{first}{second}" if lang == "zh" else f"{first} {second}"


class _Screen:
    """The Rich console and the few ways the interview writes to it."""

    def __init__(self, env: Environment) -> None:
        from rich.console import Console

        self.lang = env.lang
        self.region = env.region
        self.console: Console = Console(
            file=env.stdout,
            width=env.width,
            no_color=not env.color,
            color_system="auto" if env.color else None,
            highlight=False,
            emoji=False,
            markup=False,
        )

    def filled(self, text: str) -> str:
        """Inert text (a pack's escapes never reach the terminal), with the emergency number and
        advice line for the person's region (galacli.regions)."""
        return clean(fill(text, self.lang, self.region))

    def line(self, text: str = "", style: str = "") -> None:
        from rich.text import Text

        self.console.print(Text(self.filled(text), style=style, overflow="fold"))

    def numbered(self, mark: str, text: str, style: str = "", indent: int = 0) -> None:
        """`mark` and `text` as one unit: wrapped lines hang under the text, never under or
        without the mark (a Chinese line breaks anywhere, so "9." must not be left alone)."""
        from rich.padding import Padding
        from rich.table import Table
        from rich.text import Text

        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(no_wrap=True, style=style)
        grid.add_column(overflow="fold", style=style)
        grid.add_row(Text(mark), Text(self.filled(text), overflow="fold"))
        self.console.print(Padding(grid, (0, 0, 0, indent)) if indent else grid)

    def read(self) -> str:
        from rich.text import Text

        try:
            return self.console.input(Text("> ", style="bold"))
        except EOFError:
            self.console.print()  # Ctrl-D leaves the cursor on the prompt line
            raise UsageError(strings.text("input_ended", self.lang)) from None


def interview(kb: Knowledge, env: Environment) -> dict[str, str]:
    screen = _Screen(env)
    lang = env.lang
    say = strings.text
    screen.line(say("interview_intro", lang), "bold")
    answers: dict[str, str] = {}
    asked: list[str] = []
    while (question := next_question(kb, answers, asked)) is not None:
        outcome = _ask(screen, question, len(asked) + 1, _gather(kb, answers).cautious)
        if outcome is BACK:
            answers.pop(asked.pop(), None)
            continue
        asked.append(question.id)
        if not isinstance(outcome, str):
            answers[question.id] = ANSWERED_DONT_KNOW  # kept: "don't know" is not "not asked"
            continue
        if question.id == "medications":
            outcome = _confirm_medicines(screen, kb, outcome)
        answers[question.id] = outcome
        if emergency_now(kb, answers):
            if _confirm_emergency(screen, question, outcome):
                screen.line()
                screen.line(say("interview_emergency_stop", lang), "bold red")
                break
            asked.pop()
            answers.pop(question.id)
            screen.line(say("confirm_again", lang))
    screen.line()
    return answers


def _ask(screen: _Screen, question: Question, number: int, sets: Answers) -> Outcome:
    """Show one question and read until the reply means something: an answer, don't know, or
    BACK (only when there is a question before this one). QUIT raises KeyboardInterrupt, so it
    ends exactly like Ctrl-C: "Stopped." and exit status 130, with no result."""
    lang = screen.lang
    say = strings.text
    screen.line()
    prompt = question.prompt_for(sets).get(lang)
    screen.numbered(f"{number}.", prompt, "bold cyan")
    if question.kind == "choice":
        for position, choice in enumerate(question.values, start=1):
            screen.numbered(f"{position}.", choice.label.get(lang), indent=2)
        screen.numbered("d.", say("dont_know", lang), indent=2)
    screen.line(hint(question, lang), "dim")
    while True:
        reply = screen.read()
        outcome = understand(question, reply)
        if outcome is HELP:
            screen.line(question.help.get(lang), "italic")
        elif outcome is QUIT:
            raise KeyboardInterrupt
        elif outcome is BACK and number == 1:
            screen.line(say("nothing_before", lang), "yellow")
        elif outcome is BLANK:
            screen.line(_joined(say("blank_again", lang), accepted(question, lang), lang), "yellow")
        elif outcome is INVALID:
            problem = say("not_an_answer", lang, reply=reply.strip())
            screen.line(_joined(problem, accepted(question, lang), lang), "yellow")
        else:
            return outcome


def _confirm_emergency(screen: _Screen, question: Question, value: str) -> bool:
    """Ask once whether an emergency answer is right: a slip of the finger must not end the
    check as an emergency with no way back. True keeps it."""
    lang = screen.lang
    label = next((c.label.get(lang) for c in question.values if c.id == value), value)
    if lang != "zh":
        label = label.casefold()
    screen.line()
    screen.line(
        strings.text("confirm_emergency", lang, value=label, label=question.label.get(lang)),
        "bold red",
    )
    keys = [strings.text("key_yes_no", lang), strings.text("key_quit", lang)]
    screen.line(("，" if lang == "zh" else ", ").join(keys), "dim")
    while True:
        word = screen.read().strip().casefold()
        if word in YES_WORDS or word == "1":
            return True
        if word in NO_WORDS or word == "2":
            return False
        if word in QUIT_WORDS:
            raise KeyboardInterrupt
        screen.line(strings.text("accepted_confirm", lang), "yellow")


def _confirm_medicines(screen: _Screen, kb: Knowledge, text: str) -> str:
    """A name that is not known exactly but is close to one is never used as that one: ask
    "Did you mean X?" first. Yes uses X; no keeps the name as typed (a medicine not known)."""
    from galacli.core.medicines import find_class, find_medicine, split_names, suggest

    lang = screen.lang
    names = split_names(text)
    kept: list[str] = []
    changed = False
    for name in names:
        offered = None
        if find_medicine(kb, name) is None and find_class(kb, name) is None:
            offered = suggest(kb, name, lang)
        if offered is None:
            kept.append(name)
            continue
        offer = strings.embed(offered, lang)
        screen.line(strings.text("confirm_medicine", lang, name=name, suggestion=offer), "bold")
        while True:
            word = screen.read().strip().casefold()
            if word in YES_WORDS or word == "1":
                kept.append(offered)
                changed = True
                break
            if word in NO_WORDS or word == "2":
                kept.append(name)
                break
            if word in QUIT_WORDS:
                raise KeyboardInterrupt
            screen.line(strings.text("accepted_confirm", lang), "yellow")
    return ", ".join(kept) if changed else text
