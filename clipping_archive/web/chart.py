"""The timeline of a query as an inline SVG bar chart, drawn on the server: clips per
month, stacked by language. No script, no web font, nothing fetched from the network."""

from __future__ import annotations

from dataclasses import dataclass

from clipping_archive.output.timeline import Timeline

BAR = 10  # width of a period in SVG units; the SVG scales to the page
GAP = 2
HEIGHT = 100
LABEL_SPACE = 14  # under the bars, for the years
# Colours told apart by people with the common colour blindnesses (Okabe-Ito).
COLOURS = {"ar": "#0072B2", "nl": "#E69F00", "en": "#009E73"}
OTHER_COLOURS = ("#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")


@dataclass(frozen=True)
class Segment:
    language: str
    count: int
    y: float
    height: float
    colour: str


@dataclass(frozen=True)
class Bar:
    period: str
    total: int
    x: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_width: int
    bars: tuple[Bar, ...]
    legend: tuple[tuple[str, str], ...]  # (language, colour)
    labels: tuple[tuple[int, str], ...]  # (x, year) under the first bar of each year
    highest: int
    undated: int
    imprecise: int


def colours(languages: tuple[str, ...]) -> dict[str, str]:
    others = iter(OTHER_COLOURS * (len(languages) // len(OTHER_COLOURS) + 1))
    return {lang: COLOURS.get(lang) or next(others) for lang in languages}


def chart(timeline: Timeline) -> Chart:
    palette = colours(timeline.languages)
    highest = max((timeline.total(p) for p in timeline.periods), default=0)
    bars, labels = [], []
    for i, period in enumerate(timeline.periods):
        x = i * BAR
        if i == 0 or period.endswith("-01"):
            labels.append((x, period[:4]))
        y = float(HEIGHT)
        segments = []
        for lang in timeline.languages:
            n = timeline.count(period, lang)
            if not n:
                continue
            h = HEIGHT * n / highest
            y -= h
            segments.append(Segment(lang, n, round(y, 2), round(h, 2), palette[lang]))
        bars.append(Bar(period, timeline.total(period), x, tuple(segments)))
    return Chart(
        width=max(len(bars) * BAR, BAR),
        height=HEIGHT + LABEL_SPACE,
        bar_width=BAR - GAP,
        bars=tuple(bars),
        legend=tuple(palette.items()),
        labels=tuple(_spaced(labels)),
        highest=highest,
        undated=timeline.undated,
        imprecise=timeline.imprecise,
    )


def _spaced(labels: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Year labels at least four bars apart, so they never overlap."""
    out: list[tuple[int, str]] = []
    for x, text in labels:
        if not out or x - out[-1][0] >= 4 * BAR:
            out.append((x, text))
    return out
