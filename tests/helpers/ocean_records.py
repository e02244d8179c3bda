"""Small registry files in the SDG Partnerships Platform's Ocean shape (JSONL and CSV).

The records are invented for the tests (fictional organisations and projects);
only the field names and layout follow the platform's JSONL and CSV exports.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

__all__ = ["CSV_COLUMNS", "csv_row", "csv_text", "good_records", "jsonl_text", "record",
           "write_jsonl"]

#: The columns of the platform's CSV export, in its order.
CSV_COLUMNS = [
    "node_id", "ocean_action_id", "url", "title", "entity_type", "lead_entity", "partners",
    "sdgs", "sdg14_targets", "start_date", "completion_date", "geographical_coverage",
    "other_beneficiaries", "ocean_basins", "communities_of_ocean_action", "website",
    "action_networks", "smart", "deliverables_count", "resources_types", "description",
]


def record(node_id: int, title: str, lead: str, partners: str = "", *,
           entity: str = "Non-governmental organization (NGO)", sdgs: Iterable[int] = (14,),
           targets: Iterable[str] = ("14.1",), start: str = "01 March 2019",
           completion: str = "31 December 2024", description: str = "An invented test record.",
           deliverables: list[dict] | None = None, resources: list[dict] | None = None) -> dict:
    """One Ocean-shaped record (JSONL layout).

    ``deliverables`` and ``resources`` default to one of each; pass ``[]`` for none.
    The fields not named here (coverage, basins, website...) are fixed.
    """
    slug = title.lower().replace(" ", "-")
    return {
        "node_id": node_id,
        "ocean_action_id": f"#OceanAction{node_id}",
        "url": f"https://sdgs.un.org/partnerships/{slug}",
        "title": title,
        "entity_types": [entity] if entity else [],
        "lead_entity": lead,
        "partners": partners,
        "description": description,
        "sdgs": list(sdgs),
        "sdg14_targets": list(targets),
        "start_date": start,
        "completion_date": completion,
        "geographical_coverage": "Fiji",
        "other_beneficiaries": "Small island communities",
        "ocean_basins": "South Pacific",
        "communities_of_ocean_action": "Marine pollution",
        "website": f"https://example.org/{slug}",
        "action_network_logos": ["Ocean conference wheel logo"],
        "deliverables": deliverables if deliverables is not None else [
            {"date": "2020-06-30T12:00:00Z", "description": "First survey published"}],
        "resources": resources if resources is not None else [
            {"type": "Financing (in USD)", "details": "USD 40,000"}],
        "smart": False,
        "archive_file": f"{slug}_0000000000.html",
    }


def good_records() -> list[dict]:
    """Three records: partners split by comma/semicolon, an empty partners field,
    a placeholder start date, a record without a timeline."""
    return [
        record(90001, "Kelp Forest Restoration Pilot", "Blue Shore Foundation",
               "Coastal Research Institute; Tidewater Shipping Ltd, Ministry of Fisheries"),
        record(90002, "Harbour Plastics Census", "City of Saltmarsh", "",
               entity="Local / Regional Government", start="01 January 1970",
               completion="01 January 1970", deliverables=[], resources=[]),
        record(90003, "Sea Turtle Nesting Survey", "Blue Shore Foundation",
               "Coastal Research Institute", start="", completion="", sdgs=(14, 15)),
    ]


def jsonl_text(records: list[dict]) -> str:
    """``records`` as JSON lines, one record a line."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def write_jsonl(path: Path, records: list[dict] | None = None) -> Path:
    """Write ``records`` (default :func:`good_records`) as JSON lines at ``path``; return it."""
    path = Path(path)
    path.write_text(jsonl_text(good_records() if records is None else records), encoding="utf-8")
    return path


def csv_row(r: dict) -> dict:
    """A JSONL-layout record flattened into the CSV export's columns."""
    return {
        "node_id": r["node_id"], "ocean_action_id": r["ocean_action_id"], "url": r["url"],
        "title": r["title"], "entity_type": ";".join(r["entity_types"]),
        "lead_entity": r["lead_entity"], "partners": r["partners"],
        "sdgs": ";".join(map(str, r["sdgs"])), "sdg14_targets": ";".join(r["sdg14_targets"]),
        "start_date": r["start_date"], "completion_date": r["completion_date"],
        "geographical_coverage": r["geographical_coverage"],
        "other_beneficiaries": r["other_beneficiaries"], "ocean_basins": r["ocean_basins"],
        "communities_of_ocean_action": r["communities_of_ocean_action"],
        "website": r["website"], "action_networks": ";".join(r["action_network_logos"]),
        "smart": str(r["smart"]), "deliverables_count": len(r["deliverables"]),
        "resources_types": ";".join(x["type"] for x in r["resources"]),
        "description": r["description"],
    }


def csv_text(records: list[dict] | None = None, columns: list[str] | None = None) -> str:
    """``records`` (default :func:`good_records`) as the CSV export's text.

    ``columns`` (default :data:`CSV_COLUMNS`) chooses and orders the columns written.
    """
    columns = columns or CSV_COLUMNS
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in good_records() if records is None else records:
        w.writerow(csv_row(r))
    return buf.getvalue()
