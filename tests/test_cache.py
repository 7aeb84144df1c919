"""The knowledge cache: keyed on content and version, only ever a shortcut, never required."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from galacli.core.check import run_check
from galacli.knowledge import loader

ANSWERS = {"sex": "female", "discharge": "bloody", "medications": "Risperdal"}


def texts() -> list[loader.KnowledgeFile]:
    return loader.read_shipped()


def caches(folder: Path) -> list[Path]:
    return sorted(folder.glob("knowledge-*.msgpack"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GALACLI_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_cached_knowledge_equals_freshly_built(cache: Path) -> None:
    built = loader.load_cached(texts())
    assert len(caches(cache)) == 1
    cached = loader.load_cached(texts())
    assert cached.version == built.version
    encode = msgspec.json.encode
    assert encode(run_check(cached, ANSWERS, "en")) == encode(run_check(built, ANSWERS, "en"))
    assert [e.id for e in cached.faq] == [e.id for e in built.faq]


def test_a_broken_cache_file_is_ignored(cache: Path) -> None:
    loader.load_cached(texts())
    [path] = caches(cache)
    path.write_bytes(b"\x00not msgpack")
    assert loader.load_cached(texts()).faq


def test_changed_content_gets_a_new_key(cache: Path) -> None:
    loader.load_cached(texts())
    changed = [
        msgspec.structs.replace(
            file,
            data=file.data.replace(b"Why do I leak milk after sex?", b"Why do I leak after sex?"),
        )
        for file in texts()
    ]
    kb = loader.load_cached(changed)
    assert len(caches(cache)) == 2  # a new key; the old cache stays until more pile up
    assert kb.faq_by_id["why-milk-after-sex"].question.en == "Why do I leak after sex?"


def test_no_cache_when_disabled(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GALACLI_NO_CACHE", "1")
    loader.load_cached(texts())
    assert caches(cache) == []


def test_an_unwritable_cache_folder_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GALACLI_CACHE_DIR", str(blocker / "cache"))
    assert loader.load_cached(texts()).faq


def test_old_caches_are_pruned(cache: Path) -> None:
    for n in range(6):
        files = texts()
        files[1] = msgspec.structs.replace(
            files[1], data=files[1].data + f"\n# edit {n}\n".encode()
        )
        loader.load_cached(files)
    assert len(caches(cache)) == 4
