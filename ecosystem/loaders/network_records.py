"""A network of organisations (nodes and links) → initiatives of kind ``"link"``.

Node/edge sheets (:mod:`ecosystem.loaders.edge_sheet`) and node-link JSON
(:mod:`ecosystem.loaders.node_link_json`) hold a network someone has already
drawn: each node an organisation, each link a tie between two of them. The
model reads ties through initiatives (an actor takes part in an initiative), so
each link becomes one initiative of kind ``"link"`` with its two organisations
as partners; the actor network then holds exactly the sheet's links (two actors
are tied as often as the sheet links them).

==========================  ==========================================================
network                     model
==========================  ==========================================================
node id                     ``mentions.org_ref`` ``"{registry}:{id}"``: each node is one
                            actor, and two nodes are never merged into one (nodes with
                            the same name and other ids stay apart)
node name (label)           ``mentions.name`` (the id when the node has no name)
node type                   ``mentions.actor_type``: a model type ("ngo"), else one a
                            category label names ("UN agency", "Government"), else
                            ``"unknown"`` (the resolver then reads it from the name)
node country                ``mentions.country`` (a name or an ISO code)
link                        one initiative, kind ``"link"``, its title
                            "{source} – {target}"; two mentions, role ``"partner"``
==========================  ==========================================================

Node identity is the sheet's: two nodes of one sheet are never merged, and neither are two
nodes of two sheets (their ids are each sheet's own). A node does become one actor with a
registry's name that carries no identifier ("UNICEF" in a 3W beside a network's "United
Nations Children's Fund").

What a network does not say is not made up, and what is left out is noted in the
source's notes (``sources[0]["notes"]``): nodes without a link (a node is an actor
through its links), links from a node to itself, links of weight 0, link weights
other than 1 (each link counts once), and the direction of directed links (the
actor network is undirected).

Bad input raises :class:`~ecosystem.errors.InputError` naming the file, the node or
link and the field: a link whose end is missing or names no node, two nodes with
one id, a weight that is not a number of 0 or more.

Examples
--------
>>> nodes = [NetworkNode("a", "Oxfam", "NGO", None, "node 1"),
...          NetworkNode("b", "UNICEF", None, "ML", "node 2"),
...          NetworkNode("c", "Lone Trust", None, None, "node 3")]
>>> links = [NetworkLink("a", "b", None, "link 1"), NetworkLink("b", "a", "2", "link 2")]
>>> notes = []
>>> reg = network_registry(nodes, links, registry="demo", file="net.json", notes=notes)
>>> reg.initiatives[["record_id", "kind", "title"]].values.tolist()
[['link 1', 'link', 'Oxfam – UNICEF'], ['link 2', 'link', 'UNICEF – Oxfam']]
>>> reg.mentions[["name", "actor_type", "country", "org_ref"]].values.tolist()[:2]
[['Oxfam', 'ngo', <NA>, 'demo:a'], ['UNICEF', 'unknown', 'MLI', 'demo:b']]
>>> for note in notes:
...     print(note)
1 node without a link left out: a node is an actor through its links
1 link with a weight other than 1 counted once (weights are not read)
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ecosystem.errors import InputError
from ecosystem.loaders.actor_labels import label_type
from ecosystem.loaders.cell_values import read_number
from ecosystem.loaders.country_places import iso3_from_code, iso3_from_name
from ecosystem.loaders.file_limits import check_text
from ecosystem.model import ACTOR_TYPES, Registry

__all__ = ["KIND", "NetworkLink", "NetworkNode", "network_registry", "node_id", "node_type",
           "registry_name"]

#: ``initiatives.kind`` of a link.
KIND = "link"


@dataclass(frozen=True)
class NetworkNode:
    """A node as the file gives it: id, name, type and country as written, and where it is
    ("node 3", "row 4 of sheet Elements")."""

    id: str
    name: str | None
    type: str | None
    country: str | None
    record: str


@dataclass(frozen=True)
class NetworkLink:
    """A link as the file gives it: its two ends (node ids), its weight as written, where it is,
    and the names the file gives the fields of its ends and of its weight (for error messages)."""

    source: object
    target: object
    weight: object
    record: str
    fields: tuple[str, str] = ("source", "target")
    weight_field: str = "weight"


def registry_name(path: str | Path) -> str:
    """The default registry name of a network file: ``network-{file stem}``.

    >>> registry_name("data/Somalia Network.json")
    'network-somalia-network'
    """
    stem = re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower()).strip("-")
    return f"network-{stem or 'sheet'}"


def node_type(written: str | None) -> str:
    """The actor type a node's type field gives: a model type as such ("ngo",
    "un_multilateral"), else the type a category label names, else ``"unknown"``.

    >>> node_type("un_multilateral"), node_type("UN agency"), node_type("Donor"), node_type(None)
    ('un_multilateral', 'un_multilateral', 'unknown', 'unknown')
    """
    text = " ".join(str(written or "").split())
    if not text:
        return "unknown"
    if text.casefold().replace(" ", "_") in ACTOR_TYPES:
        return text.casefold().replace(" ", "_")
    return label_type(text) or "unknown"


def _country(written: str | None) -> str | None:
    text = " ".join(str(written or "").split())
    return (iso3_from_code(text) or iso3_from_name(text)) if text else None


def node_id(value: object) -> str | None:
    """A node id, or a link end naming one, as text: a string or a number ("7" for 7.0), else
    None (a list, an object, true or false, nothing).

    >>> node_id(" stub "), node_id(7.0), node_id(1.5), node_id(True), node_id(["a"])
    ('stub', '7', '1.5', None, None)
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def _weight(link: NetworkLink, file: str | Path) -> float:
    """A link's weight (1 when not given); InputError when not a number of 0 or more."""
    value = link.weight
    if value is None or (isinstance(value, str) and not value.strip()):
        return 1.0
    try:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ValueError(value)
        number = float(value) if not isinstance(value, str) else read_number(value)
    except (ValueError, OverflowError):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        raise InputError(f"cannot read {shown} as a link weight", file=file,
                         record=link.record, field=link.weight_field) from None
    if number is None:
        return 1.0
    if not math.isfinite(number) or number < 0:
        raise InputError(f"a link weight must be a finite number of 0 or more, not {value!r}",
                         file=file, record=link.record, field=link.weight_field)
    return number


def _counted(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def network_registry(nodes: Iterable[NetworkNode], links: Iterable[NetworkLink], *,
                     registry: str, file: str | Path, notes: list[str],
                     nodes_given: bool = True) -> Registry:
    """The unresolved registry of a network: one ``"link"`` initiative per link.

    Parameters
    ----------
    nodes : iterable of NetworkNode
        The file's nodes, in order.
    links : iterable of NetworkLink
        The file's links, in order.
    registry : str
        Registry name (:func:`registry_name` by default in the loaders).
    file : str or Path
        The file, for error messages.
    notes : list of str
        Data-quality notes; what is left out is appended.
    nodes_given : bool
        False when the file lists links only: each end is then a node named by itself.

    Returns
    -------
    Registry
        ``initiatives`` and ``mentions`` (unresolved).

    Raises
    ------
    InputError
        Two nodes with one id; a link end that is missing or names no node; a weight that
        is not a number of 0 or more; no link at all.
    """
    by_id: dict[str, NetworkNode] = {}
    for node in nodes:
        if node.id in by_id:
            raise InputError(f"two nodes have the id {node.id!r} ({by_id[node.id].record} and "
                             f"this one)", file=file, record=node.record, field="id")
        by_id[node.id] = node
    initiatives, mentions = [], []
    read: dict[str, tuple[str, str, str | None]] = {}  # node id -> name, type, country: read once
    linked: set[str] = set()
    loops = zero = weighted = 0
    for link in links:
        ends = []
        for value, field in zip((link.source, link.target), link.fields):
            end = node_id(value)
            if end is None:
                raise InputError("the link has no node at this end", file=file,
                                 record=link.record, field=field)
            if end not in by_id:
                if nodes_given:
                    raise InputError(f"no node has the id {end[:80]!r}", file=file,
                                     record=link.record, field=field)
                by_id[end] = NetworkNode(end, end, None, None, link.record)
            ends.append(by_id[end])
        weight = _weight(link, file)
        if ends[0].id == ends[1].id:
            loops += 1
            continue
        if weight == 0:
            zero += 1
            continue
        weighted += weight != 1
        number = len(initiatives) + 1
        iid = f"{registry}/link/{number}"
        for n in ends:
            if n.id not in read:
                read[n.id] = (check_text(n.name or n.id, file=file, record=n.record, field="name"),
                              node_type(n.type), _country(n.country))
        names = [read[n.id][0] for n in ends]
        initiatives.append({"initiative_id": iid, "registry": registry,
                            "record_id": link.record, "kind": KIND,
                            "title": f"{names[0]} – {names[1]}"})
        for node in ends:
            linked.add(node.id)
            name, kind, country = read[node.id]
            mentions.append({"initiative_id": iid, "name": name, "role": "partner",
                             "actor_type": kind, "country": country,
                             "org_ref": f"{registry}:{node.id}", "registry": registry,
                             "record_id": link.record, "source_text": name})
    if not initiatives:
        raise InputError("the network has no link between two nodes", file=file)
    lone = len(set(by_id) - linked)
    for count, one, many, why in (
            (lone, "node without a link", "nodes without a link",
             "left out: a node is an actor through its links"),
            (loops, "link from a node to itself", "links from a node to itself", "left out"),
            (zero, "link of weight 0", "links of weight 0", "left out"),
            (weighted, "link with a weight other than 1", "links with a weight other than 1",
             "counted once (weights are not read)")):
        if count:
            notes.append(f"{_counted(count, one, many)} {why}")
    return Registry.from_frames(initiatives=pd.DataFrame(initiatives),
                                mentions=pd.DataFrame(mentions))
