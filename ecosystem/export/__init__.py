"""Writing results out: tables (CSV, Parquet, XLSX) and graph files (GEXF, GraphML, Kumu JSON)."""
from ecosystem.export.graph_files import (
    graph_for_export,
    write_gexf,
    write_graphml,
    write_kumu,
)
from ecosystem.export.tables import write_tables

__all__ = ["graph_for_export", "write_gexf", "write_graphml", "write_kumu", "write_tables"]
