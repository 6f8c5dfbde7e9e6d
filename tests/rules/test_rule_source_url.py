"""Rule source_url: a lone URL closing (or opening) the clip is the page it came from."""

from clipping_archive.ingest.metadata import extract_metadata

BODY = "Kop\n\nDe expert sloot zijn toespraak af met de volgende woorden over ISIS."


def test_a_lone_url_at_the_end_is_the_clips_url():
    out = extract_metadata(f"{BODY}\n\nhttps://www.anha.net/nl/artikel/1")
    assert out.metadata.url == "https://www.anha.net/nl/artikel/1"
    assert out.body == BODY
    assert [r.rule for r in out.removed] == ["source_url"]


def test_a_url_inside_a_sentence_stays():
    text = f"{BODY}\n\nMeer op https://nos.nl/artikel/1 te lezen."
    out = extract_metadata(text)
    assert out.metadata.url is None and out.body == text
