"""A chart's description for a slide's picture (narrative.describe): its kind, what and where,
the period its axis spans and its series; never a pointer to a table the deck does not have."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from kohtaanto import charts
from kohtaanto.charts import narrative
from kohtaanto.i18n import t
from kohtaanto.note import Note

NOTE = Note(sources=("tyonv/12r5",))


def two_lines() -> go.Figure:
    data = pd.DataFrame(
        {
            "period": list(pd.date_range("2021-01-01", periods=3, freq="MS")) * 2,
            "series": ["Uusimaa"] * 3 + ["Koko maa"] * 3,
            "v": [10.0, 11.0, 12.0, 9.0, 9.5, 9.7],
        }
    )
    return charts.line_chart(
        data, x="period", y="v", series="series", title="T", lang="fi", note=NOTE
    )


def test_a_line_chart_over_months():
    fig = two_lines()
    text = narrative.describe(fig, "Työttömien osuus: Uusimaa ja koko maa", "Uusimaa: 12 %.", "fi")
    assert text == (
        "Viivakaavio, 1/2021–3/2021: Työttömien osuus: Uusimaa ja koko maa."
        " Sarjat: Uusimaa, Koko maa. Uusimaa: 12 %."
    )


def test_a_copy_with_typed_arrays_reads_the_same():
    """A slide's copy (charts.copy_figure) holds numbers as Plotly's typed arrays."""
    fig = charts.for_slide(two_lines())
    assert narrative.period_shown(fig) == "1/2021–3/2021"
    assert narrative.chart_kind(fig) == "line"


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_pointer_to_the_table_is_left_out(lang):
    fig = charts.bar_chart(
        pd.DataFrame({"name": ["A", "B"], "v": [1, 2]}),
        label="name",
        value="v",
        title="T",
        lang=lang,
        note=NOTE,
    )
    text = narrative.describe(fig, "Ranking, 6/2026", t("story.takeaway_none", lang), lang)
    assert text == t("alt.sentence", lang, kind=t("alt.bar", lang), title="Ranking, 6/2026")


def test_survey_years_and_a_period_already_in_the_title():
    fig = go.Figure(go.Scatter(x=[2016, 2020, 2025], y=[1, 2, 3], name="55–64"))
    assert narrative.period_shown(fig) == "2016–2025"
    text = narrative.describe(fig, "Osuus 2016–2025", "", "sv")
    assert text == "Linjediagram: Osuus 2016–2025. Serier: 55–64."  # the years: in the title


@pytest.mark.parametrize(
    ("trace", "kind"),
    [
        (go.Choropleth(locations=["a"], z=[1]), "map"),
        (go.Table(cells={"values": [[1]]}), "table"),
        (go.Bar(x=[1], y=["a"], orientation="h"), "bar"),
        (go.Scatter(x=[1, 2], y=["a", "b"], mode="markers"), "dots"),
        (go.Scatter(x=[1, 2], y=[3, 4], mode="markers+text"), "scatter"),
        (go.Scatter(x=[1, 2], y=[3, 4]), "line"),
    ],
)
def test_kinds(trace, kind):
    assert narrative.chart_kind(go.Figure(trace)) == kind
    assert narrative.period_shown(go.Figure(trace)) == ""


def test_a_scatter_with_a_reference_line_and_a_dumbbell():
    scatter = go.Figure(
        [
            go.Scatter(x=[240, 3000], y=[10, 400], mode="markers", name="Enemmän työttömiä"),
            go.Scatter(x=[1, 10_000], y=[1, 10_000], mode="lines", name="1 paikka työtöntä kohden"),
        ]
    )
    assert narrative.chart_kind(scatter) == "scatter"
    # No "latest value 400, change +390" read from a scatter of counts as if it were time.
    assert narrative.figure_takeaway(scatter, "fi") == t("story.takeaway_none", "fi")
    dumbbell = go.Figure(
        [
            go.Scatter(x=[10, 12], y=["Koulutus", "Koulutus"], mode="lines"),
            go.Scatter(x=[10], y=["Koulutus"], mode="markers", name="2016"),
        ]
    )
    assert narrative.chart_kind(dumbbell) == "dots"
