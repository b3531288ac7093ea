"""The benchmark's yardstick: a trivial Streamlit page with one Plotly line chart.

    .venv/bin/python -m streamlit run benchmarks/trivial_app.py

A title, one area picker (widget key ``f_area``, like the app's) and one line chart of 60 months
made up in memory: no database, no cache. ``bench_app.py`` serves it next to the app and
measures both the same way. Keep it plain; it is not meant to be fast or slow.
"""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

AREAS = ["North Karelia", "Eastern Finland", "Whole country"]

st.set_page_config(page_title="Trivial", layout="wide")
area = st.sidebar.selectbox("Area", AREAS, key="f_area")
st.title(f"Trivial: {area}")

rng = np.random.default_rng(AREAS.index(area))
months = pd.date_range("2018-11-01", periods=60, freq="MS")
values = 10 + rng.normal(0, 1, len(months)).cumsum() * 0.3
fig = go.Figure(go.Scatter(x=months, y=values, mode="lines", name=area))
fig.update_layout(title=f"Unemployment share: {area}", yaxis_title="%", height=420)
st.plotly_chart(fig, key="chart")
