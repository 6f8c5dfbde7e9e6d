"""Errors a user can act on. The CLI prints them as one line and exits 1."""


class ClipError(Exception):
    """A user-facing error: bad input, missing clip, unreadable archive."""


class QueryError(ClipError):
    """A search query that cannot be understood."""


class UsageError(ClipError):
    """An option given a value the archive cannot use (a language it does not hold): the
    CLI exits 2, as for its own usage errors."""
