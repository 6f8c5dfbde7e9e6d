"""Storage: the only package that speaks SQL. One module per backend (``sqlite``, today);
``base.Store`` is the interface the rest of the code uses, so a second backend
(PostgreSQL, for a team archive) is one new module that implements it."""
