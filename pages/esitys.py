"""Esitys: presentation mode for workshops, one chart at a time, and the storyline as slides."""

import datetime as dt
from html import escape

import streamlit as st

from kohtaanto import charts, panels, picks, storyline, ui
from kohtaanto.i18n import t

f = ui.filters()
lang = f.lang
ctx = f
own = st.session_state.setdefault("own_views", [])

stories = [*storyline.STORYLINES, "oma"]
left, mid, right = st.columns([3, 2, 2])
story = ui.page_choice(
    "story",
    t("story.choose", lang),
    stories,
    stories[0],
    lambda s: t(storyline.STORYLINES[s][0] if s in storyline.STORYLINES else "story.own", lang),
    container=left,
)


def own_views() -> list[tuple[str, storyline.View | None]]:
    """The own presentation: the picks in the URL (panels rebuilt for the filters, so a reload,
    a shared link and the deck agree), then charts added in this session that are no panel."""
    raw = ui.read_param("picks")
    parsed, problem = picks.parse(raw, panels.PANELS)
    if problem:
        st.info(t("common.bad_param", lang, param=problem.param, value=problem.raw))
    chosen = parsed if raw else st.session_state.get("own_picks", [])
    st.session_state["own_picks"] = chosen
    ui.write_param("picks", picks.format_picks(chosen), "")
    out = [(code, ui.panel_view(code, ctx, **p)) for code, p in chosen]
    if own:
        st.caption(t("story.session_only", lang, n=len(own)))
    return out + [(v.title, v) for v in own]


def move(index: int, delta: int) -> None:
    """Reorder the picks (the URL follows on the rerun); the moved slide stays the one shown."""
    chosen = st.session_state.get("own_picks", [])
    moved = picks.move(chosen, index, delta)
    st.session_state["own_picks"] = moved
    st.query_params["picks"] = picks.format_picks(moved)
    st.session_state["p_slide"] = str(moved.index(chosen[index]) + 1)


def remove(index: int) -> None:
    chosen = list(st.session_state.get("own_picks", []))
    chosen.pop(index)
    st.session_state["own_picks"] = chosen
    if chosen:
        st.query_params["picks"] = picks.format_picks(chosen)
    else:
        st.query_params.pop("picks", None)
    st.session_state["p_slide"] = "1"


views = own_views() if story == "oma" else storyline.build_views(story, ctx, ui.panel_view)
if not views:
    st.info(t("story.own_empty", lang))
    st.stop()
numbers = [str(i) for i in range(1, len(views) + 1)]
slide = int(
    ui.page_choice(
        "slide",
        t("story.slide", lang),
        numbers,
        "1",
        lambda n: t("story.slide_of", lang, n=n, total=len(views)),
        container=mid,
    )
)


def step(delta: int) -> None:
    st.session_state["p_slide"] = str(min(max(slide + delta, 1), len(views)))


with right:
    back, forward = st.columns(2)
    back.button(
        t("story.previous", lang),
        on_click=step,
        args=(-1,),
        disabled=slide == 1,
        icon=":material/arrow_back:",
        width="stretch",
        key="story_prev",
    )
    forward.button(
        t("story.next", lang),
        on_click=step,
        args=(1,),
        disabled=slide == len(views),
        icon=":material/arrow_forward:",
        width="stretch",
        key="story_next",
    )

view_id, view = views[slide - 1]
n_picks = len(st.session_state.get("own_picks", []))
if story == "oma" and slide <= n_picks:
    earlier, later, drop, _ = st.columns([1, 1, 1, 3])
    earlier.button(
        t("story.move_earlier", lang),
        on_click=move,
        args=(slide - 1, -1),
        disabled=slide == 1,
        icon=":material/arrow_upward:",
        key="pick_earlier",
    )
    later.button(
        t("story.move_later", lang),
        on_click=move,
        args=(slide - 1, 1),
        disabled=slide == n_picks,
        icon=":material/arrow_downward:",
        key="pick_later",
    )
    drop.button(
        t("story.remove", lang),
        on_click=remove,
        args=(slide - 1,),
        icon=":material/delete:",
        key="pick_remove",
    )
st.html(
    "<style>.esitys-title{font-size:2.6rem;font-weight:700;line-height:1.15;margin:.3rem 0}"
    ".esitys-takeaway{font-size:1.7rem;color:#0060A8;margin:.2rem 0 .6rem 0}</style>"
)
if view is None:
    title = storyline.view_name(view_id, lang)
    st.html(f'<div class="esitys-title">{escape(title)}</div>')
    st.info(t("story.no_data", lang))
else:
    st.html(
        f'<div class="esitys-title">{escape(view.title)}</div>'
        f'<div class="esitys-takeaway">{escape(view.takeaway)}</div>'
    )
    if view.figure is None:  # one month: its figures as numbers, and why no line
        cols = st.columns(min(4, len(view.numbers)) or 1)
        for i, number in enumerate(view.numbers):
            cols[i % len(cols)].metric(number.label, number.value, help=number.period)
        st.caption(view.why)
    else:
        big = charts.for_slide(view.figure)
        big.update_layout(height=620)
        # theme=None: Streamlit's theme would shrink the large fonts meant for the back row.
        key = f"slide_{story}_{slide}"
        st.plotly_chart(big, key=key, config=charts.PLOTLY_CONFIG, theme=None)
    st.caption(view.note.plain(lang))

st.divider()
st.subheader(t("story.deck_heading", lang))
if st.button(t("story.build", lang), icon=":material/slideshow:", key="story_build"):
    bar = st.progress(0.0, text=t("story.building", lang))
    from kohtaanto.export import images as export
    from kohtaanto.export import slides

    built = [v for _, v in views if v is not None and v.figure is not None]
    images = export.figures_png(
        [charts.for_slide(v.figure) for v in built],
        **export.SLIDE_SIZE,
        progress=lambda i, n: bar.progress(i / n, text=t("story.drawn", lang, i=i, n=n)),
    )
    chart_slides = storyline.chart_slides(views, images, lang)
    title = t(
        storyline.STORYLINES[story][0] if story in storyline.STORYLINES else "story.own", lang
    )
    deck = storyline.deck(title, ctx, chart_slides, dt.date.today(), demo=f.demo)
    st.session_state["deck_files"] = (
        slides.build_pptx(deck),
        slides.build_zip(chart_slides),
        slides.slug(deck.title),
    )
    failed = sum(1 for img in images if not isinstance(img, bytes))
    bar.progress(
        1.0, text=t("story.ready", lang) if not failed else t("story.failed_some", lang, n=failed)
    )
if "deck_files" in st.session_state:
    pptx, zipped, name = st.session_state["deck_files"]
    a, b = st.columns(2)
    a.download_button(
        t("story.download_pptx", lang),
        pptx,
        f"{name}.pptx",
        key="dl_pptx",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    )
    b.download_button(
        t("story.download_zip", lang),
        zipped,
        f"{name}.zip",
        "application/zip",
        key="dl_zip",
        on_click="ignore",
    )
