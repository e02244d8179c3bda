"""A stand-in for ``ecosystem.report.build_report`` in command-line tests.

The ``stub_report`` fixture (tests/conftest.py) puts one in place.

The report itself is tested in ``test_report.py``; CLI tests only need to see
what the command hands it and a page where the report would be.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["StubReport"]


class StubReport:
    """Records ``(study, registry, out_dir)`` and ``processes`` of each call and writes a
    one-line page."""

    def __init__(self):
        self.calls = []
        self.processes = []

    def __call__(self, study, reg, out_dir, tables_dir=None, progress=None, processes=None):
        self.calls.append((study, reg, Path(out_dir)))
        self.processes.append(processes)
        page = Path(out_dir) / "report.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("<p>stub</p>", encoding="utf-8")
        return {"report": page, "skipped": {}, "sections": [], "seconds": 0.0,
                "kind": "partnership", "settings": {"level": "target"}, "defaults": ["level"]}
