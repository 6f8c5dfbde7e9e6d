"""Counts in words for people: "1 clip", "2 clips", "1 copy", "3 copies"."""

from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number it needs (English: singular for exactly one)."""
    word = singular if n == 1 else (plural or singular + "s")
    return f"{n} {word}"
