"""Rule html_entity: HTML entities a scraper saved literally become their characters
before any other rule or the metadata reads the text; the raw text keeps them.

The Arabic lines are SaudiNewsNet's (github.com/inparallel/SaudiNewsNet, CC BY-NC-SA 4.0),
as the corpus saved them: Okaz's bylines begin with `&nbsp;` (okaz.com.sa, 20 July 2015)
and Sabq's titles hold `&quot;` (sabq.org/KzCgde). The literal ampersands are the corpus's
own (`AT&T`, `s&p500`, `(m-Media&News)`)."""

import pytest

from clipping_archive.ingest import prepare_bytes
from clipping_archive.ingest.cleaning import clean_text

OKAZ = (
    "أمير مكة يوجه بسرعة القبض على المتحرشين بفتاتين في جدة\n\n"
    "&nbsp;خالد طاشكندي (جدة)\n\n"
    "أمر مستشار خادم الحرمين الشريفين أمير منطقة مكة المكرمة صاحب السمو الملكي الأمير خالد"
    " الفيصل، بسرعة القبض على الشبان الذين تحرشوا بفتاتين في أحد متنزهات جدة.\n"
)
OKAZ_PAPER = (
    "اليوم انتهاء مهلة تجديد سجلات الأفراد التجارية\n\n"
    "&nbsp;عكاظ (جدة)\n\n"
    "تنتهي اليوم مهلة وزارة التجارة والصناعة التي وضعتها لأصحاب المؤسسات الفردية وفروعها"
    " المنتهية سجلاتهم التجارية لتجديدها، واضعة بذلك عدة طرق لتجديد السجلات.\n"
)
SABQ = (
    "ارتفاع &quot;فلكي&quot; لأسعار تأجير شاليهات جدة\n\n"
    "تشهد شاليهات المواقع السياحية في مدينة جدة خلال فترة الإجازات حالة من الانتعاش"
    " والارتفاع في الأسعار.\n"
)


def test_a_byline_behind_nbsp_is_read_and_leaves_the_body():
    clip = prepare_bytes(OKAZ.encode("utf-8"), "okaz.txt")
    assert clip.metadata.author == "خالد طاشكندي"
    assert "طاشكندي" not in clip.body
    assert "&nbsp;" not in clip.body
    assert clip.raw == OKAZ  # the raw text keeps the entity as written


def test_the_papers_line_behind_nbsp_names_the_source_and_no_author():
    clip = prepare_bytes(OKAZ_PAPER.encode("utf-8"), "okaz.txt")
    assert clip.metadata.author is None
    assert clip.metadata.source == "عكاظ"
    assert "(جدة)" not in clip.body


def test_a_title_reads_with_its_quotes():
    clip = prepare_bytes(SABQ.encode("utf-8"), "sabq.txt")
    assert clip.metadata.title == 'ارتفاع "فلكي" لأسعار تأجير شاليهات جدة'
    assert clip.body.startswith('ارتفاع "فلكي"')


def test_each_entity_decoded_is_listed_as_written_in_the_raw_text():
    clip = prepare_bytes(SABQ.encode("utf-8"), "sabq.txt")
    listed = [r.text for r in clip.removed if r.rule == "html_entity"]
    assert listed == ["&quot;", "&quot;"]
    assert all(text in clip.raw for text in listed)


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("Apple&#8217;s shares", "Apple’s shares"),
        ("Apple&#x2019;s shares", "Apple’s shares"),
        ("Marks &amp; Spencer", "Marks & Spencer"),
        ("&lt;p&gt; was left in", "<p> was left in"),
        ("Door&nbsp;Jan de Vries", "Door Jan de Vries"),  # any space: a plain one
        ("Door&#160;Jan de Vries", "Door Jan de Vries"),
        ("Door&ensp;Jan de Vries", "Door Jan de Vries"),
        ("caf&eacute; in Gent", "café in Gent"),
    ],
)
def test_named_and_numeric_entities_become_their_characters(line, shown):
    assert clean_text(line).body == shown


@pytest.mark.parametrize(
    "line",
    [
        "تي&تي و AT&T وقعتا الاتفاق",
        "ارتفع مؤشر s&p500 أمس",
        "نظمته (m-Media&News) في دبي",
        "R&D spending rose; profits fell",
        "Ben&notes; a name",  # `&not` is an entity only without its `;` to a browser
        "and so on &c.; the list",
        "&foo; is no entity",
        "&#0; and &#1; name no character",
        "&T; stays",
    ],
)
def test_ampersands_that_are_no_entity_stay(line):
    cleaned = clean_text(line)
    assert cleaned.body == line
    assert not cleaned.removed


def test_a_line_of_only_an_entity_leaves_no_blank_debris():
    cleaned = clean_text("Kop\n\n&nbsp;\n\nTekst van het artikel.")
    assert cleaned.body == "Kop\n\nTekst van het artikel."
