"""Decoding real seed text saved in the encodings scrapers really produce."""

from __future__ import annotations

import codecs
import sqlite3
from pathlib import Path

import pytest
from conftest import GARBLED, SEED_FILES, Clip
from hypothesis import given, settings
from hypothesis import strategies as st

from clipping_archive.ingest.decode import MOJIBAKE_REPAIRED, DecodeError, decode_bytes

DUTCH = SEED_FILES[1].read_text(encoding="utf-8")  # only cp1252 characters
ARABIC = SEED_FILES[2].read_text(encoding="utf-8")  # only cp1256 characters
ENGLISH = SEED_FILES[3].read_text(encoding="utf-8")  # curly quotes: cp1252 0x91-0x94
ALL_SEEDS = [path.read_text(encoding="utf-8") for path in SEED_FILES]


def _as_cp1252_mojibake(text: str) -> str:
    """What a tool that reads UTF-8 as Windows-1252 makes of it (bytes cp1252 leaves
    undefined show as the C1 control of the same number, as Windows does)."""
    return "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
        for b in text.encode("utf-8")
    )


@pytest.mark.parametrize("text", ALL_SEEDS, ids=[p.stem[:3] for p in SEED_FILES])
def test_every_seed_reads_as_plain_utf8_unchanged(text):
    decoded = decode_bytes(text.encode("utf-8"))
    assert (decoded.text, decoded.encoding) == (text, "utf-8")


@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        (DUTCH, codecs.BOM_UTF8 + DUTCH.encode("utf-8"), "utf-8-sig"),
        (ARABIC, codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
        (ARABIC, ARABIC.encode("utf-16"), "utf-16"),  # BOM, native order
        (DUTCH, codecs.BOM_UTF16_BE + DUTCH.encode("utf-16-be"), "utf-16"),
        (ENGLISH, codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"), "utf-16"),
        (ARABIC, ARABIC.encode("cp1256"), "cp1256"),
        (DUTCH, DUTCH.encode("cp1252"), "cp1252"),
        (ENGLISH, ENGLISH.encode("cp1252"), "cp1252"),
    ],
    ids=[
        "utf8-bom-nl",
        "utf8-bom-ar",
        "utf16-ar",
        "utf16be-nl",
        "utf16le-en",
        "cp1256-ar",
        "cp1252-nl",
        "cp1252-en",
    ],
)
def test_each_encoding_gives_back_the_seed_text(text, data, encoding):
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.text == text


def test_dutch_cp1252_is_not_read_as_another_code_page():
    # The letters a free detector gets wrong (cp1250 would give "ĂŤ" for "ë" etc.).
    text = "Oekraïne, zélf, geïnspireerd, café, coördinatie, “aanhalingstekens” – €5"
    decoded = decode_bytes(text.encode("cp1252"))
    assert (decoded.text, decoded.encoding) == (text, "cp1252")


def test_mixed_line_endings_become_newlines():
    lines = ARABIC.split("\n")
    mixed = "\r\n".join(lines[:5]) + "\r" + "\n".join(lines[5:])
    decoded = decode_bytes(mixed.encode("cp1256"))
    assert decoded.text == ARABIC
    assert "\r" not in decode_bytes(DUTCH.replace("\n", "\r\n").encode("utf-16")).text


@pytest.mark.parametrize("text", [DUTCH, ARABIC, ALL_SEEDS[0]], ids=["nl", "ar", "nl-emoji"])
def test_mojibake_is_repaired(text):
    broken = _as_cp1252_mojibake(text)
    assert broken != text
    decoded = decode_bytes(broken.encode("utf-8"))
    assert decoded.encoding == MOJIBAKE_REPAIRED
    assert decoded.text == text


def test_a_stray_invalid_byte_keeps_utf8():
    data = ARABIC.encode("utf-8")
    cut = len(data) // 2
    decoded = decode_bytes(data[:cut] + b"\xff" + data[cut:])
    assert decoded.encoding == "utf-8 (invalid bytes replaced)"
    assert decoded.text.replace("\ufffd", "") == ARABIC


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \r\n\t \n", "empty file"),
        (codecs.BOM_UTF8 + b" \n ", "empty file"),
        (codecs.BOM_UTF16_LE, "empty file"),
        ("   \n".encode("utf-16"), "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (PNG image)"),
        (b"\xff\xd8\xff\xe0" + bytes(range(256)), "binary file (JPEG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF document)"),
        (DUTCH.encode("utf-8")[:200] + b"\x00\x00" + b"rest", "binary file (NUL bytes)"),
        (bytes(range(1, 32)) * 20 + b"text", "binary file (control characters)"),
    ],
    ids=[
        "empty",
        "blank",
        "bom-blank",
        "bom-only",
        "utf16-blank",
        "png",
        "jpeg",
        "pdf",
        "nul",
        "controls",
    ],
)
def test_junk_is_rejected_with_its_reason(data, reason):
    with pytest.raises(DecodeError) as exc:
        decode_bytes(data)
    assert str(exc.value) == reason




def test_bytes_no_candidate_encoding_reads_are_undecodable():
    with pytest.raises(DecodeError, match="undecodable"):
        decode_bytes(GARBLED)


def test_cp1256_with_a_long_latin_attribution_is_still_arabic():
    # An Arabic headline, then a tweet attribution: more Latin letters than Arabic ones,
    # but every letter above 0x7F is Arabic.
    text = "ما هو داعش خراسان؟\n\n— Dr. Mehmet Canbekli (@Mehmetcanbekli1) March 22, 2024\n"
    decoded = decode_bytes(text.encode("cp1256"))
    assert (decoded.text, decoded.encoding) == (text, "cp1256")


def test_text_starting_like_a_magic_number_is_still_text():
    text = "BM van de redactie: ID3 is geen afkorting die iemand kent.\n"
    assert decode_bytes(text.encode("utf-8")).text == text


def test_the_encoding_is_recorded_and_ids_follow_the_text(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_utf8.txt").write_bytes(ARABIC.encode("utf-8"))
    (folder / "b_cp1256.txt").write_bytes(ARABIC.encode("cp1256"))
    (folder / "c_cp1252.txt").write_bytes(DUTCH.encode("cp1252"))
    (folder / "d_utf16.txt").write_bytes(ENGLISH.encode("utf-16"))
    clip = Clip(tmp_path / "archive.db")
    report = clip.json("import", str(folder))
    # The Arabic clip in cp1256 is the same text as in UTF-8: one clip.
    assert report["added"] == 3 and report["duplicates"] == 1
    assert report["duplicate_of"][0]["path"].endswith("b_cp1256.txt")
    rows = sqlite3.connect(clip.db).execute("select path, encoding from clips").fetchall()
    by_name = {Path(path).name: encoding for path, encoding in rows}
    assert by_name == {"a_utf8.txt": "utf-8", "c_cp1252.txt": "cp1252", "d_utf16.txt": "utf-16"}


def test_cp1252_english_carrying_mojibake_is_not_read_as_arabic():
    # A Windows-1252 file whose text already held mojibake (UTF-8 once read as cp1252:
    # "doesnâ€™t", "Â ", an emoji as "ðŸ˜˜") beside real cp1252 dashes: its bytes above
    # 0x7F read as Arabic letters in cp1256, a reading with no Arabic words, while the
    # cp1252 reading is English prose. Both readings are weighed; it is not junk.
    sentences = [
        "Apple says the green line some iPhone X owners see doesnâ€™t affect the display.",
        "The company\u00a0â€” which didnâ€™t say how many phones are hit â€” will fix it.Â ",
        "One owner wrote ðŸ˜˜ after the update — and said it was gone for good.",
    ]
    text = "\n\n".join(sentences * 3) + "\n"
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.encoding.startswith("cp1252")
    assert "Apple says the green line" in decoded.text and "good." in decoded.text


# ISO-8859-6 cannot hold the seed's dashes and curly quotes: an editor saving in it
# writes ASCII ones (or drops them), as below.
ARABIC_ISO_TEXT = ARABIC.translate(str.maketrans({"–": "-", "“": '"', "”": '"'}))


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC_ISO_TEXT.encode("iso8859_6"), "iso8859-6"),  # was read as cp1256: wrong words
        (ARABIC_ISO_TEXT.encode("cp1256"), "cp1256"),
        (ARABIC.encode("cp1256"), "cp1256"),  # its curly quotes are ISO's C1 controls
    ],
)
def test_the_two_arabic_code_pages_are_told_apart(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.text == (ARABIC if data == ARABIC.encode("cp1256") else ARABIC_ISO_TEXT)


@pytest.mark.parametrize(
    "text",
    [
        "فاز الفريق في المباراة",  # ف ق ك (0xDD-0xDF in cp1256): bytes ISO leaves undefined
        "قال الرئيس إن الهجوم كان إرهابيا",
        "«هجوم» على قاعة حفلات",  # « (0xAB): undefined in ISO
    ],
)
def test_windows_1256_only_bytes_are_read_as_cp1256(text):
    data = text.encode("cp1256")
    with pytest.raises(UnicodeDecodeError):  # ISO cannot read them: no doubt to weigh
        data.decode("iso8859_6")
    decoded = decode_bytes(data)
    assert (decoded.encoding, decoded.text) == ("cp1256", text)


def test_cp1256_letters_at_isos_control_bytes_are_cp1256():
    text = "پيام گروه رسمي"  # پ 0x81, گ 0x90: ISO's C1 controls
    data = text.encode("cp1256")
    assert "\x81" in data.decode("iso8859_6")  # ISO reads them, as controls
    decoded = decode_bytes(data)
    assert (decoded.encoding, decoded.text) == ("cp1256", text)


@pytest.mark.parametrize(
    "text",
    [
        "هجوم على قاعة حفلات قرب موسكو",
        "سماء الألعاب العالمية بلوس أنجلوس تسطع",  # cp1256 bytes ISO reads too
        "جيل الطيبين",
    ],
)
def test_short_texts_in_either_page_come_back_exactly(text):
    for code_page, name in (("iso8859_6", "iso8859-6"), ("cp1256", "cp1256")):
        decoded = decode_bytes(text.encode(code_page))
        assert (decoded.encoding, decoded.text) == (name, text), code_page


def test_where_no_word_decides_cp1256_is_said_to_be_assumed():
    # Two letters whose bytes both pages read as a word ("لا" in ISO is "نا" in cp1256).
    decoded = decode_bytes("لا".encode("iso8859_6"))
    assert decoded.encoding == "cp1256 (assumed: iso8859-6 reads it too)"


def test_an_iso_8859_6_clip_is_searchable_by_its_words(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "iso.txt").write_bytes(ARABIC_ISO_TEXT.encode("iso8859_6"))
    clip = Clip(tmp_path / "x.db")
    [clip_id] = clip.json("import", str(folder))["added_ids"]
    shown = clip.json("show", clip_id)
    assert shown["encoding"] == "iso8859-6"
    assert clip.jsonl("search", "داعش") and clip.jsonl("search", "داعش")[0]["id"] == clip_id


# The legacy readers count in C what they once counted a character at a time in Python;
# the counts must be the same on any text.
_LEGACY_ALPHABET = "aZé€’ßµ²½ªلبـً،٣ \n.-_xyz"


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(_LEGACY_ALPHABET), max_size=40) | st.text(max_size=30))
def test_legacy_counts_equal_a_character_at_a_time(text):
    from clipping_archive.ingest import decode

    letters = [c for c in text if c.isalpha()]
    non_ascii = sum(1 for c in letters if not c.isascii())
    assert decode._mostly_ascii_letters(text) == (non_ascii <= 0.3 * len(letters))
    assert decode._mixed_words(text) == len(decode._MIXED_WORD.findall(text))
    high = [c for c in text if decode._NON_ASCII_LETTERS.fullmatch(c)]
    arabic = sum(1 for c in high if "\u0600" <= c <= "\u06ff")
    joined = "".join(decode._NON_ASCII_LETTERS.findall(text))
    assert (len(joined), sum(map(len, decode._ARABIC_RUN.findall(joined)))) == (len(high), arabic)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40) | st.text(_LEGACY_ALPHABET + "\ufffd").map(str.encode))
def test_stray_byte_counts_equal_a_character_at_a_time(data):
    from clipping_archive.ingest import decode

    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    kept = 0 < stray <= decode.MAX_STRAY_BYTES and valid >= decode.MIN_VALID_PER_STRAY * stray
    assert decode._utf8_with_stray_bytes(data) == (text if kept else None)


def test_a_replacement_character_is_no_valid_character_beside_a_stray_byte():
    from clipping_archive.ingest.decode import _utf8_with_stray_bytes

    # 19 valid letters to 1 stray byte are too few (20 needed); the file's own U+FFFD
    # characters do not make up the difference.
    assert _utf8_with_stray_bytes(("é" * 19 + "\ufffd" * 5).encode() + b"\xff") is None
    assert _utf8_with_stray_bytes(("é" * 20).encode() + b"\xff") is not None
