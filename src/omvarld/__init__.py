"""Omvärld: a municipality's international work as everyday work."""
