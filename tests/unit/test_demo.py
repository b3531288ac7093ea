"""The offline demo database: the real build's shape, generated figures that add up exactly."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap

import duckdb
import pandas as pd
import pytest

from kohtaanto import dimensions, paths
from kohtaanto.pipeline import build, forecast_step
from kohtaanto.pipeline.demo import DemoError, DemoReport, build_demo, load_reference

# Every generated area has 120 months x (8 unemployed age groups, labour force, open and new
# vacancies, 3 long-term age groups, 26 + 25 occupation cells, 19 industry cells) = 10 080 cells;
# 19 regions and 27 sums of them (country, 5 coordinator areas, 5 major regions, 16 ELY areas),
# plus 60 yearly LFS rates and 2 x 10 x 17 LFS employed.
EXPECTED_ROWS = 46 * 120 * 84 + 60 + 340

OBSERVATION_HASH = """
    select md5(string_agg(
        concat_ws('|', measure, period, frequency, area_code, age_group, occupation_code,
                  industry_code, sex, value, status, source_table), ';'
        order by measure, period, area_code, age_group, occupation_code, industry_code, sex))
    from observations"""

# What build._write_dimensions adds to the tables of schema.sql.
BUILD_EXTRA_COLUMNS = {
    ("area_members", "member_level", "VARCHAR"),
    ("measures", "derived", "BOOLEAN"),
}

# Cells of one area compared with the sum of the same cells of other areas: how many differ.
SUM_MISMATCHES = """
    with parts as (
        select m.area_code, o.measure, o.period, o.age_group, o.occupation_code, o.industry_code,
            sum(o.value) as value
        from observations o join {members} m on m.member_code = o.area_code
        group by all)
    select count(*) filter (where t.value is distinct from p.value), count(*)
    from parts p join observations t using (area_code, measure, period, age_group,
        occupation_code, industry_code)"""


@pytest.fixture(scope="session")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> DemoReport:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.duckdb")


@pytest.fixture(scope="session")
def con(demo_report: DemoReport):
    connection = duckdb.connect(str(demo_report.out), read_only=True)
    yield connection
    connection.close()


def one(con: duckdb.DuckDBPyConnection, sql: str, *params):
    return con.execute(sql, list(params)).fetchone()


def columns(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str, str]]:
    return set(
        con.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = 'main'"
        ).fetchall()
    )


def tables(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    return set(
        con.execute(
            "select table_name, table_type from information_schema.tables "
            "where table_schema = 'main'"
        ).fetchall()
    )


# --- the file -----------------------------------------------------------------------------------


def test_report_counts_what_was_written(demo_report, con):
    assert demo_report.rows == EXPECTED_ROWS
    assert one(con, "select count(*) from observations") == (EXPECTED_ROWS,)
    assert demo_report.size_bytes == demo_report.out.stat().st_size
    assert demo_report.seconds > 0


def test_schema_is_schema_sql_and_views_sql_as_the_build_extends_them(con):
    with duckdb.connect() as expected:
        expected.execute(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
        expected.execute(paths.VIEWS_SQL.read_text(encoding="utf-8"))
        build.materialise(expected)
        expected.execute((paths.PACKAGE / "projects" / "projects.sql").read_text(encoding="utf-8"))
        expected.execute(forecast_step.FORECAST_SQL.read_text(encoding="utf-8"))
        assert columns(con) == columns(expected) | BUILD_EXTRA_COLUMNS
        assert tables(con) == tables(expected)


def test_build_info_says_demo(con):
    info = dict(con.execute("select key, value from build_info").fetchall())
    assert set(info) == {
        "built_at",
        "raw_dir",
        "demo",
        "seed",
        "forecast_status",
        "forecast_made_at",
    }
    assert (info["demo"], info["raw_dir"], info["seed"]) == ("true", None, "55")
    assert dt.datetime.fromisoformat(info["built_at"]).tzinfo is not None


def test_every_observation_is_demo(con):
    assert con.execute(
        "select distinct status, source_table, sex from observations"
    ).fetchall() == [("demo", "demo", "SSS")]


def test_source_row_says_it_is_not_real(con):
    row = one(con, "select title, publisher, url, licence, first_period, last_period from sources")
    assert row[0].startswith("Demo data — not real figures")
    assert "no municipalities" in row[0]
    assert row[1:] == (
        "kohtaanto demo generator",
        "",
        "CC0",
        dt.date(2016, 1, 1),
        dt.date(2025, 12, 1),
    )
    assert one(con, "select count(*) from sources") == (1,)


def test_the_build_validation_passes(con):
    build.validate(con)


def test_counts_are_whole_persons_and_nothing_is_missing(con):
    assert one(
        con,
        "select count(*) filter (where value is null), "
        "count(*) filter (where measure <> 'unemployment_rate_lfs' and value <> round(value)) "
        "from observations",
    ) == (0, 0)


def test_months_and_years(con):
    assert con.execute(
        "select frequency, min(period), max(period), count(distinct period) from observations "
        "group by 1 order by 1"
    ).fetchall() == [
        ("month", dt.date(2016, 1, 1), dt.date(2025, 12, 1), 120),
        ("year", dt.date(2016, 1, 1), dt.date(2025, 1, 1), 10),
    ]


# --- dimensions ---------------------------------------------------------------------------------


def test_areas_levels_and_parents(con):
    assert dict(con.execute("select level, count(*) from areas group by 1").fetchall()) == {
        "country": 1,
        "coordinator_area": 5,
        "major_region": 5,
        "ely": 16,
        "region": 19,
    }
    parents = dict(con.execute("select area_code, parent_code from areas").fetchall())
    assert (parents["SSS"], parents["MK01"], parents["MK12"], parents["MK21"]) == (
        None,
        "KA1",
        "KA4",
        "SSS",
    )
    assert {parents[c] for c in ("KA3", "SA4", "ELY16")} == {"SSS"}
    assert one(con, "select name_fi, name_sv, name_en from areas where area_code = 'ELY01'") == (
        "Uudenmaan ELY-keskus",
        "NTM-centralen i Nyland",
        "Uusimaa ELY Centre",
    )
    assert one(con, "select name_sv from areas where area_code = 'SA4'") == (
        "Norra och Östra Finland",
    )


def test_area_members_are_regions(con):
    members = con.execute(
        "select area_code, list(member_code order by member_code), list(distinct member_level) "
        "from area_members group by 1"
    ).fetchall()
    by_area = {a: (m, lv) for a, m, lv in members}
    assert len(by_area) == 1 + 5 + 5 + 16
    assert all(levels == ["region"] for _, levels in by_area.values())
    assert len(by_area["SSS"][0]) == 19
    assert by_area["ELY12"][0] == ["MK15", "MK16"]
    assert by_area["ELY04"][0] == ["MK05", "MK07"]
    assert by_area["SA5"][0] == ["MK21"]
    assert by_area["KA4"][0] == ["MK10", "MK11", "MK12"]


def test_age_groups_table(con):
    assert {a for (a,) in con.execute("select age_group from age_groups").fetchall()} == {
        "SSS",
        "15-24",
        "25-49",
        "50-",
        "55-59",
        "60-64",
        "65-",
        "55-",
        "15-74",
        "25-34",
        "35-44",
        "45-54",
        "55-64",
        "15-64",
    }
    assert one(con, "select min_age, max_age from age_groups where age_group = '55-'") == (55, None)


def test_measures_table_is_the_reference(con):
    assert one(con, "select count(*) from measures") == (len(dimensions.build_measures()),)
    assert one(con, "select unit, derived from measures where measure = 'tightness'") == (
        "ratio",
        True,
    )


def test_reference_regions_cover_the_coordinator_areas():
    reference = load_reference()
    coordinators = pd.read_csv(paths.REFERENCE / "coordinator_areas.csv", dtype=str)
    assert set(coordinators.member_code) | {"MK21"} == set(reference.regions.area_code)
    assert len(reference.regions) == 19


def test_bad_reference_names_the_file(tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(paths.REFERENCE, reference)
    regions = reference / "demo_regions.csv"
    regions.write_text(
        regions.read_text(encoding="utf-8").replace(",ELY09,", ",ELY99,"), encoding="utf-8"
    )
    with pytest.raises(dimensions.ReferenceError, match=r"demo_regions\.csv.*ELY99"):
        load_reference(reference)


# --- sums ---------------------------------------------------------------------------------------


def test_coordinator_areas_are_the_sums_of_their_regions(con):
    coordinators = pd.read_csv(paths.REFERENCE / "coordinator_areas.csv", dtype=str)
    july = con.execute(
        "select area_code, age_group, value from observations where measure = 'unemployed' "
        "and period = '2024-07-01' and occupation_code = 'SSS' and industry_code = 'SSS'"
    ).fetchall()
    value = {(a, g): v for a, g, v in july}
    for ka, group in coordinators.groupby("area_code"):
        for age in ("SSS", "55-", "15-24"):
            assert value[(ka, age)] == sum(value[(mk, age)] for mk in group.member_code), (ka, age)
    # and every cell of every month, measure, age, occupation and industry
    con.register("coordinators", coordinators)
    differ, compared = one(con, SUM_MISMATCHES.format(members="coordinators"))
    assert (differ, compared) == (0, 5 * 120 * 84)


def test_country_is_the_sum_of_the_regions(con):
    differ, compared = one(
        con,
        SUM_MISMATCHES.format(
            members="(select 'SSS' as area_code, area_code as member_code from areas "
            "where level = 'region')"
        ),
    )
    assert (differ, compared) == (0, 120 * 84)


def test_every_sum_area_is_the_sum_of_its_members(con):
    differ, compared = one(con, SUM_MISMATCHES.format(members="area_members"))
    assert (differ, compared) == (0, 27 * 120 * 84)


def test_age_groups_add_up(con):
    violations = one(
        con,
        """
        with w as (
            pivot (select measure, area_code, period, age_group, value from observations
                   where measure in ('unemployed', 'long_term_unemployed')
                     and occupation_code = 'SSS')
            on measure || ':' || age_group using first(value))
        select
            count(*) filter (where "unemployed:55-"
                <> "unemployed:55-59" + "unemployed:60-64" + "unemployed:65-"),
            count(*) filter (where "unemployed:SSS"
                <> "unemployed:15-24" + "unemployed:25-49" + "unemployed:50-"),
            count(*) filter (where "unemployed:50-" < "unemployed:55-"),
            count(*) filter (where "long_term_unemployed:SSS" > "unemployed:SSS"
                or "long_term_unemployed:50-" > "unemployed:50-"
                or "long_term_unemployed:55-" > "unemployed:55-"
                or "long_term_unemployed:50-" < "long_term_unemployed:55-"),
            count(*)
        from w""",
    )
    assert violations == (0, 0, 0, 0, 46 * 120)


def test_occupations_add_up(con):
    assert one(
        con,
        """
        with t as (
            select o.measure, o.area_code, o.period, c.level, o.occupation_code, c.parent_code,
                o.value
            from observations o join occupations c using (occupation_code)
            where o.measure in ('unemployed', 'open_vacancies') and o.age_group = 'SSS'
              and o.industry_code = 'SSS'),
        top as (
            select measure, area_code, period, sum(value) filter (where level in (1, 9)) as parts,
                max(value) filter (where level = 0) as total
            from t group by all),
        children as (
            select c.measure, c.area_code, c.period, c.parent_code, sum(c.value) as parts,
                p.value as parent
            from t c join t p on p.measure = c.measure and p.area_code = c.area_code
                and p.period = c.period and p.occupation_code = c.parent_code
            where c.level = 2 group by all)
        select
            (select count(*) filter (where parts <> total) from top),
            (select count(*) filter (where parts > parent) from children),
            (select count(*) from t where occupation_code = 'X212' and measure = 'open_vacancies'),
            (select count(distinct occupation_code) from t where level = 2)
        """,
    ) == (0, 0, 0, 15)


def test_vacancies_by_industry_add_up(con):
    sections = {
        c
        for (c,) in con.execute(
            "select distinct industry_code from observations where measure = 'open_vacancies' "
            "and industry_code <> 'SSS'"
        ).fetchall()
    }
    assert sections == set("ABCDEFGHIJKLMNOPQRS")
    assert one(
        con,
        """
        select count(*) filter (where p.parts <> t.value), count(*)
        from (select area_code, period, sum(value) as parts from observations
              where measure = 'open_vacancies' and industry_code <> 'SSS' group by all) p
        join observations t using (area_code, period)
        where t.measure = 'open_vacancies' and t.industry_code = 'SSS' and t.occupation_code = 'SSS'
        """,
    ) == (0, 46 * 120)


def test_lfs_tables(con):
    rates = con.execute(
        "select age_group, count(*) from observations where measure = 'unemployment_rate_lfs' "
        "and area_code = 'SSS' and frequency = 'year' group by 1"
    ).fetchall()
    assert dict(rates) == {a: 10 for a in ("15-74", "15-24", "25-34", "35-44", "45-54", "55-64")}
    assert one(
        con,
        """
        with e as (select period, age_group, industry_code, value from observations
                   where measure = 'lfs_employed')
        select
            count(distinct industry_code),
            count(*) filter (where value % 1000 <> 0),
            (select count(*) from e t where industry_code = 'SSS' and value <> (
                select sum(value) from e p where p.period = t.period
                  and p.age_group = t.age_group and p.industry_code <> 'SSS')),
            (select count(*) from e o join e a using (period, industry_code)
             where o.age_group = '55-64' and a.age_group = '15-64' and o.value > a.value)
        from e
        """,
    ) == (17, 0, 0, 0)


# --- plausibility -------------------------------------------------------------------------------


def test_unemployment_share_of_regions_is_plausible(con):
    low, high = one(
        con,
        "select min(unemployment_share), max(unemployment_share) from v_area_month "
        "join areas using (area_code) where level = 'region'",
    )
    assert low >= 2 and high <= 20
    east, west, uusimaa = (
        one(con, "select avg(unemployment_share) from v_area_month where area_code = ?", a)[0]
        for a in ("KA4", "KA3", "KA1")
    )
    assert east > west and east > uusimaa


def test_seasons_and_the_covid_spike(con):
    by_month = con.execute(
        "select month(period), avg(unemployed / labour_force), avg(open_vacancies / labour_force) "
        "from v_area_month where area_code = 'SSS' group by 1"
    ).fetchall()
    unemployment_peaks = {m for m, _, _ in sorted(by_month, key=lambda r: -r[1])[:2]}
    vacancy_peak = max(by_month, key=lambda r: r[2])[0]
    assert unemployment_peaks == {1, 7}
    assert vacancy_peak in (3, 4, 5)
    february, april = (
        one(con, "select unemployed from v_area_month where area_code = 'SSS' and period = ?", p)[0]
        for p in (dt.date(2020, 2, 1), dt.date(2020, 4, 1))
    )
    assert april > 1.25 * february


def test_older_jobseekers_are_a_quarter_and_stay_longer(con):
    share_55, long_term_55, long_term_all = one(
        con,
        """
        select avg(u55.value / u.value), avg(l55.value / u55.value), avg(l.value / u.value)
        from observations u
        join observations u55 using (area_code, period, occupation_code, industry_code)
        join observations l using (area_code, period, occupation_code, industry_code)
        join observations l55 using (area_code, period, occupation_code, industry_code)
        where u.area_code = 'SSS' and u.occupation_code = 'SSS' and u.industry_code = 'SSS'
          and u.measure = 'unemployed' and u.age_group = 'SSS'
          and u55.measure = 'unemployed' and u55.age_group = '55-'
          and l.measure = 'long_term_unemployed' and l.age_group = 'SSS'
          and l55.measure = 'long_term_unemployed' and l55.age_group = '55-'
        """,
    )
    assert 0.20 < share_55 < 0.30
    assert long_term_55 > 1.4 * long_term_all


# --- determinism and failure --------------------------------------------------------------------


def test_same_seed_same_observations_in_a_fresh_process_that_never_reads_the_raw_mirror(
    con, tmp_path
):
    """The CLI in another process, with an audit hook that fails on any open under ../shared."""
    out = tmp_path / "again.duckdb"
    script = textwrap.dedent(
        f"""
        import os, sys
        shared = {str(paths.ROOT.parent / "shared")!r}
        def hook(event, args):
            if event == "open" and isinstance(args[0], (str, os.PathLike)):
                if os.path.abspath(os.fspath(args[0])).startswith(shared + os.sep):
                    raise RuntimeError(f"the demo opened {{args[0]}}")
        sys.addaudithook(hook)
        from kohtaanto.__main__ import main
        sys.exit(main(["demo", "--out", {str(out)!r}, "--seed", "55"]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(paths.ROOT)},
        # A hang guard, not a speed test: the demo runs the forecast step too (a second process).
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert f"built DEMO database {out}: {EXPECTED_ROWS:,} observations" in done.stdout
    with duckdb.connect(str(out), read_only=True) as again:
        assert one(again, OBSERVATION_HASH) == one(con, OBSERVATION_HASH)


def test_another_seed_gives_other_values_in_the_same_cells(con, tmp_path):
    other = build_demo(tmp_path / "other.duckdb", seed=56)
    with duckdb.connect(str(other.out), read_only=True) as again:
        assert one(again, OBSERVATION_HASH) != one(con, OBSERVATION_HASH)
        cells = (
            "select md5(string_agg(concat_ws('|', measure, period, area_code, age_group, "
            "occupation_code, industry_code), ';' order by measure, period, area_code, age_group, "
            "occupation_code, industry_code)) from observations"
        )
        assert one(again, cells) == one(con, cells)
        assert one(again, "select value from build_info where key = 'seed'") == ("56",)


def test_failed_validation_leaves_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "kohtaanto.duckdb"
    out.write_bytes(b"the previous database")

    def refuse(con):
        raise build.BuildError("validation failed: 1 made-up problem")

    monkeypatch.setattr(build, "validate", refuse)
    with pytest.raises(DemoError, match="made-up problem"):
        build_demo(out)
    assert out.read_bytes() == b"the previous database"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kohtaanto.duckdb"]


def test_unwritable_folder_is_a_demo_error(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_bytes(b"a file where the folder should be")
    with pytest.raises(DemoError, match="data"):
        build_demo(blocker / "kohtaanto.duckdb")
    assert blocker.read_bytes() == b"a file where the folder should be"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_failed_rename_leaves_no_temp_file(tmp_path):
    out = tmp_path / "kohtaanto.duckdb"
    out.mkdir()  # os.replace cannot put a file over a folder
    (out / "keep").write_bytes(b"x")
    with pytest.raises(DemoError):
        build_demo(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kohtaanto.duckdb"]
    assert (out / "keep").read_bytes() == b"x"


def test_interrupted_build_leaves_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "kohtaanto.duckdb"
    out.write_bytes(b"old")

    def interrupt(con):
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "validate", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build_demo(out)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_cli_reports_a_failure(tmp_path, capsys):
    from kohtaanto.__main__ import main

    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    assert main(["demo", "--out", str(blocker / "x.duckdb")]) == 1
    assert "demo failed" in capsys.readouterr().err
