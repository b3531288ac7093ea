"""The databank's list logic without Streamlit: filters from the URL applied to the project
list, and the shown table's columns for a language."""

from __future__ import annotations

import pandas as pd

from kohtaanto.i18n import t

STATUSES = ("ongoing", "ended", "upcoming")
ALL = "all"
MAX_QUERY = 100


def split(values: pd.Series) -> list[str]:
    """The distinct items of comma-separated lists in ``values``, sorted."""
    items = {p.strip() for v in values.dropna() for p in str(v).split(",") if p.strip()}
    return sorted(items)


def clean_query(raw: str | None) -> str:
    """Search text from a URL: trimmed, at most 100 characters, printable only."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable()).strip()
    return text[:MAX_QUERY]


def filter_projects(
    rows: pd.DataFrame,
    *,
    q: str = "",
    theme: str = ALL,
    target: str = ALL,
    status: str = ALL,
    period: str = ALL,
) -> pd.DataFrame:
    """The projects that match every chosen filter; ``q`` matches any word of the search text
    (names in every language, summary, themes, results and practices), case-insensitively."""
    keep = pd.Series(True, index=rows.index)
    for word in q.lower().split():
        keep &= rows.search_text.fillna("").str.contains(word, regex=False)
    if theme != ALL:
        keep &= rows.themes.fillna("").map(lambda v: theme in [x.strip() for x in v.split(",")])
    if target != ALL:
        keep &= rows.target_groups.fillna("").map(
            lambda v: target in [x.strip() for x in v.split(",")]
        )
    if status != ALL:
        keep &= rows.project_status == status
    if period != ALL:
        keep &= rows.programme_period == period
    return rows[keep]


def list_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The shown and downloaded list: code, name, areas, period, status, groups, funding."""
    out = pd.DataFrame(
        {
            "project_code": rows.project_code,
            "name": rows[f"name_{lang}"],
            "implementer": rows.implementer,
            "areas": rows[f"areas_{lang}"],
            "start_date": rows.start_date,
            "end_date": rows.end_date,
            "project_status": [t(f"hankkeet.status_{s}", lang) for s in rows.project_status],
            "programme_period": rows.programme_period,
            "target_groups": rows.target_groups,
            "themes": rows.themes,
            "planned_eu_state_eur": rows.planned_eu_state_eur,
            "planned_total_eur": rows.planned_total_eur,
            "practices": rows.practices,
            "source": rows.source,
        }
    )
    # An unknown text or date is an empty cell, not the word "None".
    for column in ("name", "implementer", "areas", "programme_period", "target_groups", "themes"):
        out[column] = out[column].astype(object).where(out[column].notna(), "")
    for column in ("start_date", "end_date"):
        out[column] = [str(d)[:10] if pd.notna(d) else "" for d in out[column]]
    return out.rename(columns=lambda c: t(f"hankkeet.col_{c}", lang))


def official_card(code: str, url: str | None, period: str | None) -> str | None:
    """The official project card: EURA 2021's for 2021–2027 codes, else the source address."""
    if period == "2021–2027" and code[:1] == "S" and code[1:].isdigit():
        return f"https://www.eura2021.fi/hakutulokset/projektikortti?id={code}"
    return url or None
