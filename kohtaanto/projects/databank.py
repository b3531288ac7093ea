"""The databank's list logic without Streamlit: filters from the URL applied to the project
list, and the shown table's columns for a language."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlencode, urlsplit

import pandas as pd

from kohtaanto.i18n import t
from kohtaanto.projects.workbook import EURA, EURA_CARD

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
            "source": [t(f"hankkeet.source_{s}", lang) for s in rows.source],
        }
    )
    # An unknown text or date is an empty cell, not the word "None".
    for column in ("name", "implementer", "areas", "programme_period", "target_groups", "themes"):
        out[column] = out[column].astype(object).where(out[column].notna(), "")
    for column in ("start_date", "end_date"):
        out[column] = [str(d)[:10] if pd.notna(d) else "" for d in out[column]]
    return out.rename(columns=lambda c: t(f"hankkeet.col_{c}", lang))


EURA_HOSTS = ("eura2021.fi", "eura2014.fi")
# A code link's shown text: the project code from the address (EURA 2021's ``id=``, EURA 2014's
# ``projektikoodi=``, the databank card's ``project=``), as st.column_config.LinkColumn reads it.
CODE_IN_LINK = r"[?&](?:id|projektikoodi|project)=([^&#]+)"


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""


# The list on screen: these columns, in this order, at these widths (px), summing to 880 so
# that the list fits the 906 px of content at 1366 px beside the sidebar, with text wrapped
# over rows three lines tall; the rest (programme period, themes, total funding, results,
# source) are in the downloads and on the project card.
LIST_ON_SCREEN = {
    "project_code": 100,
    "name": 180,
    "implementer": 110,
    "areas": 95,
    "period": 120,
    "project_status": 85,
    "target_groups": 100,
    "planned_eu_state_eur": 90,
}


def period_text(start, end) -> str:
    """A project's duration as months, ``2/2024–1/2026``; empty without dates."""
    from kohtaanto import fmt

    ends = [fmt.month_short(pd.Timestamp(d).date()) if pd.notna(d) else "" for d in (start, end)]
    return "–".join(ends) if any(ends) else ""


def screen_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`list_table` for the screen: the duration in one column (``period``), euros as
    text in the language's format (``300 000``; empty when unknown)."""
    from kohtaanto import fmt

    out = list_table(rows, lang)
    for column in ("planned_eu_state_eur", "planned_total_eur"):
        name = t(f"hankkeet.col_{column}", lang)
        out[name] = [fmt.number(v, lang) if pd.notna(v) else "" for v in out[name]]
    out.insert(
        4,
        t("hankkeet.col_period", lang),
        [period_text(a, b) for a, b in zip(rows.start_date, rows.end_date, strict=True)],
    )
    return out


def official_page(code: str, url: str | None, period: str | None, source: str | None) -> str | None:
    """The project's official EURA page: the address the EURA 2021 export gives
    (``Hankekuvauksen osoite``), else EURA 2021's project card for a 2021–2027 code
    (``S`` and digits; workbook.EURA_CARD), else a EURA address the workbook gives (2014–2020
    projects); None when there is none (an own code, a Kohesio page)."""
    if source == EURA and url and url.lower().startswith(("http://", "https://")):
        return url
    if period == "2021–2027" and code[:1] == "S" and code[1:].isdigit():
        return EURA_CARD.format(code=code)
    if url and any(_host(url) == h or _host(url).endswith("." + h) for h in EURA_HOSTS):
        return url
    return None


def official_card(
    code: str, url: str | None, period: str | None, source: str | None = None
) -> str | None:
    """The card's "official page" link: the official EURA page, else the source address."""
    return official_page(code, url, period, source) or url or None


def code_link(
    code: str, url: str | None, period: str | None, source: str | None, lang: str, area: str
) -> str:
    """Where a project code in a table links: its official EURA page when the address shows
    the code (so the cell reads as the code), else its card in the databank (a relative
    address of /hankkeet that keeps the language and area)."""
    official = official_page(code, url, period, source)
    if official:
        found = re.search(CODE_IN_LINK, official)
        if found and unquote(found[1]) == code:
            return official
    params = {"project": code} | ({"lang": lang} if lang != "fi" else {})
    params |= {"area": area} if area != "SSS" else {}
    return "hankkeet?" + urlencode(params)


def code_links(rows: pd.DataFrame, lang: str, area: str) -> list[str]:
    """:func:`code_link` for each row of a frame with project_code, url, programme_period and
    source (the query projects_list)."""
    return [
        code_link(r.project_code, r.url, r.programme_period, r.source, lang, area)
        for r in rows.itertuples(index=False)
    ]
