"""Measures: the network wing."""
