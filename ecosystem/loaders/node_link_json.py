"""Node-link JSON (d3, networkx, Kumu blueprints) → initiatives of kind ``"link"``.

Two shapes of a drawn network are read, by their content:

``{"nodes": [...], "links": [...]}``
    d3's and networkx's node-link data (``"edges"`` for ``"links"`` too). A link's
    ``source`` and ``target`` name a node by its ``id`` (or ``key``, or another field
    whose values are unique and cover every link end: the Somalia IATI+3W network
    uses ``stub``), or, when no field does and the ends are whole numbers, by its
    position in ``nodes`` (d3 version 3). A link's ``weight`` (or ``value``) is
    checked, and counted once.
``{"elements": [...], "connections": [...]}``
    A Kumu blueprint, as :mod:`ecosystem.export.kumu` writes it: connections name
    elements by ``label`` (``from``, ``to``).

A node's name is its ``name`` (else ``label``, ``title``, its id); its type
``type`` (else ``actor_type``, ``category``); its country ``country`` (else
``iso3``, ``country_code``). Other node fields are not read. The mapping to the
model, and what is left out, is :mod:`ecosystem.loaders.network_records`'s.

Examples
--------
>>> import json, pathlib, tempfile
>>> net = {"directed": True, "nodes": [{"id": 1, "name": "Oxfam", "type": "NGO"},
...                                     {"id": 2, "name": "UNICEF"}],
...        "links": [{"source": 1, "target": 2}]}
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "net.json"
...     _ = path.write_text(json.dumps(net), encoding="utf-8")
...     reg = read(path)
>>> reg.mentions[["name", "actor_type", "org_ref"]].values.tolist()
[['Oxfam', 'ngo', 'network-net:1'], ['UNICEF', 'unknown', 'network-net:2']]
>>> reg.sources[0]["notes"]
['the links are directed; the actor network reads each as an undirected tie']
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ecosystem.errors import InputError
from ecosystem.loaders.json_values import loads
from ecosystem.loaders.network_records import (
    NetworkLink,
    NetworkNode,
    network_registry,
    node_id,
    registry_name,
)
from ecosystem.model import Registry

__all__ = ["read", "sniff"]

_NODE_LIST = re.compile(r'"(nodes|elements)"\s*:\s*\[')
_NAME_FIELDS = ("name", "label", "title")
_TYPE_FIELDS = ("type", "actor_type", "category")
_COUNTRY_FIELDS = ("country", "iso3", "country_code")
_ID_FIELDS = ("id", "key")
_DIRECTED = "the links are directed; the actor network reads each as an undirected tie"


def sniff(path: str | Path, head: bytes) -> bool:
    """True for a JSON object holding a ``"nodes"`` or ``"elements"`` list of objects.

    >>> sniff("n.json", b'{"directed": false, "nodes": [{"id": "a"}], "links": []}')
    True
    >>> sniff("g.json", b'{"grants": [{"id": "a"}]}')
    False
    """
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff").lstrip()
    if not text.startswith("{"):
        return False
    found = _NODE_LIST.search(text)
    return found is not None and text[found.end():].lstrip()[:1] in ("{", "]", "")


def _load(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            data = loads(fh.read(), file=path)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=path,
                         record=f"line {exc.lineno}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc.reason}", file=path) from None
    if not isinstance(data, dict):
        raise InputError('expected a JSON object {"nodes": [...], "links": [...]}', file=path)
    return data


def _objects(data: dict, keys: tuple[str, ...], what: str, path: Path) -> list[dict]:
    """The list of objects ``data`` holds under the first of ``keys`` it has."""
    key = next((k for k in keys if k in data), None)
    if key is None:
        raise InputError(f"no {keys[0]!r} list", file=path, field=keys[0])
    items = data[key]
    if not isinstance(items, list):
        raise InputError(f"expected a list, found {type(items).__name__}", file=path, field=key)
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise InputError(f"expected an object, found {type(item).__name__}", file=path,
                             record=f"{what} {n}", field=key)
    return items


def _text(node: dict, keys: tuple[str, ...], record: str, path: Path) -> str | None:
    """The first of ``keys`` a node gives, as text (numbers written as text)."""
    for key in keys:
        value = node.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise InputError(f"expected text, found {type(value).__name__}", file=path,
                             record=record, field=key)
        return str(value)
    return None


def _id_field(nodes: list[dict], ends: set[str]) -> str | None:
    """The node field naming the nodes the links name: ``id``, ``key``, else the first field of
    unique values that covers every link end; None when none does."""
    candidates = list(_ID_FIELDS) + [k for k in (nodes[0] if nodes else {}) if k not in _ID_FIELDS]
    for field in candidates:
        values = [node_id(node.get(field)) for node in nodes]
        if None in values or len(set(values)) < len(values):
            continue
        if field in _ID_FIELDS or ends <= set(values):
            return field
    return None


def _node_link(data: dict, path: Path, notes: list[str]) -> tuple[list, list]:
    nodes = _objects(data, ("nodes",), "node", path)
    links = _objects(data, ("links", "edges"), "link", path)
    ends = {k for link in links for k in (node_id(link.get("source")), node_id(link.get("target")))
            if k is not None}
    field = _id_field(nodes, ends)
    if field is None and not all(e.isdigit() and int(e) < len(nodes) for e in ends):
        field = "id"  # the links name no field: each end is reported as naming no node
    if data.get("directed") is True:
        notes.append(_DIRECTED)
    out = []
    for n, node in enumerate(nodes, start=1):
        record = f"node {n}"
        ident = str(n - 1) if field is None else node_id(node.get(field))
        if ident is None:
            raise InputError("the node has no id", file=path, record=record, field=field)
        out.append(NetworkNode(ident, _text(node, _NAME_FIELDS, record, path),
                               _text(node, _TYPE_FIELDS, record, path),
                               _text(node, _COUNTRY_FIELDS, record, path), record))
    weight = "weight" if any("weight" in link for link in links) else "value"
    return out, [NetworkLink(link.get("source"), link.get("target"), link.get(weight),
                             f"link {n}", weight_field=weight)
                 for n, link in enumerate(links, start=1)]


def _kumu(data: dict, path: Path, notes: list[str]) -> tuple[list, list]:
    elements = _objects(data, ("elements",), "element", path)
    connections = _objects(data, ("connections",), "connection", path)
    nodes = []
    for n, element in enumerate(elements, start=1):
        record = f"element {n}"
        if str(element.get("type") or "").casefold() == "note":
            continue  # a Kumu note (the cut ecosystem's export states) is no organisation
        label = _text(element, ("label",), record, path)
        if label is None:
            raise InputError("the element has no label", file=path, record=record, field="label")
        nodes.append(NetworkNode(label.strip(), label, _text(element, _TYPE_FIELDS, record, path),
                                 _text(element, _COUNTRY_FIELDS, record, path), record))
    if any(str(c.get("direction") or "directed").casefold() == "directed" for c in connections):
        notes.append(_DIRECTED)
    return nodes, [NetworkLink(c.get("from"), c.get("to"), c.get("weight"), f"connection {n}",
                               ("from", "to")) for n, c in enumerate(connections, start=1)]


def read(path: str | Path, registry: str | None = None) -> Registry:
    """Read a node-link JSON network into an unresolved :class:`~ecosystem.model.Registry`.

    Raises
    ------
    InputError
        Invalid JSON; no nodes or links list; a node without an id; a link naming no node;
        a weight that is not a number of 0 or more (naming the node or link and the field).
    """
    path = Path(path)
    data = _load(path)
    notes: list[str] = []
    nodes, links = (_kumu if "elements" in data else _node_link)(data, path, notes)
    reg = network_registry(nodes, links, registry=registry or registry_name(path), file=path,
                           notes=notes)
    reg.sources = [{"encoding": "utf-8", "notes": notes}]
    return reg
