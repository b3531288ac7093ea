"""The outlook on the real database built from the mirror (the rest: tests/unit/test_forecast.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from kohtaanto.pipeline import forecast as fc
from tests.unit.test_forecast import table


@pytest.mark.realdata
def test_real_database_has_outlook_for_every_region_and_ely(real_db):
    areas = table(real_db, "select area_code from areas where level in ('region', 'ely')")
    want = set(areas["area_code"])
    assert len(want) == 19 + 16
    for measure in ("unemployed", "open_vacancies"):
        got = table(
            real_db,
            "select area_code, min(origin) o1, max(origin) o2, count(*) n from forecasts "
            "where measure = ? and age_group = 'SSS' group by 1",
            [measure],
        ).set_index("area_code")
        assert want <= set(got.index), want - set(got.index)
        assert set(got.loc[list(want), "o1"]) == {pd.Timestamp("2023-10-01")}
        assert set(got.loc[list(want), "n"]) == {12}
        bt = table(
            real_db,
            "select area_code, count(distinct origin) n from forecast_backtest "
            "where measure = ? and age_group = 'SSS' and model = 'holt_winters' group by 1",
            [measure],
        ).set_index("area_code")
        assert set(bt.loc[list(want), "n"]) == {len(fc.BACKTEST_YEARS)}
    series = table(
        real_db, "select * from forecast_series where measure = 'unemployed' and area_code = 'MK12'"
    ).set_index("age_group")
    assert series.loc["SSS", "last_data"] == pd.Timestamp("2026-06-01")
    assert series.loc["SSS", "reason"] == "before_gap"
    assert series.loc["50-", "reason"] == "too_short"
    accuracy = table(
        real_db,
        "select horizon, n_series, rel_mae from v_forecast_accuracy_level "
        "where measure = 'unemployed' and age_group = 'SSS' and level = 'region' order by 1",
    )
    assert list(accuracy["horizon"]) == list(range(1, 13))
    assert set(accuracy["n_series"]) == {19}
    assert accuracy["rel_mae"].iloc[0] < 1
