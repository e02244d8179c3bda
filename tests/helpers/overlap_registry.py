"""A hand-made registry for the overlap and duplicate tests (components computed by hand).

Initiatives (lead first; targets + goals; places; dates):

=====  ==================  ======================  ==========================  =======================
id     actors              targets / goals         places                      window
=====  ==================  ======================  ==========================  =======================
m1     a, b, c             14.1, 14.2 / SDG 14     country KEN, basin Indian   2018-01-01..2020-12-31
m2     d, a, b             14.1 / SDG 14           country KEN                 2019-01-01..2019-12-31
f1     e                   14.5 / SDG 14           country FJI                 none
f2     e                   14.5 / SDG 14           country FJI                 1970-01-01 placeholder
c1     g, h                — / SDG 13              —                           2030-01-01..2031-12-31
=====  ==================  ======================  ==========================  =======================

m1 and m2 (different leads a and d) describe the same mangrove work; f1 and f2
are one lead's Fiji MPA record entered twice (same title, slightly different
description); c1 is unrelated.

By hand, for (m1, m2):
  actors  {a,b,c} vs {a,b,d}: 2 shared of 4 → 0.5
  targets {14.1, 14.2, SDG 14} vs {14.1, SDG 14}: 2 of 3 → 2/3
  places  {country:KEN, ocean_basin:Indian Ocean} vs {country:KEN}: 1 of 2 → 0.5
  time    m2's 365 days lie inside m1's window → 365/365 = 1.0
For (f1, f2): actors, targets, places all identical → 1.0; time unknown (f1
has no dates, f2's 1970 date is a placeholder) → NaN, so the score is the
weighted mean of the other four components.
For (m1, c1): no actor or target in common → 0; c1 has no place → places
unknown (NaN); windows 2018–2020 and 2030–2031 do not meet → 0.
"""
from __future__ import annotations

import pandas as pd

from ecosystem.model import Registry, validate

__all__ = ["ACTORS", "GOALS", "PLACES", "TARGETS", "TEXT", "TIES", "WINDOWS", "overlap_registry"]

ACTORS = {"a": "Kenya Wildlife Service", "b": "Mangrove Action Project", "c": "WIOMSA",
          "d": "Coast County Government", "e": "Fiji Ministry of Fisheries",
          "g": "City of Lagos", "h": "Climate Fund"}
TIES = {"m1": "abc", "m2": "dab", "f1": "e", "f2": "e", "c1": "gh"}
TEXT = {
    "m1": ("Mangrove restoration on the Kenyan coast",
           "Restore mangrove forests along the Kenyan coast with fishing communities "
           "and plant seedlings in degraded creeks."),
    "m2": ("Restoring mangroves on the Kenyan coast",
           "Community mangrove restoration along the Kenyan coast: fishing communities "
           "plant seedlings in degraded creeks."),
    "f1": ("Marine protected areas in Fiji",
           "Declare new marine protected areas in Fiji waters and train rangers."),
    "f2": ("Marine Protected Areas in Fiji",
           "Declare new marine protected areas in Fiji waters, train rangers and "
           "monitor reefs."),
    "c1": ("Climate finance for coastal cities",
           "Green bonds to fund flood defences and drainage in coastal cities."),
}
WINDOWS = {"m1": ("2018-01-01", "2020-12-31"), "m2": ("2019-01-01", "2019-12-31"),
           "f1": (None, None), "f2": ("1970-01-01", "1970-01-01"),
           "c1": ("2030-01-01", "2031-12-31")}
TARGETS = {"m1": ["14.1", "14.2"], "m2": ["14.1"], "f1": ["14.5"], "f2": ["14.5"]}
GOALS = {"m1": [14], "m2": [14], "f1": [14], "f2": [14], "c1": [13]}
PLACES = [("m1", "KEN", "country", "Kenya"), ("m1", "Indian Ocean", "ocean_basin", "Indian Ocean"),
          ("m2", "KEN", "country", "Kenya"), ("f1", "FJI", "country", "Fiji"),
          ("f2", "FJI", "country", "Fiji")]


def overlap_registry() -> Registry:
    """The five initiatives of the table above, validated."""
    ids = list(TIES)
    ini = pd.DataFrame({
        "initiative_id": ids, "registry": "t", "record_id": ids, "kind": "partnership",
        "title": [TEXT[i][0] for i in ids], "description": [TEXT[i][1] for i in ids],
        "start": [WINDOWS[i][0] for i in ids], "end": [WINDOWS[i][1] for i in ids],
        "url": [f"https://example.org/{i}" for i in ids],
    })
    ties = pd.DataFrame([(i, a, "lead" if k == 0 else "partner", "t", i)
                         for i, acts in TIES.items() for k, a in enumerate(acts)],
                        columns=["initiative_id", "actor_id", "role", "registry", "record_id"])
    reg = Registry.from_frames(
        actors=pd.DataFrame({"actor_id": list(ACTORS), "name": list(ACTORS.values()),
                             "actor_type": "ngo"}),
        initiatives=ini, ties=ties,
        initiative_targets=pd.DataFrame([(i, t, 14) for i, ts in TARGETS.items() for t in ts],
                                        columns=["initiative_id", "target", "goal"]),
        initiative_goals=pd.DataFrame([(i, g) for i, gs in GOALS.items() for g in gs],
                                      columns=["initiative_id", "goal"]),
        initiative_places=pd.DataFrame(PLACES, columns=["initiative_id", "place", "kind", "name"]),
    )
    validate(reg)
    return reg
