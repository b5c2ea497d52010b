"""Tests of the EU-impact engine."""
