"""Reads of the exchange app, shared by the pages, the feeds, the API and other apps."""
