"""langdetect's profiles from the file in the user's cache: the same table langdetect
loads itself (so the same answers), built once, rebuilt when damaged, and not needed
where no cache can be written."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from clipping_archive.ingest import language_profiles as profiles

ROOT = Path(__file__).resolve().parent.parent
SEED_PARAGRAPHS = [
    line.strip()
    for path in sorted((ROOT / "seeds").glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if len(line.strip()) > 30
]


@pytest.fixture(scope="module")
def langdetects_own() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "clipping-archive" / profiles.file_name(profiles.profiles_key())


def _detect(factory, text: str) -> list:
    DetectorFactory.seed = 0
    detector = factory.create()
    detector.append(text)
    return detector.get_probabilities()


def test_the_file_holds_the_table_langdetect_loads(cache, langdetects_own):
    built = profiles.load_factory()  # builds the file
    opened = profiles.open_profiles(cache, profiles.profiles_key())
    assert isinstance(opened.word_lang_prob_map, profiles.ProfileRows)
    for factory in (built, opened):
        assert factory.langlist == langdetects_own.langlist  # the order matters too
        table = factory.word_lang_prob_map
        assert list(table) == list(langdetects_own.word_lang_prob_map)
    own = langdetects_own.word_lang_prob_map
    assert all(opened.word_lang_prob_map[ngram] == row for ngram, row in own.items())


def test_detections_are_langdetects_own(cache, langdetects_own):
    profiles.load_factory()
    opened = profiles.open_profiles(cache, profiles.profiles_key())
    texts = SEED_PARAGRAPHS[::3] + ["Crocus City Hall", "Al Azaim Media", "x"]
    for text in texts:
        assert str(_detect(opened, text)) == str(_detect(langdetects_own, text)), text


def test_a_later_process_opens_the_file(cache):
    profiles.load_factory()
    built_at = cache.stat().st_mtime_ns
    code = (
        "from clipping_archive.ingest import language_profiles as p\n"
        "f = p.load_factory()\n"
        "print(type(f.word_lang_prob_map).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    ).stdout
    assert out.strip() == "ProfileRows"
    assert cache.stat().st_mtime_ns == built_at  # opened, not built again


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # a build cut short
        lambda data: b"",
        lambda data: data.replace(b"langdetect-", b"langdetecx-", 1),  # another key
        lambda data: b"\x00" * len(data),
    ],
)
def test_a_damaged_file_is_built_again(cache, langdetects_own, damage):
    profiles.load_factory()
    cache.write_bytes(damage(cache.read_bytes()))
    assert profiles.open_profiles(cache, profiles.profiles_key()) is None
    factory = profiles.load_factory()
    assert factory.langlist == langdetects_own.langlist
    opened = profiles.open_profiles(cache, profiles.profiles_key())
    assert opened is not None and list(opened.word_lang_prob_map) == list(
        langdetects_own.word_lang_prob_map
    )


def test_without_a_writable_cache_langdetect_loads_its_own(tmp_path, monkeypatch, langdetects_own):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))  # cannot be created
    monkeypatch.setattr(tempfile, "tempdir", str(blocker / "tmp"))  # nor this
    factory = profiles.load_factory()
    assert factory.langlist == langdetects_own.langlist
    assert factory.word_lang_prob_map == langdetects_own.word_lang_prob_map


def _foreign_temp_folder(tmp_path, monkeypatch) -> Path:
    """The temporary-directory cache folder, made (first) by another user; the user's own
    cache cannot be written."""
    if os.getuid() != 0:
        pytest.skip("making a folder another user owns takes root")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    folder = tmp_path / "tmp" / f"clipping-archive-{os.getuid()}"
    folder.mkdir(parents=True)
    return folder


def test_a_cache_folder_someone_else_made_is_not_read(tmp_path, monkeypatch, langdetects_own):
    """In the shared temporary directory another user could make the folder first and put
    a file in it that decodes as anything: it is never read (nor written)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "mine"))
    built = profiles.load_factory()
    assert built.langlist == langdetects_own.langlist
    planted = tmp_path / "mine" / "clipping-archive" / profiles.file_name(profiles.profiles_key())
    folder = _foreign_temp_folder(tmp_path, monkeypatch)
    (folder / planted.name).write_bytes(planted.read_bytes())  # a valid file: still not read
    os.chown(folder, 65534, 65534)
    factory = profiles.load_factory()
    assert not isinstance(factory.word_lang_prob_map, profiles.ProfileRows)
    assert factory.word_lang_prob_map == langdetects_own.word_lang_prob_map
    assert sorted(p.name for p in folder.iterdir()) == [planted.name]
