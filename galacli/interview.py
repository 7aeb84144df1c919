"""The interactive `check`: one question at a time, on a terminal only.

The order and skip rules come from questions.yaml (via core.check.next_question); this module only
asks and reads. Nothing typed is written anywhere.
"""

from __future__ import annotations

from galacli import strings
from galacli.core.check import UNKNOWN_WORDS, emergency_now, next_question, prompt_for
from galacli.env import Environment
from galacli.errors import UsageError
from galacli.knowledge.loader import Knowledge
from galacli.knowledge.model import Question
from galacli.regions import fill


def interview(kb: Knowledge, env: Environment) -> dict[str, str]:
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=env.stdout,
        width=env.width,
        no_color=not env.color,
        color_system="auto" if env.color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    lang = env.lang

    def say(message: str, lang: str) -> str:
        return fill(strings.text(message, lang), lang, env.region)

    console.print(Text(say("interview_intro", lang), style="bold"))
    answers: dict[str, str] = {}
    asked: list[str] = []

    def read(prompt: str) -> str:
        try:
            return console.input(Text(prompt, style="bold")).strip()
        except EOFError:
            raise UsageError("input ended before the check was finished") from None

    while (question := next_question(kb, answers, asked)) is not None:
        console.print()
        prompt = fill(prompt_for(kb, question, answers).get(lang), lang, env.region)
        console.print(Text(f"{len(asked) + 1}. {prompt}", style="bold cyan"))
        if question.kind == "choice":
            for number, choice in enumerate(question.values, start=1):
                console.print(Text(f"  {number}. {choice.label.get(lang)}"))
            console.print(Text(f"  d. {say('dont_know', lang)}"))
            console.print(Text(say("prompt_keys", lang), style="dim"))
        else:
            console.print(Text(say("prompt_list_keys", lang), style="dim"))
        while True:
            reply = read("> ")
            outcome = _understand(question, reply)
            if outcome == "?":
                console.print(Text(fill(question.help.get(lang), lang, env.region), style="italic"))
                continue
            if outcome == "b":
                if asked:
                    answers.pop(asked.pop(), None)
                break
            if outcome == "invalid":
                console.print(Text(say("prompt_invalid", lang), style="yellow"))
                continue
            asked.append(question.id)
            if outcome is not None:
                answers[question.id] = outcome
            break
        if emergency_now(kb, answers):
            console.print()
            console.print(Text(say("interview_emergency_stop", lang), style="bold red"))
            break
    console.print()
    return answers


def _understand(question: Question, reply: str) -> str | None:
    """'?' help, 'b' back, None don't know, 'invalid', or the answer value."""
    word = reply.casefold()
    if word in ("?", "b"):
        return word
    if word in UNKNOWN_WORDS:
        return None
    if question.kind == "list":
        return reply
    if word.isdigit() and 1 <= int(word) <= len(question.values):
        return question.values[int(word) - 1].id
    for choice in question.values:
        if word in (choice.id, choice.label.en.casefold(), (choice.label.zh or "").casefold()):
            return choice.id
    return "invalid"
