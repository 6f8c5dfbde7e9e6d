"""WordPress ad shortcodes (`[ad_1]`, `[ad_2]`), ad labels, and the "Source link" trailer
that auto-blogging plugins append."""

from __future__ import annotations

import re

from clipping_archive.ingest.cleaning.rule import InlineRule, LineRule, folded_alternation
from clipping_archive.ingest.dates import fold

AD_TAG = InlineRule(
    "ad_tag",
    # (?<!\s): a match starts at the first of the spaces before the tag, so a long run of
    # spaces is not searched again from each of its positions (quadratic on any input).
    re.compile(r"(?<!\s)\s*\[/?(?:ad|ads|adsense|advert|advertisement)(?:_\d+)?\]", re.I),
    needles=("[",),
)
# A line that only says "advertisement" in one of the archive's languages, or that the
# text goes on below the ad ("Lees verder na de advertentie"), maybe in brackets or
# between dashes as pages set it off: "[Advertentie]", "(إعلان)", "- Advertisement -".
_OPEN = r"[\s(\[{<\-–—_*|]*"
_CLOSE = r"[\s)\]}>\-–—_*|]*"
AD_LABEL = LineRule(
    "ad_label",
    re.compile(rf"^{_OPEN}(?:{folded_alternation('ad_labels')}){_CLOSE}$"),
    fold=fold,  # lower case, one spelling of each Arabic letter variant ("اسفل الاعلان")
)
SOURCE_LINK = LineRule("source_link", re.compile(r"^\s*source\s+link\s*$", re.I))

RULES = (AD_TAG, AD_LABEL, SOURCE_LINK)
