"""The benchmark's yardstick: a trivial Streamlit page with one Plotly line chart.

    .venv/bin/python -m streamlit run benchmarks/trivial_app.py

A title, one area picker (widget key ``f_area``, like the app's) and one line chart of 60 months
made up in memory: no database, no cache. ``bench_app.py`` serves it next to the app and
measures both the same way. Keep it plain; it is not meant to be fast or slow.

``?charts=N`` draws N such charts (1 to 8) instead of one: the same yardstick with as many
charts as an app page, to tell the cost of the number of charts from the cost of their content.

Two pages in the sidebar's navigation (``/`` and ``/other``), both the same: a click on the other
one is the yardstick of the app's click in its navigation. The number of charts is kept for the
session, as the app keeps its filters, since a page click drops the query string.
"""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

AREAS = ["North Karelia", "Eastern Finland", "Whole country"]
MAX_CHARTS = 8

st.set_page_config(page_title="Trivial", layout="wide")
area = st.sidebar.selectbox("Area", AREAS, key="f_area")

if "charts" in st.query_params or "charts" not in st.session_state:
    try:
        st.session_state["charts"] = min(
            MAX_CHARTS, max(1, int(st.query_params.get("charts", "1")))
        )
    except ValueError:
        st.session_state["charts"] = 1


def draw() -> None:
    st.title(f"Trivial: {area}")
    months = pd.date_range("2018-11-01", periods=60, freq="MS")
    for i in range(st.session_state["charts"]):
        rng = np.random.default_rng(AREAS.index(area) if i == 0 else [AREAS.index(area), i])
        values = 10 + rng.normal(0, 1, len(months)).cumsum() * 0.3
        fig = go.Figure(go.Scatter(x=months, y=values, mode="lines", name=area))
        title = "Unemployment share" if i == 0 else f"Unemployment share ({i + 1})"
        fig.update_layout(title=f"{title}: {area}", yaxis_title="%", height=420)
        st.plotly_chart(fig, key="chart" if i == 0 else f"chart{i}")


def other() -> None:
    draw()


st.navigation(
    [
        st.Page(draw, title="Charts", url_path="charts", default=True),
        st.Page(other, title="Other", url_path="other"),
    ],
    position="sidebar",
).run()
