"""The fast version lookup agrees with importlib.metadata for every package whose version
is part of a stored version string (analyzer, fingerprint, lexicon tables)."""

from importlib.metadata import version

import pytest

from clipping_archive.versions import installed_version


@pytest.mark.parametrize(
    "dist", ["PyStemmer", "simplemma", "wordfreq", "rensa", "clipping-archive", "click"]
)
def test_same_version_as_importlib_metadata(dist):
    assert installed_version(dist) == version(dist)


def test_unknown_distribution_raises_like_importlib():
    from importlib.metadata import PackageNotFoundError

    with pytest.raises(PackageNotFoundError):
        installed_version("no-such-distribution-here")
