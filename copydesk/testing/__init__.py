"""Testing helpers: loaders for public corpora, hypothesis strategies, the pytest plugin."""
