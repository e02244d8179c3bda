"""One fetched file with its provenance, and what a whole fetch returns.

:func:`fetch_file` downloads a URL to a path (atomically, :meth:`Client.download`)
and writes its provenance record; a file whose record still matches and names the
same URL is taken from the cache without asking the server. :func:`finish` writes
the fetch's manifest and returns a :class:`FetchResult`.

Examples
--------
>>> r = FetchResult(source="demo", folder=Path("."), files=[Path("a.csv")])
>>> r.summary()
'demo: 1 file in . (0 downloaded, 0 from the cache)'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ecosystem.fetch.cache import sweep_partials, write_manifest
from ecosystem.fetch.http import Client, DownloadProgress
from ecosystem.fetch.provenance import read_record, write_record

__all__ = ["FetchResult", "fetch_file", "finish"]


@dataclass
class FetchResult:
    """What a fetch left on disk.

    Attributes
    ----------
    source : str
    folder : Path
        Where the files are.
    files : list of Path
        Every fetched file (each with its provenance record).
    notes : list of str
        What was left out and why (a resource without HXL hashtags, robots.txt, ...).
    downloaded, cached : int
        How many files came from the network, how many from the cache.
    """

    source: str
    folder: Path
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    downloaded: int = 0
    cached: int = 0

    def summary(self) -> str:
        """One line: how many files, where, how many downloaded."""
        n = len(self.files)
        return (f"{self.source}: {n} file{'s' if n != 1 else ''} in {self.folder} "
                f"({self.downloaded} downloaded, {self.cached} from the cache)")


def fetch_file(client: Client, url: str, dest: str | Path, *, source: str, licence: str,
               result: FetchResult, licence_url: str | None = None,
               selector: dict | None = None, params: dict | None = None,
               sha256: str | None = None, md5: str | None = None,
               progress: DownloadProgress | None = None, extra: dict | None = None,
               refresh: bool = False) -> Path:
    """Download ``url`` to ``dest`` with its provenance record, unless already complete.

    The file is appended to ``result.files`` and counted as downloaded or cached.
    """
    dest = Path(dest)
    record = None if refresh else read_record(dest)
    if record is not None and record.get("url") == url and (
            sha256 is None or record.get("sha256") == sha256.lower()):
        result.files.append(dest)
        result.cached += 1
        return dest
    digest = client.download(url, dest, params=params, sha256=sha256, md5=md5,
                             progress=progress)
    write_record(dest, url=url, licence=licence, licence_url=licence_url, source=source,
                 selector=selector, sha256=digest, extra=extra)
    result.files.append(dest)
    result.downloaded += 1
    return dest


def finish(result: FetchResult, selectors: dict) -> FetchResult:
    """Write the manifest of a fetch whose files are all complete; return ``result``."""
    sweep_partials(result.folder)
    write_manifest(result.folder, result.source, selectors, result.files, result.notes)
    return result
