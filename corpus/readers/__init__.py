"""One reader per input format, each turning a source into a corpus.model.Document."""
