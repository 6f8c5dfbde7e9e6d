"""The timeline of a query as an inline SVG bar chart, drawn on the server: clips per
month, stacked by language. No script, no web font, nothing fetched from the network."""

from __future__ import annotations

from dataclasses import dataclass

from clipping_archive.output.timeline import Timeline

WIDTH = 800  # SVG units; the SVG scales to the page's width, keeping its proportions
GAP = 0.2  # between bars, as a share of a bar's width
HEIGHT = 100
LABEL_SPACE = 14  # under the bars, for the years
MIN_PERIODS = 24  # a chart of one month is not one bar as wide as the page
LABEL_GAP = 40  # SVG units between year labels, so they never overlap
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
    x: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_width: float
    bars: tuple[Bar, ...]
    legend: tuple[tuple[str, str], ...]  # (language, colour)
    labels: tuple[tuple[float, str], ...]  # (x, year) under the first bar of each year
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
    step = WIDTH / max(len(timeline.periods), MIN_PERIODS)
    for i, period in enumerate(timeline.periods):
        x = round(i * step, 2)
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
        width=WIDTH,
        height=HEIGHT + LABEL_SPACE,
        bar_width=round(step * (1 - GAP), 2),
        bars=tuple(bars),
        legend=tuple(palette.items()),
        labels=tuple(_spaced(labels)),
        highest=highest,
        undated=timeline.undated,
        imprecise=timeline.imprecise,
    )


def _spaced(labels: list[tuple[float, str]]) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    for x, text in labels:
        if not out or x - out[-1][0] >= LABEL_GAP:
            out.append((x, text))
    return out
