"""The benchmark's yardstick: a trivial Streamlit page with one Plotly line chart.

    .venv/bin/python -m streamlit run benchmarks/trivial_app.py

A title, one area picker (widget key ``f_area``, like the app's) and one line chart of 60 months
made up in memory: no database, no cache. ``bench_app.py`` serves it next to the app and
measures both the same way. Keep it plain; it is not meant to be fast or slow.

``?charts=N`` draws N such charts (1 to 8) instead of one: the same yardstick with as many
charts as an app page, to tell the cost of the number of charts from the cost of their content.

``?extras=block,sidebar`` adds, to tell apart what the app's page costs beyond its charts: with
``block``, each chart gets the elements of the app's chart block (``ui.show_chart``: a text
alternative and a phone footnote as ``st.html``, the "show data" expander, a row of three download
buttons and an "add to presentation" button, each with help); with ``sidebar``, the sidebar gets
the app's frame (its styles and print script as ``st.html``, five pickers with as many options as
the real database's areas and months, five hidden text inputs, a caption and a popover). Made up
in memory like the charts; the figures stay the trivial ones.

Two pages in the sidebar's navigation (``/`` and ``/other``), both the same: a click on the other
one is the yardstick of the app's click in its navigation. The number of charts is kept for the
session, as the app keeps its filters, since a page click drops the query string.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

AREAS = ["North Karelia", "Eastern Finland", "Whole country"]
MAX_CHARTS = 8
STATIC = Path(__file__).resolve().parent.parent / "kohtaanto" / "static"
FRAME_AREAS = 420  # about the real database's areas (municipalities, regions, ...)
FRAME_MONTHS = 240

st.set_page_config(page_title="Trivial", layout="wide")
area = st.sidebar.selectbox("Area", AREAS, key="f_area")

if "charts" in st.query_params or "charts" not in st.session_state:
    try:
        st.session_state["charts"] = min(
            MAX_CHARTS, max(1, int(st.query_params.get("charts", "1")))
        )
    except ValueError:
        st.session_state["charts"] = 1


if "extras" in st.query_params or "extras" not in st.session_state:
    st.session_state["extras"] = set(st.query_params.get("extras", "").split(","))
extras = st.session_state["extras"]


def frame() -> None:
    """The app's sidebar, made up: the same elements with as many options."""
    css = "".join((STATIC / n).read_text(encoding="utf-8") for n in ("app.css", "print.css"))
    st.html(f"<style>{css}</style>")
    with st.sidebar.container(key="print_js"):
        st.html(
            f"<script>{(STATIC / 'print.js').read_text()}</script>", unsafe_allow_javascript=True
        )
    st.sidebar.selectbox("Language", ["fi", "sv", "en"], key="x_lang")
    months = [f"{1 + i % 12}/{2006 + i // 12}" for i in range(FRAME_MONTHS)]
    first, last = st.sidebar.columns(2)
    first.selectbox("Start", months, index=FRAME_MONTHS - 61, key="x_start")
    last.selectbox("End", months, index=FRAME_MONTHS - 1, key="x_end")
    st.sidebar.selectbox(
        "Areas", [f"Area {i} · municipality" for i in range(FRAME_AREAS)], key="x_area", help="?"
    )
    st.sidebar.selectbox("Age", ["All ages", "55-64", "50-", "55-"], key="x_age", help="?")
    st.sidebar.caption("Data until 9/2026. Sources: Statistics Finland.")
    with st.sidebar.container(key="url_keep"):
        for name in ("lang", "area", "age", "start", "end"):
            st.text_input(name, key=f"x_keep_{name}", label_visibility="collapsed")
    with st.sidebar.popover("Link to this view", icon=":material/link:", width="stretch"):
        st.code("http://127.0.0.1/?area=MK12", language=None, wrap_lines=True)


def block_before(i: int, title: str) -> None:
    st.html(
        f'<p class="chart-alt">{title}</p><p class="chart-title-phone" aria-hidden="true">'
        f"{title}</p><style>@media (max-width: 640px) {{ .st-key-chart{i} {{ margin-top: -40px;"
        " margin-bottom: -40px; }} }}</style>"
    )


def block_after(i: int, fig: go.Figure, area: str) -> None:
    st.html(
        f'<p class="chart-note-phone" aria-hidden="true">{area}. Source: Statistics Finland.</p>'
    )
    box = st.expander("Show data", key=f"x_table{i}", on_change="rerun")
    if box.open:
        box.dataframe(pd.DataFrame({"y": fig.data[0].y}))
    row = st.container(horizontal=True, gap="small", key=f"x_buttons{i}")
    for ext in ("png", "xlsx", "csv"):
        row.download_button(
            ext.upper(),
            help=f"Download {ext}",
            data=lambda ext=ext: ext.encode(),
            file_name=f"chart{i}_{area}.{ext}",
            key=f"x_{ext}{i}",
            icon=":material/download:",
            on_click="ignore",
        )
    row.button("Add", key=f"x_story{i}", icon=":material/playlist_add:", help="Add to the story")


def draw() -> None:
    st.title(f"Trivial: {area}")
    months = pd.date_range("2018-11-01", periods=60, freq="MS")
    for i in range(st.session_state["charts"]):
        rng = np.random.default_rng(AREAS.index(area) if i == 0 else [AREAS.index(area), i])
        values = 10 + rng.normal(0, 1, len(months)).cumsum() * 0.3
        fig = go.Figure(go.Scatter(x=months, y=values, mode="lines", name=area))
        title = "Unemployment share" if i == 0 else f"Unemployment share ({i + 1})"
        fig.update_layout(title=f"{title}: {area}", yaxis_title="%", height=420)
        if "block" in extras:  # its texts name the area, as the app's do
            block_before(i, f"{title}: {area}")
        st.plotly_chart(fig, key="chart" if i == 0 else f"chart{i}")
        if "block" in extras:
            block_after(i, fig, area)


def other() -> None:
    draw()


if "sidebar" in extras:
    frame()
st.navigation(
    [
        st.Page(draw, title="Charts", url_path="charts", default=True),
        st.Page(other, title="Other", url_path="other"),
    ],
    position="sidebar",
).run()
