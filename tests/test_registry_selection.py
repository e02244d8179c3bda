"""A registry selected from a store that holds several: its tables, and the names its
data-quality appendix counts, are its own."""
from __future__ import annotations

import json

from ecosystem import load
from ecosystem.filters import filter_registry
from ecosystem.report.quality import quality_appendix


def test_one_registry_of_a_shared_store_keeps_its_own_names(tmp_path):
    net = tmp_path / "somalia.json"
    net.write_text(json.dumps({"nodes": [{"id": "a", "name": "United Nations Children's Fund"},
                                         {"id": "b", "name": "Oxfam"}],
                               "links": [{"source": "a", "target": "b"}]}), encoding="utf-8")
    sheet = tmp_path / "mali.csv"
    sheet.write_text("Organisation,Cluster,Region\n#org,#sector,#adm1\nUNICEF,WASH,Gao\n"
                     "Oxfam,WASH,Gao\n", encoding="utf-8")
    both = load([net, sheet])
    cw = both.crosswalk
    unicef = cw.loc[cw["variant"] == "UNICEF", "actor_id"].iloc[0]
    # one actor across the two registries: the network's node and the 3W's name
    assert set(cw.loc[cw["actor_id"] == unicef, "registry"]) == {"network-somalia", "hxl-mali"}
    mali = filter_registry(both, registries="hxl-mali")
    assert set(mali.crosswalk["registry"]) == {"hxl-mali"}
    assert mali.crosswalk.loc[mali.crosswalk["actor_id"] == unicef, "variant"].tolist() == [
        "UNICEF"]
    findings, _, _ = quality_appendix(mali)
    matched = next(f for f in findings if "names were matched" in f)
    # UNICEF and Oxfam as the 3W writes them (known bodies); not the network's Oxfam
    assert matched.startswith("2 names were matched")
