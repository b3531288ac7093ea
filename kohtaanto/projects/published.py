"""The store's published versions as the projects tables of CONTRACT.md section 2b: what the
build copies into the statistics database for analysts, and what pages show readers.

Results, good practices and reports appear only with a published project, as a reader sees
them. The store keeps no "differences from the official export" (an import applies the rule
that the official export wins as it writes), so that table stays empty.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kohtaanto.projects import fields as F
from kohtaanto.projects.versions import Version
from kohtaanto.projects.workbook import (
    PRACTICE_COLUMNS,
    PROJECT_COLUMNS,
    REPORT_COLUMNS,
    ProjectData,
    combine,
)

STORE_PRACTICE_COLUMNS = [
    *PRACTICE_COLUMNS,
    "target_fi",
    "environment_fi",
    "resources_fi",
    "contact_fi",
    "created_on",
    "changed_on",
]
AMOUNTS = ("planned_eu_state_eur", "realised_eu_state_eur", "planned_total_eur")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def frames(
    versions: list[Version], first_published: dict[tuple[str, str], dt.datetime] | None = None
) -> ProjectData:
    """The tables from the published versions (one per entry)."""
    first_published = first_published or {}
    empty = combine([])
    projects = [v for v in versions if v.kind == F.PROJECT]
    codes = {v.key for v in projects}
    practices = [v for v in versions if v.kind == F.PRACTICE and v.project_code in codes]
    reports = [v for v in versions if v.kind == F.REPORT and v.project_code in codes]

    project_rows = []
    for v in projects:
        row = {c: v.fields.get(c) for c in PROJECT_COLUMNS}
        row["start_date"] = _date(row["start_date"])
        row["end_date"] = _date(row["end_date"])
        row["in_theme"] = bool(row["in_theme"])
        row["source"] = row["source"] or "app"
        project_rows.append(row)
    frame = pd.DataFrame(project_rows, columns=PROJECT_COLUMNS)
    frame["in_theme"] = frame["in_theme"].astype(bool)
    for column in AMOUNTS:
        frame[column] = pd.to_numeric(frame[column]).astype(float)
    text = [c for c in PROJECT_COLUMNS if c not in (*AMOUNTS, "in_theme")]
    frame[text] = frame[text].astype(object).where(frame[text].notna(), None)

    def pairs(name: str, column: str) -> pd.DataFrame:
        rows = [(v.key, item) for v in projects for item in v.fields.get(name) or []]
        return pd.DataFrame(rows, columns=["project_code", column])

    practice_rows = []
    for v in practices:
        row = {c: v.fields.get(c) for c in STORE_PRACTICE_COLUMNS}
        row["published"] = _date(row["published"])
        first = first_published.get((v.kind, v.key))
        row["created_on"] = first.date() if first else None
        row["changed_on"] = v.saved_at.date()
        practice_rows.append(row)
    report_rows = []
    for v in reports:
        row = {c: v.fields.get(c) for c in REPORT_COLUMNS}
        row["period_end"] = _date(row["period_end"])
        row["source"] = row["source"] or "app"
        report_rows.append(row)
    reports_frame = pd.DataFrame(report_rows, columns=REPORT_COLUMNS)
    for column in ("target", "achieved"):
        reports_frame[column] = pd.to_numeric(reports_frame[column]).astype(float)
    latest = max((v.saved_at for v in versions), default=None)
    files = pd.DataFrame(
        [
            {
                "file": "store",
                "kind": "store",
                "projects": len(projects),
                "practices": len(practices),
                "reports": len(reports),
                "exported": latest.isoformat(timespec="seconds") if latest else None,
            }
        ]
        if versions
        else [],
        columns=list(empty.files.columns),
    )
    return ProjectData(
        projects=frame,
        project_areas=pairs("areas", "area_code"),
        project_target_groups=pairs("target_groups", "target_group"),
        project_themes=pairs("themes", "theme"),
        practices=pd.DataFrame(practice_rows, columns=STORE_PRACTICE_COLUMNS),
        project_indicators=reports_frame,
        differences=empty.differences,
        files=files,
    )
