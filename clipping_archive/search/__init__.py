"""Search: a user's query -> a parsed query (``query``), hits ranked by the storage layer,
snippets cut from the original text (``snippets``), and the filters shared by search,
export and timeline (``filters``)."""
