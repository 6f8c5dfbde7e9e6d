"""Bytes -> text. First stage of the pipeline.

Order matters, most decisive evidence first:

1. Junk: empty or blank files; known binary formats by their magic bytes (images, PDF,
   archives...); NUL bytes or many control characters (binary data that is not text).
2. A byte-order mark (UTF-8, UTF-16 LE/BE) is decisive.
3. Strict UTF-8 (it almost never decodes legacy text by accident). A UTF-8 text that
   shows the marks of having once been read as Windows-1252 ("zÃ©lf", "Ù„Ù‚Ø¯") is
   repaired with ftfy's ``fix_encoding``; a UTF-8 text with a rare stray invalid byte is
   kept as UTF-8 with that byte replaced, rather than read as a code page.
4. The two legacy code pages this archive meets, Windows-1256 (Arabic) and Windows-1252
   (Dutch, English): both readings are made, and the one whose non-ASCII words are
   words of its languages' lexicons wins (`álle Nederlandse` is Dutch with an accent,
   not `لlle`); where neither reading has such words, the share of Arabic letters
   decides. No free charset detector (charset-normalizer left free reads cp1252 Dutch
   as cp1250, and a detector's guess would change with its version).

A few stray control bytes (a `\x1a` left by an old editor) in an otherwise clean file
are dropped, and the encoding says so ("cp1256 (2 control bytes dropped)"); many of them
make the file binary.
"""

from __future__ import annotations

import codecs
import re

from clipping_archive.errors import ClipError
from clipping_archive.models import Decoded


class DecodeError(ClipError):
    """The bytes are not text we can read; the message is the rejection reason."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic bytes of binary formats a scraper's folder really holds (saved images, PDFs,
# archives). Checked first: some of them contain no NUL byte in their first bytes.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"BM", "BMP image"),  # only with its header's reserved zero bytes, see _magic_kind
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/ODT/EPUB)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document (DOC/XLS)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)

# Control characters other than tab, newline, form feed and carriage return: text never
# has many of them. Above this share the file is binary data, not a legacy code page.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
MAX_CONTROL_SHARE = 0.01
# ...but this many at most are stray bytes in text, whatever the file's length: a short
# legacy-encoded article (one byte a letter) must not be judged by its length.
MAX_STRAY_CONTROLS = 16
CONTROL_SAMPLE = 65536
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Stray invalid bytes in an otherwise UTF-8 file: at most this many, and at most one per
# this many valid non-ASCII characters, are replaced rather than reading the whole file
# as a code page.
MAX_STRAY_BYTES = 8
MIN_VALID_PER_STRAY = 20

_ARABIC_RUN = re.compile(r"[\u0600-\u06FF]+")
_NON_ASCII_LETTERS = re.compile(r"[^\W\d_\x00-\x7f]+")
# A mojibake mark: a lead character of a UTF-8 sequence as cp1252 shows it (Ã Â â Ø Ù...)
# followed by one that shows a continuation byte (0x80-0xBF in cp1252).
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00c5\u00c9\u00ce\u00cf\u00d0\u00d8\u00d9\u00da\u00db\u00e2]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
MOJIBAKE_REPAIRED = "utf-8 (mojibake repaired)"


def decode_bytes(data: bytes) -> Decoded:
    """The text of a file and the name of the encoding it was read in, or DecodeError
    whose message says why the file is not text."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _bom_decode(data, encoding)
            sample = text[:CONTROL_SAMPLE]
            if len(_CONTROL_CHARS.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
                raise DecodeError("binary file (control characters)")
            return _checked(text, encoding)
    kind = _magic_kind(data)
    if kind:
        raise DecodeError(f"binary file ({kind})")
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes)")
    controls = _control_count(data)
    if controls:
        if _control_share(data) > MAX_CONTROL_SHARE and controls > MAX_STRAY_CONTROLS:
            raise DecodeError("binary file (control characters)")
        data = data.translate(None, _CONTROL_BYTES)
    decoded = _decode_text(data)
    if controls:
        plural = "s" if controls > 1 else ""
        return Decoded(
            decoded.text, f"{decoded.encoding} ({controls} control byte{plural} dropped)"
        )
    return decoded


def _decode_text(data: bytes) -> Decoded:
    try:
        return _checked(*_utf8(data.decode("utf-8")))
    except UnicodeDecodeError as exc:
        # A UTF-8 file cut inside its last character (a truncated download): the text
        # before it is UTF-8, not a code page's mojibake.
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            try:
                text, encoding = _utf8(data[: exc.start].decode("utf-8"))
                return _checked(text, f"{encoding} (cut character at the end dropped)")
            except UnicodeDecodeError:
                pass
    mixed = _utf8_with_legacy_lines(data)
    if mixed is not None:
        return _checked(*mixed)
    stray = _utf8_with_stray_bytes(data)
    if stray is not None:
        return _checked(stray, "utf-8 (invalid bytes replaced)")
    return _checked(*_legacy(data))


def _control_count(data: bytes) -> int:
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


def _bom_decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        reason = f"undecodable text (invalid {encoding} after its byte-order mark)"
        raise DecodeError(reason) from exc


def _magic_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            # "BM" and "ID3" can start a line of text; their binary headers have zeros.
            if magic in (b"BM", b"ID3") and b"\x00" not in data[3:10]:
                continue
            return kind
    return None


def _control_share(data: bytes) -> float:
    sample = data[:CONTROL_SAMPLE]
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / len(sample)


def _utf8(text: str) -> tuple[str, str]:
    if _MOJIBAKE.search(text):
        repaired = _repair_mojibake(text)
        if repaired != text:
            return repaired, MOJIBAKE_REPAIRED
    return text, "utf-8"


def _repair_mojibake(text: str) -> str:
    # ftfy rather than our own `encode('cp1252').decode('utf-8')`: mojibake is often only
    # part of a file (a title pasted from elsewhere), and Arabic mojibake holds bytes
    # cp1252 leaves undefined (0x81, 0x8D...), which a strict round-trip cannot restore.
    # ftfy fixes segment by segment and only where its badness measure says so.
    import ftfy

    return ftfy.fix_encoding(text)


LINES_NAMED = 5  # of a mixed file's legacy lines, named in its encoding


def _utf8_with_legacy_lines(data: bytes) -> tuple[str, str] | None:
    """A UTF-8 file with whole lines in a code page (a paragraph pasted from an old
    cp1252 document): those lines read in their code page, each exactly reversible
    (``line.encode(code page)`` gives its bytes back), and named in the encoding:
    "utf-8 (line 3 read as cp1252)". None when a line mixes valid UTF-8 with invalid
    bytes, or the file has no valid UTF-8 beyond ASCII to show it is UTF-8."""
    out: list[str | None] = []
    utf8_seen = False
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
            utf8_seen = utf8_seen or not line.isascii()
        except UnicodeDecodeError:
            if not line.decode("utf-8", errors="replace").replace("\ufffd", "").isascii():
                return None  # valid UTF-8 and stray bytes in one line: not a pasted line
            out.append(None)
    if not utf8_seen:
        return None  # a legacy file through and through: _legacy reads it whole
    legacy = []
    for number, line in enumerate(data.split(b"\n"), 1):
        if out[number - 1] is None:
            try:
                out[number - 1], encoding = _legacy(line)
            except DecodeError:
                return None
            legacy.append((number, encoding))
    named = ", ".join(str(n) for n, _ in legacy[:LINES_NAMED])
    more = ", ..." if len(legacy) > LINES_NAMED else ""
    word = "line" if len(legacy) == 1 else "lines"
    code_pages = " or ".join(sorted({e for _, e in legacy}))
    return "\n".join(out), f"utf-8 ({word} {named}{more} read as {code_pages})"


def _utf8_with_stray_bytes(data: bytes) -> str | None:
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    stray = replaced - data.count("\ufffd".encode())
    # The non-ASCII characters other than U+FFFD, counted in C: the text less its ASCII.
    valid = len(text) - len(text.encode("ascii", "ignore")) - replaced
    if 0 < stray <= MAX_STRAY_BYTES and valid >= MIN_VALID_PER_STRAY * stray:
        return text
    return None


def _legacy(data: bytes) -> tuple[str, str]:
    # Only the bytes above 0x7F differ between the two code pages: in cp1256 most of them
    # are Arabic letters, while the accented letters and quotes Dutch and English use sit
    # at the same places in both. So the non-ASCII letters decide, not all letters: an
    # Arabic headline followed by a long Latin-script tweet attribution is still cp1256.
    arabic, arabic_page = _arabic_code_page(data)
    try:
        latin = data.decode("cp1252")
    except UnicodeDecodeError:
        latin = None
    # Counted by runs, not a string a letter: the letters are the runs' characters.
    high = "".join(_NON_ASCII_LETTERS.findall(arabic))
    mostly_arabic = bool(high) and sum(map(len, _ARABIC_RUN.findall(high))) / len(high) >= 0.5
    # A word that mixes Arabic and Latin letters (لlle) is a reading no writer made: then
    # both readings are weighed by the words of their languages' lexicons.
    mixed = _mixed_words(arabic)
    if latin is not None and mixed:
        words_ar = _known_words(arabic, ("ar",)) - mixed
        words_latin = _known_words(latin, ("nl", "en"))
        if words_ar != words_latin:
            return (arabic, arabic_page) if words_ar > words_latin else (latin, "cp1252")
    if mostly_arabic:
        try:
            return _words_or_junk(arabic, arabic_page, ("ar",))
        except DecodeError:
            if latin is None:
                raise
            # Both code pages can read these bytes and the Arabic reading holds no
            # words: a Latin text whose few high bytes happen to be Arabic letters in
            # cp1256 (mojibake the file already carried: "doesnâ€™t", "ðŸ˜˜"). The
            # Latin reading is taken only if it reads as words in its turn.
            try:
                return _words_or_junk(latin, "cp1252", ("nl", "en"))
            except DecodeError:
                pass
            raise
    if latin is None:
        raise DecodeError("undecodable text (not UTF-8, UTF-16, Windows-1252 or Windows-1256)")
    return _words_or_junk(latin, "cp1252", ("nl", "en"))


# The other Arabic code page: ISO-8859-6 (old Unix and mail systems). Its letters sit at
# other bytes than Windows-1256's from 0xD7 on: ISO's ط ظ ع غ are 0xD7-0xDA (cp1256: ×
# ط ظ ع), its ـ ف ق ك ل م ن ه و ى ي are 0xE0-0xEA (cp1256: à ل â م ن ه و ç è é ê). Read as
# cp1256, ISO text has Latin letters inside its Arabic words and few real words. The other
# way, cp1256 text is almost never valid ISO-8859-6: ف ق ك (0xDD-0xDF) are bytes ISO
# leaves undefined, and its quotes and Persian letters (0x80-0x9F) are ISO's C1 controls.
ISO_ARABIC = "iso8859-6"
_C1_CONTROLS = re.compile("[\u0080-\u009f]")


def _arabic_code_page(data: bytes) -> tuple[str, str]:
    """The bytes read as Windows-1256 or as ISO-8859-6, and which: ISO only when its
    reading is possible (no undefined byte, no C1 control) and reads as more words of
    the Arabic lexicon than cp1256's; when the readings differ and no word decides,
    cp1256 is assumed and the encoding says so."""
    cp1256 = data.decode("cp1256")  # every byte is defined in cp1256
    try:
        iso = data.decode("iso8859_6")
    except UnicodeDecodeError:
        return cp1256, "cp1256"
    if iso == cp1256 or _C1_CONTROLS.search(iso[:CONTROL_SAMPLE]):
        return cp1256, "cp1256"
    iso_score, cp_score = _arabic_fit(iso), _arabic_fit(cp1256)
    if iso_score > cp_score:
        return iso, ISO_ARABIC
    if iso_score == cp_score:
        return cp1256, f"cp1256 (assumed: {ISO_ARABIC} reads it too)"
    return cp1256, "cp1256"


def _arabic_fit(text: str) -> int:
    """How well a reading reads as Arabic: its words the Arabic lexicon knows, less its
    words no writer makes. Read in the wrong code page, the commonest letters become
    marks or Latin letters: cp1256's ي ى (0xED, 0xEC) are ISO's tanween ٍ ٌ, ISO's ي ى
    و ه (0xEA-0xE7) are cp1256's ê é è ç. So a word mixing Arabic with Latin letters, or
    with tanween inside it (tanween ends a word: "كتابٌ", "رسميًا" before its alef), counts
    against its reading, twice: a short lexicon word can be right by chance."""
    from clipping_archive.analysis import lexicon

    score = seen = 0
    for m in _WORD_WITH_MARKS.finditer(text[:CONTROL_SAMPLE]):
        word = m.group(0)
        if not _ARABIC_LETTER.search(word):
            continue
        seen += 1
        if seen > WORDS_SAMPLED:
            break
        if _MISREAD_WORD.search(word):
            score -= 2
        elif lexicon.known(word, "ar"):
            score += 1
    return score


# A Latin letter in an Arabic word, or tanween before a letter other than a final alef.
_MISREAD_WORD = re.compile(
    "[^\\W\\d_\\u0600-\\u06ff]|[\\u064b-\\u064d](?![\\u0627\\u0649]?$)"
    "|[\\u064b-\\u064d][\\u0627\\u0649](?!$)"
)
# A word with its marks (harakat are not letters to the regex module: without them in
# the run, "خبٍر" would be two words and its misplaced tanween unseen).
_WORD_WITH_MARKS = re.compile(r"(?:[^\W\d_]|[\u064b-\u0652])+")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


MIN_KNOWN_SHARE = 0.15  # of a legacy reading's words that must be words of its languages
MOSTLY_NON_ASCII = 0.3  # a Latin reading this non-ASCII is either a foreign script or junk


def _words_or_junk(text: str, encoding: str, languages: tuple[str, ...]) -> tuple[str, str]:
    """A legacy reading is taken only when it reads as words: random high bytes read as
    cp1256 are all Arabic letters, and none of them words."""
    if encoding == "cp1252" and _mostly_ascii_letters(text[:CONTROL_SAMPLE]):
        return text, encoding  # mostly ASCII: Dutch, English, or another Latin language
    words = _WORD.findall(text[:CONTROL_SAMPLE])[:WORDS_SAMPLED * 4]
    if not words:
        return text, encoding
    from clipping_archive.analysis import lexicon

    needed = MIN_KNOWN_SHARE * len(words)
    known = 0
    for word in words:  # until enough are known: prose gets there within its first words
        if any(lexicon.known(word.lower(), lang) for lang in languages):
            known += 1
            if known >= needed:
                return text, encoding
    raise DecodeError(f"undecodable text (read as {encoding}, it holds no words)")


_WORD = re.compile(r"[^\W\d_]{2,}")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


def _mostly_ascii_letters(text: str) -> bool:
    """Whether at most MOSTLY_NON_ASCII of the letters (str.isalpha) are non-ASCII. The
    ASCII letters (A-Z, a-z) are counted in C, as bytes; only the non-ASCII characters
    (a few in a Latin text) are asked isalpha one by one."""
    non_ascii = sum(map(str.isalpha, "".join(_NON_ASCII.findall(text))))
    ascii_letters = len(text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    return non_ascii <= MOSTLY_NON_ASCII * (ascii_letters + non_ascii)


_MIXED_WORD = re.compile(r"[\u0600-\u06ff][a-zA-Z]|[a-zA-Z][\u0600-\u06ff]")
_ASCII_LETTER = re.compile(r"[a-zA-Z]")


def _mixed_words(text: str) -> int:
    """How many places an Arabic character touches a Latin letter. A text without the one
    or the other (nearly every Latin and many an Arabic text) has none: two scans for a
    single class cost less than one for the pair."""
    if not _ARABIC_RUN.search(text) or not _ASCII_LETTER.search(text):
        return 0
    return len(_MIXED_WORD.findall(text))
# Starts only where a run of letters starts: tried inside a long ASCII run, the pattern
# would rescan the run from every letter (quadratic: 20,000 letters took 10 s).
_HIGH_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]*[^\W\d_\x00-\x7f][^\W\d_]*")
WORDS_SAMPLED = 80  # words with non-ASCII letters looked up: enough to decide


def _known_words(text: str, languages: tuple[str, ...]) -> int:
    """How many of the words with non-ASCII letters are words of ``languages``'
    lexicons: where the two code pages differ, only one reading gives real words."""
    from clipping_archive.analysis import lexicon

    count = 0
    for n, m in enumerate(_HIGH_WORD.finditer(text)):
        if n >= WORDS_SAMPLED:
            break
        word = m.group(0)
        if any(lexicon.known(w, lang) for lang in languages for w in (word, word.lower())):
            count += 1
    return count


def _checked(text: str, encoding: str) -> Decoded:
    """Newlines normalised; text that decoded but is blank is still junk."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DecodeError("empty file")
    return Decoded(text, encoding)
