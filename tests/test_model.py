import pandas as pd
import pytest

from ecosystem import model
from ecosystem.errors import InputError, SchemaError


def test_empty_registry_validates():
    reg = model.Registry.empty()
    model.validate(reg)
    assert reg.summary()["initiatives"] == 0


def test_conform_casts_and_orders_columns():
    df = pd.DataFrame({"goal": ["14", "3"], "initiative_id": ["a", "b"]})
    out = model.conform("initiative_goals", df)
    assert out.columns.tolist() == ["initiative_id", "goal"]
    assert out["goal"].tolist() == [14, 3]


def test_validate_names_table_column_and_rows():
    reg = model.Registry.from_frames(
        initiatives=pd.DataFrame({"initiative_id": ["a"], "registry": ["r"], "record_id": ["1"],
                                  "kind": ["partnership"]}),
        initiative_goals=pd.DataFrame({"initiative_id": ["a", "a"], "goal": [14, 18]}),
    )
    with pytest.raises(SchemaError, match=r"initiative_goals, column goal: goal must be 1..17, rows \[1\]"):
        model.validate(reg)


def test_validate_rejects_dangling_tie():
    reg = model.Registry.from_frames(
        initiatives=pd.DataFrame({"initiative_id": ["a"], "registry": ["r"], "record_id": ["1"],
                                  "kind": ["partnership"]}),
        ties=pd.DataFrame({"initiative_id": ["a"], "actor_id": ["x"], "role": ["lead"],
                           "registry": ["r"], "record_id": ["1"]}),
    )
    with pytest.raises(SchemaError, match="ties, column actor_id: unknown actors"):
        model.validate(reg)


def test_validate_rejects_unknown_actor_type():
    reg = model.Registry.from_frames(
        actors=pd.DataFrame({"actor_id": ["x"], "name": ["X"], "actor_type": ["spaceship"]}))
    with pytest.raises(SchemaError, match="actor_type must be one of"):
        model.validate(reg)


def test_input_error_names_file_record_field():
    e = InputError("truncated JSON", file="f.jsonl", record="line 7", field="partners")
    assert str(e) == "f.jsonl, line 7, field partners: truncated JSON"
