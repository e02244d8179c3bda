"""Helpers shared by the tests: small registries, record writers, real-data paths.

``tests/`` is on ``sys.path`` through pytest's ``pythonpath`` option
(``pyproject.toml``), so a test imports them as ``from helpers.x import y``.
"""
