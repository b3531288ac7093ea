"""The shared frame of every page: filters kept in the URL, notices, banners, and chart blocks.

Filters live in the URL as codes (``?area=MK12&age=50-&start=2022-01``), never as translated
labels, so a link opens the same view in any language. The URL is read before the widgets are
made, validated, and written back after them (see ../shared/design/CONTRACT.md, section 3).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kohtaanto import charts, fmt, state
from kohtaanto.charts_age import widest_experienced
from kohtaanto.db import DatabaseUnavailable, run_query
from kohtaanto.filters import Filters
from kohtaanto.i18n import DEFAULT_LANG, LANGS, name_column, strict, t

if TYPE_CHECKING:
    from kohtaanto.panels import View

log = logging.getLogger(__name__)
LANG_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
DEFAULT_YEARS = 5


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
    """Seed the widget from the URL on first load, or when the URL changed under us."""
    written = st.session_state.setdefault("_url_written", {})
    raw = _query_param(param)
    if widget_key not in st.session_state or (raw is not None and raw != written.get(param)):
        st.session_state[widget_key] = parsed
    elif raw is None and st.session_state[widget_key] is None:
        st.session_state[widget_key] = default


def _write(param: str, value: str, default: str) -> None:
    written = st.session_state.setdefault("_url_written", {})
    if value == default:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != value:
        st.query_params[param] = value
    written[param] = value if value != default else None


def setup_filters() -> Filters:
    """Read, validate and render the shared filters in the sidebar; write them to the URL."""
    problems: list[state.Problem] = []
    lang, problem = state.parse_choice("lang", _query_param("lang"), LANGS, DEFAULT_LANG)
    problems += [problem] if problem else []
    _sync("lang", "f_lang", lang, DEFAULT_LANG)
    lang = st.sidebar.selectbox(
        "Kieli · Språk · Language", LANGS, key="f_lang", format_func=LANG_NAMES.__getitem__
    )
    _write("lang", lang, DEFAULT_LANG)

    try:
        areas = run_query("area_list")
        ages = run_query("age_list")
        months = [d.date() if hasattr(d, "date") else d for d in run_query("month_list")["period"]]
        status = run_query("data_status")
    except DatabaseUnavailable as exc:
        st.error(t("common.db_missing", lang, detail=str(exc)))
        st.stop()
    if not months:
        st.error(t("common.db_empty", lang))
        st.stop()

    names = dict(zip(areas.area_code, areas[name_column(lang)], strict=True))
    levels = dict(zip(areas.area_code, areas.level, strict=True))
    area, problem = state.parse_choice("area", _query_param("area"), names, "SSS")
    problems += [problem] if problem else []
    _sync("area", "f_area", area, "SSS")
    area = st.sidebar.selectbox(
        t("filters.area", lang),
        list(names),
        key="f_area",
        format_func=lambda c: f"{names[c]} · {t('level.' + levels[c], lang)}",
        help=t("filters.area_help", lang),
    )
    _write("area", area, "SSS")

    age_names = dict(zip(ages.age_group, ages[name_column(lang)], strict=True))
    default_age = widest_experienced(ages) or "SSS"
    age, problem = state.parse_choice("age", _query_param("age"), age_names, default_age)
    problems += [problem] if problem else []
    _sync("age", "f_age", age, default_age)
    age = st.sidebar.selectbox(
        t("filters.age", lang),
        list(age_names),
        key="f_age",
        format_func=age_names.__getitem__,
        help=t("filters.age_help", lang),
    )
    _write("age", age, default_age)

    default_range = (months[max(0, len(months) - 12 * DEFAULT_YEARS - 1)], months[-1])
    (start, end), range_problems = state.parse_range(
        _query_param("start"), _query_param("end"), months, default_range
    )
    problems += range_problems
    # Two month pickers rather than a range slider: a slider over two decades of months is hard
    # to set precisely, and each end maps to its own URL parameter.
    codes = [state.month_code(m) for m in months]
    by_code = dict(zip(codes, months, strict=True))
    first, last = st.sidebar.columns(2)
    chosen = []
    for param, column, value, default in (
        ("start", first, start, default_range[0]),
        ("end", last, end, default_range[1]),
    ):
        _sync(param, f"f_{param}", state.month_code(value), state.month_code(default))
        code = column.selectbox(
            t(f"filters.{param}", lang),
            codes,
            key=f"f_{param}",
            format_func=lambda c: fmt.month_short(by_code[c]),
        )
        chosen.append(by_code[code])
    start, end = min(chosen), max(chosen)
    _write("start", state.month_code(chosen[0]), state.month_code(default_range[0]))
    _write("end", state.month_code(chosen[1]), state.month_code(default_range[1]))

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
    from kohtaanto.ensure import FALLBACK_REASONS

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
    *,
    empty_text: str | None = None,
    on_select: Callable[[], None] | None = None,
    takeaway: str | None = None,
    pick: tuple[str, dict[str, str]] | None = None,
) -> None:
    """A chart with its "show data" table, a PNG download built only when clicked, and "add to
    presentation". ``on_select`` makes points clickable; it reads ``st.session_state["chart_<key>"]``.
    ``takeaway`` is the sentence a slide made from the chart shows (else one read from the figure);
    ``pick`` the panel code and parameters that rebuild the chart (kept in the presentation's URL).

    This is the one place where a chart block draws its figure, table and buttons.
    """
    if data.empty:
        st.info(empty_text or t("common.no_data", lang), icon=":material/info:")
        return
    if on_select is None:
        st.plotly_chart(fig, key=f"chart_{key}", config=charts.PLOTLY_CONFIG)
    else:
        st.plotly_chart(
            fig,
            key=f"chart_{key}",
            config=charts.PLOTLY_CONFIG,
            on_select=on_select,
            selection_mode="points",
        )
    with st.expander(t("common.show_data", lang)):
        st.dataframe(data, hide_index=True, width="stretch")
    from kohtaanto.export import figure_png

    png, add = st.columns([1, 1])
    png.download_button(
        t("common.download_png", lang),
        data=lambda: figure_png(fig),
        file_name=f"kohtaanto-{key}.png",
        mime="image/png",
        key=f"png_{key}",
        icon=":material/download:",
        on_click="ignore",
    )
    add.button(
        t("common.add_to_story", lang),
        key=f"story_{key}",
        icon=":material/playlist_add:",
        on_click=_add_to_story,
        args=(fig, data, lang, takeaway, pick),
        help=t("common.add_to_story_help", lang),
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
    ``adapt``: a change of layout for the page's column (the data and texts stay the panel's)."""
    from kohtaanto import panels

    with guard(code, f.lang):
        view = panels.build(code, f, **params) if built is False else built
        if view is None:
            st.info(empty_text or t("common.no_data", f.lang), icon=":material/info:")
            return None
        show_chart(
            adapt(view.figure) if adapt else view.figure,
            view.data,
            key or code,
            f.lang,
            empty_text=empty_text,
            on_select=on_select,
            takeaway=view.takeaway,
            # An empty parameter is the panel's default; a link carries only the others.
            pick=(code, {k: str(v) for k, v in params.items() if v not in ("", None)}),
        )
        return view
    return None


def build_panel(code: str, f: Filters, **params: str) -> View | bool | None:
    """A panel built ahead of its block (its sentence goes to the top of the page); False when
    it failed (logged; :func:`show_panel` given False builds it again inside its guard)."""
    from kohtaanto import panels

    try:
        return panels.build(code, f, **params)
    except Exception:
        if strict():
            raise
        log.exception("panel %r failed", code)
        return False


def _add_to_story(
    fig: go.Figure,
    data: pd.DataFrame,
    lang: str,
    takeaway: str | None,
    pick: tuple[str, dict[str, str]] | None = None,
) -> None:
    """Collect a chart into this session's own storyline (the presentation page's "oma").
    A callback runs before the page, outside any chart block's guard: it has its own."""
    try:
        from kohtaanto.narrative import figure_takeaway
        from kohtaanto.storyline import View

        title = charts.plain_title(fig.layout.title.text or "")
        note = charts.plain(
            next((a.text for a in fig.layout.annotations if a.name == "footnote"), "")
        )
        own = st.session_state.setdefault("own_views", [])
        picks = st.session_state.setdefault("own_picks", [])
        if pick is not None:  # a panel: its code goes to the presentation's URL
            if pick not in picks:
                picks.append(pick)
        elif all(v.title != title for v in own):  # page code: kept for this session only
            sentence = takeaway or figure_takeaway(fig, lang)
            own.append(View(title, sentence, note, go.Figure(fig), data.copy()))
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
    value, problem = state.parse_choice(param, _query_param(param), options, default)
    if problem:
        st.info(t("common.bad_param", filters().lang, param=problem.param, value=problem.raw))
    key = f"p_{param}"
    _sync(param, key, value, default)
    if st.session_state.get(key) not in options:
        st.session_state[key] = default
    if horizontal:
        chosen = container.radio(
            label, list(options), key=key, format_func=format_func, horizontal=True
        )
    else:
        chosen = container.selectbox(label, list(options), key=key, format_func=format_func)
    _write(param, chosen, default)
    return chosen
