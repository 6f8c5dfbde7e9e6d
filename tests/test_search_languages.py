"""End-to-end: `clip search` through the real CLI on the seeds (plus a few extra clips
for forms the seeds lack), one test per analysis rule of issue #3."""

from __future__ import annotations

import pytest
from conftest import SEEDS, Clip
from search_fixtures import write_extra_clips

from clipping_archive import Archive
from clipping_archive.analysis import analyze

DUTCH = ("000_d3fdf744a73ca98b.txt", "001_98ab83bc4f073aa9.txt")
ENGLISH = "003_513ee7b6f79982d4.txt"
ARABIC = ("002_b74f997417a7863b.txt", "004_919589b1ab89fae0.txt")


@pytest.fixture(scope="session")
def search_db(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    extra = write_extra_clips(root / "extra")
    path = root / "archive.db"
    with Archive(path) as archive:
        archive.import_paths([SEEDS, extra])
    return path


@pytest.fixture
def run(search_db) -> Clip:
    return Clip(search_db)


def names(hits: list[dict]) -> set[str]:
    return {h["path"].rsplit("/", 1)[-1] for h in hits}


def marked(hit: dict) -> list[str]:
    return [hit["snippet"][s:e] for s, e in hit["highlights"]]


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


# -- Dutch -------------------------------------------------------------------------


def test_aanslag_finds_plurals_and_highlights_the_original_words(run):
    hits = run.jsonl("search", "aanslag")
    assert names(hits) == set(DUTCH)
    words = {w.lower() for h in hits for w in marked(h)}
    assert "aanslagen" in words and "aanslag" in words  # the typed form and the plural


def test_plural_query_finds_the_singular(run):
    assert names(run.jsonl("search", "aanslagen")) == names(run.jsonl("search", "aanslag"))
    assert "aanvallen" in seed_text(DUTCH[1]) and "aanval " in seed_text(DUTCH[0])
    assert set(DUTCH) <= names(run.jsonl("search", "aanval"))


def test_dutch_diacritics_fold(run):
    assert "Oekraïne" in seed_text(DUTCH[0])
    hits = run.jsonl("search", "Oekraine")
    assert names(hits) == {DUTCH[0]} and marked(hits[0]) == ["Oekraïne"]


# -- English -----------------------------------------------------------------------


def test_english_inflections(run):
    singular = names(run.jsonl("search", "attack"))
    assert ENGLISH in singular and singular == names(run.jsonl("search", "attacks"))


def test_a_quoted_english_paragraph_in_a_dutch_clip_is_analysed_as_english(run):
    # Seed 000 is Dutch, but quotes an English tweet: "is celebrating the current attacks".
    hits = run.jsonl("search", "celebrate")
    assert names(hits) == {DUTCH[0]} and marked(hits[0]) == ["celebrating"]


# -- Arabic ------------------------------------------------------------------------


def test_hasan_finds_the_clitic_form(run):
    hits = run.jsonl("search", "حسن")
    assert names(hits) == {"ar_hasan.txt"}
    assert "والحسن" in marked(hits[0]) or "الحسن" in marked(hits[0])


def test_clitic_prefixes(run):
    assert "بالهجوم" in seed_text(ARABIC[0]) + seed_text(ARABIC[1])
    assert set(ARABIC) <= names(run.jsonl("search", "هجوم"))


def test_hamza_on_alef(run):
    bare = names(run.jsonl("search", "اعلن"))
    assert bare == names(run.jsonl("search", "أعلن"))
    assert ARABIC[1] in bare and "أعلن" in seed_text(ARABIC[1])


def test_alef_maqsura_and_ta_marbuta(run):
    assert ARABIC[0] in names(run.jsonl("search", "الي"))  # seed has إلى
    assert "مدينة" in seed_text(ARABIC[1])
    assert ARABIC[1] in names(run.jsonl("search", "مدينه"))


def test_tashkeel_and_tatweel_in_the_query(run):
    plain = names(run.jsonl("search", "الهجوم"))
    assert set(ARABIC) <= plain
    assert names(run.jsonl("search", "الهُجُومُ")) == plain
    assert names(run.jsonl("search", "مـــوسكو")) == names(run.jsonl("search", "موسكو"))


def test_tashkeel_and_tatweel_in_the_document(run):
    hits = run.jsonl("search", "الهجوم", "--limit", "50")
    extra = next(h for h in hits if h["path"].endswith("ar_hasan.txt"))
    assert "الهُجُومُ" in marked(extra)
    assert "ar_hasan.txt" in names(run.jsonl("search", "موسكو"))


def test_2024_finds_arabic_indic_digits_and_back(run):
    hits = run.jsonl("search", "2024")
    assert "ar_hasan.txt" in names(hits)
    hit = next(h for h in hits if h["path"].endswith("ar_hasan.txt"))
    assert marked(hit) == ["٢٠٢٤"]
    assert names(run.jsonl("search", "٢٠٢٤")) == names(hits)


# -- one query, every language; --lang narrows ----------------------------------------


def test_moscow_in_two_scripts_and_lang_narrows(run):
    nl = run.jsonl("search", "Moskou")
    assert nl and {h["language"] for h in nl} == {"nl"}
    assert run.jsonl("search", "Moskou", "--lang", "ar") == []
    assert {h["language"] for h in run.jsonl("search", "ISIS", "--lang", "en")} == {"en"}


# -- ranking and sorting ----------------------------------------------------------------


def test_title_is_weighted_above_body(run):
    hits = run.jsonl("search", "zeppelin")
    assert [names([h]).pop() for h in hits] == ["en_title.txt", "en_body.txt"]
    assert hits[0]["score"] > hits[1]["score"]


def test_sort_newest_and_oldest(run):
    query = "Moskou OR موسكو"  # the two dated seeds, in Dutch and in Arabic
    newest = [h["date"] for h in run.jsonl("search", query, "--sort", "newest")]
    oldest = [h["date"] for h in run.jsonl("search", query, "--sort", "oldest")]
    dated = [d for d in newest if d]
    assert len(dated) >= 2 and dated == sorted(dated, reverse=True)
    assert [d for d in oldest if d] == sorted(dated)
    assert newest[len(dated) :] == [None] * (len(newest) - len(dated))  # undated last


# -- snippets ------------------------------------------------------------------------


def test_snippets_are_original_text_and_highlights_are_hits(run):
    for query in ("aanslag", "attacks", "هجوم", "2024"):
        for hit in run.jsonl("search", query):
            clip = run.json("show", hit["id"])
            for part in hit["snippet"].strip("…").split("…"):
                assert part in clip["body"] or part in (clip["title"] or "")
            assert hit["highlights"], (query, hit["id"])
            for word in marked(hit):
                # every marked word analyses to what the query analyses to, in some language
                terms = {t.term for lang in ("nl", "en", "ar") for t in analyze(word, lang)}
                wanted = {t.term for lang in ("nl", "en", "ar") for t in analyze(query, lang)}
                assert terms & wanted, (query, word)


def test_terminal_output_highlights_hits(run):
    result = run("search", "aanslag", env={"FORCE_COLOR": "1", "TERM": "xterm"})
    assert result.exit_code == 0
    assert "\x1b[" in result.stdout and "aanslagen" in result.stdout
