"""PLOVER's quads: which of the four kinds of interaction (verbal or material,
cooperation or conflict) each event type is, from data/report/plover_quads.yaml."""

from __future__ import annotations

from functools import lru_cache

from eventwire.knowledge.files import data_file, read_yaml


@lru_cache(maxsize=1)
def load_plover_quads() -> dict[str, str]:
    """PLOVER type -> quad ('material conflict'), from data/report/plover_quads.yaml."""
    table = read_yaml(data_file("report", "plover_quads.yaml"))
    return {kind: quad for quad, kinds in table.items() for kind in kinds}


def quad_of(kind: str) -> str:
    return load_plover_quads().get(kind, "other")
