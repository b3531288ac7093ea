"""The tables of the monitoring page (/seuranta) as shown, without Streamlit: counts with small
ones hidden by one rule (monitoring.suppress), shares that never give a hidden count back, dates
and words in the page's language, project codes as links.

``Hidden`` holds what :func:`monitoring.area_totals` decided for the latest counts; a count of
an earlier reporting period is in no total, so only the primary rule (1–4 → ``< 5``) hides it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from kohtaanto import fmt
from kohtaanto.i18n import t
from kohtaanto.projects import databank
from kohtaanto.projects import monitoring as m

INDICATORS = ("EECO01", "EECO08")
# Column widths (px) of the wide tables, so that they fit the 906 px of content at 1366 px; a
# header cut short shows its whole text as its tooltip.
WIDTHS = {
    "results": {
        "project_code": 95,
        "period_end": 95,
        "leavers": 80,
        "employed_on_leaving": 100,
        "employed_after_6m": 100,
        "share_on_leaving": 80,
        "share_after_6m": 80,
        "reason": 250,
    },
    "reach": {
        "project_code": 95,
        "period_end": 95,
        "participants": 85,
        "participants_55": 85,
        "share_55": 85,
        "area_share": 90,
        "area_age": 70,
        "area_months": 120,
        "area_source": 100,
    },
    "periods": {
        "project_code": 95,
        "period_end": 105,
        "target_EECO01": 110,
        "achieved_EECO01": 110,
        "target_EECO08": 110,
        "achieved_EECO08": 110,
        "source": 200,
    },
}


@dataclass
class Hidden:
    """Which counts are hidden: the decisions of :func:`monitoring.area_totals`, and the
    reporting date of each project's latest count (the one those decisions are about)."""

    cells: dict[tuple[str, str, str], str] = field(default_factory=dict)
    latest: dict[tuple[str, str], dt.date] = field(default_factory=dict)

    def status(self, code: str, indicator: str, period_end: dt.date, value) -> str | None:
        """``primary``, ``secondary`` or None for one reported count."""
        if self.latest.get((code, indicator)) == period_end:
            found = self.cells.get(("project", code, indicator))
            if found:
                return found
        if value is not None and value == value and 0 < value < m.SMALL:
            return m.PRIMARY
        return None


def hidden_counts(reports: pd.DataFrame, rows: dict[str, list[str]]) -> tuple[pd.DataFrame, Hidden]:
    """The totals per row of the table and what to hide (monitoring.area_totals)."""
    cells = m.latest_cells(reports, INDICATORS)
    totals, decided = m.area_totals(cells, rows, INDICATORS)
    latest = {(r.project_code, r.indicator): r.period_end for r in cells.itertuples(index=False)}
    return totals, Hidden(decided, latest)


def _date(value) -> str:
    return str(value)[:10] if value is not None and not pd.isna(value) else "–"


def links(codes: Sequence[str], projects: pd.DataFrame, lang: str, area: str) -> list[str]:
    """Each project code as the address it links to (databank.code_link)."""
    info = projects.set_index("project_code")
    out = []
    for code in codes:
        if code in info.index:
            r = info.loc[code]
            out.append(databank.code_link(code, r.url, r.programme_period, r.source, lang, area))
        else:
            out.append(databank.code_link(code, None, None, None, lang, area))
    return out


def totals_table(
    totals: pd.DataFrame, hidden: Hidden, names: dict[str, str], area_name: str, lang: str
) -> pd.DataFrame:
    """Participants and those aged 55+ per area of the table, with the total last."""
    label = {
        m.SEVERAL: t("seuranta.row_several", lang),
        m.NATIONAL: t("seuranta.row_national", lang),
        m.UNPLACED: t("seuranta.row_unplaced", lang, area=area_name),
        m.TOTAL: t("seuranta.row_total", lang, area=area_name),
    }
    out = []
    for r in totals.itertuples(index=False):
        status = {i: hidden.cells.get(("row", r.row, i)) for i in INDICATORS}
        value = {i: getattr(r, i) for i in INDICATORS}
        value = {i: None if v is None or pd.isna(v) else v for i, v in value.items()}
        out.append(
            {
                "area": label.get(r.row) or names.get(r.row, r.row),
                "reporting": fmt.number(r.reporting, lang),
                "participants": m.shown(value["EECO01"], status["EECO01"], lang),
                "participants_55": m.shown(value["EECO08"], status["EECO08"], lang),
                "share_55": m.share_shown(value["EECO08"], value["EECO01"], status.values(), lang),
            }
        )
    frame = pd.DataFrame(
        out, columns=["area", "reporting", "participants", "participants_55", "share_55"]
    )
    return frame.rename(columns=lambda c: t(f"seuranta.col_{c}", lang))


def progress_table(rows: pd.DataFrame, hidden: Hidden, indicator: str, lang: str) -> pd.DataFrame:
    """Target, achieved, progress, time elapsed and the verdict per project (codes as text:
    this table is also the chart's download)."""
    status = [
        hidden.status(c, indicator, d, a)
        for c, d, a in zip(rows.project_code, rows.period_end, rows.achieved, strict=True)
    ]
    out = pd.DataFrame(
        {
            "project_code": rows.project_code,
            "period_end": [_date(d) for d in rows.period_end],
            "target": [m.masked(v, lang) for v in rows.target],
            "achieved": [m.shown(v, s, lang) for v, s in zip(rows.achieved, status, strict=True)],
            "progress": [
                m.share_shown(a, tg, [s], lang)
                for a, tg, s in zip(rows.achieved, rows.target, status, strict=True)
            ],
            "elapsed": [
                fmt.percent(v * 100, lang, 0) if v is not None and v == v else "–"
                for v in rows.elapsed
            ],
            "verdict": [t(f"seuranta.verdict_{v}", lang) for v in rows.verdict],
            "source": rows.source,
        }
    )
    return out.rename(columns=lambda c: t(f"seuranta.col_{c}", lang))


def drawable(rows: pd.DataFrame, hidden: Hidden, indicator: str) -> pd.Series:
    """Which projects' progress may be drawn: a bar would give a hidden count back."""
    return pd.Series(
        [
            hidden.status(c, indicator, d, a) is None
            for c, d, a in zip(rows.project_code, rows.period_end, rows.achieved, strict=True)
        ],
        index=rows.index,
    )


def periods_table(reports: pd.DataFrame, hidden: Hidden, links_of, lang: str) -> pd.DataFrame:
    """Every reporting period of participants and those aged 55+, targets and achieved."""
    rows = reports[(reports.sex == "SSS") & reports.indicator.isin(INDICATORS)]
    out = []
    for (code, end, source), part in rows.groupby(
        ["project_code", "period_end", "source"], sort=True
    ):
        row = {"project_code": code, "period_end": _date(end)}
        for indicator in INDICATORS:
            found = part[part.indicator == indicator]
            target = found.target.iloc[0] if len(found) else None
            achieved = found.achieved.iloc[0] if len(found) else None
            status = hidden.status(code, indicator, end, achieved)
            row[f"target_{indicator}"] = m.masked(target, lang) if len(found) else "–"
            row[f"achieved_{indicator}"] = m.shown(achieved, status, lang) if len(found) else "–"
        row["source"] = source
        out.append(row)
    columns = [
        "project_code",
        "period_end",
        *[f"{k}_{i}" for i in INDICATORS for k in ("target", "achieved")],
        "source",
    ]
    frame = pd.DataFrame(out, columns=columns)
    frame["project_code"] = links_of(frame.project_code)
    return frame.rename(columns=lambda c: t(f"seuranta.col_{c}", lang))


def results_table(results: pd.DataFrame, hidden: Hidden, links_of, lang: str) -> pd.DataFrame:
    """Results as shares of leavers; a share whose count is hidden is not shown."""
    out = []
    for r in results.itertuples(index=False):
        leavers = hidden.status(r.project_code, "EECO01", r.period_end, r.leavers)
        on_leaving = hidden.status(r.project_code, "EECR04", r.period_end, r.employed_on_leaving)
        after = hidden.status(r.project_code, "EECR05", r.period_end, r.employed_after_6m)
        out.append(
            {
                "project_code": r.project_code,
                "period_end": _date(r.period_end),
                "leavers": m.shown(r.leavers, leavers, lang),
                "employed_on_leaving": m.shown(r.employed_on_leaving, on_leaving, lang),
                "employed_after_6m": m.shown(r.employed_after_6m, after, lang),
                "share_on_leaving": m.share_shown(
                    r.employed_on_leaving, r.leavers, [leavers, on_leaving], lang
                ),
                "share_after_6m": m.share_shown(
                    r.employed_after_6m, r.leavers, [leavers, after], lang
                ),
                "reason": t(f"seuranta.reason_{r.reason}", lang)
                if isinstance(r.reason, str)
                else "",
            }
        )
    frame = pd.DataFrame(out)
    frame["project_code"] = links_of(frame.project_code)
    return frame.rename(columns=lambda c: t(f"seuranta.col_{c}", lang))


def stale_table(late: pd.DataFrame, names: dict[str, str], links_of, lang: str) -> pd.DataFrame:
    """Ongoing projects without a report in six months: never a "None"."""
    frame = pd.DataFrame(
        {
            "project_code": links_of(late.project_code),
            "name": [names.get(c, "") for c in late.project_code],
            "last_report": [
                fmt.day(d, lang) if d is not None and not pd.isna(d) else t("seuranta.never", lang)
                for d in late.last_report
            ],
            "months": [
                "–" if v is None or pd.isna(v) else fmt.number(v, lang) for v in late.months
            ],
        }
    )
    return frame.rename(columns=lambda c: t(f"seuranta.col_{c}", lang))


def funding_table(money: pd.DataFrame, sources: dict[str, str], links_of, lang: str):
    """Realised against planned funding, with the source in words."""
    frame = pd.DataFrame(
        {
            "project_code": links_of(money.project_code),
            "planned_eu_state_eur": [fmt.number(v, lang) for v in money.planned_eu_state_eur],
            "realised_eu_state_eur": [fmt.number(v, lang) for v in money.realised_eu_state_eur],
            "realised_share": [fmt.percent(v * 100, lang, 0) for v in money.realised_share],
            "source": [t(f"hankkeet.source_{sources[c]}", lang) for c in money.project_code],
        }
    )
    return frame.rename(columns=lambda c: t(f"seuranta.col_{c}", lang))


def reach_table(both: pd.DataFrame, hidden: Hidden, links_of, lang: str) -> pd.DataFrame:
    """The 55+ share of participants beside the area's share of the unemployed."""
    out = []
    for r in both.itertuples(index=False):
        known = isinstance(r.age_group, str)
        every = hidden.status(r.project_code, "EECO01", r.period_end, r.EECO01)
        older = hidden.status(r.project_code, "EECO08", r.period_end, r.EECO08)
        months = "–"
        if known:
            first, last = (fmt.month_short(pd.Timestamp(d).date()) for d in (r.first, r.last))
            months = f"{first}–{last}"
        out.append(
            {
                "project_code": r.project_code,
                "period_end": _date(r.period_end),
                "participants": m.shown(r.EECO01, every, lang),
                "participants_55": m.shown(r.EECO08, older, lang),
                "share_55": m.share_shown(r.EECO08, r.EECO01, [every, older], lang),
                "area_share": fmt.percent(r.share * 100, lang, 0) if known else "–",
                "area_age": t(f"seuranta.age_{r.age_group}", lang) if known else "–",
                "area_months": months,
                "area_source": r.sources if known else "",
            }
        )
    frame = pd.DataFrame(out)
    frame["project_code"] = links_of(frame.project_code)
    return frame.rename(columns=lambda c: t(f"seuranta.col_{c}", lang))
