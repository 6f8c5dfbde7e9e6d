"""The layouts of real articles that issue #10 lists, read as a researcher expects."""

from __future__ import annotations

import pytest

from clipping_archive.ingest import prepare_bytes
from clipping_archive.ingest.decode import decode_bytes
from clipping_archive.ingest.metadata import extract_metadata

AR_BODY = (
    "قال المتحدث باسم الحكومة إن الهجوم على المدينة كان مخططا له منذ أشهر وأن التحقيقات مستمرة."
)
EN_BODY = (
    "Gunmen opened fire at a concert hall near Moscow on Friday, killing dozens, officials said."
)
NL_HEAD = "Terreur in Moskou: tientallen doden bij een aanslag op een volle concertzaal"
NL_BODY = "De aanslag op de concertzaal werd opgeëist door IS, meldt het persbureau ANP vanavond."


@pytest.mark.parametrize(
    ("text", "date", "hijri"),
    [
        (
            f"مهرجان التمور\n\nطوكيو 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\n\n{AR_BODY}",
            "2015-08-10",
            "25 شوال 1436 هـ",
        ),
        (
            f"مهرجان التمور\n\nالثلاثاء 18 شوال 1436 هـ - 4 أغسطس 2015م\n\n{AR_BODY}",
            "2015-08-04",
            "18 شوال 1436 هـ",
        ),
        (f"Moscow attack\n\nUpdated 8:35 PM ET, Sat July 7, 2018\n\n{EN_BODY}", "2018-07-07", None),
        (f"Moscow attack\n\nTue 7 May 2019 11.34 BST\n\n{EN_BODY}", "2019-05-07", None),
        (f"Aanslag in Moskou\n\n08-04-19, 09:40\n\n{NL_BODY}", "2019-04-08", None),
        (
            f"{NL_HEAD}!\n\nMoskou, 22 maart 2024\n\n{NL_BODY}",
            "2024-03-22",
            None,
        ),
        (
            f"{NL_HEAD}..\n\n22 maart 2024\n\n{NL_BODY}",
            "2024-03-22",
            None,
        ),
    ],
)
def test_dates_of_real_layouts(text, date, hijri):
    clip = prepare_bytes(text.encode("utf-8"), "x.txt")
    assert (clip.metadata.date, clip.metadata.hijri_date) == (date, hijri)
    assert clip.metadata.title == text.split("\n")[0]  # the date line is never the title


def test_an_english_numeric_date_both_orders_could_read_stays_unknown():
    text = f"Moscow attack\n\n07/08/2018\n\n{EN_BODY}"
    assert prepare_bytes(text.encode(), "x.txt").metadata.date is None


def test_a_headline_starting_with_a_label_stays_the_headline():
    text = f"Sources: ISIS-K planned the Moscow attack for months\n\n{EN_BODY}"
    meta = extract_metadata(text).metadata
    assert meta.title == "Sources: ISIS-K planned the Moscow attack for months"
    assert meta.source is None


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        (
            "By Nina Dos Santos, Laura Smith-Spark and James Frater",
            "Nina Dos Santos, Laura Smith-Spark and James Frater",
        ),
        ("لندن: رنيم حنوش", "رنيم حنوش"),
        ("محمد هجرس - القاهرة", "محمد هجرس"),
        ("Door Jan de Vries en Piet Jansen", "Jan de Vries en Piet Jansen"),
    ],
)
def test_bylines_of_real_layouts(byline, author):
    body = AR_BODY if "ا" in byline else EN_BODY
    meta = extract_metadata(f"Kop van het stuk\n\n{byline}\n\n{body}").metadata
    assert meta.author == author


def test_an_agency_line_is_the_source_not_the_title():
    out = extract_metadata(f"(ANP)\n\nAanslag in Moskou\n\n{NL_BODY}")
    assert out.metadata.source == "ANP" and out.metadata.title == "Aanslag in Moskou"


def test_cp1252_dutch_with_an_accent_arabic_has_at_the_same_byte():
    text = "Dat geldt voor álle Nederlandse gemeenten, zei de minister gisteren in Den Haag."
    assert decode_bytes(text.encode("cp1252")).text == text


def test_stray_control_bytes_in_a_cp1256_article():
    data = AR_BODY.encode("cp1256")
    decoded = decode_bytes(data[:30] + b"\x1a" + data[30:] + b"\x1a\n")
    assert decoded.text.strip() == AR_BODY
    assert decoded.encoding == "cp1256 (2 control bytes dropped)"


def test_real_binaries_are_still_rejected():
    with pytest.raises(Exception, match="binary"):
        decode_bytes(bytes(range(1, 32)) * 50 + AR_BODY.encode("cp1256"))
