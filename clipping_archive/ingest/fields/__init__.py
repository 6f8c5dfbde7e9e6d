"""Recognisers for the lines that carry a clip's metadata (bylines, datelines, source
lines) and for its title. Each takes one line and says what it holds, or None; where in a
clip they may be applied (the header under the headline, the footer) is metadata.py's job.
"""
