"""The build on a tiny raw folder with hand-chosen numbers, and on bad input."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from fractions import Fraction
from pathlib import Path

import duckdb
import pytest

from kohtaanto import jsonstat
from kohtaanto.__main__ import main
from kohtaanto.build import BuildError, build, parse_period


def one(db: Path, sql: str, *params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchone()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2023M08", (dt.date(2023, 8, 1), "month")),
        ("2023Q3", (dt.date(2023, 7, 1), "quarter")),
        ("2017", (dt.date(2017, 1, 1), "year")),
    ],
)
def test_parse_period(code, expected):
    assert parse_period(code) == expected


@pytest.mark.parametrize("code", ["2023M13", "2023Q5", "23M01", "2023-08"])
def test_parse_period_rejects(code):
    with pytest.raises(ValueError, match=code):
        parse_period(code)


def test_observed_values_land_as_published(tiny_db):
    assert one(tiny_db, "select value, status, source_table from observations where measure = 'unemployed' "
               "and area_code = 'MK12' and period = '2023-10-01' and occupation_code = 'SSS'") == (
        127.0, "observed", "tyonv/12r5")  # fmt: skip


def test_coordinator_area_is_the_sum_of_its_regions(tiny_db):
    row = one(tiny_db, "select unemployed, labour_force, unemployment_share, status from v_area_month "
              "where area_code = 'KA1' and period = '2023-10-01'")  # fmt: skip
    assert row == (1000.0, 10000.0, 10.0, "aggregated")


def test_rates_come_from_summed_counts(tiny_db):
    assert one(tiny_db, "select unemployment_share from v_area_month where area_code = 'MK12' "
               "and period = '2023-10-01'") == (12.7,)  # fmt: skip
    share, tightness = one(tiny_db, "select vacancy_share, tightness from v_area_month "
                           "where area_code = 'SSS' and period = '2023-10-01'")  # fmt: skip
    assert share == pytest.approx(100 * 460 / 13000)
    assert tightness == pytest.approx(460 / 1300)


def test_suppressed_cell_stays_null(tiny_db):
    assert one(tiny_db, "select value, status from observations where measure = 'open_vacancies' "
               "and area_code = 'ELY12' and period = '2023-10-01' and occupation_code = 'SSS'") == (
        None, "aggregated")  # fmt: skip


@pytest.mark.parametrize(
    ("code", "period", "expected"),
    [
        ("222", "2023-09-01", (15.0, "aggregated")),
        ("22", "2023-09-01", (15.0, "aggregated")),
        ("2", "2023-09-01", (15.0, "aggregated")),
        ("222", "2023-10-01", (12.0, "estimated")),  # 2222 is suppressed that month
        ("5", "2023-10-01", (31.0, "aggregated")),
    ],
)
def test_occupations_roll_up(tiny_db, code, period, expected):
    assert one(tiny_db, "select value, status from observations where measure = 'unemployed' "
               "and area_code = 'MK01' and occupation_code = ? and period = ?", code, period) == expected  # fmt: skip


def test_occupation_rows_of_summed_areas(tiny_db):
    assert one(tiny_db, "select value, status from observations where measure = 'open_vacancies' "
               "and area_code = 'KA1' and occupation_code = '2221' and period = '2023-10-01'") == (
        44.0, "aggregated")  # fmt: skip


def test_mismatch_index_exact(tiny_db):
    u = {"2221": 10, "2222": 5, "5321": 30}
    v = {"2221": 40, "2222": 6, "5321": 20}
    U, V = sum(u.values()), sum(v.values())
    expected = 100 * Fraction(1, 2) * sum(abs(Fraction(u[k], U) - Fraction(v[k], V)) for k in u)
    (value,) = one(tiny_db, "select mismatch_index from v_mismatch_occupation where area_code = 'MK01' "
                   "and period = '2023-09-01' and level = 4")  # fmt: skip
    assert value == pytest.approx(float(expected))


def test_dimension_names_in_three_languages(tiny_db):
    assert one(tiny_db, "select name_fi, name_sv, name_en, level, parent_code from areas where area_code = 'KA4'") == (
        "Itä-Suomi", "Östra Finland", "Eastern Finland", "coordinator_area", "SSS")  # fmt: skip
    assert one(
        tiny_db, "select level, parent_code from occupations where occupation_code = '222'"
    ) == (3, "22")


# --- bad input: a clear message naming the file, and the previous database untouched ---------


@pytest.fixture
def workspace(tiny_raw, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(tiny_raw, raw)
    out = tmp_path / "kohtaanto.duckdb"
    build(raw, out, progress=lambda _: None)
    return raw, out


def _break(raw: Path, how: str) -> Path:
    path = raw / "statfin" / "12r5.json"
    doc = json.loads(path.read_text())
    if how == "truncated":
        path.write_text(path.read_text()[:500])
    elif how == "size":
        doc["size"][0] += 1
        path.write_text(json.dumps(doc))
    elif how == "values":
        doc["value"] = doc["value"][:-3]
        path.write_text(json.dumps(doc))
    elif how == "dimension":
        del doc["dimension"]["Alue"]
        path.write_text(json.dumps(doc))
    elif how == "unknown code":
        index = doc["dimension"]["Alue"]["category"]["index"]
        index["KU999"] = index.pop("KU167")
        path.write_text(json.dumps(doc))
    elif how == "binary":
        path.write_bytes(b"\xff\xfe\x00garbage")
    return path


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("truncated", "not valid JSON"),
        ("size", "has 8 categories but size says 9"),
        ("values", "45 values but the sizes"),
        ("dimension", "dimension 'Alue' is listed in id but missing"),
        ("unknown code", "area_code codes not in the classifications: KU999"),
        ("binary", "not UTF-8"),
    ],
)
def test_bad_file_fails_and_keeps_the_database(workspace, how, message):
    raw, out = workspace
    before = out.read_bytes()
    path = _break(raw, how)
    with pytest.raises(BuildError, match=message) as info:
        build(raw, out, progress=lambda _: None)
    assert str(path) in str(info.value)
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["kohtaanto.duckdb", "raw"]


def test_cli_reports_failure_with_nonzero_exit(workspace, capsys):
    raw, out = workspace
    before = out.read_bytes()
    _break(raw, "size")
    assert main(["build", "--raw", str(raw), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "12r5.json" in err and "left as it was" in err
    assert out.read_bytes() == before


def test_missing_raw_folder(tmp_path, capsys):
    assert (
        main(["build", "--raw", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x.duckdb")])
        == 1
    )
    assert "raw folder does not exist" in capsys.readouterr().err
    assert not (tmp_path / "x.duckdb").exists()


def test_missing_classifications(workspace):
    raw, out = workspace
    shutil.rmtree(raw / "classifications")
    with pytest.raises(BuildError, match=r"no municipality_key_YYYY\.csv"):
        build(raw, out, progress=lambda _: None)


def test_jsonstat_sparse_values():
    doc = {"id": ["a", "b"], "size": [1, 2], "value": {"1": 5},
           "dimension": {"a": {"category": {"index": ["x"]}}, "b": {"category": {"index": ["p", "q"]}}}}  # fmt: skip
    ds = jsonstat.parse(doc)
    assert ds.values.tolist()[1] == 5.0
    assert str(ds.values.tolist()[0]) == "nan"


def test_unwritable_destination_is_a_clear_failure(tiny_raw, tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    out = blocker / "kohtaanto.duckdb"
    assert main(["build", "--raw", str(tiny_raw), "--out", str(out)]) == 1
    assert "build failed" in capsys.readouterr().err
    assert blocker.read_text() == "a file where a folder should be"


def test_names_are_tidy(tiny_db):
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        untidy = con.execute(
            "select count(*) from areas where name_fi <> trim(name_fi) or name_sv like '%  %'"
        ).fetchone()[0]
    assert untidy == 0
