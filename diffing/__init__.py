"""Two versions in, changes out: alignment, word-level text diff, the comparison's rows, its summary, checks of a revision."""
