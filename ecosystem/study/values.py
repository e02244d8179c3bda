"""The values a study file's ``[filters]`` and ``[analysis]`` keys may take."""
from __future__ import annotations

import datetime as dt
import re

from ecosystem.filters import DORMANT_CHOICES
from ecosystem.graphs.projection import WEIGHTINGS
from ecosystem.measures.coordination.cells import LEVELS
from ecosystem.model import PLACE_KINDS

__all__ = ["setting_value_problem"]

_GOAL = "an SDG goal number, a whole number from 1 to 17"
_TARGET = re.compile(r"(1[0-7]|[1-9])\.([0-9]{1,2}|[a-z])")


def setting_value_problem(key: str, value: object) -> str | None:
    """What is wrong with the value of a ``[filters]`` or ``[analysis]`` key, or None.

    ``key`` is ``section.key``; the value's type was checked before.

    Examples
    --------
    >>> setting_value_problem("filters.start", "yesterday")
    "must be a date written YYYY-MM-DD, got 'yesterday'"
    >>> setting_value_problem("filters.goals", [14, 18])
    'each must be an SDG goal number, a whole number from 1 to 17; got 18'
    >>> setting_value_problem("analysis.level", "sector") is None
    True
    """
    def is_goal(v) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 17

    if key in ("filters.start", "filters.end", "analysis.as_of"):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f"must be a date written YYYY-MM-DD, got {value!r}"
    elif key == "filters.goals":
        bad = [v for v in value if not is_goal(v)]
        return f"each must be {_GOAL}; got {bad[0]!r}" if bad else None
    elif key == "analysis.goal" and not is_goal(value):
        return f"must be {_GOAL}, got {value!r}"
    elif key == "filters.targets":
        bad = [v for v in value if not (isinstance(v, str) and _TARGET.fullmatch(v))]
        return (f"each must be an SDG target written like \"14.1\" or \"14.a\"; "
                f"got {bad[0]!r}") if bad else None
    elif key in ("filters.registries", "filters.places", "filters.actor_types"):
        bad = [v for v in value if not (isinstance(v, str) and v.strip())]
        return f"each must be a non-empty string; got {bad[0]!r}" if bad else None
    elif key == "filters.dormant" and value not in DORMANT_CHOICES:
        return f"must be one of {', '.join(DORMANT_CHOICES)}, got {value!r}"
    elif key == "analysis.weight" and value not in WEIGHTINGS:
        return f"must be one of {', '.join(WEIGHTINGS)}, got {value!r}"
    elif key == "analysis.place_kind" and value not in PLACE_KINDS:
        return f"must be one of {', '.join(PLACE_KINDS)}, got {value!r}"
    elif key == "analysis.level" and value not in LEVELS:
        return f"must be one of {', '.join(LEVELS)}, got {value!r}"
    elif key in ("analysis.top", "analysis.resilience_steps") and value < 1:
        return f"must be a whole number of at least 1, got {value!r}"
    elif key in ("analysis.grouping", "analysis.vocabulary") and not value.strip():
        return "must not be empty"
    return None
