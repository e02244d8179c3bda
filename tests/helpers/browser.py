"""Debian's Chromium for the browser tests, and the folder their screenshots go to."""
from __future__ import annotations

from pathlib import Path

__all__ = ["ARTIFACTS", "CHROMIUM", "CHROMIUM_ARGS"]

#: Debian's chromium, which Playwright drives (Playwright cannot download browsers here).
CHROMIUM = "/usr/bin/chromium"
#: Flags for a headless run as root with no network chatter.
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: Screenshots and timings written by the browser tests (ignored by git).
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
