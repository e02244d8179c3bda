"""The report's part of a study file: ``[filters]``, ``[analysis]`` and ``[report]``.

::

    [filters]                 # all optional, see ecosystem.graphs.filter_registry
    goals = [14]
    targets = ["14.1", "14.2"]
    places = ["FJI", "North Atlantic"]
    actor_types = ["government", "ngo"]
    start = "2017-01-01"      # initiatives active from this date
    end = "2030-12-31"
    dormant = "include"       # include | exclude | only

    [analysis]
    grouping = "actor_type"   # brokerage groups: actor_type | north_south | country
    weight = "newman"         # count | newman | jaccard
    place_kind = "country"    # country | ocean_basin | region | admin1 | ...
    level = "target"          # cells of overlap and gaps: target | goal | sector
    vocabulary = "cluster"    # sector level: theme vocabulary (cluster, dac_sector, ...);
                              # default the first of ecosystem.coverage.SECTOR_VOCABULARIES
    top = 20
    goal = 14                 # goal of interest for the stakeholder map
    need = "needs.csv"        # optional need layer (place, target, goal or sector, need)
    resilience_steps = 100

    [report]
    sections = ["overview", "hubs", "brokers", "structure", "overlap", "gaps",
                "power", "agreement", "resilience", "flows", "stakeholders"]
    exports = ["gexf", "graphml", "kumu"]

Every key is checked; an unknown key or a value of the wrong kind is an
:class:`~ecosystem.errors.InputError` naming the file and ``section.key``.
"""
from __future__ import annotations

from pathlib import Path

from .. import datapaths
from ..coverage import LEVELS
from ..errors import InputError
from .context import Settings

SECTION_NAMES = ("overview", "hubs", "brokers", "structure", "overlap", "gaps", "power",
                 "agreement", "resilience", "flows", "stakeholders")
EXPORTS = ("gexf", "graphml", "kumu")

#: section -> key -> (accepted python types, description)
KEYS = {
    "filters": {"registries": (list, "list of registry names"), "goals": (list, "list of goals"),
                "targets": (list, "list of targets"), "places": (list, "list of places"),
                "actor_types": (list, "list of actor types"), "start": (str, "a date"),
                "end": (str, "a date"), "dormant": (str, "include, exclude or only")},
    "analysis": {"grouping": (str, "a column name"), "weight": (str, "count, newman or jaccard"),
                 "place_kind": (str, "a place kind"), "top": (int, "a whole number"),
                 "level": (str, f"one of {', '.join(LEVELS)}"),
                 "vocabulary": (str, "a theme vocabulary such as cluster or dac_sector"),
                 "goal": (int, "an SDG goal number"), "need": (str, "a CSV path"),
                 "resilience_steps": (int, "a whole number")},
    "report": {"sections": (list, f"a list drawn from {', '.join(SECTION_NAMES)}"),
               "exports": (list, f"a list drawn from {', '.join(EXPORTS)}")},
}


def read_settings(sections: dict, file=None) -> tuple[dict, Settings, list[str], list[str]]:
    """Check and read the report sections of a study.

    Returns
    -------
    filters : dict
        Keyword arguments for :func:`ecosystem.graphs.filter_registry`.
    settings : Settings
    section_names : list of str
    exports : list of str
    """
    for name, body in sections.items():
        if name not in KEYS:
            raise InputError(f"unknown section [{name}]; allowed: study, source, output, "
                             f"{', '.join(KEYS)}", file=file, field=name)
        if not isinstance(body, dict):
            raise InputError("must be a [section] table", file=file, field=name)
        for key, value in body.items():
            if key not in KEYS[name]:
                raise InputError(f"unknown key; allowed: {', '.join(KEYS[name])}", file=file,
                                 field=f"{name}.{key}")
            kind, what = KEYS[name][key]
            if not isinstance(value, kind) or isinstance(value, bool):
                raise InputError(f"must be {what}", file=file, field=f"{name}.{key}")
    filters = dict(sections.get("filters", {}))
    analysis = dict(sections.get("analysis", {}))
    if analysis.get("level", "target") not in LEVELS:
        raise InputError(f"must be one of {', '.join(LEVELS)}, got {analysis['level']!r}",
                         file=file, field="analysis.level")
    if "need" in analysis:
        need = Path(datapaths.expand(analysis["need"]))
        if not need.is_absolute() and file is not None and not need.exists():
            need = Path(file).parent / need
        if not need.exists():
            raise InputError(f"need layer {need} does not exist", file=file, field="analysis.need")
        analysis["need"] = str(need)
    report = sections.get("report", {})
    names = report.get("sections", list(SECTION_NAMES))
    bad = [n for n in names if n not in SECTION_NAMES]
    if bad:
        raise InputError(f"unknown sections {bad}; choose from {', '.join(SECTION_NAMES)}",
                         file=file, field="report.sections")
    exports = report.get("exports", list(EXPORTS))
    bad = [e for e in exports if e not in EXPORTS]
    if bad:
        raise InputError(f"unknown exports {bad}; choose from {', '.join(EXPORTS)}", file=file,
                         field="report.exports")
    return filters, Settings(**analysis), names, exports
