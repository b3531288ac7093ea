"""Small Streamlit pieces of the projects databank that other pages show."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kohtaanto.db import DatabaseUnavailable, run_query
from kohtaanto.i18n import t
from kohtaanto.ui import Filters


def ongoing_projects_link(f: Filters) -> None:
    """ "N ongoing projects in the area" as a link to /hankkeet with the area and language;
    nothing for a database built before the projects tables existed."""
    ref = pd.Timestamp(run_query("data_status").iloc[0].last_month).date()
    try:
        rows = run_query("projects_list", area=f.area, ref=ref)
    except DatabaseUnavailable:
        return
    ongoing = rows[rows.project_status == "ongoing"]
    here = int((ongoing.relation == "in").sum())
    national = int((ongoing.relation == "national").sum())
    label = t("hankkeet.ongoing_link", f.lang, n=here, area=f.area_name, national=national)
    params = {"area": f.area, "status": "ongoing"} | ({"lang": f.lang} if f.lang != "fi" else {})
    st.page_link(
        "pages/hankkeet.py", label=label, icon=":material/folder_special:", query_params=params
    )
