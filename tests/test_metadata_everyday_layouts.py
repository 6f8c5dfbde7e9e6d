"""Everyday layouts a new user's corpus met (issue #23), each from the line quoted, and
the class around it: read by the packs' words and general rules, taken out of the body,
kept in `removed` (what `clip show --stripped` lists)."""

import pytest
from conftest import prepare_lines

EN_HEAD = "Kremlin says concert hall attack was planned for months"
EN_BODY = (
    "The Kremlin said on Sunday that the attack on the concert hall had been planned for "
    "months by the group, which claimed it the same night."
)
NL_HEAD = "Aanslag in Moskou opgeëist door ISIS"
NL_BODY = (
    "De aanslag op de concertzaal bij Moskou is opgeëist door ISIS, meldt het persbureau "
    "vanavond in een verklaring die op Telegram werd verspreid."
)
AR_HEAD = "هجوم على قاعة حفلات قرب موسكو"
AR_BODY = (
    "أعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم على قاعة الحفلات قرب موسكو، "
    "في بيان نشره على قناته في تلغرام مساء الجمعة."
)
BODIES = {"en": (EN_HEAD, EN_BODY), "nl": (NL_HEAD, NL_BODY), "ar": (AR_HEAD, AR_BODY)}


def _clip(lang: str, line: str):
    head, body = BODIES[lang]
    return prepare_lines(head, line, body)


def _out_of_body(clip, line: str) -> None:
    assert line not in clip.body
    assert line in [r.text for r in clip.removed]  # kept for --stripped; raw is whole


@pytest.mark.parametrize(
    ("lang", "line", "date"),
    [
        ("en", "June 30, 2024 4:12 PM GMT+1", "2024-06-30"),  # Reuters' own dateline
        ("en", "June 30, 2024 4:12 PM GMT-5", "2024-06-30"),
        ("en", "30 June 2024 16:12 UTC+02:00", "2024-06-30"),
        ("en", "Sunday, June 30, 2024 at 4:12 PM EDT", "2024-06-30"),
        ("en", "2024-06-30T16:12:00Z", "2024-06-30"),  # ISO timestamps
        ("en", "2024-06-30T16:12:00.000+02:00", "2024-06-30"),
        ("nl", "2024-06-30T16:12+0200", "2024-06-30"),
        ("nl", "22 april 2024 16:12+02:00", "2024-04-22"),
        ("ar", "30 يونيو 2024 الساعة 4:12 م بتوقيت غرينتش +3", "2024-06-30"),
    ],
)
def test_timestamps_and_utc_offsets_date_the_clip(lang, line, date):
    clip = _clip(lang, line)
    assert clip.metadata.date == date
    _out_of_body(clip, line)


@pytest.mark.parametrize(
    ("lang", "line", "date", "author", "source"),
    [
        ("nl", "maandag 22 april 2024 | Redactie Binnenland", "2024-04-22",
         "Redactie Binnenland", None),
        ("nl", "Redactie Buitenland | 22-04-24, 10:12", "2024-04-22", "Redactie Buitenland", None),
        ("nl", "22 april 2024 | Door Jan de Vries", "2024-04-22", "Jan de Vries", None),
        ("nl", "22 april 2024 - Redactie Binnenland", "2024-04-22", "Redactie Binnenland", None),
        ("en", "June 30, 2024 — Reuters Staff", "2024-06-30", "Reuters Staff", None),
        ("nl", "22 april 2024 | NOS", "2024-04-22", None, "NOS"),
        ("en", "June 30, 2024 · By Jane Doe", "2024-06-30", "Jane Doe", None),
        # a label names no one: dated, the line out of the body, no author
        ("nl", "22 april 2024 | Binnenland", "2024-04-22", None, None),
        ("en", "June 30, 2024 · Jane Doe", "2024-06-30", None, None),
        ("en", "June 30, 2024 | Fox News Channel", "2024-06-30", None, None),  # no desk
        ("ar", "الأحد 30 يونيو 2024 | ميدان التحرير", "2024-06-30", None, None),
        ("en", "Reuters Staff | June 30, 2024", "2024-06-30", "Reuters Staff", None),
        ("ar", "الأحد 30 يونيو 2024 | بقلم ليلى حسن", "2024-06-30", "ليلى حسن", None),
        ("ar", "الأحد 30 يونيو 2024 | فريق التحرير", "2024-06-30", "فريق التحرير", None),
    ],
)  # fmt: skip
def test_a_date_and_a_byline_side_by_side(lang, line, date, author, source):
    clip = _clip(lang, line)
    meta = clip.metadata
    assert (meta.date, meta.author, meta.source) == (date, author, source)
    _out_of_body(clip, line)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("nl", "22 april 2024 | Het kabinet valt vandaag over de stikstofregels"),  # text
        ("en", "June 30, 2024 | The Kremlin said the attack was planned."),
        ("nl", "Politiek | Binnenland"),  # no date
    ],
)
def test_a_date_beside_text_is_not_a_byline(lang, line):
    clip = _clip(lang, line)
    assert clip.metadata.author is None and line in clip.body
    assert clip.metadata.date is None


@pytest.mark.parametrize(
    ("lang", "line", "author"),
    [
        ("ar", "بقلم: ليلى حسن", "ليلى حسن"),
        ("ar", "بقلم/ ليلى حسن", "ليلى حسن"),
        ("ar", "بقلم - ليلى حسن", "ليلى حسن"),
        ("ar", "بقلم : ليلى حسن", "ليلى حسن"),
        ("ar", "بواسطة: سارة أبو شادي", "سارة أبو شادي"),
        ("ar", "كتب : محمد علي", "محمد علي"),
        ("en", "By: Jane Doe", "Jane Doe"),
        ("en", "By - Jane Doe", "Jane Doe"),
        ("en", "By | Jane Doe", "Jane Doe"),
        ("nl", "Door/ Jan de Vries", "Jan de Vries"),
    ],
)
def test_separators_after_byline_words_are_not_the_author(lang, line, author):
    clip = _clip(lang, line)
    assert clip.metadata.author == author
    _out_of_body(clip, line)


def test_a_compound_starting_like_a_byline_word_is_not_a_byline():
    clip = prepare_lines("By-Election Called For March In Three Seats", EN_BODY)
    assert clip.metadata.author is None
    assert clip.metadata.title == "By-Election Called For March In Three Seats"


@pytest.mark.parametrize(
    ("lang", "line", "source"),
    [
        ("ar", "بي بي سي نيوز عربي", "بي بي سي نيوز عربي"),
        ("ar", "سكاي نيوز عربية", "سكاي نيوز عربية"),
        ("ar", "الجزيرة نت", "الجزيرة نت"),
        ("ar", "لندن - بي بي سي عربي", "بي بي سي عربي"),  # a place and the outlet
        ("en", "BBC News", "BBC News"),
        ("en", "By BBC News", "BBC News"),
        ("nl", "NU.nl", "NU.nl"),
        ("nl", "de Volkskrant", "de Volkskrant"),
    ],
)
def test_an_outlet_is_the_source_not_the_author(lang, line, source):
    clip = _clip(lang, line)
    assert (clip.metadata.author, clip.metadata.source) == (None, source)
    _out_of_body(clip, line)


def test_an_outlet_after_a_name_is_the_source():
    clip = _clip("en", "By Jane Doe, BBC News")
    assert (clip.metadata.author, clip.metadata.source) == ("Jane Doe", "BBC News")


def test_share_buttons_under_the_headline_are_not_a_columnist():
    # The Arabic row once read as a bare name under the headline: the author.
    clip = _clip("ar", "فيسبوك تويتر واتساب")
    assert clip.metadata.author is None
    assert "فيسبوك" not in clip.body


@pytest.mark.parametrize(
    "line",
    ["Den Haag | 22 april 2024", "Moskou | 22 april 2024", "Moskou, 22 april 2024 - 13:08"],
)
def test_a_place_before_the_date_stays_a_dateline(line):
    clip = _clip("nl", line)
    assert (clip.metadata.date, clip.metadata.author) == ("2024-04-22", None)


@pytest.mark.parametrize(
    ("lang", "line", "date"),
    [
        # two labelled dates run together: the publication date wins, in either order
        ("nl", "Gepubliceerd: 30 juni 2024 16:12 | Laatst bijgewerkt: 1 juli 2024", "2024-06-30"),
        ("nl", "Laatst bijgewerkt: 1 juli 2024 | Gepubliceerd: 30 juni 2024 16:12", "2024-06-30"),
        ("en", "2024-06-30 16:12:00 +0200", "2024-06-30"),  # a spaced offset
        ("en", "Updated 4:12 PM GMT+1, June 30, 2024", "2024-06-30"),
    ],
)  # fmt: skip
def test_metadata_lines_run_together_between_bars(lang, line, date):
    clip = _clip(lang, line)
    assert clip.metadata.date == date
    _out_of_body(clip, line)
