"""Two versions in, changes out: alignment, word-level text diff, checks, 改め文 (not written yet)."""
