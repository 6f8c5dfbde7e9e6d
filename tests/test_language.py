"""Language detection: script first, stopwords next, seeded langdetect last."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import SEED_FILES
from hypothesis import given, settings
from hypothesis import strategies as st

from clipping_archive.analysis import index_terms
from clipping_archive.analysis.tokenize import word_list
from clipping_archive.ingest import prepare_file
from clipping_archive.ingest.language import (
    _ARABIC_RUN,
    _NOT_PLAIN,
    _WORD,
    MIN_PARAGRAPH_CHARS,
    STOPWORDS,
    TextStats,
    detect_clip,
    detect_clip_words,
    detect_language,
    detect_paragraphs,
    split_paragraphs,
    stopword_language,
    text_stats,
    total_stats,
)

SEEDS = [path.read_text(encoding="utf-8") for path in SEED_FILES]

GERMAN = (
    "Die Behörden in Dagestan haben am Sonntag mitgeteilt, dass bei den Anschlägen auf "
    "eine Kirche und eine Synagoge mehrere Polizisten ums Leben gekommen sind. Die Täter "
    "wurden nach Angaben der Ermittler von der Terrormiliz inspiriert."
)


def test_seeds_get_their_languages():
    assert [detect_language(text) for text in SEEDS] == ["nl", "nl", "ar", "en", "ar"]


def test_the_english_tweet_in_the_dutch_seed_is_english():
    clip = prepare_file(SEED_FILES[0])  # the body, after the cleaner took the debris out
    assert clip.language == "nl"
    paragraphs = clip.paragraphs
    tweet = [p for p in paragraphs if "Utro Dagestan" in p.text]
    assert len(tweet) == 1 and tweet[0].language == "en"
    others = [p.language for p in paragraphs if "Utro Dagestan" not in p.text]
    assert set(others) == {"nl"}


def test_every_paragraph_of_single_language_seeds_keeps_that_language():
    for text, lang in zip(SEEDS[1:], ["nl", "ar", "en", "ar"], strict=True):
        assert {p.language for p in detect_paragraphs(text, lang)} == {lang}


def test_short_paragraphs_take_the_clips_language():
    short = "Lees ook:"
    assert len(short) < MIN_PARAGRAPH_CHARS
    assert detect_paragraphs(short + "\n", "ar")[0].language == "ar"


def test_paragraphs_are_the_split_lines():
    body = "Eerste alinea.\n\n\nTweede alinea.\n"
    assert [p.text for p in detect_paragraphs(body, "nl")] == split_paragraphs(body)


def test_arabic_script_decides_without_stopwords():
    arabic_paragraph = split_paragraphs(SEEDS[2])[1]
    assert stopword_language(arabic_paragraph) is None
    assert detect_language(arabic_paragraph) == "ar"


def test_stopwords_decide_dutch_and_english_but_not_german():
    assert stopword_language(split_paragraphs(SEEDS[1])[1]) == "nl"
    assert stopword_language(split_paragraphs(SEEDS[3])[2]) == "en"
    assert stopword_language(GERMAN) is None
    # ...so the seeded n-gram model decides, and finds German.
    assert detect_language(GERMAN) == "de"


# Short, ambiguous texts: an unseeded langdetect answers them differently from run to run.
AMBIGUOUS = [
    "ISIS Khorasan Moskou Crocus City Hall",
    "Al Azaim Media",
    "Dr. Mehmet Canbekli",
    "Tadzjikistan Rusland",
    "Khorasan Provincie",
    "Moskou Crocus",
    "Bortnikov FSB",
    "ok ja",
]
DETECT_IN_A_NEW_PROCESS = (
    "import json, sys\n"
    "from clipping_archive.ingest.language import detect_language\n"
    "print(json.dumps([detect_language(t) for t in json.loads(sys.argv[1])]))\n"
)


def test_detection_is_deterministic_across_processes():
    """Each process starts langdetect afresh: only a fixed seed gives the same answers."""
    texts = [*SEEDS, GERMAN, *AMBIGUOUS]
    runs = {
        subprocess.run(
            [sys.executable, "-c", DETECT_IN_A_NEW_PROCESS, json.dumps(texts)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for _ in range(4)
    }
    assert len(runs) == 1
    assert json.loads(runs.pop()) == [detect_language(t) for t in texts]


def test_no_letters_no_language():
    assert detect_language("2024-06-23 14:00 — 145 / 22") is None


def test_detect_clip_equals_language_then_paragraphs():
    for text in [*SEEDS, GERMAN + "\n\n" + SEEDS[3]]:
        language = detect_language(text)
        assert detect_clip(text) == (language, detect_paragraphs(text, language))


def test_a_line_of_names_keeps_the_clips_language():
    names = "— Dr. Mehmet Canbekli (@Mehmetcanbekli1) March 22, 2024 Crocus City Hall"
    assert len(names) >= MIN_PARAGRAPH_CHARS
    assert detect_paragraphs(names, "ar")[0].language == "ar"


def _text_stats_by_three_scans(text: str) -> TextStats:
    """text_stats as it was before it read everything from one findall: the letters, the
    Arabic letters and the words each by their own regex, the stopwords a word at a time."""
    letters = sum(map(len, re.findall(r"[^\W\d_]+", text)))
    arabic = sum(map(len, _ARABIC_RUN.findall(text)))
    words = _WORD.findall(text.lower())
    hits = [sum(word in STOPWORDS[lang] for word in words) for lang in STOPWORDS]
    return TextStats(letters, arabic, len(words), tuple(hits))


@settings(max_examples=400, deadline=None)
@given(
    st.text(st.sampled_from("ab dé İ'’_-\n3٣ الرياض ـً de het the and of l'homme"), max_size=60)
    | st.text(max_size=40)
)
def test_text_stats_counts_what_three_scans_count(text):
    assert text_stats(text) == _text_stats_by_three_scans(text)


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        st.sampled_from("ab dé İ'’_-\n3٣²½ الرياض ـً de het the and of l'homme covid19"),
        max_size=60,
    )
    | st.text(max_size=40)
)
def test_text_stats_from_word_list_words_counts_the_same(text):
    """The ingest path counts from word_list's words (no second scan of the text)."""
    assert text_stats(text, word_list(text)) == _text_stats_by_three_scans(text)


def test_only_the_characters_left_to_a_scan_lower_to_another_kind():
    """_NOT_PLAIN's İ: the one character whose lower case is not one character of the
    same kind (letter, digit or underscore, other), so words of the lowered text are the
    lowered words of the text everywhere else."""
    kind = re.compile(r"([^\W\d_])|(\w)")

    def of(c: str) -> tuple[bool, bool] | None:
        m = kind.match(c)
        return (m.group(1) is not None, m.group(2) is not None) if m else None

    changed = [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if not "\ud800" <= c <= "\udfff" and (len(c.lower()) != 1 or of(c.lower()) != of(c))
    ]
    assert changed == ["\u0130"]
    assert all(_NOT_PLAIN.search(c) for c in changed)


def test_detect_clip_words_gives_the_words_index_terms_splits(monkeypatch):
    import clipping_archive.analysis as analysis

    monkeypatch.setattr(analysis, "_entries", {})  # other tests' word cache left as it was
    for text in [*SEEDS, GERMAN + "\n\n" + SEEDS[3]]:
        language, paragraphs, words = detect_clip_words(text)
        assert (language, paragraphs) == detect_clip(text)
        assert words == [word_list(p.text) for p in paragraphs]
        assert index_terms("Kop", paragraphs, language, words) == index_terms(
            "Kop", paragraphs, language
        )


def test_text_stats_counts_letters_not_the_apostrophes_inside_words():
    stats = text_stats("De Rock ’n’ roll van l'homme in İstanbul")
    assert stats == _text_stats_by_three_scans("De Rock ’n’ roll van l'homme in İstanbul")
    # İ lowered is i and a combining dot: two words (as before), still 30 letters.
    assert stats.letters == 30 and stats.words == 9


def test_a_clips_stats_are_the_sum_of_its_paragraphs():
    for text in [*SEEDS, GERMAN, ""]:
        stats = [text_stats(p) for p in split_paragraphs(text)]
        assert total_stats(stats) == TextStats(
            sum(s.letters for s in stats),
            sum(s.arabic for s in stats),
            sum(s.words for s in stats),
            tuple(sum(s.hits[i] for s in stats) for i in range(len(STOPWORDS))),
        )
        assert total_stats(stats) == text_stats(text)  # no word spans a line break
