"""The outlook in figures and words (kohtaanto/charts/outlook.py) on small known frames: the
dashed continuation and its band, the ranking with error bars, and the sentences."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kohtaanto import charts
from kohtaanto.charts import outlook as chart
from kohtaanto.note import Forecast, Note

NBSP = "\u00a0"
NOTE = Note.of(["tyonv/12r5"], [dt.date(2023, 9, 1), dt.date(2023, 10, 1)], ["observed"])


def observed() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "series": ["A", "A"],
            "period": pd.to_datetime(["2023-09-01", "2023-10-01"]),
            "value": [100.0, 110.0],
        }
    )


def forecast_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": pd.to_datetime(["2023-11-01", "2023-12-01"]),
            "value": [112.0, 115.0],
            "lo80": [105.0, 104.0],
            "hi80": [120.0, 130.0],
        }
    )


def line(lang: str = "fi"):
    return charts.line_chart(
        observed(), x="period", y="value", series="series", title="T: A", lang=lang, note=NOTE
    )


def test_the_outlook_continues_the_line_from_its_origin_with_a_light_band():
    fig = line()
    before = (fig.layout.margin.t, fig.layout.height)
    chart.add_outlook(
        fig,
        forecast_rows(),
        name="A: ennuste 10/2023, Holt-Winters",
        band_name="80 %:n väli",
        lang="fi",
        anchor=(pd.Timestamp("2023-10-01"), 110.0),
    )
    lo, hi, dashed = fig.data[1:]
    assert [str(x)[:10] for x in dashed.x] == ["2023-10-01", "2023-11-01", "2023-12-01"]
    assert list(dashed.y) == [110.0, 112.0, 115.0]
    assert dashed.line.dash == "dash" and dashed.line.color == charts.AREA
    assert (list(lo.y), list(hi.y)) == ([110.0, 105.0, 104.0], [110.0, 120.0, 130.0])
    assert hi.fill == "tonexty" and hi.fillcolor == "rgba(0,96,168,0.16)"
    assert lo.showlegend is False and hi.name == "80 %:n väli"
    # The band once in the legend (its lower edge is left out); legendrank puts it last.
    assert charts.legend_items(fig) == ["A", "80 %:n väli", "A: ennuste 10/2023, Holt-Winters"]
    assert (hi.legendrank, dashed.legendrank) == (1002, 1001)
    # One line had no legend; the three items (518 px by charts.legend_rows) take two rows.
    assert (fig.layout.margin.t, fig.layout.height) == (before[0] + 48, before[1] + 48)
    assert "(80 %:n väli %{customdata[0]:,.0f}–%{customdata[1]:,.0f})" in dashed.hovertemplate


def test_an_outlook_without_bounds_has_no_band():
    fig = line("en")
    rows = forecast_rows().assign(lo80=float("nan"), hi80=float("nan"))
    chart.add_outlook(fig, rows, name="Forecast", band_name="80% interval", lang="en")
    assert [tr.name for tr in fig.data] == ["A", "Forecast"]
    assert list(fig.data[1].y) == [112.0, 115.0]  # no anchor: from the first forecast month


def test_renote_grows_the_figure_by_the_lines_added():
    fig = line()
    height, bottom = fig.layout.height, fig.layout.margin.b
    gap = Forecast("before_gap", "holt_winters", dt.date(2023, 10, 1), dt.date(2026, 6, 1))
    longer = NOTE.with_forecast(gap)
    chart.renote(fig, longer, "fi")
    text = fig.layout.annotations[0].text
    added = charts.line_count(text) - charts.line_count(
        charts.wrap_lines(NOTE.footnote("fi"), charts.NOTE_WIDTH)
    )
    assert added >= 2 and "11/2023–5/2026 puuttuvat." in text.replace(charts.WRAP, " ")
    assert fig.layout.height == height + 16 * added
    assert fig.layout.margin.b == bottom + 16 * added


RANKING = pd.DataFrame(
    {
        "name": ["Alpha", "Beta", "Gamma"],
        "change": [5.0, -2.0, 12.5],
        "lo": [-1.0, -6.0, 4.0],
        "hi": [11.0, 3.0, 20.0],
    }
)


def test_the_ranking_is_ordered_with_the_chosen_area_highlighted_and_error_bars():
    fig = chart.change_figure(
        RANKING,
        title="Muutos: maakunnat",
        lang="fi",
        note=NOTE,
        x_title="Muutos, %",
        highlight=["Beta"],
        reference=4.0,
        reference_label="Koko maa +4,0 %",
        points=False,
    )
    others, chosen = fig.data
    assert list(fig.layout.yaxis.categoryarray) == ["Beta", "Alpha", "Gamma"]  # Gamma on top
    assert (list(chosen.y), chosen.marker.color) == (["Beta"], charts.AREA)
    assert list(others.y) == ["Alpha", "Gamma"]
    assert list(others.error_x.array) == [6.0, 7.5]
    assert list(others.error_x.arrayminus) == [6.0, 8.5]
    assert (list(chosen.error_x.array), list(chosen.error_x.arrayminus)) == ([5.0], [4.0])
    assert others.showlegend and not chosen.showlegend
    assert [s.x0 for s in fig.layout.shapes] == [0, 4.0]
    assert fig.layout.shapes[1].line.dash == "dash"


def test_change_in_words():
    assert chart.change_text(3.25, "fi", points=False) == f"+3,2{NBSP}%"
    assert chart.change_text(-0.414, "en", points=True) == f"−0.41{NBSP}pp"
    assert chart.interval_text(-4.1, 9.0, "en", points=False) == "−4.1% … +9.0%"
    assert chart.ranking_sentence(
        RANKING, what="Työttömät", span="10/2023–10/2024", lang="fi", points=False, chosen=["Beta"]
    ) == (
        f"Työttömät: ennustettu muutos 10/2023–10/2024 on suurin alueella Gamma (+12,5{NBSP}%) ja "
        f"pienin alueella Beta (−2,0{NBSP}%). Beta: −2,0{NBSP}% (80 %:n väli −6,0{NBSP}% … "
        f"+3,0{NBSP}%). 2/3 alueen välissä on sekä kasvu että lasku, joten niiden suunta on "
        "epävarma."
    )


def test_the_forecasts_last_month_in_words():
    last = pd.Series(
        {"period": pd.Timestamp("2024-10-01"), "value": 13.66, "lo80": 12.0, "hi80": 15.94}
    )
    words = {"what": "the unemployment share", "area": "North Karelia", "lang": "en"}
    sentence = chart.outlook_sentence(
        last, origin=dt.date(2023, 10, 1), percent=True, decimals=1, **words
    )
    assert sentence == (
        "North Karelia: the forecast made at 10/2023 puts the unemployment share at 13.7% in "
        "10/2024 (80% interval 12.0%–15.9%)."
    )


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [(1, 0.25, 0.8, 10), (12, 0.9, 0.6, 10)],
            "Työttömät: kuukauden päähän ennusteen virhe oli keskimäärin 25\u00a0% kausinaiivin "
            "ennusteen virheestä. 12 kuukauden päähän 90\u00a0%. 80 %:n välit osuivat "
            "70\u00a0%:iin toteutuneista arvoista.",
        ),
        (
            [(1, 0.68, 0.75, 20), (12, 1.04, 0.71, 20), (6, 0.85, None, 0)],
            "Työttömät: kuukauden päähän ennusteen virhe oli keskimäärin 68\u00a0% kausinaiivin "
            "ennusteen virheestä. 12 kuukauden päähän 104\u00a0% (naiivi osui paremmin). "
            "80 %:n välit osuivat 73\u00a0%:iin toteutuneista arvoista.",
        ),
    ],
)
def test_the_track_record_in_plain_words(rows, expected):
    frame = pd.DataFrame(rows, columns=["horizon", "rel_mae", "coverage80", "n"])
    assert chart.record_sentence(frame, what="Työttömät", lang="fi") == expected
