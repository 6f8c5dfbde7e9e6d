"""Rule embed_attribution: the "— Name (@handle) date" line closing an embedded post.
The post's own words stay; its date is not the article's."""

import pytest

from clipping_archive.ingest.cleaning import clean_text
from clipping_archive.ingest.metadata import extract_metadata


@pytest.mark.parametrize(
    "line",
    [
        "— موسكو | 🇷🇺 MOSCOW NEWS (@M0SC0W0) March 22, 2024",
        "— Dr.mehmet canbekli (@Mehmetcanbekli1) March 22, 2024",
        "— Jan Jansen (@janjansen) 22 maart 2024",
        "— وكالة (@agency) ٢٢ مارس ٢٠٢٤",
        "A post shared by Moscow News (@moscow.news)",
    ],
)
def test_attribution_line_goes_post_text_stays(line):
    text = f"Het bericht luidde:\n\nNo one was hurt.\n\n{line}\n\nDe politie bevestigde dat."
    cleaned = clean_text(text)
    assert cleaned.body == "Het bericht luidde:\n\nNo one was hurt.\n\nDe politie bevestigde dat."
    assert [(r.rule, r.text) for r in cleaned.removed] == [("embed_attribution", line)]


def test_attribution_glued_to_the_post_is_cut_from_its_line():
    line = "They explain the marking 🧵👇 — Polly (@nomnomcookieez) June 23, 2024"
    cleaned = clean_text(line)
    assert cleaned.body == "They explain the marking 🧵👇"
    assert [r.text for r in cleaned.removed] == ["— Polly (@nomnomcookieez) June 23, 2024"]


def test_the_posts_date_never_becomes_the_articles():
    text = "Kop van het artikel\n\n— Polly (@nomnomcookieez) June 23, 2024\n\nDe tekst."
    meta = extract_metadata(clean_text(text).body).metadata
    assert meta.date is None


@pytest.mark.parametrize(
    "text",
    [
        "— said the minister on March 22, 2024",  # no handle: a quote, not an embed
        "Mail @redactie (@nos) voor tips.",  # a handle, no date
    ],
)
def test_lines_without_both_handle_and_date_stay(text):
    assert clean_text(text).body == text
