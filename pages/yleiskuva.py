"""Yleiskuva: key figures of the latest month for the chosen area, with trends against the country."""

import pandas as pd
import streamlit as st

from kohtaanto import fmt, ui
from kohtaanto.charts import ages as age_rules
from kohtaanto.charts.narrative import change_sentences
from kohtaanto.db import run_query
from kohtaanto.i18n import name_column, t
from kohtaanto.projects_ui import ongoing_projects_link

f = ui.filters()
lang = f.lang
trend = run_query("area_trend", area=f.area, start=f.start, end=f.end)
trend["period"] = pd.to_datetime(trend["period"])
mine = trend[trend.area_code == f.area]
country_name = t("common.country", lang)

st.title(t("yleiskuva.title", lang, area=f.area_name))
latest = mine.dropna(subset=["unemployed"]).tail(1)
if latest.empty:
    st.info(t("common.no_data", lang))
    st.stop()
now = latest.iloc[0]
ago_rows = mine[mine.period == now.period - pd.DateOffset(years=1)]
ago = ago_rows.iloc[0] if len(ago_rows) else None
st.caption(t("yleiskuva.lead", lang, month=fmt.month(now.period.date(), lang)))
if ago is None:  # the change over a year needs that month's figures, not the nearest ones
    year_ago = (now.period - pd.DateOffset(years=1)).date()
    st.caption(t("yleiskuva.no_year_ago", lang, month=fmt.month(year_ago, lang)))

ages = run_query("age_list").set_index("age_group")
# With all ages chosen, "Heistä kaikki ikäryhmät" (of them, all ages) repeated the first card:
# the card then shows the experienced group the sources have for most areas (55+, else 50+), as
# the age chart below does; a database without one has the card say 55+ is not in the source.
card_age = f.age
if f.age == "SSS":
    card_age = age_rules.widest_experienced(ages.reset_index()) or age_rules.EXPERIENCED[0]
age = run_query("age_trend", area=f.area, age=card_age, start=f.start, end=f.end)
age["period"] = pd.to_datetime(age["period"])
age_mine = age[(age.area_code == f.area) & (age.period == now.period)]
age_ago = age[(age.area_code == f.area) & (age.period == now.period - pd.DateOffset(years=1))]
if card_age in ages.index:
    age_name = str(ages.at[card_age, name_column(lang)] or ages.at[card_age, "name_fi"]).lower()
else:
    age_name = age_rules.age_label(card_age, 55, None, lang)
age_help = t("yleiskuva.age_card_all", lang, age=age_name) if f.age == "SSS" else None


def metric(
    col,
    label: str,
    value,
    before,
    *,
    kind: str = "count",
    inverse: bool = False,
    note: str | None = None,
) -> None:
    """A key figure with its change over a year, the change in its own unit (percentage points
    for a share); a figure the source lacks says so on the card, not only in its help.
    ``note``: a sentence put before the card's help."""
    show = {
        "count": lambda v: fmt.number(v, lang),
        "ratio": lambda v: fmt.number(v, lang, 2),
        "percent": lambda v: fmt.percent(v, lang),
    }[kind]
    if value is None or pd.isna(value):
        col.metric(
            label,
            "–",
            t("yleiskuva.not_published_short", lang),
            delta_color="off",
            delta_arrow="off",
            help=" ".join(filter(None, [note, t("yleiskuva.not_published", lang)])),
        )
        return
    delta = None
    if before is not None and not pd.isna(before):
        diff = value - before
        unit = "\u00a0" + t("yleiskuva.unit_points", lang) if kind == "percent" else ""
        delta = fmt.signed(
            diff, lang, 2 if kind == "ratio" else 1 if kind == "percent" else 0, unit
        )
        # Streamlit reads the direction from a leading ASCII hyphen, not from a minus sign.
        delta = delta.replace("\u2212", "-")
    col.metric(
        label,
        show(value),
        delta,
        delta_color="inverse" if inverse else "normal",
        delta_description=t("yleiskuva.delta_since", lang) if delta else None,
        help=" ".join(
            filter(
                None,
                [
                    note,
                    t(
                        "yleiskuva.delta_help",
                        lang,
                        month=fmt.month((now.period - pd.DateOffset(years=1)).date(), lang),
                    ),
                ],
            )
        ),
    )


def prev(column: str):
    return None if ago is None else ago[column]


# One row of six cards that wraps (app.css): three to a row on a wide screen, two on a phone,
# where two rows of three had left a lone card on every other line.
cols = st.columns(6, border=True)
metric(cols[0], t("yleiskuva.unemployed", lang), now.unemployed, prev("unemployed"), inverse=True)
metric(
    cols[1],
    t("yleiskuva.age_unemployed", lang, age=age_name),
    age_mine.value.iloc[0] if len(age_mine) else None,
    age_ago.value.iloc[0] if len(age_ago) else None,
    inverse=True,
    note=age_help,
)
metric(
    cols[2],
    t("yleiskuva.long_term", lang),
    now.long_term_unemployed,
    prev("long_term_unemployed"),
    inverse=True,
)
metric(cols[3], t("yleiskuva.open_vacancies", lang), now.open_vacancies, prev("open_vacancies"))
metric(cols[4], t("yleiskuva.tightness", lang), now.tightness, prev("tightness"), kind="ratio")
metric(
    cols[5],
    t("yleiskuva.unemployment_share", lang),
    now.unemployment_share,
    prev("unemployment_share"),
    kind="percent",
    inverse=True,
)

for sentence in change_sentences(now, ago, f.area_name, lang):
    st.markdown(f"- {sentence}")
ongoing_projects_link(f)

# The charts: panels of kohtaanto/panels/yleiskuva.py, the same ones the storylines show.
left, right = st.columns(2)
with left:
    ui.show_panel("share", f)
with right:
    ui.show_panel("tightness", f)
left, right = st.columns(2)
with left:
    ui.show_panel("counts", f)
with right:
    ui.show_panel("age_share", f, empty_text=t("yleiskuva.age_missing", lang, age=age_name))
