"""charts.legend_below: the legend moved from above a plot to under it, the figure's height kept."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kohtaanto import charts
from kohtaanto.note import Note


def two_lines() -> pd.DataFrame:
    months = pd.to_datetime(["2024-01-01", "2024-02-01"])
    return pd.DataFrame(
        {
            "period": [*months, *months],
            "value": [1.0, 2.0, 3.0, 4.0],
            "series": ["Pohjois-Karjala", "Pohjois-Karjala", "Koko maa", "Koko maa"],
        }
    )


def figure(data: pd.DataFrame):
    return charts.line_chart(
        data,
        x="period",
        y="value",
        series="series",
        title="Työttömät",
        lang="fi",
        note=Note.of(["demo"], ["2024-01-01", "2024-02-01"], ["demo"]),
    )


def test_legend_goes_under_the_plot_and_the_footnote_under_it():
    fig = figure(two_lines())
    # layout(): one title line and one legend row above the plot (24 + 24 + 24 px).
    assert (fig.layout.height, fig.layout.margin.t, fig.layout.margin.b) == (440, 72, 90)
    fig.add_annotation(text="other", x=0, y=0)
    charts.legend_below(fig)
    # The legend's row and 6 px before the footnote (LEGEND_SLACK_PX) come under the plot.
    assert (fig.layout.height, fig.layout.margin.t, fig.layout.margin.b) == (446, 48, 120)
    # The legend's top 42 px under the plot (446 - 48 - 120 = 278 px high), in paper units.
    assert fig.layout.legend.yanchor == "top"
    assert fig.layout.legend.y == -42 / 278
    note = fig.layout.annotations[0]
    assert (note.name, note.yshift) == ("footnote", -72)
    assert [a.text for a in fig.layout.annotations[1:]] == ["other"]


def test_a_figure_without_a_legend_is_left_as_it_is():
    fig = figure(two_lines().query("series == 'Koko maa'"))
    before = fig.to_json()
    charts.legend_below(fig)
    assert fig.to_json() == before


def test_a_legend_already_under_the_plot_stays():
    fig = figure(two_lines())
    charts.legend_below(fig)
    once = fig.to_json()
    charts.legend_below(fig)
    assert fig.to_json() == once


def test_a_slide_puts_the_legend_back_above_the_plot():
    slide = charts.for_slide(charts.legend_below(figure(two_lines())))
    # The slide has no footnote and a 70 px bottom margin: the legend goes where the title was.
    assert (slide.layout.legend.y, slide.layout.legend.yanchor) == (1.0, "bottom")
    assert [a.name for a in slide.layout.annotations] == []


def test_a_title_is_not_broken_after_a_hyphen():
    title = "Avoimia työpaikkoja työtöntä kohden: Pohjois-Karjala ja koko maa"
    assert charts.wrap_title(title) == (
        "Avoimia työpaikkoja työtöntä kohden:" + charts.WRAP + "Pohjois-Karjala ja koko maa"
    )


def test_a_copy_for_the_screen_leaves_the_original_alone():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name="a"))
    fig.update_layout(title="t", legend={"orientation": "h", "y": 1.02})
    copy = charts.copy_figure(fig)
    copy.update_layout(legend={"y": -0.2})
    assert (fig.layout.legend.y, copy.layout.legend.y) == (1.02, -0.2)
    assert list(copy.data[0].y) == [3, 4] and copy.layout.title.text == "t"


def test_an_age_chart_title_is_wrapped_once_and_its_subtitle_fits_a_half_width_chart():
    """The age charts wrapped their titles at 58 characters and the frame again at 46, so the
    survey chart's title read "…Labour Force Survey:" / "whole" / "country"; the subtitle was cut
    at the chart's edge. A break without ages has no dangling colon."""
    from kohtaanto.charts import age_figures as charts_age

    data = pd.DataFrame(
        {
            "year": pd.to_datetime(["2024-01-01", "2025-01-01"] * 2),
            "group": ["15–24", "15–24", "55–64", "55–64"],
            "rate": [17.0, 18.0, 7.0, 8.0],
        }
    )
    title = "Unemployment rate by age, Labour Force Survey: whole country"
    subtitle = charts_age.break_subtitle(
        "en", "tyti/13aj", ["15–24", "25–34", "35–44", "45–54", "55–64", "15–74"]
    )
    fig = charts_age.lines(
        data,
        x="year",
        y="rate",
        series="group",
        title=title,
        subtitle=subtitle,
        lang="en",
        note=Note(),
        x_format="%Y",
    )
    assert fig.layout.title.text.split(charts.WRAP) == [
        "Unemployment rate by age, Labour Force Survey:",
        "whole country",
    ]
    assert all(len(line) <= 64 for line in fig.layout.title.subtitle.text.split(charts.WRAP))
    assert (
        charts_age.break_subtitle("en", "tyonv/12r5", [])
        == "Employment service register, tyonv/12r5"
    )


def test_a_phone_draws_a_long_legend_item_on_a_row_of_its_own():
    # Pohjois-Karjala 153 + Koko maa 104 px fit the phone's 278 px; with "Kaikki ikäryhmät"
    # (160 px) the three do not, and Plotly's grid then has one column as wide as the widest.
    assert charts.drawn_legend_rows(["Pohjois-Karjala", "Koko maa"], 278) == 1
    assert charts.drawn_legend_rows(["50+", "55+", "Kaikki ikäryhmät"], 278) == 3
    assert (
        charts.drawn_legend_rows(["15–24", "25–34", "35–44", "45–54", "55–64", "15–74"], 278) == 2
    )
    assert charts.drawn_legend_rows(["Koko maa"], 278) == 1


def test_the_footnote_room_is_what_a_phone_leaves_blank_under_the_legend():
    shown = charts.legend_below(figure(two_lines()))
    # 120 px bottom margin, the footnote's top 72 px under the plot: 48 px from there down,
    # and the 6 px gap above it (LEGEND_SLACK_PX), blank on a phone too.
    assert charts.footnote_room(shown) == 54
    # A legend a phone wraps onto three rows, where the screen gives it two (the rows Plotly
    # draws at 340 px): one more row takes 22 px of that room.
    three = pd.concat([two_lines(), two_lines().assign(series="Kaikki")])
    shown = charts.legend_below(figure(three))
    assert charts.drawn_legend_rows(charts.legend_items(shown), charts.PHONE_LEGEND_WIDTH) == 3
    assert charts.screen_legend_rows(charts.legend_items(shown)) == 2
    assert charts.footnote_room(shown) == 54 - 22
    no_note = figure(two_lines())
    no_note.layout.annotations = []
    assert charts.footnote_room(no_note) == 0


def test_long_category_labels_wrap_on_the_axis_only():
    data = pd.DataFrame(
        {
            "name": ["Koulutus", "Sähkö-, kaasu-, lämpö-, vesi-, viemäri- ja jätevesihuolto"],
            "share": [23.6, 17.9],
        }
    )
    fig = charts.bar_chart(
        data,
        label="name",
        value="share",
        title="Osuus",
        lang="fi",
        note=Note(("demo",), status="demo"),
    )
    before = fig.layout.height
    charts.wrap_category_labels(fig)
    # The categories stay whole (hover, takeaways); the shown labels wrap at 30 characters.
    assert list(fig.data[0].y) == list(data.sort_values("share").name)
    assert list(fig.layout.yaxis.tickvals) == list(fig.data[0].y)
    assert list(fig.layout.yaxis.ticktext) == [
        "Sähkö-, kaasu-, lämpö-, vesi-,<br />viemäri- ja jätevesihuolto",
        "Koulutus",
    ]
    # Two rows of two 15 px lines and 4 px, instead of 26 px: 8 px more each.
    assert fig.layout.height == before + 2 * 8
    short = charts.bar_chart(
        data.head(1),
        label="name",
        value="share",
        title="Osuus",
        lang="fi",
        note=Note(("demo",), status="demo"),
    )
    assert charts.wrap_category_labels(short).layout.yaxis.ticktext is None


def test_the_screen_copy_is_made_once_per_figure_and_leaves_it_alone():
    """ui._screen_figure: a warm rerun draws the same shared figure; its screen copy (legend
    below) is made once and forgotten with the figure."""
    import gc

    from kohtaanto import ui

    fig = figure(two_lines())
    legend_y = fig.layout.legend.y
    shown = ui._screen_figure(fig)
    assert ui._screen_figure(fig) is shown
    assert fig.layout.legend.y == legend_y and shown.layout.legend.y < 0 < legend_y
    other = figure(two_lines())
    assert ui._screen_figure(other) is not shown
    key = (id(fig), "screen")
    del fig
    gc.collect()
    assert key not in ui._COPIES


def test_a_pages_change_of_layout_is_made_once_per_shared_view():
    """ui._copy_once with a page's ``adapt`` (Kohtaanto's half-width charts): the same adapted
    copy on every rerun, the shared figure untouched, the screen copy then made once too."""
    from kohtaanto import ui

    calls = []

    def narrow(fig):
        calls.append(fig)
        return fig.update_layout(width=500)

    fig = figure(two_lines())
    first = ui._copy_once(fig, narrow, narrow)
    assert ui._copy_once(fig, narrow, narrow) is first
    assert len(calls) == 1 and first.layout.width == 500 and fig.layout.width is None
    assert ui._screen_figure(first) is ui._screen_figure(first)


def test_a_long_title_breaks_after_its_colon_not_inside_the_area_name():
    assert (
        charts.wrap_title(
            "Vacancies per unemployed person: North Karelia and the whole country", 46
        )
        == f"Vacancies per unemployed person:{charts.WRAP}North Karelia and the whole country"
    )
    # A footnote's "Lähde:" is not a title: it wraps where the line is full.
    note = "Lähde: Tilastokeskus, KEHA-keskus / työnvälitystilasto tyonv/12r5"
    assert charts.wrap_lines(note, 46).startswith("Lähde: Tilastokeskus, KEHA-keskus /")
    # What does not fit a line before the colon wraps as before.
    long_what = "Työttömien työnhakijoiden osuus työvoimasta ikäryhmittäin: Pohjois-Karjala"
    assert charts.wrap_title(long_what, 46) == charts.wrap_lines(long_what, 46)
