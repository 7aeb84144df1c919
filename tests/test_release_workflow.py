"""The GitHub workflows, read as data: what must hold for a release to be safe and complete.

A release runs once per version and cannot be re-run cheaply, so its essentials are pinned
here: tag trigger, tests on every supported Python before publishing, trusted publishing with
no stored token, and the OIDC permission on the publishing job alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
if not (ROOT / ".git").exists() and not WORKFLOWS.exists():
    # The sdist carries the tests but not the workflows; a git checkout must have them.
    pytest.skip("the GitHub workflows are not part of the sdist", allow_module_level=True)
RELEASE_TEXT = (WORKFLOWS / "release.yml").read_text(encoding="utf-8")
RELEASE = yaml.safe_load(RELEASE_TEXT)
CI = yaml.safe_load((WORKFLOWS / "ci.yml").read_text(encoding="utf-8"))
BROWSER_ACTION = ROOT / ".github" / "actions" / "browser-deps" / "action.yml"


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean True.
    return workflow.get("on", workflow.get(True))  # type: ignore[no-any-return]


def runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


def supported_pythons() -> list[str]:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.findall(r'"Programming Language :: Python :: (3\.\d+)"', pyproject)


def test_release_runs_on_version_tags_only() -> None:
    assert triggers(RELEASE) == {"push": {"tags": ["v*"]}}


def test_publishing_waits_for_the_tests_and_the_build() -> None:
    jobs = RELEASE["jobs"]
    assert set(jobs) == {"test", "build", "publish"}
    assert set(jobs["publish"]["needs"]) == {"test", "build"}


def test_only_the_publish_job_may_request_an_oidc_token() -> None:
    assert RELEASE["permissions"] == {"contents": "read"}
    jobs = RELEASE["jobs"]
    assert jobs["publish"]["permissions"] == {"id-token": "write"}
    for name in ("test", "build"):
        assert "id-token" not in jobs[name].get("permissions", {}), name


def test_publishing_is_trusted_publishing_without_a_token() -> None:
    publish = RELEASE["jobs"]["publish"]
    assert publish["environment"]["name"] == "pypi"
    assert "pypa/gh-action-pypi-publish@release/v1" in uses(publish)
    for step in publish["steps"]:
        assert not {"password", "user", "api-token"} & set(step.get("with", {}))
    # No stored secret anywhere in the release: not a token, not a password.
    assert "secrets." not in RELEASE_TEXT
    assert "password" not in RELEASE_TEXT.lower()


def test_publish_uploads_exactly_what_the_build_job_built() -> None:
    build, publish = RELEASE["jobs"]["build"], RELEASE["jobs"]["publish"]
    assert "python -m build" in runs(build)
    assert re.search(r"twine check .*dist/\*", runs(build))
    (upload,) = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-")]
    (download,) = [s for s in publish["steps"] if s.get("uses", "").startswith("actions/down")]
    assert upload["with"]["name"] == download["with"]["name"]
    assert upload["with"]["path"].rstrip("/") == download["with"]["path"].rstrip("/") == "dist"
    assert "actions/checkout@v4" not in uses(publish)  # nothing but the artifact is published


def test_the_build_refuses_a_tag_that_is_not_the_version() -> None:
    assert "galacli.__version__" in runs(RELEASE["jobs"]["build"])
    assert "GITHUB_REF_NAME" in runs(RELEASE["jobs"]["build"])


def test_tests_run_on_every_python_the_package_claims() -> None:
    claimed = supported_pythons()
    assert claimed == ["3.10", "3.11", "3.12", "3.13"]
    test = RELEASE["jobs"]["test"]
    assert test["strategy"]["matrix"]["python-version"] == claimed
    requires = re.search(r'requires-python = ">=(3\.\d+)"', (ROOT / "pyproject.toml").read_text())
    assert requires is not None and requires.group(1) == claimed[0]


def test_the_test_job_runs_every_quality_gate() -> None:
    test = RELEASE["jobs"]["test"]
    script = runs(test)
    assert "pip install -e '.[test]'" in script
    for command in ("pytest", "ruff check .", "ruff format --check .", "mypy"):
        assert re.search(rf"^{re.escape(command)}$", script, re.MULTILINE), command


def test_browser_test_dependencies_are_installed_and_required() -> None:
    for job in (RELEASE["jobs"]["test"], CI["jobs"]["ci"]):
        assert "./.github/actions/browser-deps" in uses(job)
        assert job["env"]["GALACLI_REQUIRE_BROWSER"] == "1"
    action = yaml.safe_load(BROWSER_ACTION.read_text(encoding="utf-8"))
    script = action["runs"]["steps"][0]["run"]
    assert "apt-get install" in script
    for package in ("poppler-utils", "chromium"):
        assert package in script


def test_ci_runs_the_one_command_on_pushes_and_pull_requests() -> None:
    on = triggers(CI)
    assert set(on) == {"push", "pull_request"}
    assert "tags" not in (on["push"] or {})  # tags belong to the release workflow
    assert ".ci/run" in runs(CI["jobs"]["ci"])
    assert CI["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("path", sorted((ROOT / ".github").rglob("*.yml")), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_release(path: Path) -> None:
    # A branch like @main can change under a release; a version tag does not move silently.
    text = path.read_text(encoding="utf-8")
    for ref in re.findall(r"uses:\s*([^\s#]+)", text):
        if ref.startswith("./"):
            continue
        assert re.search(r"@(v\d+|release/v\d+)$", ref), ref
