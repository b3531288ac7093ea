"""Monitoring arithmetic for the theme's sub-projects, without Streamlit or a database.

Reports are cumulative to the end of each reporting period (CONTRACT.md section 2b), so a
project's standing is its latest report. Progress is compared with the share of the project's
time elapsed at that report; results (EECR04, EECR05) are shares of leavers, which the ESF+
common indicators do not count: once a project has ended, every participant has left, so its
participants (EECO01) at a report on or after the end date are its leavers.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from kohtaanto import fmt

SMALL = 5  # counts of 1–4 persons are not shown exactly
TOLERANCE = 0.10  # progress within ±10 percentage points of time elapsed (inclusive) is on track
STALE_MONTHS = 6


def masked(value: float | None, lang: str) -> str:
    """A count of persons for pages, slides and downloads: 1–4 become ``< 5``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if 0 < value < SMALL:
        return "< 5"
    return fmt.number(value, lang)


def mask_counts(frame: pd.DataFrame, columns: list[str], lang: str) -> pd.DataFrame:
    """A copy of ``frame`` with counts in ``columns`` as masked text (for tables and files)."""
    out = frame.copy()
    for column in columns:
        out[column] = [masked(v, lang) for v in out[column]]
    return out


def elapsed_share(start: dt.date | None, end: dt.date | None, at: dt.date) -> float | None:
    """The share of the project's time gone at ``at``: 0 before it starts, 1 after it ends."""
    if start is None or end is None or pd.isna(start) or pd.isna(end) or end <= start:
        return None
    share = (at - start).days / (end - start).days
    return min(1.0, max(0.0, share))


def verdict(progress: float | None, elapsed: float | None, tolerance: float = TOLERANCE) -> str:
    """``ahead``, ``on_track`` or ``behind``: progress against target beside time elapsed;
    ``unknown`` without a target or dates."""
    if progress is None or elapsed is None or pd.isna(progress) or pd.isna(elapsed):
        return "unknown"
    # Rounded so that 0.6 against 0.5 is exactly ten points, not ten and a rounding error.
    gap = round(progress - elapsed, 9)
    if gap > tolerance:
        return "ahead"
    if gap < -tolerance:
        return "behind"
    return "on_track"


def latest(reports: pd.DataFrame) -> pd.DataFrame:
    """Each project's latest report of each indicator (both sexes together: ``sex = SSS``)."""
    rows = reports[reports.sex == "SSS"]
    if rows.empty:
        return rows
    last = rows.groupby(["project_code", "indicator"]).period_end.transform("max")
    return rows[rows.period_end == last].reset_index(drop=True)


def progress(projects: pd.DataFrame, reports: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """One row per project with a report of ``indicator``: target, achieved, progress (share
    of target), time elapsed at the report, and the verdict."""
    last = latest(reports)
    last = last[last.indicator == indicator]
    out = last.merge(projects[["project_code", "start_date", "end_date"]], on="project_code")
    out["progress"] = [
        a / t if t and t > 0 and a == a else None
        for a, t in zip(out.achieved, out.target, strict=True)
    ]
    out["elapsed"] = [
        elapsed_share(s, e, p)
        for s, e, p in zip(out.start_date, out.end_date, out.period_end, strict=True)
    ]
    out["verdict"] = [verdict(p, e) for p, e in zip(out.progress, out.elapsed, strict=True)]
    cols = ["project_code", "period_end", "target", "achieved", "progress", "elapsed", "verdict"]
    return out[[*cols, "source"]].sort_values("project_code").reset_index(drop=True)


def result_shares(projects: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """EECR04 and EECR05 as shares of leavers, for projects whose latest report is on or after
    their end date (then participants = leavers); other projects get no share and a reason."""
    last = latest(reports)
    wide = last.pivot_table(
        index=["project_code", "period_end"], columns="indicator", values="achieved"
    ).reset_index()
    for code in ("EECO01", "EECR04", "EECR05"):
        if code not in wide:
            wide[code] = float("nan")
    wide = wide.merge(projects[["project_code", "end_date"]], on="project_code")
    rows = []
    for r in wide.itertuples(index=False):
        ended = r.end_date is not None and not pd.isna(r.end_date) and r.period_end >= r.end_date
        leavers = r.EECO01 if ended and r.EECO01 == r.EECO01 and r.EECO01 > 0 else None
        reason = None if leavers else ("no_participants" if ended else "still_running")
        rows.append(
            {
                "project_code": r.project_code,
                "period_end": r.period_end,
                "leavers": leavers,
                "employed_on_leaving": r.EECR04,
                "employed_after_6m": r.EECR05,
                "share_on_leaving": r.EECR04 / leavers
                if leavers and r.EECR04 == r.EECR04
                else None,
                "share_after_6m": r.EECR05 / leavers if leavers and r.EECR05 == r.EECR05 else None,
                "reason": reason,
            }
        )
    return pd.DataFrame(rows)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from ``earlier`` to ``later`` (a month counts once its day is reached)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def stale(
    projects: pd.DataFrame, reports: pd.DataFrame, today: dt.date, months: int = STALE_MONTHS
) -> pd.DataFrame:
    """Projects running at ``today`` (started, not yet ended) whose latest report is older than
    ``months`` months, or that have none; with the months since their latest report."""
    last = reports.groupby("project_code").period_end.max()
    rows = []
    for p in projects.itertuples(index=False):
        if p.start_date is None or pd.isna(p.start_date) or p.start_date > today:
            continue
        if p.end_date is not None and not pd.isna(p.end_date) and p.end_date < today:
            continue
        report = last.get(p.project_code)
        since = months_between(report, today) if report is not None else None
        if report is None or since > months:
            rows.append({"project_code": p.project_code, "last_report": report, "months": since})
    return pd.DataFrame(rows, columns=["project_code", "last_report", "months"])


def funding(projects: pd.DataFrame) -> pd.DataFrame:
    """Realised against planned EU and state funding, per project with a plan."""
    out = projects[["project_code", "planned_eu_state_eur", "realised_eu_state_eur"]].copy()
    out = out[out.planned_eu_state_eur.notna() & (out.planned_eu_state_eur > 0)]
    out["realised_share"] = out.realised_eu_state_eur / out.planned_eu_state_eur
    return out.reset_index(drop=True)


def reach(reports: pd.DataFrame) -> pd.DataFrame:
    """The 55+ share of each project's participants at its latest report with both EECO01 and
    EECO08 (both sexes together)."""
    rows = reports[(reports.sex == "SSS") & reports.indicator.isin(["EECO01", "EECO08"])]
    wide = rows.pivot_table(
        index=["project_code", "period_end"], columns="indicator", values="achieved"
    ).reset_index()
    if wide.empty or not {"EECO01", "EECO08"} <= set(wide.columns):
        return pd.DataFrame(columns=["project_code", "period_end", "EECO01", "EECO08", "share_55"])
    wide = wide.dropna(subset=["EECO01", "EECO08"])
    wide = wide[wide.EECO01 > 0]
    wide = wide[wide.period_end == wide.groupby("project_code").period_end.transform("max")]
    wide["share_55"] = wide.EECO08 / wide.EECO01
    cols = ["project_code", "period_end", "EECO01", "EECO08", "share_55"]
    return wide[cols].reset_index(drop=True)


def area_share(rows: pd.DataFrame) -> pd.DataFrame:
    """Per project, the share of an age group among the unemployed of its areas over its own
    months, from summed counts (never averaged rates). ``rows`` (from the query
    ``projects_area_age``) has project_code, age_group, months, older, all_ages, sources; the
    55+ break is used where the statistics have it for the months, else 50+."""
    if rows.empty:
        return pd.DataFrame(
            columns=["project_code", "age_group", "months", "share", "first", "last", "sources"]
        )
    rank = {"55-": 0, "50-": 1}
    rows = rows.assign(rank=rows.age_group.map(rank)).sort_values(["project_code", "rank"])
    best = rows.groupby("project_code").head(1).copy()
    best["share"] = best.older / best.all_ages
    cols = ["project_code", "age_group", "months", "share", "first", "last", "sources"]
    return best[cols].reset_index(drop=True)
