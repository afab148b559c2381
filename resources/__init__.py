"""Bundled data files (fonts, samples); found through ``annotator.paths``, not by path."""
