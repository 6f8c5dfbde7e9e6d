"""Whole headers as scrapers leave them: several metadata lines together."""

from clipping_archive.ingest.cleaning import clean_text
from clipping_archive.ingest.metadata import extract_metadata
from clipping_archive.models import Metadata


def test_english_header_byline_date_wins_over_updated_and_footer_source():
    text = (
        "ISIS-K claims Moscow attack\n"
        "By Jane Doe | March 24, 2024\n"
        "Updated: March 25, 2024\n\n"
        "The group said in a statement on Telegram that its fighters attacked the hall.\n"
        "Source: Reuters"
    )
    out = extract_metadata(clean_text(text).body)
    assert out.metadata == Metadata(
        title="ISIS-K claims Moscow attack",
        date="2024-03-24",
        author="Jane Doe",
        source="Reuters",
    )
    assert out.body == (
        "ISIS-K claims Moscow attack\n\n"
        "The group said in a statement on Telegram that its fighters attacked the hall."
    )


def test_dutch_header_url_dateline_then_headline():
    text = (
        "https://www.example.nl/nieuws/isis-k\n"
        "22 maart 2024\n"
        "Kop van het stuk\n\n"
        "De tekst van het artikel, lang genoeg om een gewone alinea te zijn, met een punt."
    )
    out = extract_metadata(text)
    assert out.metadata.title == "Kop van het stuk" and not out.metadata.title_derived
    assert out.metadata.date == "2024-03-22"
    assert out.metadata.url == "https://www.example.nl/nieuws/isis-k"
    assert [r.rule for r in out.removed] == ["source_url", "dateline"]


def test_arabic_header_levantine_dateline_and_byline():
    text = (
        "لماذا يهاجم داعش روسيا؟\n"
        "دمشق، ٢٣ آذار ٢٠٢٤\n"
        "بقلم أحمد سمير\n\n"
        "أعلن تنظيم داعش مسؤوليته عن الهجوم الذي وقع في قاعة حفلات موسيقية في ضواحي موسكو."
    )
    out = extract_metadata(text)
    assert out.metadata.title == "لماذا يهاجم داعش روسيا؟"
    assert (out.metadata.date, out.metadata.author) == ("2024-03-23", "أحمد سمير")
