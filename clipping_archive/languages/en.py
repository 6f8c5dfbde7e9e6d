"""English."""

from clipping_archive.languages import LanguagePack

PACK = LanguagePack(
    code="en",
    name="English",
    aliases=("english", "eng"),
    stopwords=frozenset(
        """the and of to that it for on with by this are from at be have has not but they
        he she his her which were been an or their will would who what when there said
        after also its than about into against these those them our you your can could
        should may might while where how because such only other some more most""".split()
    ),
    months={
        1: ("january", "jan"),
        2: ("february", "feb"),
        3: ("march", "mar"),
        4: ("april", "apr"),
        5: ("may",),
        6: ("june", "jun"),
        7: ("july", "jul"),
        8: ("august", "aug"),
        9: ("september", "sep", "sept"),
        10: ("october", "oct"),
        11: ("november", "nov"),
        12: ("december", "dec"),
    },
    weekdays=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    byline_words=("written by", "words by", "by", "author"),
    published_words=("first published", "published", "posted"),
    updated_words=("last updated", "last modified", "last edited", "updated"),
    date_labels=("date",),
    source_labels=("source", "sources"),
    ad_labels=("advertisement", "advertorial"),
    image_labels=(
        "featured image",
        "image credit",
        "image",
        "photo credit",
        "photo",
        "picture",
        "credit",
    ),
    image_by_words=("photo", "image"),
    shared_by=("a post shared by",),
    time_words=("at", "am", "pm"),
)
