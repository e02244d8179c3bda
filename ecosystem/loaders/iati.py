"""IATI activity files (standard versions 1.0x and 2.0x) → the canonical model.

An IATI activity file is ``<iati-activities>`` with one ``<iati-activity>`` per
aid activity (an IATI Datastore response wraps it in ``<result>``). Each
activity becomes an initiative of kind ``"activity"`` in registry ``"iati"``
with ``record_id`` = its ``iati-identifier``:

========================================  ==========================================
IATI element                              model
========================================  ==========================================
title, description (English or first)     initiatives.title, description
activity-status                           initiatives.status ("Implementation", …)
activity-date 1/2 (planned/actual start)  initiatives.start (actual before planned)
activity-date 3/4 (planned/actual end)    initiatives.end (actual before planned)
reporting-org                             mentions, role "reporting"
participating-org @role 1–4 / text        mentions, role funding / accountable /
                                          extending / implementing
transaction provider-org, receiver-org    mentions, roles "provider" / "receiver",
                                          and flows (type, value, currency, date)
sector vocabulary 1 / 2 (DAC 5 / 3-digit) initiative_themes "dac_sector" / "dac_category"
sector vocabulary 7 / 8 / 9, tag 2 / 3    initiative_goals, initiative_targets
other sector vocabularies                 initiative_themes ("ntee", "cluster", …)
recipient-country (ISO2 → ISO3), -region  initiative_places with the percentage
========================================  ==========================================

Organisation ``@ref`` values are normalised with
:func:`ecosystem.reference.orgids.normalise_org_ref` into ``org_ref`` / ``provider_ref`` /
``receiver_ref`` (None when the ref is not a global org-id). Organisations
given only by a ref take the name written for that ref elsewhere in the file,
or the ref itself. ``@type`` is mapped to an actor type through the
OrganisationType codelist and ``data/iati_org_types.csv``. Flows name the
provider and receiver as written (explicit ``provider-org`` / ``receiver-org``
only; the reporting organisation is not assumed).

The file is parsed as a stream (``lxml.etree.iterparse``), each activity
cleared once read, so memory does not grow with the file. Files that declare
a DOCTYPE (the way to external entities and entity-expansion bombs) are
refused, never expanded; the parser never touches the network.

Examples
--------
>>> import pathlib, tempfile
>>> xml = ('<iati-activities version="2.03"><iati-activity>'
...        '<iati-identifier>GB-GOV-1-300123</iati-identifier>'
...        '<reporting-org ref="GB-GOV-1" type="10"><narrative>UK Government</narrative>'
...        '</reporting-org><title><narrative>Reef resilience in Fiji</narrative></title>'
...        '<participating-org role="4" ref="XM-DAC-41114"><narrative>UNDP</narrative>'
...        '</participating-org><recipient-country code="FJ" percentage="100"/>'
...        '</iati-activity></iati-activities>')
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "activities.xml"
...     _ = path.write_text(xml, encoding="utf-8")
...     reg = read(path)
>>> reg.initiatives["initiative_id"].tolist(), reg.initiative_places["place"].tolist()
(['iati/GB-GOV-1-300123'], ['FJI'])
>>> reg.mentions[["name", "role", "org_ref"]].values.tolist()
[['UK Government', 'reporting', 'GB-GOV-1'], ['UNDP', 'implementing', 'XM-DAC-41114']]
"""
from __future__ import annotations

import codecs
import warnings
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ecosystem.errors import InputError
from ecosystem.loaders.iati_activity import ActivityReader
from ecosystem.model import Registry

__all__ = ["REGISTRY", "iter_activities", "read", "sniff"]

#: Default registry name.
REGISTRY = "iati"

_PARSE_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False,
                      huge_tree=False, dtd_validation=False)


def _head_text(head: bytes) -> str:
    """Decode the first bytes of a file (UTF-8 or UTF-16 with BOM), ignoring errors."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


def sniff(path: str | Path, head: bytes) -> bool:
    """True when the file is XML with ``<iati-activities>`` or ``<iati-activity>`` near the top."""
    text = _head_text(head)
    return text.lstrip().startswith("<") and "<iati-activit" in text


def _refuse_doctype(path: Path, text: str) -> None:
    upper = text.upper()
    at = min((i for i in (upper.find("<!DOCTYPE"), upper.find("<!ENTITY")) if i >= 0), default=-1)
    if at >= 0:
        raise InputError(
            "entities/DTD are not allowed: the file declares a DOCTYPE or ENTITY; "
            "IATI files need none, so it is refused rather than expanded",
            file=path, record=f"line {text.count(chr(10), 0, at) + 1}", field="DOCTYPE")


def iter_activities(path: str | Path) -> Iterator[tuple[etree._Element, str | None]]:
    """Yield each ``<iati-activity>`` element with the file's standard version.

    The element is cleared after the caller's loop body has run, and earlier
    siblings are dropped, so memory stays bounded for any file size.

    Raises
    ------
    InputError
        When the file declares a DOCTYPE/entities or is not well-formed XML
        (the message names the line).
    """
    path = Path(path)
    with open(path, "rb") as fh:
        _refuse_doctype(path, _head_text(fh.read(65536)))
    context = etree.iterparse(str(path), events=("start", "end"),
                              tag=("iati-activities", "iati-activity"), **_PARSE_OPTIONS)
    version = None
    checked = False
    try:
        for event, elem in context:
            if not checked:
                info = elem.getroottree().docinfo
                if info.doctype or info.internalDTD is not None:
                    _refuse_doctype(path, "<!DOCTYPE")  # beyond the first 64 KB
                checked = True
            if event == "start":
                if elem.tag == "iati-activities":
                    version = elem.get("version")
                continue
            if elem.tag != "iati-activity":
                continue
            yield elem, elem.get("version") or version
            elem.clear(keep_tail=False)
            parent = elem.getparent()
            if parent is not None:
                while elem.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        line, msg = exc.lineno, exc.msg
        if not line and exc.error_log.last_error is not None:  # e.g. an undeclared entity
            line, msg = exc.error_log.last_error.line, exc.error_log.last_error.message
        if "Entity" in msg:
            hint = "only the predefined XML entities (&amp; &lt; &gt; &quot; &apos;) are allowed"
        elif "Extra content" in msg:
            hint = "something follows the end of the XML document"
        else:
            hint = "the file may be truncated or damaged"
        raise InputError(f"not well-formed XML ({msg}); {hint}",
                         file=path, record=f"line {line}" if line else None) from None
    finally:
        del context


def read(path: str | Path, registry: str | None = None) -> Registry:
    """Read an IATI activity file into an unresolved :class:`~ecosystem.model.Registry`.

    Parameters
    ----------
    path : str or Path
        IATI activity XML, version 1.0x or 2.0x.
    registry : str, optional
        Registry name (default ``"iati"``); initiative ids are ``{registry}/{iati-identifier}``.

    Raises
    ------
    InputError
        For a refused DOCTYPE, malformed XML, an activity without
        ``iati-identifier``, or a value or date that cannot be read (naming the
        line, the activity and the element).
    """
    path = Path(path)
    reader = ActivityReader(path, registry or REGISTRY)
    found = 0
    for activity, version in iter_activities(path):
        found += 1
        reader.add(activity, version)
    if found == 0:
        raise InputError("no <iati-activity> element found: not an IATI activity file",
                         file=path, field="iati-activity")
    if reader.duplicates:
        warnings.warn(f"{path}: {reader.duplicates} activities repeat an iati-identifier "
                      "already read; the first of each was kept", stacklevel=2)
    return reader.registry()
