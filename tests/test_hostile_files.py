"""Hostile registry files: each ends as one InputError naming file, record and field, or is
read correctly and says so. Nothing is lost silently, nothing hangs, no raw traceback.

Every fixture is written here (invented organisations); the CLI cases check exit code 1,
the one-line message and that the store is byte-identical afterwards.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from helpers.ocean_records import write_jsonl
from helpers.store_snapshot import snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.errors import InputError
from ecosystem.loaders import detect, file_limits, read
from ecosystem.loaders.cell_values import read_date, read_number
from ecosystem.loaders.ocean_records import RecordRows

runner = CliRunner(env={"COLUMNS": "200", "ECOSYSTEM_STORE": None})

GRANT = {"id": "360G-demo-1", "title": "Reef grant", "currency": "GBP",
         "awardDate": "2019-03-26",
         "fundingOrganization": [{"id": "GB-CHC-1070468", "name": "Demo Trust"}],
         "recipientOrganization": [{"id": "360G-demo-org-7", "name": "Reef Friends"}]}
OCEAN = {"node_id": 1, "ocean_action_id": "#OceanAction1", "title": "Reef Watch",
         "lead_entity": "Blue Ventures", "partners": "", "sdgs": [14]}
HXL_HEAD = "Org,Sector,Country\n#org,#sector,#country\n"
ACTIVITY = ('<iati-activity><iati-identifier>XM-1</iati-identifier>'
            '<reporting-org ref="GB-GOV-1"><narrative>UK Government</narrative></reporting-org>'
            '<title><narrative>Reef</narrative></title></iati-activity>')


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def grant_json(amount_literal: str) -> str:
    """A one-grant package whose amountAwarded is the JSON literal given."""
    return '{"grants": [' + json.dumps(GRANT)[:-1] + f', "amountAwarded": {amount_literal}' + "}]}"


def refused(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read(path)
    return info.value


# -- 1. raw tracebacks before -------------------------------------------------------------

def test_grant_amount_of_400_digits(tmp_path):
    err = refused(write(tmp_path / "g.json", grant_json("9" * 400)))
    assert (err.record, err.field) == ("grant 1 (360G-demo-1)", "amountAwarded")
    assert "too large for an amount" in err.message


def test_infinity_in_an_ocean_list(tmp_path):
    err = refused(write(tmp_path / "o.jsonl", json.dumps(OCEAN).replace("[14]", "[Infinity]")))
    assert (err.record, err.field) == ("line 1", "sdgs[0]")
    assert err.message == "Infinity is not a finite number"


def test_100k_nested_arrays(tmp_path):
    line = json.dumps(OCEAN)[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    err = refused(write(tmp_path / "o.jsonl", line))
    assert err.record == "line 1" and "nested more than 100 levels" in err.message


def test_nesting_limit_is_exact():
    # a value 100 levels down is read, one 101 levels down is refused, in arrays and objects;
    # brackets inside strings are text, not nesting
    from ecosystem.loaders.json_values import loads

    assert loads("[" * 100 + "1" + "]" * 100) == json.loads("[" * 100 + "1" + "]" * 100)
    assert loads('{"a":' * 100 + "1" + "}" * 100) == json.loads('{"a":' * 100 + "1" + "}" * 100)
    assert loads(json.dumps({"t": "[" * 500})) == {"t": "[" * 500}
    for text in ("[" * 101 + "1" + "]" * 101, '{"a":' * 101 + "[]" + "}" * 101):
        with pytest.raises(InputError, match="nested more than 100 levels"):
            loads(text, file="o.jsonl", record="line 1")


def test_hxl_cell_over_the_csv_module_limit_is_read(tmp_path):
    # 140,000 characters: over csv's default 131,072, under MAX_FIELD_CHARS: read as written
    reg = read(write(tmp_path / "3w.csv", HXL_HEAD + "UNICEF," + "x" * 140_000 + ",Chad\n"))
    assert reg.mentions["name"].tolist() == ["UNICEF"]
    assert reg.initiative_themes["theme"].str.len().tolist() == [140_000]


def test_hxl_cell_over_the_cap_is_refused(tmp_path):
    cell = "x" * (file_limits.MAX_FIELD_CHARS + 10)
    err = refused(write(tmp_path / "3w.csv", HXL_HEAD + f"UNICEF,{cell},Chad\n"))
    assert (err.record, err.field) == ("row 3", "column 2")
    assert err.message == "a cell is longer than 1,000,000 characters (the limit)"


# -- 2. silent corruption before ------------------------------------------------------------

def test_latin1_hxl_is_read_and_the_encoding_stated(tmp_path):
    data = (HXL_HEAD + "Médecins Sans Frontières,Santé,Tchad\n").encode("latin-1")
    reg = read(write(tmp_path / "3w.csv", data))
    assert reg.mentions["name"].tolist() == ["Médecins Sans Frontières"]
    assert reg.initiative_themes["theme"].tolist() == ["Santé"]
    assert reg.sources[0]["encoding"] == "cp1252"
    assert reg.sources[0]["notes"] == ["read as cp1252 text (not UTF-8)"]


def test_latin1_hxl_encoding_is_kept_in_the_store_and_printed(tmp_path):
    data = (HXL_HEAD + "Médecins Sans Frontières,Santé,Tchad\n").encode("latin-1")
    store = tmp_path / "s.duckdb"
    r = runner.invoke(app, ["load", str(write(tmp_path / "3w.csv", data)), "--store", str(store)])
    assert r.exit_code == 0, r.stderr
    assert "read as cp1252 (detected; not UTF-8)" in r.stdout
    from ecosystem.store import Store
    held = Store(store).sources()
    assert held[["encoding", "notes"]].values.tolist() == [
        ["cp1252", "read as cp1252 text (not UTF-8)"]]


def test_utf8_hxl_states_utf8(tmp_path):
    reg = read(write(tmp_path / "3w.csv", HXL_HEAD + "Acción Contra el Hambre,Salud,Perú\n"))
    assert reg.mentions["name"].tolist() == ["Acción Contra el Hambre"]
    assert reg.sources[0]["encoding"] == "utf-8"


@pytest.mark.parametrize("literal, message", [("1e400", "1e400 is not a finite number"),
                                               ("NaN", "NaN is not a finite number")])
def test_non_finite_grant_amounts(tmp_path, literal, message):
    err = refused(write(tmp_path / "g.json", grant_json(literal)))
    assert (err.record, err.field, err.message) == ("grant 1", "amountAwarded", message)


def test_negative_grant_amount(tmp_path):
    err = refused(write(tmp_path / "g.json", grant_json("-500")))
    assert (err.record, err.field) == ("grant 1 (360G-demo-1)", "amountAwarded")
    assert "negative (-500)" in err.message


def test_zero_grant_amount_is_read(tmp_path):
    reg = read(write(tmp_path / "g.json", grant_json("0")))
    assert reg.flows["amount"].tolist() == [0.0]


def test_repeated_hashtag_row_is_skipped(tmp_path):
    text = HXL_HEAD + "UNICEF,Health,Chad\n#org,#sector,#country\nMSF,Health,Chad\n"
    reg = read(write(tmp_path / "3w.csv", text))
    assert reg.mentions["name"].tolist() == ["UNICEF", "MSF"]
    assert reg.sources[0]["notes"] == ["1 repeated hashtag rows were skipped"]


@pytest.mark.parametrize("literal, message", [
    ("true", "expected a whole number, found True"),
    ("1.5", "expected a whole number, found 1.5"),
    ('"12a"', "expected a whole number, found '12a'"),
    ("NaN", "NaN is not a finite number")])
def test_non_integer_node_ids(tmp_path, literal, message):
    rec = {k: v for k, v in OCEAN.items() if k != "ocean_action_id"}
    line = json.dumps(rec).replace('"node_id": 1', f'"node_id": {literal}')
    err = refused(write(tmp_path / "o.jsonl", line + "\n"))
    assert (err.record, err.field, err.message) == ("line 1", "node_id", message)


def merged_formula_workbook() -> bytes:
    """A 3W sheet whose org cell is merged over two rows and whose #reached is a formula
    with its cached value 20 (as Excel saves it)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Org", "Sector", "Country", "People"])
    ws.append(["#org", "#sector", "#country", "#reached"])
    ws.append(["UNICEF", "Health", "Chad", 10])
    ws.append([None, "Nutrition", "Chad", "=D3*2"])
    ws.merge_cells("A3:A4")
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>D3*2</f><v></v>", b"<f>D3*2</f><v>20</v>")
                data = data.replace(b"<f>D3*2</f></c>", b"<f>D3*2</f><v>20</v></c>")
            zout.writestr(item, data)
    return out.getvalue()


def test_xlsx_merged_and_formula_cells_are_read_without_warnings(tmp_path):
    path = write(tmp_path / "3w.xlsx", merged_formula_workbook())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any raw warning fails the test
        reg = read(path)
    assert reg.mentions["name"].tolist() == ["UNICEF", "UNICEF"]
    assert sorted(reg.deliverables["text"]) == ["people reached: 10", "people reached: 20"]
    assert reg.sources[0]["notes"] == []


def test_rows_without_organisation_become_a_note_not_a_warning(tmp_path):
    path = write(tmp_path / "3w.csv", HXL_HEAD + "UNICEF,Health,Chad\n,Health,Mali\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        reg = read(path)
    assert reg.sources[0]["notes"] == ["1 rows name no organisation and were skipped"]


# -- 3. wrong message before ------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    codecs.BOM_UTF16_LE + ('<?xml version="1.0" encoding="UTF-16"?><iati-activities>'
                           f'{ACTIVITY}</iati-activities>').encode("utf-16-le"),
    ('<?xml version="1.0" encoding="UTF-16"?><iati-activities>'
     f'{ACTIVITY}</iati-activities>').encode("utf-16-be")])
def test_utf16_iati_is_read(tmp_path, data):
    reg = read(write(tmp_path / "a.xml", data))
    assert reg.initiatives["record_id"].tolist() == ["XM-1"]
    assert reg.sources[0]["encoding"].startswith("utf-16")


def test_utf16_iati_without_bom_or_declaration_is_named(tmp_path):
    data = f"<iati-activities>{ACTIVITY}</iati-activities>".encode("utf-16-le")
    err = refused(write(tmp_path / "a.xml", data))
    assert "UTF-16 without a byte-order mark" in err.message and err.record == "line 1"


def test_namespaced_iati_gets_the_iati_message(tmp_path):
    body = ACTIVITY.replace("<", "<x:").replace("<x:/", "</x:")
    path = write(tmp_path / "a.xml", f'<x:iati-activities xmlns:x="urn:demo">{body}'
                                     "</x:iati-activities>")
    assert detect(path) == "iati-xml"
    err = refused(path)
    assert (err.field, err.record) == ("iati-activities", "line 1")
    assert "namespace 'urn:demo'" in err.message


def test_threesixtygiving_top_level_list_is_read_with_a_note(tmp_path):
    path = write(tmp_path / "g.json", json.dumps([{**GRANT, "amountAwarded": 5}]))
    reg = read(path)
    assert reg.flows["amount"].tolist() == [5.0]
    assert reg.sources[0]["format"] == "360giving-json"
    assert "without the package wrapper" in reg.sources[0]["notes"][0]


def test_hxl_without_hashtag_row_gets_the_hxl_message(tmp_path):
    err = refused(write(tmp_path / "3w.csv", "Org,Sector,Country\nUNICEF,Health,Chad\n"))
    assert err.message.startswith("no row of HXL hashtags")


def test_doctype_inside_cdata_is_data(tmp_path):
    act = ACTIVITY.replace("<narrative>Reef</narrative>",
                           "<narrative><![CDATA[<!DOCTYPE is only text]]></narrative>")
    reg = read(write(tmp_path / "a.xml", f"<iati-activities>{act}</iati-activities>"))
    assert reg.initiatives["title"].tolist() == ["<!DOCTYPE is only text"]


def test_real_doctype_is_still_refused(tmp_path):
    xml = ('<?xml version="1.0"?>\n<!-- note -->\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           f"<iati-activities>{ACTIVITY}</iati-activities>")
    err = refused(write(tmp_path / "a.xml", xml))
    assert (err.field, err.record) == ("DOCTYPE", "line 3")


# -- 4. unbounded resources ---------------------------------------------------------------------

def bomb_workbook(path: Path, sheet_bytes: int, dimension: str = "A1:A2") -> Path:
    """An XLSX whose sheet XML unpacks to about ``sheet_bytes`` (compressing ~1000:1)."""
    wb = openpyxl.Workbook()
    wb.active.append(["#org"])
    raw = io.BytesIO()
    wb.save(raw)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zin, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(item, zin.read(item.filename))
        with zout.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                     b'main"><dimension ref="' + dimension.encode() + b'"/><sheetData>')
            chunk = b'<row><c t="inlineStr"><is><t>UNICEF</t></is></c></row>' * 20_000
            for _ in range(max(sheet_bytes // len(chunk), 1)):
                fh.write(chunk)
            fh.write(b"</sheetData></worksheet>")
    return path


def test_xlsx_declaring_too_much_is_refused_fast(tmp_path, monkeypatch):
    monkeypatch.setattr(file_limits, "MAX_XLSX_UNPACKED_BYTES", 5_000_000)
    path = bomb_workbook(tmp_path / "bomb.xlsx", 20_000_000)
    start = time.perf_counter()
    err = refused(path)
    assert time.perf_counter() - start < 2
    assert "unpacks to" in err.message and "limit is 5,000,000" in err.message


def test_xlsx_dimension_over_the_cell_cap_is_refused(tmp_path):
    path = bomb_workbook(tmp_path / "wide.xlsx", 1, dimension="A1:XFD1048576")
    err = refused(path)
    assert (err.record, err.field) == ("xl/worksheets/sheet1.xml", "dimension")
    assert "17,179,869,184 cells" in err.message


@pytest.mark.slow
def test_real_zip_bomb_refused_in_under_two_seconds(tmp_path):
    path = bomb_workbook(tmp_path / "bomb.xlsx", 1_500_000_000)
    assert path.stat().st_size < 10_000_000
    start = time.perf_counter()
    err = refused(path)
    assert time.perf_counter() - start < 2, "the zip bomb must be refused before parsing"
    assert "zip bomb" in err.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    err = refused(fifo)
    assert "not a regular file" in err.message and err.file == str(fifo)


def test_long_text_fields_are_refused_in_every_loader(tmp_path):
    long = "x" * (file_limits.MAX_FIELD_CHARS + 1)
    err = refused(write(tmp_path / "o.jsonl", json.dumps({**OCEAN, "title": long})))
    assert (err.record, err.field) == ("line 1", "title")
    err = refused(write(tmp_path / "g.json", json.dumps({"grants": [{**GRANT, "title": long}]})))
    assert (err.record, err.field) == ("grant 1 (360G-demo-1)", "title")
    assert "1,000,001 characters" in err.message


# -- the CLI: exit 1, one line, the store unchanged -----------------------------------------------

@pytest.fixture
def loaded_store(tmp_path):
    store = tmp_path / "store" / "s.duckdb"
    good = write_jsonl(tmp_path / "small.jsonl")
    assert runner.invoke(app, ["load", str(good), "--store", str(store)]).exit_code == 0
    return store


@pytest.mark.parametrize("name, data, expected", [
    ("g.json", grant_json("-1"), "grant 1 (360G-demo-1), field amountAwarded: the amount"),
    ("o.jsonl", json.dumps(OCEAN).replace("[14]", "[Infinity]"), "line 1, field sdgs[0]: Inf"),
    ("o2.jsonl", json.dumps(OCEAN).replace('"node_id": 1', '"node_id": true')
     .replace('"#OceanAction1"', "null"), "line 1, field node_id: expected a whole number"),
])
def test_cli_refuses_with_one_line_and_keeps_the_store(tmp_path, loaded_store, name, data,
                                                       expected):
    before = snapshot(loaded_store)
    bad = write(tmp_path / name, data)
    r = runner.invoke(app, ["load", str(bad), "--store", str(loaded_store)])
    assert r.exit_code == 1
    assert r.stderr.startswith(f"error: {bad}, {expected}"), r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert snapshot(loaded_store) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_cli_refuses_a_fifo_without_blocking(tmp_path, loaded_store):
    before = snapshot(loaded_store)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    r = runner.invoke(app, ["load", str(fifo), "--store", str(loaded_store)])
    assert r.exit_code == 1
    assert "not a regular file" in r.stderr
    assert snapshot(loaded_store) == before


# -- 5. property-based: any record, only InputError ----------------------------------------------

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
                   st.floats(allow_nan=True, allow_infinity=True), TEXT)
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(TEXT, inner, max_size=3)),
                     max_leaves=8)
PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def only_input_error(fn, *args) -> None:
    try:
        fn(*args)
    except InputError:
        pass


OCEAN_KEYS = ["node_id", "ocean_action_id", "title", "lead_entity", "partners", "sdgs",
              "sdg14_targets", "start_date", "completion_date", "ocean_basins",
              "geographical_coverage", "deliverables", "resources", "entity_types",
              "action_network_logos", "communities_of_ocean_action"]


@PROPERTY
@given(st.dictionaries(st.sampled_from(OCEAN_KEYS), VALUE, max_size=8), st.integers(1, 10**6))
def test_property_ocean_record(fields, node):
    rows = RecordRows("p.jsonl")
    only_input_error(rows.add, {"node_id": node, **fields}, "line 1")


GRANT_KEYS = ["id", "title", "description", "amountAwarded", "currency", "awardDate",
              "plannedDates", "actualDates", "fundingOrganization", "recipientOrganization",
              "beneficiaryLocation", "grantProgramme", "classifications", "dataSource"]


@PROPERTY
@given(st.dictionaries(st.sampled_from(GRANT_KEYS), VALUE, max_size=8))
def test_property_threesixtygiving_grant(fields):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.json"
        grant = {**GRANT, **fields}
        path.write_text(json.dumps({"grants": [grant]}, allow_nan=True), encoding="utf-8")
        from ecosystem.loaders import threesixtygiving
        only_input_error(threesixtygiving.read, path)


CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",),
                                      exclude_characters="\x00"), max_size=20)


@PROPERTY
@given(st.lists(st.lists(CELL, min_size=1, max_size=6), min_size=1, max_size=4))
def test_property_hxl_rows(rows):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "3w.csv"
        out = io.StringIO()
        import csv
        writer = csv.writer(out)
        writer.writerow(["#org", "#sector", "#country+code", "#date+start", "#reached",
                         "#org+funder"])
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
        from ecosystem.loaders import hxl
        only_input_error(hxl.read, path)


XML_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                   max_size=20)


@PROPERTY
@given(st.fixed_dictionaries({k: XML_TEXT for k in (
    "ident", "title", "date", "value", "currency", "pct", "country", "role", "sector", "vocab",
    "ttype", "status")}))
def test_property_iati_activity(v):
    from xml.sax.saxutils import escape, quoteattr
    e = {k: escape(x) for k, x in v.items()}
    q = {k: quoteattr(x) for k, x in v.items()}
    xml = (f"<iati-activities><iati-activity><iati-identifier>{e['ident']}</iati-identifier>"
           f"<title><narrative>{e['title']}</narrative></title>"
           f"<activity-status code={q['status']}/>"
           f"<activity-date type=\"1\" iso-date={q['date']}/>"
           f"<participating-org role={q['role']} ref={q['ident']}><narrative>{e['title']}"
           f"</narrative></participating-org>"
           f"<recipient-country code={q['country']} percentage={q['pct']}/>"
           f"<sector code={q['sector']} vocabulary={q['vocab']}/>"
           f"<transaction><transaction-type code={q['ttype']}/>"
           f"<transaction-date iso-date={q['date']}/>"
           f"<value currency={q['currency']} value-date={q['date']}>{e['value']}</value>"
           f"<provider-org ref={q['ident']}><narrative>{e['title']}</narrative></provider-org>"
           f"</transaction></iati-activity></iati-activities>")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.xml"
        path.write_text(xml, encoding="utf-8")
        from ecosystem.loaders import iati
        only_input_error(iati.read, path)


@PROPERTY
@given(st.one_of(TEXT, SCALAR))
def test_property_cell_values(text):
    for fn in (read_number, read_date):
        try:
            fn(text)
        except ValueError:
            pass


ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60)


@PROPERTY
@given(st.fixed_dictionaries({
    "title": ANY_TEXT, "lead_entity": ANY_TEXT, "partners": ANY_TEXT,
    "geographical_coverage": ANY_TEXT, "ocean_basins": ANY_TEXT,
    "start_date": st.one_of(st.just("01 June 2017"), ANY_TEXT),
    "sdgs": st.lists(st.one_of(st.integers(1, 17), st.integers(-10**30, 10**30)), max_size=3),
    "sdg14_targets": st.lists(st.one_of(st.just("14.a"), ANY_TEXT), max_size=2),
    "deliverables": st.lists(st.fixed_dictionaries({"date": st.just("2019-01-01"),
                                                    "description": ANY_TEXT}), max_size=2)}))
def test_property_ocean_well_typed_record(fields):
    """Well-typed fields with any text (control characters, huge numbers): read or refused."""
    rows = RecordRows("p.jsonl")
    only_input_error(rows.add, {"node_id": 7, **fields}, "line 1")


def test_iati_text_over_the_cap_is_refused(tmp_path):
    long = "x" * (file_limits.MAX_FIELD_CHARS + 1)
    act = ACTIVITY.replace("<narrative>Reef</narrative>", f"<narrative>{long}</narrative>")
    err = refused(write(tmp_path / "a.xml", f"<iati-activities>{act}</iati-activities>"))
    assert (err.record, err.field) == ("line 1, activity XM-1", "narrative")
    assert "1,000,001 characters" in err.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_cli_refuses_a_fifo_named_in_a_study(tmp_path, loaded_store):
    before = snapshot(loaded_store)
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    study = write(tmp_path / "s.toml", f'[study]\nname = "fifo"\n[source]\npaths = ["{fifo}"]\n')
    r = runner.invoke(app, ["report", str(study), "--store", str(loaded_store),
                            "--out", str(tmp_path / "out")])
    assert r.exit_code == 1
    assert r.stderr.startswith(f"error: {fifo}: not a regular file"), r.stderr
    assert snapshot(loaded_store) == before


def test_ocean_csv_without_node_id_gets_the_ocean_message(tmp_path):
    err = refused(write(tmp_path / "export.csv", "title,lead_entity,partners,sdgs\nReef,WWF,,14\n"))
    assert err.message.startswith("required column 'node_id' is missing from the header")


def test_non_finite_numbers_in_cells_are_refused(tmp_path):
    err = refused(write(tmp_path / "3w.csv", "Org,People\n#org,#reached\nUNICEF,1e400\n"))
    assert (err.record, err.field) == ("row 3", "#reached")
    act = ACTIVITY.replace("</iati-activity>", "<transaction><transaction-type code=\"3\"/>"
                           "<value>NaN</value></transaction></iati-activity>")
    err = refused(write(tmp_path / "a.xml", f"<iati-activities>{act}</iati-activities>"))
    assert (err.record, err.field) == ("line 1, activity XM-1", "transaction/value")
    assert err.message == "cannot read 'NaN' as an amount"


def test_ocean_csv_node_id_must_be_whole(tmp_path):
    from helpers.ocean_records import CSV_COLUMNS
    row = {c: "" for c in CSV_COLUMNS} | {"node_id": "1.5", "title": "Reef", "lead_entity": "WWF"}
    text = ",".join(CSV_COLUMNS) + "\n" + ",".join(row[c] for c in CSV_COLUMNS) + "\n"
    err = refused(write(tmp_path / "export.csv", text))
    assert (err.record, err.field) == ("line 2", "node_id")
