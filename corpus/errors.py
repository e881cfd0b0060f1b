"""Errors for input that cannot be read; the command line reports them in one line with exit code 2."""


class SourceError(Exception):
    """Input that cannot be read: one clear message for the user."""
