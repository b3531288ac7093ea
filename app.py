"""Kohtaanto: the router and the shared frame (filters in the sidebar and in the URL)."""

import streamlit as st

from kohtaanto import databank_live, signin, ui
from kohtaanto.i18n import t
from kohtaanto.paths import ROOT

# The sidebar "auto" (shown on a desktop, hidden on a phone) said on every page: the presentation
# page collapses it, and without this it stayed collapsed on the page the back button led to.
st.set_page_config(
    page_title="Kohtaanto",
    page_icon=":material/handshake:",
    layout="wide",
    initial_sidebar_state="auto",
)

ui.static_files()
databank_live.install()  # the databank's queries read the editable store's published entries
filters = ui.setup_filters()
lang = filters.lang
ui.page_texts(lang)
PAGES = [
    ("yleiskuva", "yleiskuva", ":material/dashboard:"),
    ("alueet", "alueet", ":material/map:"),
    ("ammatit", "ammatit", ":material/work:"),
    ("toimialat", "toimialat", ":material/factory:"),
    ("kohtaanto", "kohtaanto", ":material/join_inner:"),
    ("kokeneet", "kokeneet", ":material/diversity_3:"),
    ("ennakointi", "ennakointi", ":material/query_stats:"),
    ("hankkeet", "hankkeet", ":material/folder_special:"),
    ("seuranta", "seuranta", ":material/monitoring:"),
    ("aineisto", "aineisto", ":material/table_view:"),
    ("esitys", "esitys", ":material/co_present:"),
]
pages = [
    st.Page(
        ROOT / "pages" / f"{name}.py",
        title=t(f"nav.{name}", lang),
        icon=icon,
        url_path=path,
        default=name == "yleiskuva",
    )
    for name, path, icon in PAGES
    if (ROOT / "pages" / f"{name}.py").is_file()
]
page = st.navigation(pages, position="sidebar")
ui.show_notices(filters)
link_slot = st.sidebar.empty()
page.run()
ui.show_view_link(link_slot, lang)
signin.sidebar(lang)
