"""Esitys: presentation mode for workshops, one slide at a time sized to the screen, the deck
as PowerPoint and images, and (printed) the whole deck as a handout, one slide to a sheet.

The own presentation (the charts added with "add to presentation", kept in the URL's
``picks``) comes first when there is one. ← → (and a clicker's PageUp and PageDown) move between
slides, a button makes the page full screen (kohtaanto/static/esitys.js).
"""

import datetime as dt
from html import escape

import streamlit as st

from kohtaanto import picks, storyline, ui
from kohtaanto.i18n import t

# The slide needs the screen's width: the sidebar (filters, pages) opens from its arrow.
st.set_page_config(initial_sidebar_state="collapsed")
f = ui.filters()
lang = f.lang
own = st.session_state.setdefault("own_views", [])
chosen = st.session_state.get("own_picks", [])
n_own = len(chosen) + len(own)
# The own presentation first when it holds charts: it is what the presenter came for.
stories = ["oma", *storyline.STORYLINES] if n_own else [*storyline.STORYLINES, "oma"]


def story_name(story: str) -> str:
    if story in storyline.STORYLINES:
        return t(storyline.STORYLINES[story][0], lang)
    return t("story.own_count", lang, n=n_own) if n_own else t("story.own", lang)


def own_views() -> list[tuple[str, storyline.View | None]]:
    """The own presentation: the picks (panels rebuilt for the filters, so a reload, a shared
    link and the deck agree), then charts added in this session that are no panel."""
    out = [(code, ui.panel_view(code, f, **p)) for code, p in chosen]
    return out + [(v.title, v) for v in own]


def move(index: int, delta: int) -> None:
    """Reorder the picks (the URL follows on the rerun); the moved slide stays the one shown."""
    moved = picks.move(chosen, index, delta)
    st.session_state["own_picks"] = moved
    st.session_state["p_slide"] = str(moved.index(chosen[index]) + 1)


def remove(index: int) -> None:
    st.session_state["own_picks"] = [p for i, p in enumerate(chosen) if i != index]
    st.session_state["p_slide"] = "1"


ui.presentation_assets()
presenter = st.container(key="presenter")
bar = presenter.columns([3.6, 1.5, 1.3, 1.3, 1.3, 1.6], vertical_alignment="bottom", gap="small")
story = ui.page_choice(
    "story", t("story.choose", lang), stories, stories[0], story_name, container=bar[0]
)
views = own_views() if story == "oma" else storyline.build_views(story, f, ui.panel_view)
if not views:
    presenter.info(t("story.own_empty", lang))
    st.stop()
numbers = [str(i) for i in range(1, len(views) + 1)]
slide = int(
    ui.page_choice(
        "slide",
        t("story.slide", lang),
        numbers,
        "1",
        lambda n: t("story.slide_of", lang, n=n, total=len(views)),
        container=bar[1],
    )
)


def step(delta: int) -> None:
    st.session_state["p_slide"] = str(min(max(slide + delta, 1), len(views)))


for column, key, delta, icon, disabled in (
    (bar[2], "story_prev", -1, ":material/arrow_back:", slide == 1),
    (bar[3], "story_next", 1, ":material/arrow_forward:", slide == len(views)),
):
    column.button(
        t("story.previous" if delta < 0 else "story.next", lang),
        on_click=step,
        args=(delta,),
        disabled=disabled,
        icon=icon,
        width="stretch",
        key=key,
    )
with bar[5]:
    ui.fullscreen_button(lang)

view_id, view = views[slide - 1]
if story == "oma" and slide <= len(chosen):
    # Moving and removing a slide of the own presentation: behind one button, so the slide
    # keeps the screen's height.
    with bar[4].popover(t("story.edit", lang), icon=":material/edit:", width="stretch"):
        st.button(
            t("story.move_earlier", lang),
            on_click=move,
            args=(slide - 1, -1),
            disabled=slide == 1,
            icon=":material/arrow_upward:",
            key="pick_earlier",
        )
        st.button(
            t("story.move_later", lang),
            on_click=move,
            args=(slide - 1, 1),
            disabled=slide == len(chosen),
            icon=":material/arrow_downward:",
            key="pick_later",
        )
        st.button(
            t("story.remove", lang),
            on_click=remove,
            args=(slide - 1,),
            icon=":material/delete:",
            key="pick_remove",
        )
if story == "oma" and own:
    presenter.caption(t("story.session_only", lang, n=len(own)))


def slide_texts(box, title: str, takeaway: str, alt: str = "") -> None:
    """A slide's title and takeaway, and its chart's text alternative for screen readers (what
    it shows, where and when, as the deck's picture says it; app.css hides it)."""
    text = f'<p class="esitys-title">{escape(title)}</p>'
    if takeaway:
        text += f'<p class="esitys-takeaway">{escape(takeaway)}</p>'
    if alt:
        text += f'<p class="chart-alt">{escape(alt)}</p>'
    box.html(text)


if view is None:
    slide_texts(presenter, storyline.view_name(view_id, lang), "")
    presenter.info(t("story.no_data", lang))
elif view.figure is None:  # one month: its figures as numbers, and why no line
    slide_texts(presenter, view.title, storyline.slide_takeaway(view, lang))
    ui.slide_numbers(presenter, view)
    presenter.html(f'<p class="esitys-source">{escape(view.note.plain(lang))}</p>')
else:
    alt = storyline.alt_text(view, lang)
    slide_texts(presenter, view.title, storyline.slide_takeaway(view, lang), alt)
    # The chart takes the height the texts leave in the window (esitys.css); theme=None:
    # Streamlit's theme would shrink the large fonts meant for the back of the room.
    presenter.container(key="slide_chart").plotly_chart(
        ui.slide_figure(view.figure),
        key=f"slide_{story}_{slide}",
        config=ui.slide_config(),
        theme=None,
        height="stretch",
    )
    presenter.html(f'<p class="esitys-source">{escape(view.note.plain(lang))}</p>')

with st.container(key="deck_box"):
    st.divider()
    st.subheader(t("story.deck_heading", lang))
    st.caption(f"{t('story.keys_help', lang)} {t('story.print_help', lang)}")
    if st.button(t("story.build", lang), icon=":material/slideshow:", key="story_build"):
        progress = st.progress(0.0, text=t("story.building", lang))
        files = storyline.deck_files(
            views,
            story_name(story),
            f,
            dt.date.today(),
            progress=lambda i, n: progress.progress(i / n, text=t("story.drawn", lang, i=i, n=n)),
        )
        st.session_state["deck_files"] = (files.pptx, files.zip, files.name)
        done = (
            t("story.failed_some", lang, n=files.failed) if files.failed else t("story.ready", lang)
        )
        progress.progress(1.0, text=done)
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

# The handout: every slide of the deck, out of sight on the screen and printed one to a sheet
# (esitys.css), so that the browser's print of this page is the whole deck.
with st.container(key="handout"):
    for i, (vid, each) in enumerate(views, start=1):
        box = st.container(key=f"handout_{i}")
        if each is None:
            slide_texts(box, storyline.view_name(vid, lang), t("story.no_data", lang))
            continue
        slide_texts(box, each.title, storyline.slide_takeaway(each, lang))
        if each.figure is None:
            ui.slide_numbers(box, each)
        else:
            box.plotly_chart(
                ui.slide_figure(each.figure, ui.HANDOUT_HEIGHT),
                key=f"handout_chart_{story}_{i}",
                config=ui.slide_config(),
                theme=None,
            )
        box.html(f'<p class="esitys-source">{escape(each.note.plain(lang))}</p>')
