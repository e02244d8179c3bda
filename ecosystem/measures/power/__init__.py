"""Measures: the power wing."""
