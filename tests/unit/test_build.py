"""The build on a tiny raw folder with hand-chosen numbers, and on bad input."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from fractions import Fraction
from pathlib import Path

import duckdb
import pytest

from kohtaanto.__main__ import main
from kohtaanto.pipeline import jsonstat
from kohtaanto.pipeline.build import BuildError, build, parse_period
from tests.conftest import jsonstat as jsonstat_doc


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
    assert one(
        tiny_db,
        "select value, status, source_table from observations where measure = 'unemployed' "
        "and area_code = 'MK12' and period = '2023-10-01' and occupation_code = 'SSS'",
    ) == (127.0, "observed", "tyonv/12r5")


def test_coordinator_area_is_the_sum_of_its_regions(tiny_db):
    row = one(
        tiny_db,
        "select unemployed, labour_force, unemployment_share, status from v_area_month "
        "where area_code = 'KA1' and period = '2023-10-01'",
    )
    assert row == (1000.0, 10000.0, 10.0, "aggregated")


def test_rates_come_from_summed_counts(tiny_db):
    assert one(
        tiny_db,
        "select unemployment_share from v_area_month where area_code = 'MK12' "
        "and period = '2023-10-01'",
    ) == (12.7,)
    share, tightness = one(
        tiny_db,
        "select vacancy_share, tightness from v_area_month "
        "where area_code = 'SSS' and period = '2023-10-01'",
    )
    assert share == pytest.approx(100 * 460 / 13000)
    assert tightness == pytest.approx(460 / 1300)


def test_suppressed_cell_stays_null(tiny_db):
    assert one(
        tiny_db,
        "select value, status from observations where measure = 'open_vacancies' "
        "and area_code = 'ELY12' and period = '2023-10-01' and occupation_code = 'SSS'",
    ) == (None, "aggregated")


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
    assert (
        one(
            tiny_db,
            "select value, status from observations where measure = 'unemployed' "
            "and area_code = 'MK01' and occupation_code = ? and period = ?",
            code,
            period,
        )
        == expected
    )


def test_occupation_rows_of_summed_areas(tiny_db):
    assert one(
        tiny_db,
        "select value, status from observations where measure = 'open_vacancies' "
        "and area_code = 'KA1' and occupation_code = '2221' and period = '2023-10-01'",
    ) == (44.0, "aggregated")


def test_mismatch_index_exact(tiny_db):
    u = {"2221": 10, "2222": 5, "5321": 30}
    v = {"2221": 40, "2222": 6, "5321": 20}
    U, V = sum(u.values()), sum(v.values())
    expected = 100 * Fraction(1, 2) * sum(abs(Fraction(u[k], U) - Fraction(v[k], V)) for k in u)
    (value,) = one(
        tiny_db,
        "select mismatch_index from v_mismatch_occupation where area_code = 'MK01' "
        "and period = '2023-09-01' and level = 4",
    )
    assert value == pytest.approx(float(expected))


def test_dimension_names_in_three_languages(tiny_db):
    assert one(
        tiny_db,
        "select name_fi, name_sv, name_en, level, parent_code from areas where area_code = 'KA4'",
    ) == ("Itä-Suomi", "Östra Finland", "Eastern Finland", "coordinator_area", "SSS")
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
    doc = {
        "id": ["a", "b"],
        "size": [1, 2],
        "value": {"1": 5},
        "dimension": {
            "a": {"category": {"index": ["x"]}},
            "b": {"category": {"index": ["p", "q"]}},
        },
    }
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


# --- several answers of one table -----------------------------------------------------------


def _answer(
    path: Path,
    areas,
    months,
    contents,
    values,
    *,
    time="timeperiod_m",
    metric="contentscode",
    **extra,
) -> Path:
    """Write one answer of 12r5 (area × month × contents) in the live or the older shape."""
    doc = jsonstat_doc(
        [("Alue", areas), (time, months), (metric, contents)], values, time=time, metric=metric
    )
    doc.update(extra)
    path.write_text(json.dumps(doc))
    return path


@pytest.fixture
def sliced(tiny_raw, tmp_path):
    """The tiny raw folder plus two more answers of 12r5, as an incremental fetch leaves them:
    a live-shaped month 2023M12 (a gap after 2023M10) with an area outside the classifications,
    and an older-shaped slice of one municipality (``Kuukausi``/``Tiedot``) overlapping 2023M10."""
    raw = tmp_path / "raw"
    shutil.copytree(tiny_raw, raw)
    statfin = raw / "statfin"
    contents = ["TYOTTOMATLOPUSSA", "TYOVOIMATK", "AVPAIKATLOPUSSA", "TYOTTOMAT50"]
    areas = ["SSS", "MK01", "MK02", "MK12", "KU011", "KU091", "KU121", "KU167", "KUJOU"]
    cells = {
        "SSS": (1400, 13000, 500, 600),
        "MK01": (1100, 10000, 410, 500),
        "MK02": (110, 1000, 40, 50),
        "MK12": (140, 1000, 20, 70),
        "KU011": (500, 4500, 160, 200),
        "KU091": (600, 5500, 250, 300),
        "KU121": (105, 700, 15, 50),
        "KU167": (35, 300, 5, 20),
        "KUJOU": (None, None, 30, None),
    }
    _answer(
        statfin / "12r5_2023M12.json",
        areas,
        ["2023M12"],
        contents,
        [v for a in areas for v in cells[a]],
        updated="2024-01-20T06:00:00Z",
        extension={"retrieved_at": "2026-12-05T23:50:00Z"},
    )
    # KU167 in 2023M10 as 12r5.json has it (30, 300, 5), and its 50+ count, which only this has.
    _answer(
        statfin / "12r5_KU167.json",
        ["KU167"],
        ["2023M10", "2023M11"],
        contents,
        [30, 300, 5, 12, 31, 300, 6, 13],
        time="Kuukausi",
        metric="Tiedot",
        updated="2023-12-20T06:00:00Z",
        extension={"retrieved_at": "2026-12-04T10:00:00Z"},
    )
    out = tmp_path / "kohtaanto.duckdb"
    build(raw, out, progress=lambda _: None)
    return raw, out


def test_answers_of_one_table_are_merged(sliced):
    _, out = sliced
    rows = (
        "select period, value, status from observations where measure = 'unemployed' "
        "and area_code = ? and age_group = ? and occupation_code = 'SSS' order by period"
    )
    with duckdb.connect(str(out), read_only=True) as con:
        ku167 = con.execute(rows, ["KU167", "SSS"]).fetchall()
        ku167_50 = con.execute(rows, ["KU167", "50-"]).fetchall()
        sss_50 = con.execute(rows, ["SSS", "50-"]).fetchall()
    months = [dt.date(2023, 9, 1), dt.date(2023, 10, 1), dt.date(2023, 11, 1), dt.date(2023, 12, 1)]
    assert ku167 == [(m, v, "observed") for m, v in zip(months, [30, 30, 31, 35], strict=True)]
    assert ku167_50 == [
        (months[1], 12, "observed"),
        (months[2], 13, "observed"),
        (months[3], 20, "observed"),
    ]
    assert sss_50 == [(months[3], 600, "observed")]


def test_gaps_stay_gaps(sliced):
    _, out = sliced
    # 2023M11 has only KU167: the country, its regions and every sum have no row that month.
    assert one(out, "select count(*) from v_area_month where period = '2023-11-01'") == (1,)
    assert one(
        out,
        "select count(*) from observations where period = '2023-11-01' and area_code <> 'KU167'",
    ) == (0,)
    # The sub-region and ELY of KU121 and KU167 are summed where both have rows, never from one.
    for area in ("SK121", "ELY12"):
        got = one(
            out,
            "select list(period order by period), list(value order by period) "
            "from observations where area_code = ? and measure = 'unemployed' "
            "and age_group = 'SSS' and occupation_code = 'SSS'",
            area,
        )
        assert got == (
            [dt.date(2023, 9, 1), dt.date(2023, 10, 1), dt.date(2023, 12, 1)],
            [130.0, 127.0, 140.0],
        )


def test_area_outside_the_classifications_is_kept_apart(sliced):
    _, out = sliced
    assert one(out, "select level, parent_code, name_en from areas where area_code = 'KUJOU'") == (
        "unallocated",
        "SSS",
        "Vacancies without a known area (KUJOU)",
    )
    assert one(
        out,
        "select value, status from observations where area_code = 'KUJOU' "
        "and measure = 'open_vacancies'",
    ) == (30.0, "observed")
    assert one(
        out, "select count(*) from area_members where 'KUJOU' in (area_code, member_code)"
    ) == (0,)
    # SK121 sums its municipalities only: 15 + 5 vacancies, not KUJOU's 30.
    assert one(
        out,
        "select open_vacancies from v_area_month where area_code = 'SK121' "
        "and period = '2023-12-01'",
    ) == (20.0,)


def test_measure_periods_span_every_row_the_valued_and_the_nonzero_ones(tiny_db, sliced):
    """measure_periods: the periods of every row, of those with a number and of those with a
    number other than zero."""
    sql = (
        "select measure, source_table, age_group, sex, first_period, last_period, first_valued, "
        "last_valued, first_nonzero, last_nonzero from measure_periods where area_code = ? "
        "order by measure, source_table, age_group, sex"
    )
    sep, oct_, dec = dt.date(2023, 9, 1), dt.date(2023, 10, 1), dt.date(2023, 12, 1)
    with duckdb.connect(str(tiny_db), read_only=True) as con:
        mk12 = con.execute(sql, ["MK12"]).fetchall()
        # MK01's vacancies of 12ti: its X class has zero every month, its other rows numbers.
        ti = con.execute(
            "select first_nonzero, last_nonzero from measure_periods where area_code = 'MK01' "
            "and measure = 'open_vacancies' and source_table = 'tyonv/12ti'"
        ).fetchall()
    assert mk12 == [
        ("labour_force", "tyonv/12r5", "SSS", "SSS", sep, oct_, sep, oct_, sep, oct_),
        # October's vacancies are suppressed: a row, but no number.
        ("open_vacancies", "tyonv/12r5", "SSS", "SSS", sep, oct_, sep, sep, sep, sep),
        ("unemployed", "tyonv/12r5", "SSS", "SSS", sep, oct_, sep, oct_, sep, oct_),
    ]
    assert ti == [(sep, oct_)]
    _, out = sliced
    with duckdb.connect(str(out), read_only=True) as con:
        kujou = con.execute(sql, ["KUJOU"]).fetchall()
    # KUJOU publishes vacancies only; its other cells (the 50+ count too) are suppressed.
    assert kujou == [
        ("labour_force", "tyonv/12r5", "SSS", "SSS", dec, dec, None, None, None, None),
        ("open_vacancies", "tyonv/12r5", "SSS", "SSS", dec, dec, dec, dec, dec, dec),
        ("unemployed", "tyonv/12r5", "50-", "SSS", dec, dec, None, None, None, None),
        ("unemployed", "tyonv/12r5", "SSS", "SSS", dec, dec, None, None, None, None),
    ]


def test_provenance_is_the_latest_over_the_answers(sliced):
    _, out = sliced
    assert one(
        out, "select retrieved_at, updated from sources where source_table = 'tyonv/12r5'"
    ) == (dt.datetime(2026, 12, 5, 23, 50), dt.datetime(2024, 1, 20, 6, 0))
    # The 12ti answer carries neither: no date is made up (not the file's modification time).
    assert one(
        out, "select retrieved_at, updated from sources where source_table = 'tyonv/12ti'"
    ) == (None, None)


def test_disagreeing_answers_fail_naming_both_files_and_the_cell(sliced):
    raw, out = sliced
    before = out.read_bytes()
    slice_ = raw / "statfin" / "12r5_KU167.json"
    doc = json.loads(slice_.read_text())
    doc["value"][0] = 29  # 12r5.json says 30 unemployed in KU167 in 2023M10
    slice_.write_text(json.dumps(doc))
    with pytest.raises(BuildError) as info:
        build(raw, out, progress=lambda _: None)
    message = str(info.value)
    assert "tyonv/12r5: two answers disagree" in message
    assert "area KU167, month 2023-10, contents TYOTTOMATLOPUSSA" in message
    assert f"{raw / 'statfin' / '12r5.json'} has 30" in message
    assert f"{slice_} has 29" in message
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["kohtaanto.duckdb", "raw"]


def test_a_published_value_and_a_suppressed_one_disagree(sliced):
    raw, out = sliced
    slice_ = raw / "statfin" / "12r5_KU167.json"
    doc = json.loads(slice_.read_text())
    doc["value"][2] = None  # 12r5.json publishes 5 open vacancies
    slice_.write_text(json.dumps(doc))
    with pytest.raises(BuildError, match=r"contents AVPAIKATLOPUSSA: .*has 5; .* has no value"):
        build(raw, out, progress=lambda _: None)


def test_answer_files_go_to_the_longest_stem(tmp_path):
    from kohtaanto.pipeline.build import TableSpec, answer_files

    statfin = tmp_path / "statfin"
    statfin.mkdir()
    names = [
        "12r5.json",
        "12r5_x.json",
        "12r5_2026M06.json",
        "12r.json",
        "12r5x.json",
        "tyti.json",
        "tyti_tau031.json",
        "tyti_tau031_2026.json",
        "13aj.csv",
    ]
    for name in names:
        (statfin / name).write_text("{}")

    def spec(id_, file):
        return TableSpec(id_, file, "", "", "", "", 0, {})

    specs = [
        spec("a", "statfin/12r5.json"),
        spec("b", "statfin/12r5_x.json"),
        spec("c", "statfin/12r.json"),
        spec("d", "statfin/tyti.json"),
        spec("e", "statfin/tyti_tau031.json"),
        spec("f", "statfin/none.json"),
    ]
    files = {k: [p.name for p in v] for k, v in answer_files(tmp_path, specs).items()}
    assert files == {
        "a": ["12r5.json", "12r5_2026M06.json"],
        "b": ["12r5_x.json"],
        "c": ["12r.json"],
        "d": ["tyti.json"],
        "e": ["tyti_tau031.json", "tyti_tau031_2026.json"],
    }


def test_a_slice_alone_builds(tiny_raw, tmp_path):
    """Only ``12r5_<month>.json`` (no ``12r5.json``): the table is still found."""
    raw = tmp_path / "raw"
    shutil.copytree(tiny_raw, raw)
    (raw / "statfin" / "12r5.json").rename(raw / "statfin" / "12r5_2023.json")
    out = tmp_path / "k.duckdb"
    build(raw, out, progress=lambda _: None)
    assert one(
        out,
        "select unemployed from v_area_month where area_code = 'MK12' and period = '2023-10-01'",
    ) == (127.0,)


# --- 55+ from five-year age groups, whatever the table and its age dimension are called -------


def test_55_plus_from_five_year_groups_of_a_live_shaped_table(tiny_raw, tmp_path):
    from kohtaanto.pipeline.build import load_config

    raw = tmp_path / "raw"
    shutil.copytree(tiny_raw, raw)
    ages = ["SSS", "50-54", "55-59", "60-64", "65-"]
    areas = ["MK01", "MK10", "MK11", "MK12"]
    months = ["2026M05", "2026M06"]
    # (area, age) -> unemployed in 2026M05, 2026M06; None = suppressed.
    counts = {
        a: {
            "SSS": (900, 1000),
            "50-54": (90, 100),
            "55-59": (80, 81),
            "60-64": (70, 72),
            "65-": (5, 6),
        }
        for a in areas
    }
    counts["MK11"]["65-"] = (None, 4)
    values = [counts[a][g][m] for a in areas for g in ages for m in range(2)]
    doc = jsonstat_doc(
        [
            ("Alue", areas),
            ("Ikä5v", ages),
            ("timeperiod_m", months),
            ("contentscode", ["TYOTTOMATLOPUSSA"]),
        ],
        values,
        time="timeperiod_m",
        metric="contentscode",
    )
    (raw / "statfin" / "12t8_2026.json").write_text(json.dumps(doc))
    config = load_config()
    config["table"] = [t for t in config["table"] if t["id"] != "tyonv/12t8"] + [
        {
            "id": "tyonv/12t8",
            "file": "statfin/12t8.json",
            "title": "Five-year groups (test)",
            "publisher": "test",
            "licence": "CC BY 4.0",
            "priority": 15,
            "measures": {"TYOTTOMATLOPUSSA": "unemployed"},
            "drop": {"age": ["SSS"]},
        }
    ]
    out = tmp_path / "k.duckdb"
    build(raw, out, progress=lambda _: None, config=config)
    got = (
        "select value, status, source_table from observations where measure = 'unemployed' "
        "and age_group = '55-' and area_code = ? and period = ?"
    )
    assert one(out, got, "MK01", "2026-06-01") == (159.0, "aggregated", "tyonv/12t8")
    assert one(out, got, "MK11", "2026-05-01") == (150.0, "estimated", "tyonv/12t8")
    # The coordinator area KA4 (MK10, MK11, MK12) from the regions' 55+ sums.
    assert one(out, got, "KA4", "2026-06-01") == (3 * 159.0 - 2, "aggregated", "tyonv/12t8")
    assert one(out, "select name_en from age_groups where age_group = '55-'") == (
        "Aged 55 and over",
    )


def test_two_tables_that_disagree_on_a_cell_fail(workspace):
    raw, out = workspace
    before = out.read_bytes()
    path = raw / "statfin" / "12ti.json"
    doc = json.loads(path.read_text())
    # MK01, all occupations, 2023M09, unemployed: 12r5 says 900.
    index = doc["id"].index("Ammattiryhmä")
    assert doc["dimension"]["Ammattiryhmä"]["category"]["index"]["SSS"] == 0 and index == 1
    position = 1 * 5 * 2 * 2  # area MK01 (second), occupation SSS, month 0, contents 0
    assert doc["value"][position] == 900
    doc["value"][position] = 901
    path.write_text(json.dumps(doc))
    with pytest.raises(
        BuildError, match=r"tables disagree on the same cell: unemployed 2023-09 MK01"
    ):
        build(raw, out, progress=lambda _: None)
    assert out.read_bytes() == before


def test_an_answer_that_fails_mid_build_is_named_and_leaves_no_partial_database(sliced):
    # The table's first answers are already in the staging tables when its last one fails.
    raw, out = sliced
    before = out.read_bytes()
    bad = raw / "statfin" / "12r5_KU167.json"
    bad.write_text(bad.read_text(encoding="utf-8")[:300], encoding="utf-8")
    with pytest.raises(BuildError, match="not valid JSON") as info:
        build(raw, out, progress=lambda _: None)
    assert str(bad) in str(info.value)
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["kohtaanto.duckdb", "raw"]


@pytest.mark.parametrize(
    "error",
    [
        OSError(28, "No space left on device"),
        duckdb.IOException(
            'IO Error: Could not write file "x.duckdb.tmp": No space left on device'
        ),
        # What DuckDB 2.0 said when the build's spill filled a 3 MB tmpfs (seen, not invented).
        duckdb.OutOfMemoryException(
            "Out of Memory Error: failed to offload data block of size 256.0 KiB (2.5 MiB/2.6 "
            "MiB used).\nThis limit was set by the 'max_temp_directory_size' setting.\nBy "
            "default, this setting utilizes the available disk space on the drive where the "
            "'temp_directory' is located."
        ),
    ],
)
def test_a_full_disk_is_said_plainly_and_keeps_the_database(workspace, monkeypatch, error):
    # The disk fills while the dimension tables are written, after every answer was loaded.
    from kohtaanto.pipeline import build as build_module

    raw, out = workspace
    before = out.read_bytes()

    def full(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(build_module, "write_dimensions", full)
    with pytest.raises(BuildError) as info:
        build(raw, out, progress=lambda _: None)
    message = str(info.value)
    assert message.startswith(f"{out}: the disk is full (no space left on device in {out.parent}")
    assert "; free some space and build again (" in message
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["kohtaanto.duckdb", "raw"]


def test_periods_spans_group_whole_years_under_the_limit():
    from kohtaanto.pipeline.build import periods_spans

    counts = [(2006, 3), (2007, 3), (2008, 5), (2009, 1), (2010, 1)]
    assert periods_spans(counts, limit=6) == [
        (dt.date(2006, 1, 1), dt.date(2007, 12, 31)),
        (dt.date(2008, 1, 1), dt.date(2009, 12, 31)),
        (dt.date(2010, 1, 1), dt.date(2010, 12, 31)),
    ]
    assert periods_spans([(2023, 10)], limit=6) == [(dt.date(2023, 1, 1), dt.date(2023, 12, 31))]
    assert periods_spans([]) == []


def test_answers_overlap_only_when_they_share_a_code_in_every_column():
    from kohtaanto.pipeline.build import CELL_COLUMNS, _overlapping

    def cube(**codes):
        return {c: set(codes.get(c, ["SSS"])) for c in CELL_COLUMNS}

    years = [
        cube(period=["2022-12"], area_code=["KU005", "KU010"]),
        cube(period=["2023-01", "2023-02"], area_code=["KU005", "KU010"]),
    ]
    assert not _overlapping(years)
    assert _overlapping([*years, cube(period=["2023-02"], area_code=["KU010"])])
    assert not _overlapping([*years, cube(period=["2023-02"], area_code=["KU211"])])


def test_areas_are_summed_without_a_municipality_merged_into_a_member():
    """A table published after a merger has no row for the old municipality: the areas that
    held it are still summed from the successor (the country, the region, the sub-region)."""
    import pandas as pd

    from kohtaanto.dimensions import AREA_COLUMNS, Areas, aggregation_members

    rows = [
        ("SSS", "country", None),
        ("MK10", "region", "SSS"),
        ("SK101", "sub_region", "MK10"),
        ("SK103", "sub_region", "MK10"),
        ("KU491", "municipality", "SK101"),
        ("KU507", "municipality", "SK101"),
        ("KU588", "municipality", "SK101"),
        ("KU740", "municipality", "SK103"),
    ]
    table = pd.DataFrame([(c, lv, c, c, c, p) for c, lv, p in rows], columns=AREA_COLUMNS)
    sk101 = frozenset({"KU491", "KU507", "KU588"})
    whole = sk101 | {"KU740"}
    areas = Areas(
        table=table,
        municipalities={
            "SSS": whole,
            "MK10": whole,
            "SK101": sk101,
            "SK103": frozenset({"KU740"}),
            **{c: frozenset({c}) for c in whole},
        },
        successors={"KU588": "KU507"},  # Pertunmaa into Mäntyharju, 2025
    )
    after = {"KU491", "KU507", "KU740"}
    assert aggregation_members(areas, after) == {
        "SSS": ["KU491", "KU507", "KU740"],
        "MK10": ["KU491", "KU507", "KU740"],
        "SK101": ["KU491", "KU507"],
        "SK103": ["KU740"],
    }
    # Before the merger the old municipality is a member like any other.
    assert aggregation_members(areas, after | {"KU588"})["SK101"] == ["KU491", "KU507", "KU588"]
    # A municipality missing for no such reason is a gap: no sum over the rest.
    assert aggregation_members(areas, {"KU491", "KU507"}) == {"SK101": ["KU491", "KU507"]}


def test_spans_of_years_do_not_change_what_is_built(tiny_raw, tmp_path, monkeypatch):
    # Two years, each with a cell that two tables publish (12r5 and 12ti for MK01): summed and
    # ranked one year at a time (a span each) or both at once, the database is the same.
    from kohtaanto.pipeline import build as build_module

    raw = tmp_path / "raw"
    shutil.copytree(tiny_raw, raw)
    for name in ("12r5", "12ti"):
        text = (raw / "statfin" / f"{name}.json").read_text(encoding="utf-8")
        assert "2022M" not in text
        (raw / "statfin" / f"{name}_2022.json").write_text(
            text.replace("2023M", "2022M"), encoding="utf-8"
        )
    whole = tmp_path / "whole.duckdb"
    build(raw, whole, progress=lambda _: None)
    monkeypatch.setattr(build_module, "SPAN_ROWS", 1)
    spans = tmp_path / "spans.duckdb"
    build(raw, spans, progress=lambda _: None)
    with duckdb.connect() as con:
        con.execute(f"attach '{whole}' as a (read_only)")
        con.execute(f"attach '{spans}' as b (read_only)")
        years = con.execute(
            "select year(period), count(*) from b.observations group by 1 order by 1"
        ).fetchall()
        assert [y for y, _ in years] == [2022, 2023]
        assert years[0][1] == years[1][1]
        for table in ("observations", "v_occupation_month", "v_area_month", "coverage"):
            for x, y in (("a", "b"), ("b", "a")):
                extra = con.execute(
                    f"select count(*) from (from {x}.{table} except all from {y}.{table})"
                ).fetchone()[0]
                assert extra == 0, (table, x)
