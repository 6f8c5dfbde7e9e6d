"""Sources and collections at import (#23): the archivist's mapping (folder or file
name -> outlet, country, language), --source and --tag, one spelling per outlet, a bad
mapping refused by its line, and `clip reindex` applying a changed mapping."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import SEED_FILES, Clip

from clipping_archive import Archive
from clipping_archive.errors import UsageError
from clipping_archive.ingest.sources import SourceRow, parse_sources

HEADER = "pattern,outlet,country,language,prefer_text,aliases\n"
# Seed 001 (Dutch) names its own source in the text: ANHA; seed 000 (Dutch) names none.
NAMES_ANHA, NAMES_NONE, ENGLISH = SEED_FILES[1], SEED_FILES[0], SEED_FILES[3]


def place(root: Path, layout: dict[str, Path]) -> Path:
    for relative, seed in layout.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed, target)
    return root


def mapping(tmp_path: Path, *rows: str, name: str = "sources.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def clips_by_file(db: Path) -> dict[str, dict]:
    with Archive(db) as archive:
        rows = archive.export_rows(None, ("path", "source", "country", "language", "tags"))
        return {Path(r["path"]).name: r for r in rows}


def test_a_folder_row_names_the_outlet_over_the_text(tmp_path):
    corpus = place(tmp_path / "corpus", {"nl/nos/a.txt": NAMES_ANHA, "nl/nos/b.txt": NAMES_NONE})
    sources = mapping(tmp_path, "nos/,NOS,NL,nl,,")
    db = tmp_path / "a.db"
    result = Clip(db)("import", str(corpus), "--sources", str(sources))
    assert result.exit_code == 0, result.stderr
    got = clips_by_file(db)
    # The folder is NOS's: the text's own "ANHA" line does not win (prefer_text false).
    assert {n: (c["source"], c["country"]) for n, c in got.items()} == {
        "a.txt": ("NOS", "NL"),
        "b.txt": ("NOS", "NL"),
    }
    with Archive(db) as archive:
        assert archive.facets(names=["source"])["source"] == {"NOS": 2}
        assert archive.count(source="nos") == 2


def test_prefer_text_lets_the_texts_own_source_line_win(tmp_path):
    corpus = place(tmp_path / "corpus", {"agg/a.txt": NAMES_ANHA, "agg/b.txt": NAMES_NONE})
    sources = mapping(tmp_path, "agg/,ANP,NL,,true,")
    db = tmp_path / "a.db"
    assert Clip(db)("import", str(corpus), "--sources", str(sources)).exit_code == 0
    got = clips_by_file(db)
    # a.txt names ANHA: kept, and ANP's country is not ANHA's; b.txt names none: ANP.
    assert (got["a.txt"]["source"], got["a.txt"]["country"]) == ("ANHA", None)
    assert (got["b.txt"]["source"], got["b.txt"]["country"]) == ("ANP", "NL")


def test_every_spelling_of_an_outlet_is_stored_as_the_mappings_one(tmp_path):
    corpus = place(tmp_path / "corpus", {"x/a.txt": NAMES_ANHA, "x/b.txt": NAMES_NONE})
    (corpus / "x" / "b.json").write_text(json.dumps({"source": "  hawar   NEWS "}))
    sources = mapping(tmp_path, ",ANHA News Agency,SY,,,ANHA|Hawar News")
    db = tmp_path / "a.db"
    assert Clip(db)("import", str(corpus), "--sources", str(sources)).exit_code == 0
    got = clips_by_file(db)
    assert {c["source"] for c in got.values()} == {"ANHA News Agency"}
    assert {c["country"] for c in got.values()} == {"SY"}
    with Archive(db) as archive:  # the facet counts the outlet once
        assert archive.facets(names=["source"])["source"] == {"ANHA News Agency": 2}


def test_source_and_tags_of_one_import_reach_clips_archived_before(tmp_path):
    corpus = place(tmp_path / "corpus", {"a.txt": NAMES_ANHA, "b.txt": ENGLISH})
    sources = mapping(tmp_path, ",NOS,NL,,,nos.nl")
    db = tmp_path / "a.db"
    clip = Clip(db)
    args = ["import", str(corpus), "--sources", str(sources), "--source", " nos.NL "]
    assert clip(*args, "--tag", "verkiezingen", "--tag", "nl").exit_code == 0
    got = clips_by_file(db)
    # --source wins over the text (ANHA) and takes the mapping's spelling and country.
    assert {(c["source"], c["country"]) for c in got.values()} == {("NOS", "NL")}
    assert all(sorted(c["tags"]) == ["nl", "verkiezingen"] for c in got.values())
    # The same files again (unchanged, not re-read) with another tag: they gain it.
    report = clip.json("import", str(corpus), "--tag", "kamer")
    assert report["unchanged"] == 2 and report["added"] == 0
    assert all("kamer" in c["tags"] for c in clips_by_file(db).values())


def test_the_remembered_mapping_serves_later_imports_and_reindex(tmp_path):
    corpus = place(tmp_path / "one", {"nos/a.txt": NAMES_NONE})
    later = place(tmp_path / "two", {"nos/b.txt": ENGLISH})
    sources = mapping(tmp_path, "nos/,NOS,NL,,,")
    db = tmp_path / "a.db"
    clip = Clip(db)
    assert clip("import", str(corpus), "--sources", str(sources)).exit_code == 0
    assert clip("import", str(later)).exit_code == 0  # no --sources: the remembered one
    assert {c["source"] for c in clips_by_file(db).values()} == {"NOS"}
    # The archivist renames the outlet and sets its country: reindex applies it.
    mapping(tmp_path, "nos/,NOS Nieuws,Nederland,,,NOS")
    report = clip.json("reindex")
    assert report["sourced"] == 2
    got = clips_by_file(db)
    assert {(c["source"], c["country"]) for c in got.values()} == {("NOS Nieuws", "Nederland")}
    assert clip.json("reindex")["sourced"] == 0  # applied already


def test_reindex_with_a_mapping_that_names_the_language_reanalyses(tmp_path):
    corpus = place(tmp_path / "corpus", {"wire/a.txt": ENGLISH})
    db = tmp_path / "a.db"
    clip = Clip(db)
    assert clip("import", str(corpus)).exit_code == 0
    assert clips_by_file(db)["a.txt"]["language"] == "en"
    sources = mapping(tmp_path, "wire/,Reuters,GB,nl,,")
    assert clip.json("reindex", "--sources", str(sources))["sourced"] == 1
    assert clips_by_file(db)["a.txt"]["language"] == "nl"
    with Archive(db) as archive:
        assert archive.count(lang="nl") == 1 and archive.search("ISIS-K").total == 1


BAD_ROWS = [
    ("nos/,NOS,NL,nl,,,extra", 3, "fields"),
    ("nos/,NOS,NL,xx,,", 3, "unknown language"),
    ("nos/,NOS,NL,nl,sometimes,", 3, "prefer_text"),
    ("nos/,,,,true,", 3, "sets no outlet"),
    (",,NL,,,", 3, "needs a pattern or an outlet"),
    ("nos/,NOS,,,,\nnos/,NOS Nieuws,,,,", 4, "is on line 3"),
    ("nos/,NOS,,,,\nnu/,nos,,,,", 4, "one spelling per outlet"),
    ('nos/,"NOS,,,,', 3, "not CSV"),
]


@pytest.mark.parametrize(("rows", "line", "reason"), BAD_ROWS)
def test_a_bad_line_is_named_and_nothing_is_imported(tmp_path, rows, line, reason):
    corpus = place(tmp_path / "corpus", {"nos/a.txt": NAMES_NONE})
    sources = tmp_path / "sources.csv"
    sources.write_text("# outlets\n" + HEADER + rows + "\n", encoding="utf-8")
    db = tmp_path / "a.db"
    result = Clip(db)("import", str(corpus), "--sources", str(sources))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and f"sources.csv line {line}:" in result.stderr
    assert reason in result.stderr
    assert not db.exists()  # nothing imported, no archive made


def test_a_bad_header_and_a_file_not_utf8_are_named_too(tmp_path):
    corpus = place(tmp_path / "corpus", {"a.txt": NAMES_NONE})
    db = tmp_path / "a.db"
    header = tmp_path / "h.csv"
    header.write_text("pattern,outlet,city\n", encoding="utf-8")
    result = Clip(db)("import", str(corpus), "--sources", str(header))
    assert result.exit_code == 2 and "h.csv line 1: unknown column 'city'" in result.stderr
    latin = tmp_path / "l.csv"
    latin.write_bytes(HEADER.encode() + "nos/,Télégraaf,,,,\n".encode("latin-1"))
    result = Clip(db)("import", str(corpus), "--sources", str(latin))
    assert result.exit_code == 2 and "l.csv line 2: not UTF-8" in result.stderr
    assert not db.exists()


def test_patterns_match_folders_and_file_names_by_whole_parts():
    folder = SourceRow("nos/", "NOS")
    assert folder.matches("corpus/nl/nos/a.txt") and folder.matches("/x/nos/sub/a.txt")
    assert not folder.matches("corpus/nosy/a.txt") and not folder.matches("corpus/nos")
    deep = SourceRow("nl/nu/", "NU.nl")
    assert deep.matches("c/nl/nu/a.txt") and not deep.matches("c/nu/a.txt")
    files = SourceRow("nu/*.txt", "NU.nl")
    assert files.matches("c/nu/a.txt") and not files.matches("c/nu/x/a.txt")
    named = SourceRow("nos_*.txt", "NOS")
    assert named.matches("any/where/nos_1.txt") and not named.matches("any/nos_1.json")


def test_the_first_matching_row_wins():
    parsed = parse_sources(HEADER + "nos/sport/,NOS Sport,,,,\nnos/,NOS,,,,\n")
    assert parsed.row_for("c/nos/sport/a.txt").outlet == "NOS Sport"
    assert parsed.row_for("c/nos/a.txt").outlet == "NOS"
    with pytest.raises(UsageError):
        parse_sources("outlet\nNOS\n")  # the header names no pattern column


def test_one_spelling_per_outlet_without_a_mapping(tmp_path):
    seeds = {"a.txt": NAMES_NONE, "b.txt": ENGLISH, "c.txt": SEED_FILES[2]}
    corpus = place(tmp_path / "one", dict(list(seeds.items())[:2]))
    (corpus / "a.json").write_text(json.dumps({"source": "De Tijd"}))
    (corpus / "b.json").write_text(json.dumps({"source": "de  TIJD"}))
    db = tmp_path / "a.db"
    clip = Clip(db)
    assert clip("import", str(corpus)).exit_code == 0  # the first met is the spelling
    later = place(tmp_path / "two", {"c.txt": seeds["c.txt"]})
    (later / "c.json").write_text(json.dumps({"source": "DE TIJD"}))
    assert clip("import", str(later)).exit_code == 0  # the archived spelling wins
    with Archive(db) as archive:
        assert archive.facets(names=["source"])["source"] == {"De Tijd": 3}
    # An archive that holds two spellings (made before this release): reindex makes them
    # one, the spelling with more clips.
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE clips SET source = 'de tijd' WHERE path LIKE '%c.txt'")
    conn.close()
    assert clip.json("reindex")["sourced"] == 1
    with Archive(db) as archive:
        assert archive.facets(names=["source"])["source"] == {"De Tijd": 3}
