"""Exit codes (DESIGN §7): 0 ok, 1 nothing found, 2 usage, 3 invalid data file, 130 interrupted.

Messages go to stderr, written for a person, never a traceback.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "args",
    [
        ("faq", "zzzqqq"),
        ("causes", "zzzqqq"),
        ("causes", "--drug", "notarealmedicine"),
    ],
)
def test_nothing_found_is_1(run, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr


def test_not_found_suggests(run) -> None:
    result = run("faq", "shoud-i-wory")
    assert result.exit_code == 1
    assert "Did you mean: should-i-worry" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("faq", "--format", "yaml"), "yaml"),
        (("faq", "--lang", "fr"), "Unsupported language 'fr'"),
        (("when-to-worry", "--tier", "soon"), "soon"),
        (("check", "-a", "lump=maybe"), "'maybe' is not an answer to 'lump'"),
        (("check", "-a", "height=180"), "Unknown question 'height'"),
        (("check", "-a", "lump"), "KEY=VALUE"),
        (("check", "-a", "medicine_cause=medication"), "worked out by galacli"),
        (("faq", "--limit", "0"), "0"),
    ],
)
def test_usage_errors_are_2(run, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("sex: female\nlump: perhaps\n", ".yaml", ":2: 'perhaps' is not an answer to 'lump'"),
        ("- sex\n- female\n", ".yaml", "must be a mapping"),
        ("sex: [female\n", ".yaml", "not valid YAML"),
        ('{"sex": "female",}', ".json", "not valid JSON"),
        ("height: 3\n", ".yaml", "Unknown question 'height'"),
    ],
)
def test_bad_answers_file_is_3(run, tmp_path, content: str, suffix: str, message: str) -> None:
    path = tmp_path / f"answers{suffix}"
    path.write_text(content)
    result = run("check", "--answers", str(path))
    assert result.exit_code == 3
    assert message in result.stderr
    assert str(path) in result.stderr


def test_missing_answers_file_is_an_error(run, tmp_path) -> None:
    result = run("check", "--answers", str(tmp_path / "nope.yaml"))
    assert result.exit_code in (2, 3)
    assert "nope.yaml" in result.stderr


def test_invalid_knowledge_is_3(run, monkeypatch, data_copy) -> None:
    from galacli.knowledge import loader

    (data_copy / "data" / "faq.yaml").write_text("faq: [\n")
    monkeypatch.setattr(loader, "load_knowledge", lambda *_: loader.load_from(data_copy))
    result = run("faq", "men")
    assert result.exit_code == 3
    assert "galacli/data/faq.yaml:" in result.stderr


def test_interrupt_is_130(run, monkeypatch) -> None:
    from galacli.core import faq

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(faq, "list_faq", interrupted)
    result = run("faq")
    assert result.exit_code == 130
    assert "Stopped." in result.stderr


def test_finished_check_is_0_whatever_the_tier(run) -> None:
    result = run("check", "-a", "sudden_severe_headache=yes")
    assert result.exit_code == 0
    assert "EMERGENCY" in result.stdout
