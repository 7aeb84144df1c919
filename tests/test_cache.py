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


# ---- issue 16: a cache that can be neither steered nor broken (items 2, 3 and 8)


def test_a_symlink_planted_at_the_temp_name_is_never_written_through(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import secrets

    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    monkeypatch.setattr(secrets, "token_hex", lambda _n: "0123456789abcdef")
    files = texts()
    key = loader._cache_key(files)
    (cache / f".knowledge-{key}.0123456789abcdef.tmp").symlink_to(victim)
    assert loader.load_cached(files).faq
    assert victim.read_text() == "precious"


def test_a_symlink_at_the_cache_name_is_neither_read_nor_followed(
    cache: Path, tmp_path: Path
) -> None:
    files = texts()
    loader.load_cached(files)
    [path] = caches(cache)
    victim = tmp_path / "victim.msgpack"
    victim.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(victim)
    before = victim.read_bytes()
    assert loader.load_cached(files).faq
    assert victim.read_bytes() == before and not path.is_symlink()  # replaced, not followed


def test_a_valid_msgpack_cache_that_galacli_did_not_write_is_ignored(cache: Path) -> None:
    files = texts()
    built = loader.load_cached(files)
    [path] = caches(cache)
    snap = loader._snapshot(built)
    calm = tuple(msgspec.structs.replace(s, tier="self-care") for s in snap.signs)
    planted = msgspec.structs.replace(snap, signs=calm)
    path.write_bytes(msgspec.msgpack.encode(planted, enc_hook=loader._encode_hook))
    kb = loader.load_cached(files)
    assert {s.tier for s in kb.signs} == {s.tier for s in built.signs}


def _planted(cache: Path, files: list[loader.KnowledgeFile], payload: bytes) -> None:
    """A cache file with a valid header and checksum around a payload that is wrong inside."""
    key = loader._cache_key(files)
    data = loader.MAGIC + loader._checksum(key, payload) + payload
    (cache / f"knowledge-{key}.msgpack").write_bytes(data)


@pytest.mark.parametrize(
    "damage", ["missing field", "unknown question", "empty tiers", "tiers order"]
)
def test_a_cache_damaged_inside_heals(cache: Path, damage: str) -> None:
    files = texts()
    built = loader.build(files)
    raw = msgspec.to_builtins(loader._snapshot(built), enc_hook=loader._encode_hook)
    if damage == "missing field":
        del raw["signs"][0]["tier"]
    elif damage == "unknown question":
        raw["signs"][0]["when"] = {"no_such_question": "yes"}
    elif damage == "empty tiers":
        raw["tiers"] = []
    else:
        raw["tiers"] = raw["tiers"][::-1]
    _planted(cache, files, msgspec.msgpack.encode(raw))
    kb = loader.load_cached(files)
    assert run_check(kb, ANSWERS, "en").urgency == run_check(built, ANSWERS, "en").urgency
    assert [t.id for t in kb.tiers] == ["emergency", "urgent", "routine", "self-care"]
    # ... and the next run reads a good cache again
    assert (
        loader._read_cache(
            cache / f"knowledge-{loader._cache_key(files)}.msgpack",
            loader._cache_key(files),
            loader._limit(files),
        )
        is not None
    )


def test_eighty_random_bit_flips_never_break_a_command(cache: Path) -> None:
    import random

    from galacli.core import causes, faq

    files = texts()
    expected = msgspec.json.encode(run_check(loader.build(files), ANSWERS, "en"))
    rng = random.Random(16)  # noqa: S311 - reproducible damage, not secrets
    for _ in range(80):
        kb = loader.load_cached(files)
        assert msgspec.json.encode(run_check(kb, ANSWERS, "en")) == expected
        faq.find_faq(kb, ["milk", "after", "sex"], "en", 5)
        causes.find_causes(kb, ["pituitary"], "en", 5)
        for path in cache.glob("*.msgpack"):
            data = bytearray(path.read_bytes())
            spot = rng.randrange(len(data))
            data[spot] ^= 1 << rng.randrange(8)
            path.write_bytes(bytes(data))


def test_a_huge_junk_cache_is_not_read(cache: Path) -> None:
    import time

    files = texts()
    loader.load_cached(files)
    [path] = caches(cache)
    with path.open("r+b") as stream:
        stream.truncate(10 * 1024**3)  # sparse: 10 GB on paper, nothing on disk
    started = time.monotonic()
    assert loader.load_cached(files).faq
    assert time.monotonic() - started < 5


def test_eviction_keeps_files_galacli_did_not_write(cache: Path) -> None:
    foreign = cache / "knowledge-000000000000000000000000.msgpack"
    foreign.write_bytes(b"someone else's file")
    import os

    os.utime(foreign, (0, 0))  # the oldest of all
    for n in range(6):
        files = texts()
        files[1] = msgspec.structs.replace(files[1], data=files[1].data + f"\n# {n}\n".encode())
        loader.load_cached(files)
    assert foreign.read_bytes() == b"someone else's file"
    assert len(caches(cache)) == 5  # four of galacli's, and the foreign one


def test_unfinished_temp_files_are_cleaned_and_a_failed_write_leaves_none(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    stale = cache / ".knowledge-abc.0123456789abcdef.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    young = cache / ".knowledge-abc.fedcba9876543210.tmp"  # maybe another run's, writing now
    young.write_bytes(b"half")
    loader.load_cached(texts())
    assert not stale.exists() and young.exists()

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    changed = texts()
    changed[0] = msgspec.structs.replace(changed[0], data=changed[0].data + b"\n# more\n")
    assert loader.load_cached(changed).faq
    assert sorted(p.name for p in cache.glob(".*.tmp")) == [young.name]


def test_concurrent_cold_starts_build_once(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    real_build = loader.build
    calls: list[int] = []

    def slow_build(files):  # type: ignore[no-untyped-def]
        calls.append(1)
        time.sleep(0.3)
        return real_build(files)

    monkeypatch.setattr(loader, "build", slow_build)
    files = texts()
    threads = [threading.Thread(target=loader.load_cached, args=(files,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"HOME": "/nonexistent/dir"}, None),
        ({"HOME": ""}, None),
        ({"HOME": "relative/home"}, None),
        ({"HOME": "{home}", "XDG_CACHE_HOME": "relative/cache"}, "{home}/.cache/galacli"),
        ({"HOME": "{home}", "XDG_CACHE_HOME": "{home}/xdg"}, "{home}/xdg/galacli"),
        ({"HOME": "{home}", "GALACLI_CACHE_DIR": "rel"}, "{home}/.cache/galacli"),
    ],
)
def test_home_and_xdg_follow_the_xdg_spec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], expected: str | None
) -> None:
    for name in ("HOME", "XDG_CACHE_HOME", "GALACLI_CACHE_DIR", "GALACLI_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value.format(home=tmp_path))
    folder = loader.cache_dir()
    assert (str(folder) if folder else None) == (
        expected.format(home=tmp_path) if expected else None
    )
    assert not Path("/nonexistent").exists()
    if folder is not None:
        loader.load_cached(texts())
        assert caches(folder)


def test_a_cache_under_a_missing_xdg_tree_is_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GALACLI_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a" / "b" / "c"))
    assert loader.load_cached(texts()).faq
    assert not (tmp_path / "a").exists()
