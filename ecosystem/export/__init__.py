"""Writing results out: tables (CSV, Parquet, XLSX) and graph files (GEXF, dynamic GEXF, GraphML,
Kumu JSON)."""
from ecosystem.export.gexf import write_gexf
from ecosystem.export.gexf_dynamic import timeline_columns, write_dynamic_gexf
from ecosystem.export.graph_files import GraphColumns, graph_columns, graph_for_export
from ecosystem.export.graphml import write_graphml
from ecosystem.export.kumu import KumuCut, kumu_cut, write_kumu
from ecosystem.export.tables import write_tables

__all__ = ["GraphColumns", "KumuCut", "graph_columns", "graph_for_export", "kumu_cut",
           "timeline_columns", "write_dynamic_gexf", "write_gexf", "write_graphml", "write_kumu",
           "write_tables"]
