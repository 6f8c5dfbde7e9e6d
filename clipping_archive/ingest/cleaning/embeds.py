"""Embedded posts. The post's own words stay in the body (they are part of what the
article quotes); the attribution line under it (`— Polly (@nomnomcookieez) June 23, 2024`)
and its media links (`pic.twitter.com/...`, `t.co/...`) go. The attribution's date is the
post's, never the article's."""

from __future__ import annotations

import re

from clipping_archive.ingest.cleaning.rule import InlineRule, LineRule
from clipping_archive.languages import alternation, words

# The post's date as the embedding widget writes it: "March 22, 2024", "22 maart 2024",
# "٢٢ مارس ٢٠٢٤" (\d is Unicode-aware, so Arabic-Indic digits count).
_DATE = r"(?:[^\W\d_]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\s+\d{4})"
_HANDLE = r"\(@\w{1,30}\)"

# "— موسكو | 🇷🇺 MOSCOW NEWS (@M0SC0W0) March 22, 2024" on a line of its own.
EMBED_ATTRIBUTION_LINE = LineRule(
    "embed_attribution", re.compile(rf"^\s*[—–-]\s*[^\n]{{1,80}}?{_HANDLE}\s*{_DATE}\s*$")
)
# The same, glued to the end of the post's text (seed 000).
EMBED_ATTRIBUTION_INLINE = InlineRule(
    "embed_attribution",
    re.compile(rf"(?<!\s)\s*[—–]\s*[^—–\n]{{1,80}}?{_HANDLE}\s*{_DATE}\s*$"),
    needles=("(@",),
)
# Instagram's "A post shared by NAME (@handle)".
EMBED_SHARED_BY = LineRule(
    "embed_attribution",
    re.compile(rf"^\s*(?:{alternation(words('shared_by'))})\s.{{1,80}}\(@[\w.]{{1,30}}\)", re.I),
)
EMBED_LINK = InlineRule(
    "embed_link",
    re.compile(r"(?<!\s)\s*(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+", re.IGNORECASE),
    needles=("/",),
)

RULES = (EMBED_ATTRIBUTION_LINE, EMBED_ATTRIBUTION_INLINE, EMBED_SHARED_BY, EMBED_LINK)
