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
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

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


def running(start: dt.date | None, end: dt.date | None, today: dt.date) -> bool:
    """Whether a project has started and not yet ended on ``today``."""
    if start is None or pd.isna(start) or start > today:
        return False
    return end is None or pd.isna(end) or end >= today


def ongoing(projects: pd.DataFrame, today: dt.date) -> int:
    """How many of the projects are running on ``today`` (those :func:`stale` looks at)."""
    return sum(
        running(s, e, today) for s, e in zip(projects.start_date, projects.end_date, strict=True)
    )


def stale(
    projects: pd.DataFrame, reports: pd.DataFrame, today: dt.date, months: int = STALE_MONTHS
) -> pd.DataFrame:
    """Projects running at ``today`` (started, not yet ended) whose latest report is older than
    ``months`` months, or that have none; with the months since their latest report."""
    last = reports.groupby("project_code").period_end.max()
    rows = []
    for p in projects.itertuples(index=False):
        if not running(p.start_date, p.end_date, today):
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


# ---------------------------------------------------------------------------------------------
# Small counts: primary and secondary suppression
#
# The rule (README, "Seuranta: small counts"):
# 1. Primary: a count of 1–4 persons is shown as "< 5" (0 is shown: it identifies nobody).
# 2. Secondary: a total and its parts form an equation (total = sum of parts). Where it holds a
#    count shown as "< 5", more of its cells are hidden, shown as "..", until no hidden cell
#    can be worked out exactly from the equation: each hidden cell must have at least two
#    values that fit the shown cells, "< 5" meaning 1–4 and ".." meaning 5 or more.
# 3. The cells hidden second are the smallest parts of 5 or more that make the equation safe
#    (least information lost), and the total only when no part will do.
# 4. A cell hidden for one equation is hidden in every equation and table it appears in, and the
#    equations are checked again until none changes. A share (55+ of participants, progress
#    against target) whose count is hidden is not shown either: it would give the count back.
# Each equation is checked on its own: a hidden cell that only a system of several equations
# together could pin down is not searched for (the areas' totals here share projects but are not
# sums of one another, so no chain of totals adds up to another total).

PRIMARY = "primary"
SECONDARY = "secondary"
SECONDARY_MARK = ".."


def _bits(lo: int, hi: int) -> int:
    """The integers lo..hi as bits of an int (bit v set = value v possible)."""
    if hi < lo:
        return 0
    return ((1 << (hi - lo + 1)) - 1) << lo


def _sums(domains: list[int], bound: int) -> int:
    """Every sum of one value from each domain (bitsets), up to ``bound``."""
    mask = (1 << (bound + 1)) - 1
    out = 1  # the empty sum, 0
    for domain in domains:
        acc, value, rest = 0, 0, domain
        while rest:
            if rest & 1:
                acc |= out << value
            rest >>= 1
            value += 1
        out = acc & mask
    return out


def _domain(status: str, small: int, bound: int) -> int:
    return _bits(1, small - 1) if status == PRIMARY else _bits(small, bound)


def _ambiguous(
    values: Mapping[Hashable, float],
    masked: Mapping[Hashable, str],
    total: Hashable,
    parts: Sequence[Hashable],
    small: int,
) -> bool:
    """Whether every hidden cell of the equation ``total = sum(parts)`` has at least two values
    that fit the shown cells."""
    hidden = [p for p in parts if p in masked]
    if not hidden and total not in masked:
        return True
    known = round(sum(values[p] for p in parts if p not in masked))
    bound = round(values[total]) + small * (len(parts) + 2)
    full = (1 << (bound + 1)) - 1
    domains = {c: _domain(masked[c], small, bound) for c in [*hidden, total] if c in masked}
    for cell in domains:
        if cell == total:
            fits = _sums([domains[p] for p in hidden], bound) << known
        else:
            others = _sums([domains[p] for p in hidden if p != cell], bound)
            if total in masked:
                # total = known + cell + others: the cell's value v fits if some total in the
                # total's domain minus known minus v is a sum of the others.
                room = domains[total] >> known
                fits = 0
                for v in range(bound + 1):
                    if (room >> v) & others:
                        fits |= 1 << v
            else:
                rest = round(values[total]) - known
                fits = 0
                for v in range(max(rest, -1) + 1):
                    if (others >> (rest - v)) & 1:
                        fits |= 1 << v
        if (fits & domains[cell] & full).bit_count() < 2:
            return False
    return True


def suppress(
    values: Mapping[Hashable, float | None],
    groups: Iterable[tuple[Hashable, Sequence[Hashable]]],
    small: int = SMALL,
) -> dict[Hashable, str]:
    """Which cells to hide, and why (``primary``: 1–4; ``secondary``: to protect one), for
    ``values`` (cell → count; None = not reported, in no equation) and ``groups`` (total cell,
    its part cells). The rule is in the comment above."""
    masked: dict[Hashable, str] = {
        k: PRIMARY for k, v in values.items() if v is not None and 0 < v < small
    }
    groups = [
        (total, [p for p in parts if values.get(p) is not None])
        for total, parts in groups
        if values.get(total) is not None
    ]
    changed = True
    while changed:
        changed = False
        for total, parts in groups:
            while not _ambiguous(values, masked, total, parts, small):
                pick = _protector(values, masked, total, parts, small)
                if pick is None:
                    break
                masked[pick] = SECONDARY
                changed = True
    return masked


def _protector(
    values: Mapping[Hashable, float],
    masked: Mapping[Hashable, str],
    total: Hashable,
    parts: Sequence[Hashable],
    small: int,
) -> Hashable | None:
    """The cell to hide next in an unsafe equation: the smallest part of ``small`` or more that
    makes it safe, else the smallest such part, else the total; None when all are hidden."""
    candidates = sorted(
        (p for p in parts if p not in masked and values[p] >= small), key=lambda p: values[p]
    )
    for cell in candidates:
        if _ambiguous(values, {**masked, cell: SECONDARY}, total, parts, small):
            return cell
    whole = {**masked, total: SECONDARY}
    if total not in masked and _ambiguous(values, whole, total, parts, small):
        return total
    if candidates:
        return candidates[0]
    return None if total in masked else total


def shown(value: float | None, status: str | None, lang: str) -> str:
    """A count as shown: ``< 5`` (primary), ``..`` (hidden to protect one), the number, or
    ``–`` when there is none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if status == PRIMARY:
        return "< 5"
    if status == SECONDARY:
        return SECONDARY_MARK
    return masked(value, lang)


def share_shown(
    part: float | None, whole: float | None, statuses: Iterable[str | None], lang: str
) -> str:
    """``part / whole`` as a whole percent, or ``–`` when either count is hidden (the share and
    the shown count would give the hidden one back) or missing."""
    if any(s is not None for s in statuses):
        return "–"
    if part is None or whole is None or whole != whole or part != part or not whole:
        return "–"
    return fmt.percent(part / whole * 100, lang, 0)


def latest_cells(reports: pd.DataFrame, indicators: Sequence[str]) -> pd.DataFrame:
    """Each project's latest achieved count of each of ``indicators`` (both sexes together),
    with its reporting date: the cells that totals are made of."""
    last = latest(reports)
    last = last[last.indicator.isin(indicators) & last.achieved.notna()]
    return last[["project_code", "indicator", "period_end", "achieved"]].reset_index(drop=True)


SEVERAL = "_several"  # projects that lie in more than one of the rows' areas
NATIONAL = "_national"  # national projects (area SSS)
UNPLACED = "_unplaced"  # projects in the area but in none of its parts (placed on the area)
TOTAL = "_total"


def table_rows(
    children: pd.DataFrame, codes: Sequence[str], national: Iterable[str]
) -> dict[str, list[str]]:
    """The rows of the totals table: each project in exactly one row, so the rows add up to
    the total. ``children`` (query ``project_child_areas``: area_code, project_code) gives the
    areas one level down and the projects in each; a project in one of them is in its row, one
    in several is in the row ``SEVERAL``, a national one in ``NATIONAL``, any other in
    ``UNPLACED``. Without child areas every project is only in the total. Every child area has
    a row, empty or not; empty special rows are left out."""
    codes = list(dict.fromkeys(codes))
    if children.empty:
        return {TOTAL: codes}
    national = set(national)
    lying = children.dropna(subset=["project_code"]).groupby("project_code").area_code.apply(set)
    rows: dict[str, list[str]] = {c: [] for c in dict.fromkeys(children.area_code)}
    rows |= {SEVERAL: [], NATIONAL: [], UNPLACED: []}
    for code in codes:
        places = lying.get(code, set())
        if len(places) == 1:
            rows[next(iter(places))].append(code)
        elif places:
            rows[SEVERAL].append(code)
        else:
            rows[NATIONAL if code in national else UNPLACED].append(code)
    rows = {k: v for k, v in rows.items() if v or not k.startswith("_")}
    return rows | {TOTAL: codes}


def area_totals(
    cells: pd.DataFrame,
    rows: Mapping[str, Sequence[str]],
    indicators: Sequence[str] = ("EECO01", "EECO08"),
    small: int = SMALL,
) -> tuple[pd.DataFrame, dict[tuple[str, str, str], str]]:
    """Totals of the latest counts per row and indicator, and which cells to hide.

    ``cells`` is :func:`latest_cells`; ``rows`` is :func:`table_rows` (the rows partition the
    projects; ``TOTAL`` holds them all). The equations checked are each row's total against
    its projects, the total against the rows, and the total against the projects. Returns the
    totals (``row``, ``reporting`` projects, one column per indicator; None where no project of
    the row reported) and the hidden cells, keyed ``("project", code, indicator)`` or
    ``("row", row, indicator)``.
    """
    value: dict[tuple[str, str, str], float | None] = {
        ("project", r.project_code, r.indicator): float(r.achieved)
        for r in cells.itertuples(index=False)
    }
    hidden: dict[tuple[str, str, str], str] = {}
    for indicator in indicators:
        groups = []
        for key, codes in rows.items():
            present = [("project", c, indicator) for c in codes]
            present = [p for p in present if p in value]
            total = ("row", key, indicator)
            value[total] = float(sum(value[p] for p in present)) if present else None
            groups.append((total, present))
        parts = [("row", k, indicator) for k in rows if k != TOTAL]
        if parts:
            groups.append((("row", TOTAL, indicator), parts))
        hidden |= suppress(value, groups, small)
    out = []
    for key, codes in rows.items():
        reporting = {c for c in codes for i in indicators if ("project", c, i) in value}
        row: dict[str, Any] = {"row": key, "reporting": len(reporting)}
        row |= {i: value.get(("row", key, i)) for i in indicators}
        out.append(row)
    return pd.DataFrame(out, columns=["row", "reporting", *indicators]), hidden
