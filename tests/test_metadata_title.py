"""Title: the first line when it reads as a headline, else derived from the first sentence."""

import pytest

from clipping_archive.ingest.fields.title import derive_title, is_headline
from clipping_archive.ingest.metadata import extract_metadata

SENTENCE = "De eerste alinea van het artikel is een gewone zin die eindigt met een punt."


@pytest.mark.parametrize(
    "line",
    [
        "Expert waarschuwt voor verwachte aanvallen van ISIS in Europese landen",
        "رغم تحذيرات أمريكا.. لماذا هاجم داعش خراسان",
        "Wie is ISIS-K?",
        "من هو داعش خراسان؟",
        "ISIS: 'We komen terug'",
    ],
)
def test_headlines(line):
    assert is_headline(line)
    out = extract_metadata(f"{line}\n\n{SENTENCE}")
    assert (out.metadata.title, out.metadata.title_derived) == (line, False)
    assert out.body.startswith(line)  # the headline stays the body's first line


@pytest.mark.parametrize(
    "line",
    [
        "- It’s been 10 years since ISIS declared a caliphate in Iraq and Syria.",  # a bullet
        "• Samenvatting van het stuk",
        "Dit is een zin.",
        "en dan verder in kleine letters",
        "x" * 200,
    ],
)
def test_not_headlines(line):
    assert not is_headline(line)


def test_a_lone_line_is_not_a_headline_of_nothing():
    out = extract_metadata("Een korte tekst zonder kop")
    assert out.metadata.title == "Een korte tekst zonder kop" and out.metadata.title_derived


def test_derived_title_is_the_first_sentence_without_its_full_stop():
    text = "ISIS heeft de aanslagen geclaimd. Al Azaim Media plaatste een verklaring."
    assert derive_title(text) == "ISIS heeft de aanslagen geclaimd"


def test_derived_title_drops_a_summary_bullet():
    text = "- It’s been 10 years since ISIS declared a caliphate in Iraq and Syria."
    assert (
        derive_title(text) == "It’s been 10 years since ISIS declared a caliphate in Iraq and Syria"
    )


def test_derived_title_does_not_stop_at_an_abbreviation():
    assert derive_title("Dr. Amin sprak met ANHA over de aanslag. Daarna meer.") == (
        "Dr. Amin sprak met ANHA over de aanslag"
    )


def test_a_long_first_sentence_is_cut_at_a_word_with_an_ellipsis():
    sentence = " ".join(["woord"] * 40) + "."
    title = derive_title(sentence)
    assert title.endswith("…") and len(title) <= 91
    assert title[:-1].split() == ["woord"] * len(title[:-1].split())


def test_empty_body_has_no_title():
    out = extract_metadata("")
    assert out.metadata.title is None and not out.metadata.title_derived
