"""kaitei (改定): the command line in front of corpus/, diffing/ and renderer/."""

__version__ = "0.1.0"
