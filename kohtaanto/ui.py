"""The shared frame of every page: filters kept in the URL, notices, banners, and chart blocks.

Filters live in the URL as codes (``?area=MK12&age=50-&start=2022-01``), never as translated
labels, so a link opens the same view in any language. The URL is read before the widgets are
made, validated, and written back after them (see ../shared/design/CONTRACT.md, section 3).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import re
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kohtaanto import charts, fmt, urlparams
from kohtaanto.charts.ages import widest_experienced
from kohtaanto.db import DatabaseUnavailable, data_stamp, run_query
from kohtaanto.export import files
from kohtaanto.export import html as table_html
from kohtaanto.export import tables as table_export
from kohtaanto.filters import Filters, area_labels
from kohtaanto.i18n import DEFAULT_LANG, LANGS, name_column, strict, t
from kohtaanto.note import Note
from kohtaanto.paths import ROOT

if TYPE_CHECKING:
    from kohtaanto.panels import View

log = logging.getLogger(__name__)
LANG_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
DEFAULT_YEARS = 5
SHARED = ("lang", "area", "age", "start", "end")  # the URL parameters of every page
PICKS = "picks"  # the own presentation's charts (kohtaanto/picks.py), kept on every page


@functools.cache
def _static(name: str) -> str:
    """A file of ``kohtaanto/static``, read once per server process, not on every rerun."""
    return (ROOT / "kohtaanto" / "static" / name).read_text(encoding="utf-8")


def static_files() -> None:
    """The screen and print styles, and the scripts in a sidebar box that app.css hides: one
    scales charts to the printed column (print.js), one puts the page in the reader's language
    where Streamlit and Plotly write English and sorts the data tables (a11y.js)."""
    st.html(f"<style>{_static('app.css')}\n{_static('print.css')}</style>")
    with st.sidebar.container(key="print_js"):
        st.html(
            # One script element: of two in one st.html only the first is run.
            f"<script>{_static('print.js')}\n{_static('a11y.js')}</script>",
            unsafe_allow_javascript=True,
        )


def page_texts(lang: str) -> None:
    """Hand a11y.js the reader's language and its texts for what Streamlit and Plotly write in
    English: the skip link and the chart toolbar's full-screen button. Sent again only when the
    language changes (an element whose content is unchanged is not redrawn)."""
    texts = {
        "skip": t("common.skip_to_main", lang),
        "fullscreen": t("chart_toolbar.fullscreen", lang),
        "close_fullscreen": t("chart_toolbar.close_fullscreen", lang),
    }
    given = json.dumps({"lang": lang, "texts": texts})
    with st.sidebar.container(key="page_js"):
        st.html(
            f"<script>window.kohtaantoTexts = {given};"
            " window.kohtaantoA11y && window.kohtaantoA11y.use(window.kohtaantoTexts);</script>",
            unsafe_allow_javascript=True,
        )


# The presentation page: its slide's chart fills what the window leaves (at least this high),
# the handout's charts are drawn this high for the printed sheet (about 2.2:1 on A4 landscape).
SLIDE_MIN_HEIGHT = 320
HANDOUT_HEIGHT = 660


def presentation_assets() -> None:
    """The presentation page's styles (the slide sized to the window, the handout printed) and
    its script (arrow keys, full screen): kohtaanto/static/esitys.css and esitys.js."""
    st.html(
        f"<style>{_static('esitys.css')}</style><script>{_static('esitys.js')}</script>",
        unsafe_allow_javascript=True,
    )


def fullscreen_button(lang: str) -> None:
    """The full-screen toggle: the page's own HTML button, because the browser grants full
    screen only in the reader's click (esitys.js), which a Streamlit button sends to the server."""
    st.html(
        '<button type="button" class="kt-fullscreen" aria-pressed="false">'
        f'<span class="kt-fs-enter">{escape(t("story.fullscreen", lang))}</span>'
        f'<span class="kt-fs-exit">{escape(t("story.fullscreen_exit", lang))}</span></button>',
        unsafe_allow_javascript=True,
    )


def slide_figure(fig: go.Figure, height: int | None = None) -> go.Figure:
    """``fig`` as a slide shows it (``charts.for_slide``) drawn ``height`` pixels high, or for
    the screen's slide (None) as high as the window leaves it: a copy made once per figure."""

    def change(copy: go.Figure) -> go.Figure:
        out = charts.for_slide(copy, height or charts.SLIDE_HEIGHT)
        out.update_layout(height=height or SLIDE_MIN_HEIGHT)
        return out

    return _copy_once(fig, ("slide", height), change)


def slide_config() -> dict:
    """Plotly's options for a slide: no toolbar (it covered the legend on a projector)."""
    return {**charts.PLOTLY_CONFIG, "displayModeBar": False}


def _query_param(name: str) -> str | None:
    value = st.query_params.get(name)
    return None if value is None else str(value)


def read_param(name: str) -> str | None:
    """A URL parameter as text, or None when absent."""
    return _query_param(name)


def write_param(param: str, value: str, default: str) -> None:
    """Write a page's own URL parameter (removed when it has its default)."""
    _write(param, value, default)


def _sync(param: str, widget_key: str, parsed: str, default: str) -> None:
    """Seed the widget from the URL on first load, or when the URL changed under us (the
    browser's back and forward, a link). A parameter missing from the URL means its default:
    the shared ones survive a page click by their bound widgets (``_keep_on_navigation``)."""
    written = st.session_state.setdefault("_url_written", {})
    seen = _query_param(param) or default
    if widget_key not in st.session_state or seen != written.get(param, default):
        st.session_state[widget_key] = parsed
    elif st.session_state[widget_key] is None:
        st.session_state[widget_key] = default


def _relabel(widget_key: str, lang: str) -> None:
    """Make the browser show a kept choice in the new language (``lang``: anything that changes
    the option labels, such as the language and the age groups marked as without data).

    A selectbox's browser side holds the shown label of its choice, not the option. After a
    language switch it would send the old label with the next rerun (a page click, say); that
    label is no option any more and Streamlit falls back to the first one ("Hela landet").
    Assigning the kept value again makes Streamlit send it to the browser with its new label.
    """
    made_in = st.session_state.setdefault("_labels_lang", {})
    if widget_key in st.session_state and made_in.get(widget_key, lang) != lang:
        st.session_state[widget_key] = st.session_state[widget_key]
    made_in[widget_key] = lang


def _write(param: str, value: str, default: str) -> None:
    written = st.session_state.setdefault("_url_written", {})
    written[param] = value
    if param in SHARED:
        written[f"{param}_default"] = default
        if param in st.session_state:  # bound already: its widget writes it (_keep_on_navigation)
            return
    if value == default:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != value:
        st.query_params[param] = value


def setup_filters() -> Filters:
    """Read, validate and render the shared filters in the sidebar; write them to the URL."""
    problems: list[urlparams.Problem] = []
    lang, problem = urlparams.parse_choice("lang", _query_param("lang"), LANGS, DEFAULT_LANG)
    problems += [problem] if problem else []
    _sync("lang", "f_lang", lang, DEFAULT_LANG)
    lang = st.sidebar.selectbox(
        "Kieli · Språk · Language", LANGS, key="f_lang", format_func=LANG_NAMES.__getitem__
    )
    _write("lang", lang, DEFAULT_LANG)

    try:
        lists = _lists(lang, data_stamp())
    except DatabaseUnavailable as exc:
        st.error(t("common.db_missing", lang, detail=str(exc)))
        st.stop()
    months, names, labels, status = lists.months, lists.names, lists.area_labels, lists.status
    if not months:
        st.error(t("common.db_empty", lang))
        st.stop()

    area, problem = urlparams.parse_choice("area", _query_param("area"), names, "SSS")
    problems += [problem] if problem else []
    _sync("area", "f_area", area, "SSS")
    _relabel("f_area", lang)
    area = st.sidebar.selectbox(
        t("filters.area", lang),
        list(names),
        key="f_area",
        # The level tells apart areas of one name (Kuopio the municipality and the sub-region).
        format_func=labels.__getitem__,
        help=t("filters.area_help", lang),
    )
    _write("area", area, "SSS")

    default_range = (months[max(0, len(months) - 12 * DEFAULT_YEARS - 1)], months[-1])
    (start, end), range_problems = urlparams.parse_range(
        _query_param("start"), _query_param("end"), months, default_range
    )
    problems += range_problems
    # Two month pickers rather than a range slider: a slider over two decades of months is hard
    # to set precisely, and each end maps to its own URL parameter.
    codes, by_code = lists.codes, lists.by_code
    first, last = st.sidebar.columns(2)
    chosen = []
    for param, column, value, default in (
        ("start", first, start, default_range[0]),
        ("end", last, end, default_range[1]),
    ):
        _sync(param, f"f_{param}", urlparams.month_code(value), urlparams.month_code(default))
        _relabel(f"f_{param}", lang)
        code = column.selectbox(
            t(f"filters.{param}", lang),
            codes,
            key=f"f_{param}",
            format_func=lists.month_labels.__getitem__,
        )
        chosen.append(by_code[code])
    start, end = min(chosen), max(chosen)
    _write("start", urlparams.month_code(chosen[0]), urlparams.month_code(default_range[0]))
    _write("end", urlparams.month_code(chosen[1]), urlparams.month_code(default_range[1]))

    age_names, default_age = lists.age_names, lists.default_age
    age, problem = urlparams.parse_choice("age", _query_param("age"), age_names, default_age)
    problems += [problem] if problem else []
    # Groups without a count for this area and period are marked, not hidden, so a link with
    # such a group still opens and says why its charts are empty.
    covered = set(run_query("age_coverage_area", area=area, start=start, end=end)["age_group"])
    no_data = t("filters.age_no_data", lang)

    def age_label(code: str) -> str:
        return age_names[code] if code in covered else f"{age_names[code]} ({no_data})"

    _sync("age", "f_age", age, default_age)
    _relabel("f_age", f"{lang}|{','.join(sorted(covered))}")
    age = st.sidebar.selectbox(
        t("filters.age", lang),
        list(age_names),
        key="f_age",
        format_func=age_label,
        help=t("filters.age_help", lang),
    )
    _write("age", age, default_age)

    demo = bool(status["demo"].iloc[0]) if len(status) else False
    last = status["last_month"].iloc[0] if len(status) else None
    st.sidebar.caption(
        t(
            "common.data_caption_demo" if demo else "common.data_caption",
            lang,
            month=fmt.month(pd.Timestamp(last).date(), lang) if last is not None else "–",
            sources=t("common.publisher", lang),
        )
    )
    problem = _sync_picks()
    problems += [problem] if problem else []
    _keep_on_navigation((*SHARED, PICKS))
    filters = Filters(
        lang=lang,
        area=area,
        area_name=names[area],
        start=start,
        end=end,
        age=age,
        demo=demo,
        problems=tuple(problems),
    )
    st.session_state["filters"] = filters
    return filters


def _sync_picks() -> urlparams.Problem | None:
    """The own presentation's picks (``st.session_state["own_picks"]``) and the URL's ``picks``
    agree on every page, from the first "add to presentation" on (a reload or a link keeps them):
    a URL that changed under us (a link, the first load, back and forward) gives the picks,
    otherwise the session's picks go to the URL (bound like the shared filters, so that a page
    click keeps them). A problem when the URL held unknown or malformed picks."""
    from kohtaanto import panels, picks

    written = st.session_state.setdefault("_url_written", {})
    raw = _query_param(PICKS) or ""
    problem = None
    if "own_picks" not in st.session_state or raw != written.get(PICKS, ""):
        chosen, problem = picks.parse(raw, panels.PANELS)
        st.session_state["own_picks"] = chosen
    value = picks.format_picks(st.session_state["own_picks"])
    written[PICKS], written[f"{PICKS}_default"] = value, ""
    if PICKS not in st.session_state and raw != value:  # not bound yet: clean the link here
        if value:
            st.query_params[PICKS] = value
        else:
            st.query_params.pop(PICKS, None)
    return problem


@dataclass(frozen=True)
class _Lists:
    """The sidebar's option lists and labels in one language, made once per database file and
    shared by every session (read-only): reading the lists' Arrow columns and labelling every
    option cost 8-15 ms of CPU a rerun (benchmarks/RESULTS.md, prototype 02)."""

    months: list
    codes: list[str]
    by_code: dict
    month_labels: dict[str, str]
    names: dict[str, str]
    area_labels: dict[str, str]
    age_names: dict[str, str]
    default_age: str
    status: pd.DataFrame


@st.cache_resource(show_spinner=False, max_entries=12)
def _lists(lang: str, stamp: tuple[int, int]) -> _Lists:
    areas = run_query("area_list")
    ages = run_query("age_list")
    months = [d.date() if hasattr(d, "date") else d for d in run_query("month_list")["period"]]
    codes = [urlparams.month_code(m) for m in months]
    by_code = dict(zip(codes, months, strict=True))
    return _Lists(
        months=months,
        codes=codes,
        by_code=by_code,
        month_labels={c: fmt.month_short(m) for c, m in by_code.items()},
        names=dict(zip(areas.area_code, areas[name_column(lang)], strict=True)),
        # The level tells apart areas of one name (Kuopio the municipality and the sub-region).
        area_labels=area_labels(
            zip(areas.area_code, areas.level, areas[name_column(lang)], strict=True),
            lambda level: t(f"level.{level}", lang),
        ),
        age_names=dict(zip(ages.age_group, ages[name_column(lang)], strict=True)),
        default_age=widest_experienced(ages) or "SSS",
        status=run_query("data_status"),
    )


def _keep_on_navigation(params: Sequence[str]) -> None:
    """Hidden widgets bound to the shared URL parameters, so that a click in the navigation
    keeps them: Streamlit carries into the next page only the parameters bound to a widget
    (``bind="query-params"``, whose key is the parameter's name) and drops the rest. Without
    them every page click pushed the page without filters and then the filters again, and the
    browser's back button landed on a page without its filters. The widgets hold the codes
    already in the URL; the sidebar's selectboxes stay the source of truth."""
    written = st.session_state["_url_written"]
    with st.sidebar.container(key="url_keep"):
        for param in params:
            value = written.get(param)
            value = "" if value == written.get(f"{param}_default") else value
            # A widget bound for the first time takes the URL's value, so it is made only once
            # the URL holds the validated one (a bad link is cleaned by _write first).
            if param in st.session_state or (_query_param(param) or "") == value:
                st.session_state[param] = value
                st.text_input(param, key=param, bind="query-params", label_visibility="collapsed")


def show_view_link(slot, lang: str) -> None:
    """ "Link to this view" in ``slot`` (a sidebar placeholder filled after the page ran, so the
    page's own parameters are in it): a popover holding a code block, whose button copies the
    link. Streamlit mounts a popover's contents only when it opens, and the first code block of a
    page loads a 1.5 MB syntax highlighter: shown open on every page, it delayed the first chart
    by 0.3-0.8 s (benchmarks/bench_app.py) and redrew on every filter change."""
    written = st.session_state.get("_url_written", {})
    shared = {
        p: written.get(p)
        for p in SHARED
        if written.get(p) is not None and written.get(p) != written.get(f"{p}_default")
    }
    own = {k: v for k, v in st.query_params.to_dict().items() if k not in SHARED}
    link = urlparams.view_link(st.context.url, {**shared, **own})
    with (
        slot.container(key="view_link"),
        st.popover(t("table.copy_link", lang), icon=":material/link:", width="stretch"),
    ):
        st.caption(t("table.copy_link_help", lang))
        st.code(link, language=None, wrap_lines=True)


def filters() -> Filters:
    """The filters set up by ``app.py`` for this run."""
    return st.session_state["filters"]


def show_notices(f: Filters) -> None:
    """The demo banner and one short notice per ignored URL parameter."""
    if f.demo:
        banner = t("common.demo_banner", f.lang)
        reason = fallback_reason()
        if reason is not None:
            banner += " " + t(f"common.demo_reason_{reason}", f.lang)
        st.warning(banner, icon=":material/science:")
    for p in f.problems:
        st.info(
            t("common.bad_param", f.lang, param=p.param, value=p.raw), icon=":material/link_off:"
        )


def fallback_reason() -> str | None:
    """Why the app runs on demo data (``ensure.FALLBACK_REASONS``), or None when the database
    does not say (an older database, or one built by hand with ``kohtaanto demo``)."""
    from kohtaanto.pipeline.ensure import FALLBACK_REASONS

    try:
        rows = run_query("build_info", key="fallback_reason")
    except DatabaseUnavailable:  # a database from before build_info existed
        return None
    reason = rows["value"].iloc[0] if len(rows) else None
    return reason if reason in FALLBACK_REASONS else None


@contextlib.contextmanager
def guard(key: str, lang: str) -> Iterator[None]:
    """One chart block: an error inside it becomes a short message in the reader's language in
    place of that block, the rest of the page is drawn, and the full error goes to the server
    log. Streamlit's own stop and rerun are not errors (they derive from BaseException).
    Under the tests (strict mode) the error is raised, so that a test sees it."""
    try:
        yield
    except Exception:
        if strict():
            raise
        log.exception("chart block %r failed", key)
        st.warning(t("common.chart_failed", lang), icon=":material/error:")


def show_chart(
    fig: go.Figure,
    data: pd.DataFrame,
    key: str,
    lang: str,
    note: Note,
    *,
    empty_text: str | None = None,
    on_select: Callable[[], None] | None = None,
    takeaway: str | None = None,
    pick: tuple[str, dict[str, str]] | None = None,
    alt: str | None = None,
) -> None:
    """A chart with its text alternative (``alt``, its takeaway; the title when not given) for
    screen readers, its "show data" table, a PNG download built only when clicked, and "add to
    presentation". ``on_select`` makes points clickable; it reads ``st.session_state["chart_<key>"]``.
    ``takeaway`` is the sentence a slide made from the chart shows (else one read from the figure);
    ``pick`` the panel code and parameters that rebuild the chart (kept in the presentation's URL).

    This is the one place where a chart block draws its figure, table and buttons.
    """
    if data.empty:
        st.info(empty_text or t("common.no_data", lang), icon=":material/info:")
        return
    # The screen's copy has its legend under the plot; the PNG and the slides keep it above,
    # where it stays put when they are drawn at another height.
    shown = _screen_figure(fig)
    title = table_export.plain_title(fig.layout.title.text or "")
    # On a phone the figure's own title would run off its edge; this one wraps (app.css), and
    # the chart is drawn up over the room its hidden title leaves (the 14 px pad and the lines).
    lift = 14 + charts.TITLE_LINE_PX * charts.line_count(shown.layout.title.text or "")
    subtitle = shown.layout.title.subtitle.text or ""
    if subtitle:
        # Plotly hangs a subtitle from the title it measures, hidden on a phone: the subtitle
        # moved up and left about 60 px of blank above the plot. It is shown as text too, and
        # the chart drawn up to just above its plot (a line above the plot keeps its room).
        above = any(
            a.name != "footnote" and a.yref == "paper" and (a.y or 0) >= 1
            for a in shown.layout.annotations
        )
        top = shown.layout.margin.t if shown.layout.margin.t is not None else 100
        lift = max(0, int(top) - (charts.LEGEND_ROW_PX if above else 8))
        subtitle = " ".join(
            escape(part.replace(charts.WRAP, " ")) for part in re.split(r"<br\s*/?>", subtitle)
        )
        subtitle = f'<span class="chart-subtitle-phone">{subtitle}</span>'
    # Likewise the footnote's text follows the legend up over the room the figure keeps for its
    # hidden footnote (about 40 px of blank under every chart).
    drop = charts.footnote_room(shown)
    box = "st-key-chart_" + re.sub(r"[^A-Za-z0-9_-]", "-", key)
    # One element for the text alternative and the phone's title: each element costs the
    # browser a render and the server a message, on every rerun.
    st.html(
        f'<p class="chart-alt">{escape(alt or takeaway or title)}</p>'
        f'<p class="chart-title-phone" aria-hidden="true">{escape(title)}{subtitle}</p>'
        f"<style>@media (max-width: 640px) {{ .{box} {{ margin-top: -{lift}px;"
        f" margin-bottom: -{drop}px; }} }}"
        # The toolbar (the full-screen button) at the top of the plot, in its right margin
        # (charts.toolbar_room): under the title, never over it.
        f" .{box} .modebar {{ top: {_plot_top(shown)}px !important; }}</style>"
    )
    config = charts.plotly_config(lang)
    if on_select is None:
        st.plotly_chart(shown, key=f"chart_{key}", config=config)
    else:
        st.plotly_chart(
            shown,
            key=f"chart_{key}",
            config=config,
            on_select=on_select,
            selection_mode="points",
        )
    # On a phone the figure's footnote would run off its edge; this one wraps (app.css).
    lines = (escape(line) for line in note.footnote(lang).split("<br>"))
    st.html(f'<p class="chart-note-phone" aria-hidden="true">{"<br>".join(lines)}</p>')
    # On screen the footnote above says source and status; the files carry them as columns.
    # The table is sent only once its expander is opened (a rerun): a data grid per chart, drawn
    # hidden on every load, cost the browser more than the charts themselves.
    box = st.expander(t("common.show_data", lang), key=f"table_{key}", on_change="rerun")
    if box.open:
        show_table(box, data, lang, caption=title)

    def table() -> pd.DataFrame:  # for the files, made when one is asked for
        return table_export.readable(data, lang, note=note)

    from kohtaanto.export.images import figure_png

    # Short labels (the format), the long ones as help, in one row that wraps where a column is
    # too narrow for them (a flex row: columns were five more elements per chart, and cut the
    # labels to "P.", "E.", "C." under the Alueet map).
    row = st.container(horizontal=True, gap="small", key=f"buttons_{key}")
    name = _file_name(fig.layout.title.text or "", key, note)
    row.download_button(
        t("table.button_png", lang),
        help=t("common.download_png", lang),
        data=lambda: figure_png(fig),
        file_name=name.format(ext="png"),
        mime="image/png",
        key=f"png_{key}",
        icon=":material/download:",
        on_click="ignore",
    )
    _table_downloads(row, fig.layout.title.text or "", table, key, lang, note, name)
    row.button(
        t("common.add_to_story", lang),
        key=f"story_{key}",
        icon=":material/playlist_add:",
        on_click=_add_to_story,
        args=(fig, data, note, lang, takeaway, pick),
        help=t("common.add_to_story_help", lang),
    )


def show_table(container, data: pd.DataFrame, lang: str, *, caption: str = "") -> None:
    """A chart's data as the reader's table in ``container``: a table that wraps to fit its
    column, numbers written for the language with even decimals, sortable by its headers
    (export/html.py, static/a11y.js); ``caption`` names it for screen readers."""
    container.html(table_html.html_table(data, lang, caption=caption))


# Copies of each figure drawn, kept while the figure lives: a warm rerun draws the same shared
# views (panel_view), and copying one (a map's boundaries) took 10-50 ms a chart on every rerun.
# Keyed by the figure's id and what the copy is for, so an entry goes with its figure (the weak
# reference's callback).
_COPIES: dict[tuple[int, object], tuple[weakref.ref, go.Figure]] = {}


def _copy_once(
    fig: go.Figure, purpose: object, change: Callable[[go.Figure], go.Figure]
) -> go.Figure:
    """``change`` of a copy of ``fig``, made once per figure and ``purpose``; shared like the
    figure (treat it as read-only)."""
    key = (id(fig), purpose)
    held = _COPIES.get(key)
    if held is not None and held[0]() is fig:
        return held[1]
    made = change(charts.copy_figure(fig))
    _COPIES[key] = (weakref.ref(fig, lambda _gone: _COPIES.pop(key, None)), made)
    return made


class _Drawn(go.Figure):
    """A figure as the screen draws it, shared and read-only: ``st.plotly_chart`` asks for its
    ``to_dict()`` (a deep copy, then dumped to JSON) on every rerun; this one makes it once
    (the map's boundaries took 25 ms a rerun; benchmarks/RESULTS.md)."""

    def to_dict(self) -> dict:
        made = self.__dict__.get("_drawn_dict")
        if made is None:
            made = super().to_dict()
            self.__dict__["_drawn_dict"] = made
        return made


def _screen_figure(fig: go.Figure) -> go.Figure:
    """``fig`` as the screen draws it (its legend under the plot, room for the toolbar beside
    it): a copy, made once per figure."""
    return _copy_once(fig, "screen", _for_screen)


def _for_screen(fig: go.Figure) -> go.Figure:
    drawn = charts.toolbar_room(charts.legend_below(fig))
    return _Drawn(drawn.to_dict(), _validate=False)


def _plot_top(fig: go.Figure) -> int:
    """The pixels above a figure's plot: its top margin (Plotly's default 100)."""
    top = fig.layout.margin.t
    return int(top) if top is not None else 100


def _file_name(title: str, key: str, note: Note) -> str:
    """A chart's download name by what, where and the period its data cover (not the period
    the sidebar asks for: a ranking of 6/2026 is named ``…_2026-06``), with ``{ext}``."""
    f = filters()
    what = table_export.chart_name(title or key)
    first, last = (note.start, note.end) if note.start and note.end else (f.start, f.end)
    return table_export.file_name(what, f.area, first, last, "{ext}")


def _table_downloads(
    row,
    title: str,
    table: Callable[[], pd.DataFrame],
    key: str,
    lang: str,
    note: Note,
    name: str,
) -> None:
    """The table (made by ``table``) of a chart or a table panel titled ``title`` as .xlsx and
    CSV, named by what and where, built only when clicked."""
    title = table_export.plain_title(title)
    row.download_button(
        t("table.button_xlsx", lang),
        help=t("table.download_xlsx", lang),
        data=lambda: table_export.xlsx_bytes(table(), title, note, lang),
        file_name=name.format(ext="xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{key}",
        icon=":material/table_view:",
        on_click="ignore",
    )
    row.download_button(
        t("table.button_csv", lang),
        help=t("table.download_csv", lang),
        data=lambda: table_export.csv_bytes(table(), lang),
        file_name=name.format(ext="csv"),
        mime="text/csv",
        key=f"csv_{key}",
        icon=":material/download:",
        on_click="ignore",
    )


def show_numbers(
    view: View, key: str, lang: str, pick: tuple[str, dict[str, str]] | None = None
) -> None:
    """A view whose data have one month: its title, each figure as a number with its month,
    why no line is drawn, its footnote, and its table's downloads and "add to presentation"."""
    with st.container(key=f"numbers_{key}"):
        st.markdown(f"**{escape(view.title)}**")
        cols = st.columns(min(4, len(view.numbers)) or 1)
        for i, number in enumerate(view.numbers):
            cols[i % len(cols)].metric(number.label, number.value, help=number.period)
        st.caption(view.why)
        st.caption(view.note.plain(lang))
        row = st.container(horizontal=True, gap="small", key=f"buttons_{key}")
        name = _file_name(view.title, key, view.note)
        _table_downloads(
            row,
            view.title,
            lambda: table_export.readable(view.data, lang, note=view.note),
            key,
            lang,
            view.note,
            name,
        )
        if pick is not None:
            row.button(
                t("common.add_to_story", lang),
                key=f"story_{key}",
                icon=":material/playlist_add:",
                on_click=_add_pick,
                args=(pick, lang),
                help=t("common.add_to_story_help", lang),
            )


def slide_numbers(box, view: View) -> None:
    """A one-month view on a slide: its figures as large numbers with their month, and why no
    line is drawn."""
    cols = box.columns(min(4, len(view.numbers)) or 1)
    for i, number in enumerate(view.numbers):
        cols[i % len(cols)].metric(number.label, number.value, help=number.period)
    box.caption(view.why)


def key_figures(cards: Sequence, lang: str, year_ago: object) -> None:
    """Key figures with their change over a year, in one row of cards that wraps (app.css:
    three to a row on a wide screen, two on a phone). A card without a figure says so, and its
    help says why (``card.missing``). ``cards``: :class:`kohtaanto.panels.yleiskuva.Card`."""
    cols = st.columns(len(cards), border=True)
    since = t("yleiskuva.delta_help", lang, month=fmt.month(year_ago, lang)) if year_ago else ""
    for col, card in zip(cols, cards, strict=True):
        if card.value is None or pd.isna(card.value):
            col.metric(
                card.label,
                "–",
                t("yleiskuva.not_published_short", lang),
                delta_color="off",
                delta_arrow="off",
                help=" ".join(filter(None, [card.help, card.missing])),
            )
            continue
        decimals = {"count": 0, "ratio": 2, "percent": 1}[card.kind]
        shown = (
            fmt.percent(card.value, lang)
            if card.kind == "percent"
            else fmt.number(card.value, lang, decimals)
        )
        delta = None
        if card.before is not None and not pd.isna(card.before):
            unit = "\u00a0" + t("yleiskuva.unit_points", lang) if card.kind == "percent" else ""
            delta = fmt.signed(card.value - card.before, lang, decimals, unit)
            # Streamlit reads the direction from a leading ASCII hyphen, not from a minus sign.
            delta = delta.replace("\u2212", "-")
        col.metric(
            card.label,
            shown,
            delta,
            delta_color="inverse" if card.inverse else "normal",
            delta_description=t("yleiskuva.delta_since", lang) if delta else None,
            help=" ".join(filter(None, [card.help, since])),
        )


def offer_files(
    frame: pd.DataFrame, key: str, lang: str, name: Callable[[str], str], meta: dict
) -> None:
    """A data frame as CSV and Parquet (with ``meta``, the view's provenance, in the Parquet
    file's metadata), each file built only when clicked, and a preview of its first rows.
    ``name(ext)`` gives the file's name."""
    row = st.container(horizontal=True)
    row.download_button(
        t("aineisto.download_csv", lang),
        data=lambda: files.csv_bytes(frame, lang),
        file_name=name("csv"),
        mime="text/csv",
        key=f"csv_{key}",
        icon=":material/download:",
        on_click="ignore",
    )
    row.download_button(
        t("aineisto.download_parquet", lang),
        data=lambda: files.parquet_bytes(frame, meta),
        file_name=name("parquet"),
        mime="application/vnd.apache.parquet",
        key=f"parquet_{key}",
        icon=":material/download:",
        on_click="ignore",
    )
    with st.expander(t("aineisto.preview", lang)):
        st.dataframe(frame.head(200), hide_index=True, width="stretch")


def offer_workbook(
    sheets: Callable[[], dict[str, pd.DataFrame]], key: str, label: str, file_name: str
) -> None:
    """Several frames as the sheets of one Excel workbook, built only when clicked."""
    st.download_button(
        label,
        data=lambda: files.excel_bytes(sheets()),
        file_name=file_name,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


def show_panel(
    code: str,
    f: Filters,
    *,
    key: str | None = None,
    empty_text: str | None = None,
    on_select: Callable[[], None] | None = None,
    built: View | bool | None = False,
    adapt: Callable[[go.Figure], go.Figure] | None = None,
    **params: str,
) -> View | None:
    """A panel of ``kohtaanto.panels`` drawn as a chart block, inside its guard: built for the
    filters and ``params``, then shown with its table and buttons; its sentence and its code
    travel to the presentation. None (and a notice) when the sources have no figures for it.
    ``built``: the view already built by :func:`build_panel` (a page that quotes its sentence);
    ``adapt``: a change of layout for the page's column (the data and texts stay the panel's);
    a module-level function, not a lambda: it keys the copy made once per view."""
    with guard(code, f.lang):
        view = panel_view(code, f, **params) if built is False else built
        if view is None:
            st.info(empty_text or t("common.no_data", f.lang), icon=":material/info:")
            return None
        pick = (code, {k: str(v) for k, v in params.items() if v not in ("", None)})
        if view.figure is None:
            show_numbers(view, key or code, f.lang, pick)
            return view
        show_chart(
            # The view is shared through the cache: the page's layout goes on a copy, made
            # once per view (and so is the screen copy of it; Kohtaanto's four half-width
            # charts took 13-18 ms each on every rerun).
            _copy_once(view.figure, adapt, adapt) if adapt else view.figure,
            view.data,
            key or code,
            f.lang,
            view.note,
            empty_text=empty_text,
            on_select=on_select,
            takeaway=view.takeaway,
            # An empty parameter is the panel's default; a link carries only the others.
            pick=pick,
        )
        return view
    return None


def show_table_panel(
    code: str, f: Filters, *, key: str | None = None, **params: str
) -> View | None:
    """A table panel of ``kohtaanto.panels.TABLES`` (a View with ``html`` and no figure), inside
    its guard: its sentence, the table with its notes (one HTML element, styled by
    ``static/bulletin.css``), and its data as .xlsx and CSV, named by what, where and the
    months it shows. None (and a notice) when the sources have no figures for it."""
    with guard(code, f.lang):
        view = panel_view(code, f, **params)
        if view is None:
            st.info(t("common.no_data", f.lang), icon=":material/info:")
            return None
        key = key or code
        if view.takeaway:
            st.markdown(view.takeaway)
        # Not inside a container: the printed page keeps only containers that hold a chart or
        # text it knows (print.css), and this table is to be printed.
        st.html(f"<style>{_static('bulletin.css')}</style>{view.html}")
        row = st.container(horizontal=True, gap="small", key=f"buttons_{key}")
        # Named by the months the table shows (its date columns), not the sidebar's period.
        dates = [
            view.data[c] for c in view.data if pd.api.types.is_datetime64_any_dtype(view.data[c])
        ]
        months = pd.concat(dates).dropna() if dates else pd.Series([f.start, f.end])
        start, end = months.min(), months.max()
        what = table_export.chart_name(view.title)
        name = table_export.file_name(what, f.area, start, end, "{ext}")

        def table() -> pd.DataFrame:
            return table_export.readable(view.data, f.lang, note=view.note)

        _table_downloads(row, view.title, table, key, f.lang, view.note, name)
        return view
    return None


def panel_view(code: str, f: Filters, **params: str) -> View | None:
    """The panel ``code`` built for the filters and ``params``, shared by every session that asks
    for the same view of the same database file; treat it as read-only (copy before a change)."""
    return _shared_view(code, f, tuple(sorted(params.items())), data_stamp())


# Building a panel (queries already cached, then pandas and the figure) costs 10-100 ms; pages
# draw several, so a warm page and an area switched back and forth are drawn from here. Shared,
# not copied (st.cache_data would pickle every figure in and out); the database file's stamp
# is in the key, so a rebuilt database is never shown with old views.
@st.cache_resource(show_spinner=False, max_entries=256, ttl=6 * 3600)
def _shared_view(
    code: str, f: Filters, params: tuple[tuple[str, str], ...], stamp: tuple
) -> View | None:
    from kohtaanto import panels

    return panels.build(code, f, **dict(params))


def clear_views() -> None:
    """Forget the shared views (for tests that replace a panel or its data)."""
    _shared_view.clear()


def build_panel(code: str, f: Filters, **params: str) -> View | bool | None:
    """A panel built ahead of its block (its sentence goes to the top of the page); False when
    it failed (logged; :func:`show_panel` given False builds it again inside its guard)."""
    try:
        return panel_view(code, f, **params)
    except Exception:
        if strict():
            raise
        log.exception("panel %r failed", code)
        return False


def _add_pick(pick: tuple[str, dict[str, str]], lang: str) -> None:
    """Add a panel (its code and parameters) to this session's own presentation."""
    picks = st.session_state.setdefault("own_picks", [])
    if pick not in picks:
        picks.append(pick)
    own = st.session_state.get("own_views", [])
    st.toast(t("common.added_to_story", lang, n=len(own) + len(picks)), icon=":material/check:")


def _add_to_story(
    fig: go.Figure,
    data: pd.DataFrame,
    note: Note,
    lang: str,
    takeaway: str | None,
    pick: tuple[str, dict[str, str]] | None = None,
) -> None:
    """Collect a chart into this session's own storyline (the presentation page's "oma").
    A callback runs before the page, outside any chart block's guard: it has its own."""
    try:
        from kohtaanto.charts.narrative import figure_takeaway
        from kohtaanto.storyline import View

        title = charts.plain_title(fig.layout.title.text or "")
        own = st.session_state.setdefault("own_views", [])
        picks = st.session_state.setdefault("own_picks", [])
        if pick is not None:  # a panel: its code goes to the presentation's URL
            if pick not in picks:
                picks.append(pick)
        elif all(v.title != title for v in own):  # page code: kept for this session only
            sentence = takeaway or figure_takeaway(fig, lang)
            own.append(View(title, sentence, note, charts.copy_figure(fig), data.copy()))
    except Exception:
        if strict():
            raise
        log.exception("adding a chart to the presentation failed")
        st.toast(t("common.add_failed", lang), icon=":material/error:")
        return
    st.toast(t("common.added_to_story", lang, n=len(own) + len(picks)), icon=":material/check:")


def page_choice(
    param: str,
    label: str,
    options: Sequence[str],
    default: str,
    format_func: Callable[[str], str],
    *,
    container=None,
    horizontal: bool = False,
) -> str:
    """A page-specific choice kept in the URL (``?measure=tightness``), validated like the rest."""
    container = container or st
    value, problem = urlparams.parse_choice(param, _query_param(param), options, default)
    if problem:
        st.info(t("common.bad_param", filters().lang, param=problem.param, value=problem.raw))
    key = f"p_{param}"
    _sync(param, key, value, default)
    if st.session_state.get(key) not in options:
        st.session_state[key] = default
    _relabel(key, filters().lang)
    if horizontal:
        chosen = container.radio(
            label, list(options), key=key, format_func=format_func, horizontal=True
        )
    else:
        chosen = container.selectbox(label, list(options), key=key, format_func=format_func)
    _write(param, chosen, default)
    return chosen
