"""What `pip install galacli` gets: build the wheel and sdist, check what is in them and what
PyPI will show, install the wheel into a fresh virtual environment and run every command there.

Slow (a build and an install; dependencies come from PyPI or pip's cache) but run by default:
CI must prove the released package works, not only the source tree.
"""

from __future__ import annotations

import email.parser
import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from email.message import Message
from pathlib import Path

import pytest

import galacli
from galacli.core.records import CHECK_SCHEMA_VERSION, SCHEMA_VERSION

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
BIN = "Scripts" if sys.platform == "win32" else "bin"


def package_files(pattern: str) -> list[str]:
    """Files of the source tree, as paths inside the wheel (galacli/...)."""
    return sorted(str(p.relative_to(ROOT).as_posix()) for p in ROOT.glob(pattern))


KNOWLEDGE = package_files("galacli/causes.yaml") + package_files("galacli/data/*.yaml")
SCHEMAS = package_files("galacli/schemas/*.json")
TEMPLATES = package_files("galacli/render/templates/*.j2")


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel built from it (python -m build's default, which proves the
    sdist itself builds)."""
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, ROOT)
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("galacli-*.whl")
    return found


@pytest.fixture(scope="module")
def sdist(dist: Path) -> Path:
    (found,) = dist.glob("galacli-*.tar.gz")
    return found


@pytest.fixture(scope="module")
def metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        name = f"galacli-{galacli.__version__}.dist-info/METADATA"
        return email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))


def test_the_knowledge_files_exist_in_the_source_tree() -> None:
    # Guards the checks below against an empty glob passing trivially.
    assert "galacli/causes.yaml" in KNOWLEDGE and "galacli/data/faq.yaml" in KNOWLEDGE
    assert len(KNOWLEDGE) >= 7 and len(SCHEMAS) >= 7


def test_wheel_has_every_knowledge_file_schema_and_py_typed(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert TEMPLATES, "the handout template is missing from the source tree"
    missing = [f for f in [*KNOWLEDGE, *SCHEMAS, *TEMPLATES, "galacli/py.typed"] if f not in names]
    assert not missing, missing
    assert not [n for n in names if n.startswith("tests/")]
    entry_points = f"galacli-{galacli.__version__}.dist-info/entry_points.txt"
    with zipfile.ZipFile(wheel) as archive:
        assert "galacli = galacli.entry:main" in archive.read(entry_points).decode()


def test_sdist_has_the_tests_and_the_documents(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    expected = [str(p.relative_to(ROOT).as_posix()) for p in ROOT.glob("tests/**/*") if p.is_file()]
    expected = [name for name in expected if "__pycache__" not in name]
    assert "tests/conftest.py" in expected
    wanted = [*expected, "README.md", "LICENSE", "CHANGELOG.md", "pyproject.toml"]
    missing = [f for f in wanted if f not in names]
    assert not missing, missing
    assert not [n for n in names if "__pycache__" in n or n.startswith(".hypothesis")]


def test_metadata_is_what_pypi_shows(metadata: Message) -> None:
    assert metadata["Name"] == "galacli"
    assert metadata["Version"] == galacli.__version__
    assert metadata["Summary"] == PYPROJECT["description"]
    assert metadata["License-Expression"] == "MIT" or metadata["License"]
    assert metadata["Requires-Python"] == PYPROJECT["requires-python"]
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL", []))
    assert set(urls) >= {"Homepage", "Documentation", "Source", "Changelog", "Issues"}
    assert all(url.startswith("https://") for url in urls.values())
    assert set(metadata.get_all("Classifier", [])) == set(PYPROJECT["classifiers"])
    assert "Environment :: Console" in PYPROJECT["classifiers"]
    assert set(metadata["Keywords"].split(",")) == set(PYPROJECT["keywords"])
    requires = " ".join(metadata.get_all("Requires-Dist", []))
    for dependency in ("typer", "rich", "pyyaml", "msgspec"):
        assert dependency in requires
    assert metadata["Description-Content-Type"] == "text/markdown"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert metadata.get_payload().strip() == readme.strip()


def test_readme_links_work_on_pypi() -> None:
    # PyPI renders the README away from the repository: a relative link would be dead there.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    relative = [link for link in re.findall(r"\]\(([^)]+)\)", readme) if "://" not in link]
    assert not relative, relative


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment (no system site-packages, no editable galacli) with only
    the wheel and its dependencies installed; returns its `galacli` script."""
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", venv)
    python = venv / BIN / "python"
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel)
    return venv / BIN / "galacli"


def fresh_env(tmp: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GALACLI_", "LANG", "LC_", "PYTHON", "VIRTUAL_ENV"))
    }
    return env | {"GALACLI_CACHE_DIR": str(tmp / "cache")}


def test_the_installed_copy_is_the_wheel_not_the_source_tree(installed: Path, tmp_path) -> None:
    python = installed.parent / "python"
    code = "import galacli, sys; print(galacli.__file__); print(sys.prefix)"
    where, prefix = run(python, "-c", code, cwd=tmp_path, env=fresh_env(tmp_path)).splitlines()
    assert Path(where).is_relative_to(Path(prefix))
    assert not Path(where).is_relative_to(ROOT)


COMMANDS = {
    "version": (["--version"], f"galacli {galacli.__version__}"),
    "faq": (["faq"], "why-milk-after-sex\t"),
    "faq-json": (["faq", "men", "-f", "json"], '"id": "men"'),
    "causes": (["causes"], "prolactinoma\t"),
    "drug": (["causes", "--drug", "risperidone"], "without talking to the person who prescribed"),
    "check": (
        ["check", "-a", "sex=male", "-a", "discharge=milky", "-f", "json"],
        '"urgency": "urgent"',
    ),
    "when-to-worry": (["when-to-worry"], "EMERGENCY"),
    "sources": (["sources"], "AAFP22\t"),
    "handout": (["handout", "--format", "html"], "card-emergency"),
    "validate": (["validate"], ""),  # clean: nothing on stdout, a summary on stderr
}


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_runs_from_the_installed_wheel(
    installed: Path, tmp_path: Path, name: str
) -> None:
    args, expected = COMMANDS[name]
    done = subprocess.run(
        [str(installed), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=fresh_env(tmp_path),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" or name == "validate", done.stderr
    assert expected in done.stdout, done.stdout[:500]
    if "json" in args:
        version = CHECK_SCHEMA_VERSION if name == "check" else SCHEMA_VERSION
        assert json.loads(done.stdout)["schema_version"] == version
