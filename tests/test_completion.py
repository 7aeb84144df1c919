"""Shell completion of ids and medicine names, driven the way the shells drive it.

The completion scripts Typer installs run the program with `_GALACLI_COMPLETE=complete_bash`
(or `complete_zsh`) and the command line in COMP_WORDS/COMP_CWORD (or _TYPER_COMPLETE_ARGS),
and read the candidates from stdout: these tests do exactly that, in a separate process.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from galacli.core import complete
from galacli.core.medicines import find_medicine
from galacli.errors import DataError
from galacli.knowledge.loader import load_knowledge


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("GALACLI_", "LANG", "LC_"))}


def complete_bash(line: str) -> list[str]:
    """Candidates bash would offer with the cursor at the end of `line`."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = clean_env() | {
        "_GALACLI_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(cword),
    }
    done = subprocess.run(
        [sys.executable, "-m", "galacli"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return [line for line in done.stdout.splitlines() if line]


def complete_zsh(line: str) -> str:
    env = clean_env() | {"_GALACLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    done = subprocess.run(
        [sys.executable, "-m", "galacli"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_bash_completes_a_faq_id() -> None:
    assert complete_bash("galacli faq why-m") == ["why-milk-after-sex"]


def test_bash_lists_every_faq_id_on_an_empty_word() -> None:
    offered = complete_bash("galacli faq ")
    assert sorted(offered) == sorted(entry.id for entry in load_knowledge().faq)


def test_only_the_first_faq_word_completes_to_an_id() -> None:
    # `galacli faq milk why-...` is a search, not an id: offering ids there would mislead.
    assert complete_bash("galacli faq milk why-m") == []


def test_bash_completes_a_cause_id() -> None:
    assert complete_bash("galacli causes prol") == ["prolactinoma"]


def test_cause_query_also_completes_medicine_names() -> None:
    assert "risperidone" in complete_bash("galacli causes risp")


def test_bash_completes_drug_names_and_they_are_found() -> None:
    offered = complete_bash("galacli causes --drug Risperdal")
    assert offered == ["Risperdal", "Risperdal-Consta", "Risperdal-M-Tab"]
    # A completed name with spaces turned into hyphens still finds the medicine.
    done = subprocess.run(
        [sys.executable, "-m", "galacli", "causes", "--drug", offered[1], "--format", "plain"],
        capture_output=True,
        text=True,
        env=clean_env(),
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("risperidone")


def test_short_drug_option_completes_chinese_names() -> None:
    assert "利培酮" in complete_bash("galacli causes -d 利")


def test_bash_completes_a_source_id() -> None:
    assert "AAFP22" in complete_bash("galacli sources AAFP")


def test_zsh_completes_ids_with_their_question() -> None:
    out = complete_zsh("galacli faq why-m")
    assert out.startswith("_arguments")
    assert '"why-milk-after-sex":"Why do I leak milk after sex?"' in out
    assert '"prolactinoma"' in complete_zsh("galacli causes prol")


def test_zsh_help_follows_the_language() -> None:
    env = clean_env() | {
        "_GALACLI_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "galacli faq why-m",
        "GALACLI_LANG": "zh",
    }
    done = subprocess.run(
        [sys.executable, "-m", "galacli"], capture_output=True, text=True, env=env, check=False
    )
    assert '"why-milk-after-sex":"' in done.stdout
    assert "Why do I" not in done.stdout


def test_show_completion_prints_the_bash_script() -> None:
    env = clean_env() | {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "galacli", "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0
    assert "_GALACLI_COMPLETE=complete_bash" in done.stdout
    assert "complete -o default -F" in done.stdout


def test_every_offered_medicine_name_is_one_shell_word_that_finds_a_medicine() -> None:
    kb = load_knowledge()
    names = [name for name, _help in complete.medicine_names(kb, "", "en")]
    assert len(names) == len(set(names)) > 100
    for name in names:
        assert name.split() == [name]
        assert not set(name) & set("'\"()$`\\;&|<>*?")
        assert find_medicine(kb, name) is not None, name


def test_a_broken_knowledge_file_completes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from galacli import cli

    def broken() -> None:
        raise DataError("galacli/data/faq.yaml", 3, "faq", "not valid YAML")

    monkeypatch.setattr(cli, "_knowledge", broken)
    assert cli._complete_medicine("ris") == []
