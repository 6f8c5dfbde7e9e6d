"""Each analyzer against its vector file (tests/vectors/<language>.tsv): input -> terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from clipping_archive.analysis import analyze

VECTORS = Path(__file__).resolve().parent / "vectors"
LANGUAGE_OF_FILE = {"ar": "ar", "nl": "nl", "en": "en", "none": None}


def _cases() -> list:
    cases = []
    for path in sorted(VECTORS.glob("*.tsv")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            text, expected = line.split("\t")
            language = LANGUAGE_OF_FILE[path.stem]
            cases.append(pytest.param(text, language, expected.split(), id=f"{path.stem}:{n}"))
    return cases


@pytest.mark.parametrize(("text", "language", "expected"), _cases())
def test_vector(text, language, expected):
    assert [t.term for t in analyze(text, language)] == expected


def test_every_analyzer_has_a_vector_file():
    assert {p.stem for p in VECTORS.glob("*.tsv")} == set(LANGUAGE_OF_FILE)
