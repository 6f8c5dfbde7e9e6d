"""The lexicon tables on disk answer as the dictionaries in memory do, are rebuilt when
built for another version, survive two builders at once, and fall back quietly when no
cache can be written."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import clipping_archive
from clipping_archive.analysis import lexicon, lexicon_table
from clipping_archive.analysis.lexicon import MemoryLexicon
from clipping_archive.analysis.tokenize import WORD

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cache_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def private_cache(cache_home, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    lexicon.reset()
    yield cache_home / "clipping-archive"
    lexicon.reset()


def _sample(memory: MemoryLexicon, language: str) -> list[str]:
    """Real words: every word of the seeds, dictionary forms and lemmas, frequent words,
    each also capitalised and upper-cased (the chains look words up so), and words no
    list has."""
    rng = random.Random(22)
    seeds = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*")))
    words = set(WORD.findall(seeds))
    words.update(w.lower() for w in list(words))
    words.update(f.decode() for f in rng.sample(sorted(memory.table), 3000))
    words.update(f.decode() for f in rng.sample(sorted(memory.lemmas), 2000))
    words.update(rng.sample(sorted(memory.ranks), 3000))
    words.update([w.capitalize() for w in list(words)[:2000]] + [w.upper() for w in words][:500])
    words.update(["", "qqxzv", "aanslagqq", "الالالال", "x" * 300, "Ünïcödé", "\ud800"])
    return sorted(words)


@pytest.mark.parametrize("language", ["ar", "nl", "en"])
def test_the_table_answers_as_the_dictionaries_do(private_cache, language):
    memory = MemoryLexicon(language)
    table = lexicon_table.open_table(language)
    assert isinstance(table, lexicon_table.TableLexicon)
    sample = _sample(memory, language)
    for word in sample:
        if word == "\ud800":  # a lone surrogate: the dictionaries raise, the table says no
            assert table.lemma(word) is None and table.frequency(word) == 0
            continue
        expected = (memory.lemma(word), memory.known(word), memory.is_lemma(word),
                    memory.frequency(word))  # fmt: skip
        got = (table.lemma(word), table.known(word), table.is_lemma(word), table.frequency(word))
        assert got == expected, word
    # and the public functions, which open the table of the language asked for only
    assert lexicon.lemma(sample[len(sample) // 2], language) == memory.lemma(
        sample[len(sample) // 2]
    )
    assert set(lexicon._open) == {language}


def test_the_table_has_every_word_of_the_lists(private_cache):
    memory = MemoryLexicon("en")
    table = lexicon_table.open_table("en")
    for form, found in memory.table.items():
        assert table.lemma(form.decode()) == found.decode(), form
    for word in memory.lemmas:
        assert table.is_lemma(word.decode()), word
    for word, rank in memory.ranks.items():
        assert table.frequency(word) == rank, word


@pytest.mark.parametrize("upgrade", ["clipping-archive", "layout"])
def test_a_table_of_another_version_is_rebuilt(private_cache, monkeypatch, upgrade):
    old = lexicon_table.open_table("en")
    old.close()
    if upgrade == "layout":
        monkeypatch.setattr(lexicon_table, "TABLE_FORMAT", lexicon_table.TABLE_FORMAT + 1)
    else:
        monkeypatch.setattr(clipping_archive, "__version__", "99.0.0")
    new_key = lexicon_table.table_key("en")
    new_path = private_cache / lexicon_table.file_name(new_key)
    # A file under the new name that holds the old version's key (copied by hand, or a
    # clock that lied): its key is checked, not trusted from the name.
    new_path.write_bytes(old.path.read_bytes())
    table = lexicon_table.open_table("en")
    assert table.path == new_path
    assert new_key.encode() in new_path.read_bytes()[:200]
    assert table.lemma("went") == "go"
    # the old version's table is gone; no temporary file is left
    assert sorted(p.name for p in private_cache.glob("lexicon-en-*")) == [
        new_path.name,
        lexicon_table.dicts_name(new_key),
    ]


def test_a_corrupt_table_is_rebuilt(private_cache):
    key = lexicon_table.table_key("en")
    path = private_cache / lexicon_table.file_name(key)
    private_cache.mkdir(parents=True, exist_ok=True)
    whole = lexicon_table.encode_table(MemoryLexicon("en"), key)
    for damaged in (whole[:10], whole[: len(whole) // 2], b"\x00" * 100):
        path.write_bytes(damaged)  # a build cut short, a disk that lost its tail
        table = lexicon_table.open_table("en")
        assert table is not None and table.lemma("children") == "child"
        assert path.read_bytes() == whole


def test_no_writable_cache_falls_back_to_temp_then_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))  # cannot be created
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    lexicon.reset()
    try:
        assert lexicon.lemma("went", "en") == "go"
        assert isinstance(lexicon._open["en"], lexicon_table.TableLexicon)
        assert lexicon._open["en"].path.parent.parent == tmp_path / "tmp"
        lexicon.reset()
        monkeypatch.setattr(tempfile, "tempdir", str(blocker / "tmp"))
        assert lexicon.lemma("went", "en") == "go"
        assert isinstance(lexicon._open["en"], MemoryLexicon)
    finally:
        lexicon.reset()


def test_two_processes_building_at_once_both_answer(tmp_path):
    code = (
        "from clipping_archive.analysis import lexicon\n"
        "print(lexicon.lemma('children', 'en'), lexicon.frequency('the', 'en'))\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert [out for out, _ in outs] == ["child 100000\n"] * 2
    files = sorted(p.name for p in (tmp_path / "clipping-archive").iterdir())
    assert [name.rsplit(".", 1)[1] for name in files] == ["bin", "dicts"]  # no .tmp left


def test_preload_loads_memory_and_writes_missing_tables(private_cache):
    for path in private_cache.glob("lexicon-en-*"):
        path.unlink()
    lexicon.preload(("en",))
    assert isinstance(lexicon._open["en"], MemoryLexicon)
    assert list(private_cache.glob("lexicon-en-*.bin"))
    assert lexicon.lemma("went", "en") == "go"


def test_the_saved_dicts_are_the_dictionaries(private_cache):
    fresh = MemoryLexicon("nl")
    lexicon_table.ensure_table("nl", fresh)
    saved = lexicon_table.load_memory("nl")
    assert saved is not None
    assert (saved.table, saved.ranks, saved.lemmas) == (fresh.table, fresh.ranks, fresh.lemmas)
    # damaged or of another version: not used (the caller decodes simplemma's files)
    path = private_cache / lexicon_table.dicts_name(lexicon_table.table_key("nl"))
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    assert lexicon_table.load_memory("nl") is None
    path.write_bytes(whole.replace(b"clipping-archive-", b"clipping-archive+", 1))
    assert lexicon_table.load_memory("nl") is None


def test_a_cache_folder_someone_else_made_is_not_read(tmp_path, monkeypatch):
    """In the shared temporary directory another user could make the folder first, with
    a table and saved dicts in it (marshal decodes crafted bytes as anything): neither is
    read, and nothing is written there; the dictionaries are loaded in memory instead."""
    if os.getuid() != 0:
        pytest.skip("making a folder another user owns takes root")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "mine"))
    lexicon_table.open_table("en").close()  # the table and the dicts, in my own cache
    mine = tmp_path / "mine" / "clipping-archive"
    assert lexicon_table.load_memory("en") is not None
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))  # cannot be created
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    foreign = tmp_path / "tmp" / f"clipping-archive-{os.getuid()}"
    shutil.copytree(mine, foreign)
    os.chown(foreign, 65534, 65534)
    planted = sorted(p.name for p in foreign.iterdir())
    assert lexicon_table.load_memory("en") is None
    assert lexicon_table.open_table("en") is None
    lexicon.reset()
    try:
        assert lexicon.lemma("went", "en") == "go"
        assert isinstance(lexicon._open["en"], MemoryLexicon)
    finally:
        lexicon.reset()
    assert sorted(p.name for p in foreign.iterdir()) == planted
