"""Output: what leaves the archive for people and programs: exports (CSV, JSON Lines,
xlsx), the JSON shapes of clips and hits, timelines and stats."""
