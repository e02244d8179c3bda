"""Measures: the coordination wing."""
