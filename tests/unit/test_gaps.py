"""Gaps shown honestly: a line breaks at months without figures, never a straight line across.

The real mirror has most areas from 1/2006 to 10/2023 and then 6/2026 only; here the same shape
on three known months.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from kohtaanto import charts
from kohtaanto.note import Note


def frame(months: list[str], values: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"series": "Koko maa", "period": pd.to_datetime(months), "value": values})


def test_missing_months_become_a_break_in_the_line():
    data = frame(["2023-09-01", "2023-10-01", "2024-01-01"], [10.0, 11.0, 12.0])
    fig = charts.line_chart(
        data, x="period", y="value", series="series", title="t", lang="fi", note=Note()
    )
    trace = fig.data[0]
    assert [pd.Timestamp(x).strftime("%Y-%m") for x in trace.x] == [
        "2023-09",
        "2023-10",
        "2023-11",
        "2023-12",
        "2024-01",
    ]
    ys = list(trace.y)
    assert ys[:2] == [10.0, 11.0] and ys[4] == 12.0
    assert math.isnan(ys[2]) and math.isnan(ys[3])
    assert trace.connectgaps is False
    assert trace.name == "Koko maa"


def test_a_complete_series_is_unchanged():
    data = frame(["2023-09-01", "2023-10-01"], [10.0, 11.0])
    out = charts.with_gaps(data, "period")
    assert list(out.value) == [10.0, 11.0]
    assert list(out.series) == ["Koko maa", "Koko maa"]


def test_yearly_grid_for_survey_years():
    data = frame(["2019-01-01", "2021-01-01"], [5.0, 6.0])
    out = charts.with_gaps(data, "period", freq="YS")
    assert [p.year for p in out.period] == [2019, 2020, 2021]
    assert math.isnan(out.value.iloc[1]) and out.series.iloc[1] == "Koko maa"


def test_periods_off_the_grid_are_left_alone():
    data = pd.DataFrame({"series": "a", "period": ["x", "y"], "value": [1.0, 2.0]})
    assert charts.with_gaps(data, "period").equals(data)


def test_a_short_span_has_one_tick_per_month():
    """Three months: Plotly's own ticks fall on half months and print "08/2023" twice."""
    data = frame(["2023-08-01", "2023-09-01", "2023-10-01"], [10.0, 11.0, 12.0])
    fig = charts.line_chart(
        data, x="period", y="value", series="series", title="t", lang="fi", note=Note()
    )
    assert (fig.layout.xaxis.dtick, fig.layout.xaxis.tick0) == ("M1", "2023-08-01")
    assert fig.layout.xaxis.tickformat == "%m/%Y"


def test_a_long_span_leaves_the_ticks_to_plotly():
    months = pd.date_range("2021-01-01", "2023-10-01", freq="MS").strftime("%Y-%m-%d").tolist()
    data = frame(months, [float(i) for i in range(len(months))])
    fig = charts.line_chart(
        data, x="period", y="value", series="series", title="t", lang="fi", note=Note()
    )
    assert fig.layout.xaxis.dtick is None
    assert fig.layout.xaxis.tickformat == "%m/%Y"


def test_a_footnote_gives_the_months_its_data_cover():
    """Asked for 11/2018–6/2026, a chart with figures for 8–10/2023 says 8/2023–10/2023."""
    periods = pd.to_datetime(["2023-08-01", "2023-10-01", "2023-09-01"])
    note = Note.of(["tyonv/12ti"], periods, ["observed"], start=dt.date(2018, 11, 1))
    assert (note.start, note.end) == (dt.date(2023, 8, 1), dt.date(2023, 10, 1))
    assert "8/2023–10/2023" in note.footnote("fi")
    empty = Note.of(["tyonv/12ti"], [], [], start=dt.date(2018, 11, 1))
    assert (empty.start, empty.end) == (dt.date(2018, 11, 1), None)


def test_a_title_never_breaks_at_a_hyphen():
    wrapped = charts.wrap_lines(
        "Avoimia työpaikkoja työtöntä kohden: Etelä-Satakunta ja koko maa", 38
    )
    assert "Etelä-Satakunta" in wrapped.replace(charts.WRAP, "\n").splitlines()[1]


def test_a_month_alone_between_gaps_is_a_dot_on_the_peer_chart_too():
    """Alueet's peer chart: North Karelia's June 2026 stands alone after a gap since 10/2023 and
    drew nothing there (a line needs two points); the area's, the country's and a peer's lone
    month are dots like on every line chart."""
    from kohtaanto.charts import maps as charts_map

    rows = []
    for code, name in (("MK12", "Pohjois-Karjala"), ("SSS", "Koko maa"), ("MK01", "Uusimaa")):
        for month, value in (("2023-09", 12.0), ("2023-10", 12.5), ("2026-06", 15.4)):
            rows.append((code, name, pd.Timestamp(month), value))
    data = pd.DataFrame(rows, columns=["area_code", "name", "period", "value"])
    fig = charts_map.peer_trend(
        data,
        strong=["MK12"],
        country="SSS",
        peers_label="Maakunnat",
        title="T",
        lang="fi",
        note=Note(),
        y_title="%",
        percent=True,
        decimals=1,
    )
    for trace in fig.data:
        sizes = list(trace.marker.size)
        assert trace.mode == "lines+markers", trace.name
        assert [s > 0 for s in sizes][-1] and not any(s > 0 for s in sizes[:-1]), (
            trace.name,
            sizes,
        )
