"""SDG Partnerships Platform partnership pages saved as HTML (sdgs.un.org/partnerships/<slug>).

Each page is one record. It is parsed with lxml.html (no network access, no
scripts run) and read through the platform's Drupal field classes into the
same raw record as the JSONL export (see :mod:`.ocean_records`):

======================================  ====================================
page element                            record key
======================================  ====================================
``article[data-history-node-id]``       node_id
``a`` to ``#OceanAction<id>``           ocean_action_id
share block ``data-a2a-url`` / title    url, title (else the ``h1``)
``views-field-field-entity-types``      entity_types
``views-field-field-leadorg``           lead_entity
``field--name-field-partners``          partners (line breaks kept)
``field--name-field-description``       description
``views-field-field-goals``             sdgs
"SDG 14 targets covered" table          sdg14_targets
``views-field-field-start-date``,       start_date, completion_date
``views-field-field-date-of-completion``
``views-field-field-location``,         geographical_coverage,
``views-field-field-beneficiaries``     other_beneficiaries
``views-field-field-ocean-basins``      ocean_basins
``views-field-field-communities-of-…``  communities_of_ocean_action
"Action Network" logo ``alt`` texts     action_network_logos
``field--name-field-deliverables``      deliverables (date, description)
``field--name-field-resources``         resources (type, details)
======================================  ====================================

Detected from content: any HTML document is taken; a page without the
partnership ``article`` or the lead-entity field raises
:class:`ecosystem.errors.InputError` naming the missing element as the field.
"""
from __future__ import annotations

import re
from pathlib import Path

import lxml.etree
import lxml.html

from ecosystem.errors import InputError
from ecosystem.loaders.ocean_records import RecordRows
from ecosystem.model import Registry

__all__ = ["parse_page", "read", "sniff"]

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)


def sniff(path: str | Path, head: bytes) -> bool:
    """True for an HTML document (the partnership markers are checked when reading)."""
    head = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    return bool(_HTML_START.match(head[:4096]))


def _text(el) -> str:
    """Text of an element with <br>, <p>, <li> and <div> boundaries as line breaks."""
    if el is None:
        return ""
    el = lxml.html.fromstring(lxml.html.tostring(el))  # work on a copy
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in el.iter("p", "li", "div", "tr"):
        block.tail = "\n" + (block.tail or "")
    text = el.text_content()
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r" *\n[\n ]*", "\n", text).strip()


def _flat(el) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip() if el is not None else ""


def _first(root, cls: str, inner: str | None = None):
    found = root.find_class(cls)
    if not found:
        return None
    el = found[0]
    if inner:
        sub = el.find_class(inner)
        return sub[0] if sub else el
    return el


def _view(root, name: str) -> str:
    """Text of a sidebar view field ``views-field-field-<name>``."""
    return _flat(_first(root, f"views-field-field-{name}", "field-content"))


def _items(field) -> list:
    if field is None:
        return []
    return [el for el in field if "field__item" in (el.get("class") or "")]


def parse_page(root: lxml.html.HtmlElement, path: str | Path) -> dict:
    """The raw record of one partnership page (see the table in the module notes)."""
    article = root.xpath('//article[@data-history-node-id][contains(concat(" ", @class, " "), " partnerships ")]')
    if not article:
        raise InputError("not a partnership page of the SDG Partnerships Platform: no "
                         '<article class="partnerships"> element', file=path, record="page",
                         field="article.partnerships")
    article = article[0]
    if not root.find_class("views-field-field-leadorg"):
        raise InputError("not a partnership page: the lead entity element is missing", file=path,
                         record="page", field="views-field-field-leadorg")
    node_id = article.get("data-history-node-id")
    action = root.xpath('//a[contains(@href, "OceanAction")]')
    share = root.xpath("//*[@data-a2a-url]")
    title = share[0].get("data-a2a-title") if share else None
    if not title:
        h1 = article.xpath(".//h1")
        title = _flat(h1[0]) if h1 else None
    partners = _first(root, "field--name-field-partners")
    description = _first(root, "field--name-field-description")
    targets = root.xpath('//details[@id="sdgs14-tab"]//tbody/tr/td[1]')
    logos = root.xpath('//*[@id="block-views-block-good-practices-block-logo-no-gp"]//img/@alt')
    deliverables = []
    for item in _items(_first(root, "field--name-field-deliverables")):
        when = item.xpath(".//time/@datetime")
        text = item.find_class("field--name-field-description-of-deliverable")
        deliverables.append({"date": when[0] if when else None, "description": _flat(text[0]) if text else ""})
    resources = []
    for item in _items(_first(root, "field--name-field-resources")):
        kind = item.find_class("field--name-field-type")
        details = item.find_class("field--name-field-details")
        resources.append({"type": _flat(kind[0]) if kind else "", "details": _flat(details[0]) if details else ""})
    entity = _view(root, "entity-types")
    return {
        "node_id": int(node_id) if node_id and node_id.isdecimal() else node_id,
        "ocean_action_id": _flat(action[0]) if action else None,
        "url": share[0].get("data-a2a-url") if share else None,
        "title": title,
        "entity_types": [entity] if entity else [],
        "lead_entity": _view(root, "leadorg"),
        "partners": _text(_first(partners, "field__item")) if partners is not None else "",
        "description": _flat(_first(description, "field__item")) if description is not None else "",
        "sdgs": [int(a.text) for a in root.xpath('//*[contains(@class, "views-field-field-goals")]//a')
                 if (a.text or "").strip().isdecimal()],
        "sdg14_targets": [_flat(td) for td in targets if _flat(td)],
        "start_date": re.sub(r"\s*\(start date\)$", "", _view(root, "start-date")),
        "completion_date": re.sub(r"\s*\(date of completion\)$", "", _view(root, "date-of-completion")),
        "geographical_coverage": _view(root, "location"),
        "other_beneficiaries": _view(root, "beneficiaries"),
        "ocean_basins": _view(root, "ocean-basins"),
        "communities_of_ocean_action": _view(root, "communities-of-ocean-actio"),
        "website": _view(root, "website-more-information"),
        "action_network_logos": [a for a in logos if a.strip()],
        "deliverables": deliverables,
        "resources": resources,
    }


def read(path: str | Path, registry: str | None = None) -> Registry:
    """Read one saved partnership page into an unresolved :class:`Registry`."""
    path = Path(path)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  encoding="utf-8")
    try:
        root = lxml.html.fromstring(path.read_bytes(), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(f"not readable as HTML: {exc}", file=path, record="page") from None
    rows = RecordRows(path, registry)
    rows.add(parse_page(root, path), "page")
    return rows.registry_frames()
