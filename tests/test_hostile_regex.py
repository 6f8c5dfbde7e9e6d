"""Every cleaning and metadata pattern runs in linear time on any input: adversarial lines
that made the old patterns quadratic finish under a hang guard (an alarm of several
seconds that only quadratic work reaches; a normal run takes milliseconds)."""

from __future__ import annotations

import signal

import pytest

from clipping_archive.ingest import prepare_bytes
from clipping_archive.ingest.cleaning import clean_text
from clipping_archive.ingest.decode import DecodeError
from clipping_archive.ingest.metadata import extract_metadata

HANG_GUARD_SECONDS = 5
N = 60_000

ADVERSARIAL = [
    " " * N + "[x",
    " " * N + "http://x",
    " " * N + "pic.twitter.com",
    " " * N + "— x (@a) March 1, 2024",
    "x\n" + " " * N + "[ad_1",
    "\t" * N + "y",
    "(" * N,
    "By " + "A " * (N // 2),
    "Bron: " + "x " * (N // 2),
    "22 " * (N // 3),
    "-" * N,
    "لندن: " + "ا " * (N // 2),
]


@pytest.fixture
def hang_guard():
    def timeout(*_):
        raise TimeoutError("quadratic: the hang guard fired")

    old = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(HANG_GUARD_SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_lines_are_linear(text, hang_guard):
    clean_text(text)
    try:
        prepare_bytes(text.encode("utf-8"), "x.txt")
    except DecodeError:
        pass


# Inputs that were quadratic outside the cleaner: a letter run tried at every letter by
# the legacy decoder's word pattern, and an 80,000-letter "word" cut at every position
# by the Dutch compound splitter.
SLOW_ELSEWHERE = [
    b"e" * 40_000 + b"1\xe9 a\xc7 ",
    b"e" * 200_000,
]


@pytest.mark.parametrize("data", SLOW_ELSEWHERE, ids=range(len(SLOW_ELSEWHERE)))
def test_long_runs_of_letters_are_linear(data, hang_guard):
    try:
        prepare_bytes(data, "x.txt")
    except DecodeError:
        pass


# Runs of one unit (a space, a letter, a digit, punctuation, an Arabic letter) after a
# prefix that starts a metadata or debris line, before a tail that makes a match fail at
# the last moment: the shape that makes a backtracking pattern rescan the run from every
# position. One document per unit, every prefix and tail a line of it.
UNITS = [" ", "\t", "\u00a0", "a", "a ", "A. ", "1", "1 ", "12:", "ا", "ا ", "و ", "،",
         "-", "—", ".", "/", ":", "(", "[", "@", "#", "|", "*", "'", "a,", "x.", "a-",
         "http"]  # fmt: skip
PREFIXES = ["", "By ", "Door ", "Bron: ", "بقلم ", "Published: ", "Foto: ", "(", "London: ",
            "لندن - ", "22 maart 2024 ", "— ", "Reuters "]  # fmt: skip
TAILS = ["", "!", "[x", " http://x", " pic.twitter.com/x", ":"]
RUN = 6_000


@pytest.mark.parametrize("unit", UNITS, ids=[repr(u) for u in UNITS])
def test_runs_after_metadata_prefixes_are_linear(unit, hang_guard):
    run = unit * (RUN // len(unit))
    lines = [prefix + run + tail for prefix in PREFIXES for tail in TAILS]
    text = "Kop van het stuk\n\n" + "\n\n".join(lines) + "\n\nDe minister zei het.\n"
    cleaned = clean_text(text)
    extract_metadata(cleaned.body, "nl")
