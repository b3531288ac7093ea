"""The database built from the raw mirror (../shared/raw): published figures land exactly."""

from __future__ import annotations

import duckdb
import pytest

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def con(real_db):
    with duckdb.connect(str(real_db), read_only=True) as c:
        yield c


def value(con, sql, *params):
    row = con.execute(sql, list(params)).fetchone()
    return row[0] if row else None


def test_country_unemployed_2023_08(con):
    assert (
        value(
            con,
            "select unemployed from v_area_month where area_code = 'SSS' and period = '2023-08-01'",
        )
        == 249506
    )


def test_pohjois_karjala_unemployment_share_2023_10(con):
    share = value(
        con,
        "select unemployment_share from v_area_month where area_code = 'MK12' and period = '2023-10-01'",
    )
    assert round(share, 1) == 12.7


def test_country_over_50_unemployed_2006_01(con):
    assert (
        value(
            con,
            "select value from observations where measure = 'unemployed' and age_group = '50-' "
            "and area_code = 'SSS' and period = '2006-01-01' and sex = 'SSS'",
        )
        == 106333
    )


def test_current_table_wins_where_archived_agrees(con):
    # 1001 and 12r5 both publish the country's unemployed until 2020-06: one row, from 12r5.
    assert con.execute(
        "select value, source_table from observations where measure = 'unemployed' "
        "and area_code = 'SSS' and period = '2015-03-01' and age_group = 'SSS' "
        "and sex = 'SSS' and occupation_code = 'SSS'"
    ).fetchall() == [
        (
            value(
                con,
                "select unemployed from v_area_month where area_code = 'SSS' and period = '2015-03-01'",
            ),
            "tyonv/12r5",
        )
    ]


def test_every_level_of_area_is_there(con):
    counts = dict(con.execute("select level, count(*) from areas group by level").fetchall())
    assert counts == {
        "country": 1,
        "coordinator_area": 5,
        "major_region": 5,
        "ely": 16,
        "elinvoimakeskus": 10,
        "region": 19,
        "employment_area": 46,
        "sub_region": 69,
        "municipality": 309,
        "unallocated": 8,
    }


@pytest.mark.parametrize(
    ("area", "status"),
    [
        ("SSS", "observed"),
        ("MK12", "observed"),
        ("KA4", "aggregated"),
        ("TA01", "aggregated"),
        ("EVK06", "aggregated"),
        ("ELY04", "observed"),
    ],
)
def test_area_status_2023_10(con, area, status):
    assert (
        value(
            con,
            "select status from v_area_month where area_code = ? and period = '2023-10-01'",
            area,
        )
        == status
    )


def test_coordinator_area_sums_its_regions(con):
    ka4 = value(
        con, "select unemployed from v_area_month where area_code = 'KA4' and period = '2023-10-01'"
    )
    regions = value(
        con,
        "select sum(unemployed) from v_area_month where area_code in ('MK10', 'MK11', 'MK12') "
        "and period = '2023-10-01'",
    )
    assert ka4 == regions == 25721


def test_employment_area_rate_from_summed_counts(con):
    u, lf, share = con.execute(
        "select unemployed, labour_force, unemployment_share from v_area_month "
        "where area_code = 'TA01' and period = '2023-10-01'"
    ).fetchone()
    assert share == pytest.approx(100 * u / lf)


def test_occupation_rollup_matches_its_children(con):
    children = value(
        con,
        "select sum(value) from observations o join occupations c using (occupation_code) "
        "where c.parent_code = '222' and o.measure = 'unemployed' and o.area_code = 'MK01' "
        "and o.period = '2023-10-01'",
    )
    parent = value(
        con,
        "select value from observations where occupation_code = '222' and measure = 'unemployed' "
        "and area_code = 'MK01' and period = '2023-10-01'",
    )
    assert parent == children


def test_lfs_tables(con):
    assert (
        value(
            con,
            "select value from observations where measure = 'unemployment_rate_lfs' "
            "and age_group = '55-64' and period = '2025-01-01'",
        )
        == 8.7
    )
    assert (
        value(
            con,
            "select count(*) from observations where measure = 'lfs_unemployed' and value < 1000",
        )
        == 0
    )


def test_mismatch_across_regions_is_a_share(con):
    lo, hi = con.execute(
        "select min(mismatch_index), max(mismatch_index) from v_mismatch_region"
    ).fetchone()
    assert 0 < lo < hi < 100


def test_sources_name_licence_and_coverage(con):
    rows = dict(con.execute("select source_table, licence from sources").fetchall())
    assert set(rows) >= {
        "tyonv/12r5",
        "tyonv/12ti",
        "tyonv/1001",
        "tyti/13aj",
        "atp/11n1",
        "tyti/137i",
    }
    assert set(rows.values()) == {"CC BY 4.0"}
    assert (
        value(con, "select last_period from sources where source_table = 'tyonv/12r5'").isoformat()
        == "2026-06-01"
    )


def test_55_plus_from_five_year_groups_where_a_source_has_them(con):
    parts = value(
        con,
        "select sum(value) from observations where area_code = 'KU109' and sex = 'SSS' "
        "and period = '2019-01-01' and age_group in ('55-59', '60-64', '65-')",
    )
    row = con.execute(
        "select value, status, source_table from observations where area_code = 'KU109' "
        "and sex = 'SSS' and period = '2019-01-01' and age_group = '55-'"
    ).fetchone()
    assert row == (parts, "estimated", "tyonv/1205")  # 65+ is suppressed in that month


# --- several answers of 12r5: the mirror's 12r5.json, the live 2026M06 and Kangasala's slice ---

OVER_50 = (
    "select value from observations where measure = 'unemployed' and age_group = '50-' "
    "and sex = 'SSS' and occupation_code = 'SSS' and industry_code = 'SSS' "
    "and area_code = ? and period = ?"
)


@pytest.mark.parametrize(
    ("area", "expected"), [("SSS", 115552), ("MK12", 3993), ("MK01", 39435), ("KA4", 11381)]
)
def test_unemployed_over_50_in_2026_06(con, area, expected):
    assert value(con, OVER_50, area, "2026-06-01") == expected


def test_coordinator_area_over_50_is_the_sum_of_its_regions(con):
    regions = [value(con, OVER_50, mk, "2026-06-01") for mk in ("MK10", "MK11", "MK12")]
    assert regions == [2677, 4711, 3993]
    row = con.execute(
        "select value, status from observations where measure = 'unemployed' "
        "and age_group = '50-' and sex = 'SSS' and area_code = 'KA4' "
        "and period = '2026-06-01'"
    ).fetchone()
    assert row == (sum(regions), "aggregated")


def test_regions_over_50_leave_out_the_unallocated(con):
    # The README's check: the 19 regions sum to 115 548, four fewer than the country.
    assert (
        value(
            con,
            "select sum(o.value) from observations o join areas a using (area_code) "
            "where a.level = 'region' and o.measure = 'unemployed' and o.age_group = '50-' "
            "and o.sex = 'SSS' and o.period = '2026-06-01'",
        )
        == 115548
    )


def test_kangasala_over_50(con):
    assert value(con, OVER_50, "KU211", "2020-06-01") == 656
    months = con.execute(
        "select count(distinct period), min(period), max(period) from observations "
        "where measure = 'unemployed' and age_group = '50-' and area_code = 'KU211' "
        "and period between '2007-01-01' and '2025-01-01'"
    ).fetchone()
    assert [months[0], months[1].isoformat(), months[2].isoformat()] == [
        217,
        "2007-01-01",
        "2025-01-01",
    ]


def test_municipalities_of_2026(con):
    # 308 municipalities (Pertunmaa KU588 merged into Mäntyharju KU507 in 2025), a few suppressed.
    assert (
        value(
            con,
            "select count(*) from v_area_month m join areas a using (area_code) "
            "where a.level = 'municipality' and m.period = '2026-06-01'",
        )
        == 308
    )
    assert (
        value(
            con,
            "select count(*) from observations where area_code = 'KU588' and period = '2026-06-01'",
        )
        == 0
    )
    # The employment area with both is summed from its municipalities without Pertunmaa.
    members = value(
        con,
        "select sum(o.value) from observations o join area_members m "
        "on m.member_code = o.area_code where m.area_code = 'TA23' "
        "and o.measure = 'unemployed' and o.age_group = 'SSS' and o.sex = 'SSS' "
        "and o.occupation_code = 'SSS' and o.period = '2026-06-01'",
    )
    assert con.execute(
        "select value, status from observations where area_code = 'TA23' "
        "and measure = 'unemployed' and age_group = 'SSS' and sex = 'SSS' "
        "and occupation_code = 'SSS' and period = '2026-06-01'"
    ).fetchone() == (members, "aggregated")


def test_unallocated_areas(con):
    rows = con.execute(
        "select area_code from areas where level = 'unallocated' order by 1"
    ).fetchall()
    assert [r[0] for r in rows] == [
        "ELY80",
        "ELYJO",
        "KU199",
        "KUJOU",
        "MK91",
        "MKJO",
        "SK902",
        "SKJOU",
    ]
    assert (
        value(
            con,
            "select count(*) from area_members m join areas a "
            "on a.area_code in (m.area_code, m.member_code) where a.level = 'unallocated'",
        )
        == 0
    )
    assert (
        value(
            con,
            "select count(*) from boundaries b join areas a using (area_code) "
            "where a.level = 'unallocated'",
        )
        == 0
    )


def test_gap_between_the_mirror_and_the_live_month(con):
    months = con.execute(
        "select period from v_area_month where area_code = 'SSS' "
        "and period > '2023-08-01' order by 1"
    ).fetchall()
    assert [m[0].isoformat() for m in months] == ["2023-09-01", "2023-10-01", "2026-06-01"]


def test_sources_updated_from_the_answers_and_no_made_up_retrieval_time(con):
    row = con.execute(
        "select updated, retrieved_at from sources where source_table = 'tyonv/12r5'"
    ).fetchone()
    assert (row[0].isoformat(), row[1]) == ("2026-07-21T05:00:00", None)
