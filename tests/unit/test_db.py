"""The data module: bound parameters, refused names, and a rebuilt file picked up while running."""

from __future__ import annotations

import shutil

import pytest

from kohtaanto import db
from kohtaanto.pipeline.build import build
from tests.conftest import write_tiny_raw


def test_parameters_are_bound_not_formatted(tiny_db, monkeypatch):
    monkeypatch.setenv("KOHTAANTO_DB", str(tiny_db))
    hostile = "SSS') or 1=1 --"
    frame = db.run_query("area_trend", area=hostile, start="2023-01-01", end="2023-12-01")
    assert set(frame.area_code) == {"SSS"}  # only the country row the query always adds


@pytest.mark.parametrize("name", ["../schema", "area_list; drop", "no_such_query"])
def test_query_names_are_checked(name):
    with pytest.raises(ValueError, match="query"):
        db.query_text(name)


def test_missing_database_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("KOHTAANTO_DB", str(tmp_path / "none.duckdb"))
    with pytest.raises(db.DatabaseUnavailable, match="does not exist"):
        db.run_query("area_list")


def test_a_rebuilt_database_is_picked_up_without_a_restart(tiny_db, tmp_path, monkeypatch):
    live = tmp_path / "kohtaanto.duckdb"
    shutil.copy(tiny_db, live)
    monkeypatch.setenv("KOHTAANTO_DB", str(live))
    before = db.run_query("area_trend", area="MK12", start="2023-10-01", end="2023-10-01")
    assert before[before.area_code == "MK12"].unemployed.iloc[0] == 127

    raw = write_tiny_raw(tmp_path / "raw")
    path = raw / "statfin" / "12r5.json"
    path.write_text(path.read_text().replace("127", "128", 1))
    build(raw, live, progress=lambda _: None)  # renames a new file over the one in use
    after = db.run_query("area_trend", area="MK12", start="2023-10-01", end="2023-10-01")
    assert after[after.area_code == "MK12"].unemployed.iloc[0] == 128


def test_the_data_stamp_follows_the_live_databank(tmp_path, monkeypatch):
    """Views and page models are cached per data stamp: an edit in the databank changes it."""
    path = tmp_path / "any.duckdb"
    path.write_bytes(b"")
    monkeypatch.setenv("KOHTAANTO_DB", str(path))
    version = {"key": None}

    def source():
        return None if version["key"] is None else (version["key"], lambda: ("", {}))

    monkeypatch.setattr(db, "_databank", source)
    plain = db.data_stamp()
    assert len(plain) == 2
    version["key"] = ("sqlite:///store", 6)
    assert db.data_stamp() == (*plain, ("sqlite:///store", 6))
    version["key"] = ("sqlite:///store", 7)
    assert db.data_stamp() == (*plain, ("sqlite:///store", 7))
