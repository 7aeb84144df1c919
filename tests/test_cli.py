"""Every command in every format, through the real Typer app, asserting what a person sees."""

from __future__ import annotations

import pytest

FORMATS = ("rich", "plain", "markdown", "json")
MALE_MILKY = ("-a", "sex=male", "-a", "age_group=adult", "-a", "discharge=milky")


@pytest.mark.parametrize("fmt", FORMATS)
def test_faq_by_id(run, fmt: str) -> None:
    result = run("faq", "why-milk-after-sex", "--format", fmt)
    assert result.exit_code == 0
    assert "Why do I leak milk after sex?" in result.stdout
    assert "let-down" in result.stdout
    if fmt != "json":
        assert "Reviewed: 2026-" in result.stdout or "Reviewed" in result.stdout
        assert "MAYO-G" in result.stdout  # the sources it used end the entry
    if fmt == "markdown":
        assert result.stdout.startswith("# Why do I leak milk after sex?")


@pytest.mark.parametrize("fmt", FORMATS)
def test_faq_list(run, fmt: str) -> None:
    result = run("faq", "--format", fmt)
    assert result.exit_code == 0
    assert "what-is-galactorrhea" in result.stdout
    if fmt == "plain":
        lines = result.stdout.splitlines()
        assert all("\t" in line for line in lines)
        assert len(lines) >= 31


@pytest.mark.parametrize("fmt", FORMATS)
def test_faq_search(run, fmt: str) -> None:
    result = run("faq", "nipple", "discharge", "colour", "--format", fmt)
    assert result.exit_code == 0
    assert "colours" in result.stdout


def test_faq_search_limit_and_one_result_per_plain_line(run) -> None:
    result = run("faq", "milk", "--limit", "3", "--format", "plain")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_causes_list_grouped(run, fmt: str) -> None:
    result = run("causes", "--format", fmt)
    assert result.exit_code == 0
    for cause in ("prolactinoma", "medication", "neonatal", "breast-duct-conditions"):
        assert cause in result.stdout
    if fmt != "json":
        assert "Pituitary" in result.stdout  # a category heading


@pytest.mark.parametrize("fmt", FORMATS)
def test_cause_by_id(run, fmt: str) -> None:
    result = run("causes", "hypothyroidism", "--format", fmt)
    assert result.exit_code == 0
    assert "thyroid" in result.stdout.lower()
    assert "TSH" in result.stdout


def test_cause_search_by_brand_returns_cause_with_medicine(run) -> None:
    data = run.json("causes", "Risperdal")
    first = data["results"][0]
    assert first["id"] == "medication"
    assert first["matched_medicine"]["name"] == "risperidone"


@pytest.mark.parametrize("fmt", FORMATS)
def test_drug_lookup(run, fmt: str) -> None:
    result = run("causes", "--drug", "RISPERDAL", "--format", fmt)
    assert result.exit_code == 0
    assert "risperidone" in result.stdout
    assert "without talking to the person who prescribed it" in result.stdout


def test_drug_lookup_offers_a_near_spelling_but_never_answers_for_it(run) -> None:
    result = run("causes", "--drug", "risperdon", "--format", "plain")
    assert result.exit_code == 1
    assert "'risperdon' was not found. Did you mean risperidone?" in result.stdout
    assert "often raises prolactin" not in result.stdout


def test_unknown_drug_is_honest_not_safe(run) -> None:
    result = run("causes", "--drug", "ibuprofen", "--format", "plain")
    assert result.exit_code == 1
    assert "not in galacli's table" in result.stdout
    assert "does not prove it is safe" in result.stdout
    assert "without talking to the person who prescribed it" in result.stdout


def test_treatment_is_not_called_a_cause(run) -> None:
    data = run.json("causes", "--drug", "cabergoline")
    [answer] = data["results"]
    assert answer["match"]["strength"] == "lowers"
    assert "treatment" in answer["message"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_red_flag(run, fmt: str) -> None:
    result = run("check", *MALE_MILKY, "--format", fmt)
    assert result.exit_code == 0
    out = result.stdout
    assert "urgent" in out.lower()
    assert "not a diagnosis" in out
    if fmt != "json":
        # The tier comes first, in words.
        assert out.lower().index("urgent") < out.index("not a diagnosis")


def test_check_from_answers_file(run, tmp_path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("sex: female\nage_group: adult\ndischarge: bloody\nlump: no\n")
    data = run.json("check", "--answers", str(answers))
    assert data["urgency"] == "urgent"
    assert data["answers"]["lump"] == "no"  # YAML's boolean no is the answer "no"
    assert [flag["id"] for flag in data["red_flags"]] == ["bloody-discharge"]


def test_check_answers_flag_overrides_file(run, tmp_path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"sex": "female", "discharge": "milky"}')
    data = run.json("check", "--answers", str(answers), "-a", "discharge=bloody")
    assert data["answers"]["discharge"] == "bloody"


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_questions(run, fmt: str) -> None:
    result = run("check", "--questions", "--format", fmt)
    assert result.exit_code == 0
    assert "sudden_severe_headache" in result.stdout
    assert "Why we ask" in result.stdout
    assert "medicine_cause" not in result.stdout  # derived, never asked


def test_check_without_answers_or_terminal_is_a_usage_error(run) -> None:
    result = run("check", "--no-input")
    assert result.exit_code == 2
    assert "-a KEY=VALUE" in result.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_when_to_worry(run, fmt: str) -> None:
    result = run("when-to-worry", "--format", fmt)
    assert result.exit_code == 0
    out = result.stdout.lower()
    positions = [out.index(tier) for tier in ("emergency", "urgent", "routine", "self-care")]
    assert positions == sorted(positions)


def test_when_to_worry_tier_filter(run) -> None:
    data = run.json("when-to-worry", "--tier", "urgent")
    assert [tier["urgency"] for tier in data["tiers"]] == ["urgent"]
    assert any(sign["id"] == "male-discharge" for sign in data["tiers"][0]["signs"])


def test_version_names_program_and_knowledge(run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("galacli 0.")
    assert "knowledge 20" in result.stdout


def test_rich_markup_in_input_prints_literally(run) -> None:
    result = run("check", *MALE_MILKY, "-a", "medications=[bold]x[/bold]", "--format", "rich")
    assert "[bold]x[/bold]" in result.stdout


def test_no_color_means_no_escape_codes(run) -> None:
    result = run("faq", "men", "--format", "rich", "--color", "never")
    assert "\x1b[" not in result.stdout
    forced = run("faq", "men", "--format", "rich", "--color", "always")
    assert "\x1b[" in forced.stdout
    honoured = run("faq", "men", "--format", "rich", "--color", "auto", env={"NO_COLOR": "1"})
    assert "\x1b[" not in honoured.stdout


def test_plain_is_the_default_when_piped(run) -> None:
    result = run("faq", "men")
    assert "╭" not in result.stdout and "[men]" in result.stdout


def test_environment_language_falls_back_with_a_notice(run) -> None:
    result = run("faq", "men", env={"LANG": "fr_FR.UTF-8"})
    assert result.exit_code == 0
    assert "not available; using English" in result.stderr


def test_c_locale_is_ignored_quietly(run) -> None:
    result = run("faq", "men", env={"LANG": "C.UTF-8"})
    assert result.exit_code == 0
    assert result.stderr == ""
