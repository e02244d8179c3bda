"""Partner and lead fields read ahead in a forked process (ecosystem.loaders.field_workers): the
registry and the errors are those of a one-process read. Small files written here, invented content."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from ecosystem.errors import InputError
from ecosystem.loaders import field_workers, ocean_jsonl
from ecosystem.loaders.partner_text import MAX_NAMES_PER_FIELD

LEADS = ["Blue Shore Foundation", "Ministry of Fisheries and Marine Resources, Fisheries Division",
         "Reef Watch (RW) and Island School", "NGOs"]
PARTNERS = ["Coastal Research Institute; Tidewater Shipping Ltd", "WWF, IUCN (Gland, Switzerland)",
            "Government: Ministry of Environment; Private Sector: Kelp Works Co., Ltd",
            "(1) University of Suva (2) Harbour Trust - Suva, Fiji", "local communities", ""]


def _record(node_id, **extra):
    rec = {"node_id": node_id, "ocean_action_id": f"#OceanAction{node_id}", "title": f"Pilot {node_id}",
           "entity_types": ["NGO"], "lead_entity": LEADS[node_id % len(LEADS)],
           "partners": f"{PARTNERS[node_id % len(PARTNERS)]}; Lagoon Club {node_id % 7}",
           "sdgs": [14], "start_date": "01 March 2019", "geographical_coverage": "Fiji"}
    rec.update(extra)
    return rec


def _jsonl(tmp_path, records):
    p = tmp_path / "r.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return p


@pytest.fixture
def share_any(monkeypatch):
    """Share the texts out however few there are (the default waits for thousands)."""
    monkeypatch.setattr(field_workers, "MIN_TEXTS", 1)


def test_two_processes_give_the_same_registry(tmp_path, share_any, monkeypatch):
    p = _jsonl(tmp_path, [_record(k) for k in range(1, 60)])
    one = ocean_jsonl.read(p, processes=1)  # the default forks on two cores
    shared = []
    real = field_workers.read_fields

    def spy(texts, processes):
        found = real(texts, processes)
        shared.append(len(found))
        return found

    monkeypatch.setattr(ocean_jsonl, "read_fields", spy)
    two = ocean_jsonl.read(p, processes=2)
    # every distinct text came back read, half of them from the second process
    records = [json.loads(line) for line in p.read_text().splitlines()]
    distinct = ({("partners", r["partners"]) for r in records if r["partners"]}
                | {("lead", r["lead_entity"]) for r in records})
    assert shared == [len(distinct)]
    for name, table in one.tables().items():
        pd.testing.assert_frame_equal(table, two.tables()[name])
    assert len(one.mentions) > 100 and len(one.unresolved) > 0  # the fields were read


def test_read_fields_reads_each_distinct_text_once(share_any):
    texts = [("partners", "WWF; NGOs"), ("lead", "Blue Shore Foundation"), ("partners", "WWF; NGOs")]
    found = field_workers.read_fields(texts, processes=2)
    assert sorted(found) == [("lead", "Blue Shore Foundation"), ("partners", "WWF; NGOs")]
    assert [(m.name, m.reason) for m in found[("partners", "WWF; NGOs")]] == [("WWF", None), ("NGOs", "generic")]


def test_few_texts_or_one_process_read_nothing_ahead():
    assert field_workers.read_fields([("partners", "WWF")], processes=2) == {}
    assert field_workers.read_fields([("partners", f"Club {k}") for k in range(3000)], processes=1) == {}


def test_first_error_is_the_one_process_read_error(tmp_path, share_any):
    # line 2 repeats line 1's id; line 3 is cut short: a one-process read meets the duplicate first
    p = _jsonl(tmp_path, [_record(1), _record(1), _record(3)])
    p.write_bytes(p.read_bytes()[:-20])
    errors = []
    for processes in (1, 2):
        with pytest.raises(InputError) as info:
            ocean_jsonl.read(p, processes=processes)
        errors.append(str(info.value))
    assert errors[0] == errors[1] and "line 2" in errors[0] and "duplicate record id" in errors[0]


def test_a_field_that_fails_in_the_second_process_fails_with_its_record(tmp_path, share_any):
    # texts are dealt longest first, in turn: line 6's goes to this process, line 5's to the second
    too_many = "; ".join(f"Club {k}" for k in range(MAX_NAMES_PER_FIELD + 1))
    p = _jsonl(tmp_path, [_record(k) for k in range(1, 5)] + [_record(5, partners=too_many),
                                                               _record(6, partners=too_many + "; Extra Club")])
    errors = []
    for processes in (1, 2):
        with pytest.raises(InputError) as info:
            ocean_jsonl.read(p, processes=processes)
        errors.append((info.value.record, info.value.field, str(info.value)))
    assert errors[0] == errors[1] and errors[0][:2] == ("line 5", "partners")
