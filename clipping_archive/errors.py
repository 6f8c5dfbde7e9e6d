"""Errors a user can act on. The CLI prints them as one line and exits 1 (UsageError: 2).
Backends raise these, never their driver's own exceptions (sqlite3.Error, psycopg.Error)."""


class ClipError(Exception):
    """A user-facing error: bad input, missing clip, unreadable archive."""


class QueryError(ClipError):
    """A search query that cannot be understood."""


class UsageError(ClipError):
    """An option given a value the archive cannot use (a language it does not hold): the
    CLI exits 2, as for its own usage errors."""


class StorageError(ClipError):
    """The archive cannot be read or written: not an archive, damaged, busy, a server
    that is down or refuses us. The message names the archive (a server URL without its
    password) and says what to do."""
