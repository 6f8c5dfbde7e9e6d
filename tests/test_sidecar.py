"""Sidecar metadata (NAME.json beside NAME.txt) overrides what was guessed; a broken one
rejects its clip with a reason and stops nothing else."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clipping_archive.ingest.sidecar import (
    SidecarError,
    apply_sidecar,
    load_sidecar,
    sidecar_path,
    validate_sidecar,
)
from clipping_archive.models import Metadata

SEED_004 = "004_919589b1ab89fae0"


def test_no_sidecar_is_none(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("x", encoding="utf-8")
    assert load_sidecar(text) is None


# Names as a walk meets them: dots anywhere (leading, trailing, doubled), no slash.
_NAMES = st.text(st.sampled_from("ab.éج_ -"), min_size=1, max_size=8).filter(
    lambda n: n not in (".", "..")
)


@given(folders=st.lists(_NAMES, max_size=3), name=_NAMES, absolute=st.booleans())
def test_the_sidecar_is_named_as_pathlib_names_it(folders, name, absolute):
    """The sidecar's path is worked out on the string (every imported file asks); it is
    the file Path(...).with_suffix(".json") names: "a.b.txt" -> "a.b.json", ".txt" (no
    suffix) -> ".txt.json", "a." -> "a..json"."""
    text = str(Path("/" if absolute else ".", *folders, name))
    assert sidecar_path(text) == str(Path(text).with_suffix(".json"))


def test_fields_are_normalised(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "title": "  Een   titel ",
                "date": "22 maart 2024",
                "author": "",
                "source": None,
                "url": "https://nos.nl/1",
                "tags": "isis, moskou, isis",
                "scraper": "v2",
            }
        ),
        encoding="utf-8",
    )
    assert load_sidecar(tmp_path / "a.txt") == {
        "title": "Een titel",
        "date": "2024-03-22",
        "url": "https://nos.nl/1",
        "tags": ("isis", "moskou"),
    }


@pytest.mark.parametrize(
    ("date", "iso"),
    [
        ("2024-06", "2024-06"),
        ("2024-03-22T10:00:00Z", "2024-03-22"),
        ("٢٣ مارس ٢٠٢٤", "2024-03-23"),
    ],
)
def test_dates_at_their_precision(date, iso):
    assert validate_sidecar({"date": date})["date"] == iso


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected a JSON object"),
        ({"date": "yesterday"}, "'date' is not a date"),
        ({"date": 2024}, "'date' is not a date"),
        ({"title": 7}, "'title' must be a string"),
        ({"tags": [1, 2]}, "'tags' must be a list of strings"),
    ],
)
def test_bad_fields_are_refused(data, message):
    with pytest.raises(SidecarError, match=message):
        validate_sidecar(data, "a.json")


def test_invalid_json_names_the_file_and_line(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.json").write_text('{"title": "x",\n "date": }', encoding="utf-8")
    with pytest.raises(SidecarError, match=r"sidecar a\.json: invalid JSON .*line 2"):
        load_sidecar(tmp_path / "a.txt")


def test_apply_overrides_guesses_and_keeps_the_rest():
    guessed = Metadata(title="Gok", title_derived=True, date="2024-06", author="A")
    out = apply_sidecar(guessed, {"title": "Echt", "tags": ("x",)})
    assert out == Metadata(
        title="Echt", title_derived=False, date="2024-06", author="A", tags=("x",)
    )
    assert apply_sidecar(guessed, None) == guessed


def test_import_uses_the_sidecar(seeds_copy, clip):
    (seeds_copy / f"{SEED_004}.json").write_text(
        json.dumps(
            {
                "title": "Waarom ISIS-K Rusland aanvalt",
                "date": "2024-03-23",
                "author": "Sara Abu Shadi",
                "source": "Masrawy",
                "url": "https://www.masrawy.com/news/1",
                "tags": ["isis-k", "moskou"],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    report = clip.json("import", str(seeds_copy))
    assert report["added"] == 5 and report["rejected"] == []
    shown = clip.json("show", clip.jsonl("search", "خراسان", "--author", "Sara Abu Shadi")[0]["id"])
    assert shown["title"] == "Waarom ISIS-K Rusland aanvalt" and shown["title_derived"] is False
    assert shown["date"] == "2024-03-23"
    assert (shown["author"], shown["source"]) == ("Sara Abu Shadi", "Masrawy")
    assert shown["url"] == "https://www.masrawy.com/news/1"
    assert shown["tags"] == ["isis-k", "moskou"]
    # The sidecar's title is searchable like any title, and ranks first: the clips that
    # only say aanval (the verb's family, #22) come after it.
    assert [h["id"] for h in clip.jsonl("search", "aanvalt")][0] == shown["id"]
    assert [h["id"] for h in clip.jsonl("search", '"aanvalt"')] == [shown["id"]]


def test_a_broken_sidecar_rejects_its_clip_only_and_a_fix_brings_it_in(seeds_copy, clip):
    sidecar = seeds_copy / f"{SEED_004}.json"
    sidecar.write_text('{"title": "half', encoding="utf-8")
    result = clip("import", str(seeds_copy), "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["added"] == 4
    [rejected] = report["rejected"]
    assert rejected["path"].endswith(f"{SEED_004}.txt")
    assert f"sidecar {SEED_004}.json: invalid JSON" in rejected["reason"]
    sidecar.write_text('{"title": "Hersteld"}', encoding="utf-8")
    again = clip.json("import", str(seeds_copy))
    assert again["added"] == 1 and again["unchanged"] == 4 and again["duplicates"] == 0
    assert clip.json("show", again["added_ids"][0])["title"] == "Hersteld"
