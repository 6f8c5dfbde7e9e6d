"""Every cleaning and metadata pattern runs in linear time on any input: adversarial lines
that made the old patterns quadratic finish under a hang guard (an alarm of several
seconds that only quadratic work reaches; a normal run takes milliseconds)."""

from __future__ import annotations

import signal

import pytest

from clipping_archive.ingest import prepare_bytes
from clipping_archive.ingest.cleaning import clean_text
from clipping_archive.ingest.decode import DecodeError

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
