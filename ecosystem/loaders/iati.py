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
refused, never expanded (only a real declaration in the prolog: the same words
inside CDATA or text are data); the parser never touches the network. A file
whose IATI elements sit in an XML namespace is named as such; UTF-16 files
(with a BOM or an XML declaration) are read and their encoding stated in the
source provenance; repeated iati-identifiers become a note there.

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
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ecosystem.errors import InputError
from ecosystem.loaders.iati_activity import ActivityReader
from ecosystem.model import Registry

__all__ = ["REGISTRY", "iter_activities", "prolog_declaration", "read", "sniff"]

#: Default registry name.
REGISTRY = "iati"

_PARSE_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False,
                      huge_tree=False, dtd_validation=False)


_ROOT = re.compile(r"<(?:[\w.-]+:)?iati-activit")
# the prolog: XML declaration, comments, processing instructions and white space
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)


def _head_text(head: bytes) -> str:
    """Decode the first bytes of a file (UTF-8, or UTF-16 with or without BOM), ignoring errors."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore")
    if head.startswith(b"<\x00"):
        return head.decode("utf-16-le", errors="ignore")
    if head.startswith(b"\x00<"):
        return head.decode("utf-16-be", errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


def sniff(path: str | Path, head: bytes) -> bool:
    """True when the file is XML with ``<iati-activities>`` or ``<iati-activity>`` near the top
    (in any encoding XML allows without a declaration, or in a namespace, which
    :func:`read` then names)."""
    text = _head_text(head)
    return text.lstrip().startswith("<") and _ROOT.search(text) is not None


def prolog_declaration(text: str) -> int:
    """Offset of a DOCTYPE (or ENTITY) declaration in the prolog of an XML text, else -1.

    Only the prolog (before the root element) can declare a DTD; the same words
    inside CDATA, a comment or element text are data.

    >>> prolog_declaration('<?xml version="1.0"?><!-- c --><!DOCTYPE x [<!ENTITY a "b">]><x/>')
    31
    >>> prolog_declaration('<x><![CDATA[<!DOCTYPE is text]]></x>')
    -1
    """
    at = 0
    while True:
        item = _PROLOG_ITEM.match(text, at)
        if item is None or item.end() == at:
            break
        at = item.end()
    return at if text[at:at + 9].upper() in ("<!DOCTYPE", "<!ENTITY ") else -1


def _refuse_doctype(path: Path, text: str) -> None:
    at = prolog_declaration(text)
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
        if "Char 0x0 " in msg:
            hint = ("the file looks like UTF-16 without a byte-order mark or an XML declaration "
                    "naming it; save it as UTF-8 (or UTF-16 with a BOM)")
        elif "Entity" in msg:
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
        namespace = _namespace(path)
        if namespace:
            raise InputError(f"the IATI elements are in the XML namespace {namespace!r}; IATI "
                             "activity files use no namespace (<iati-activities>)",
                             file=path, record="line 1", field="iati-activities")
        raise InputError("no <iati-activity> element found: not an IATI activity file",
                         file=path, field="iati-activity")
    notes = []
    if reader.duplicates:
        notes.append(f"{reader.duplicates} activities repeat an iati-identifier already read; "
                     "the first of each was kept")
    reg = reader.registry()
    if reader.withheld:
        notes.append(f"{reader.withheld} organisation names were withheld by their publisher "
                     "(such as 'USAID redacted this field …'); read as no name")
    if reader.unnamed:
        notes.append(f"{reader.unnamed} organisations (participating or in transactions) have "
                     "neither a name nor an identifier (a placeholder such as 'XI-BRIDGE-null'); "
                     "they are left out")
    reg.sources = [{"encoding": _encoding(path), "notes": notes}]
    return reg


def _namespace(path: Path) -> str | None:
    """The namespace of the root element when it is an IATI element in a namespace."""
    with open(path, "rb") as fh:
        try:
            for _, elem in etree.iterparse(fh, events=("start",), **_PARSE_OPTIONS):
                qname = etree.QName(elem)
                return qname.namespace if qname.localname.startswith("iati-activit") else None
        except etree.XMLSyntaxError:
            return None
    return None


def _encoding(path: Path) -> str:
    """The file's encoding as its BOM, first bytes or XML declaration give it."""
    with open(path, "rb") as fh:
        head = fh.read(256)
    for start, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                        (codecs.BOM_UTF16_BE, "utf-16"), (b"<\x00", "utf-16-le"),
                        (b"\x00<", "utf-16-be")):
        if head.startswith(start):
            return name
    declared = re.match(rb"<\?xml[^>]*encoding=[\"']([\w.-]+)", head)
    return declared[1].decode().lower() if declared else "utf-8"
