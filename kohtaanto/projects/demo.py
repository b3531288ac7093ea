"""Made-up projects for the offline demo database, marked ``demo`` everywhere."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from kohtaanto.projects.tables import PROJECTS_SQL, indicator_table, write_tables
from kohtaanto.projects.workbook import (
    PRACTICE_COLUMNS,
    PROJECT_COLUMNS,
    REPORT_COLUMNS,
    ProjectData,
)


def demo_data(last_month: dt.date) -> ProjectData:
    """Made-up projects, practices and indicator reports for the offline demo database, dated
    around its latest month and marked ``demo`` everywhere (codes ``DEMO-…``, source ``demo``)."""

    def months(n: int) -> dt.date:
        total = last_month.year * 12 + last_month.month - 1 + n
        return dt.date(total // 12, total % 12 + 1, 1)

    def end_of(first: dt.date) -> dt.date:
        return months_after(first, 1) - dt.timedelta(days=1)

    def months_after(first: dt.date, n: int) -> dt.date:
        total = first.year * 12 + first.month - 1 + n
        return dt.date(total // 12, total % 12 + 1, 1)

    # code, fi, sv, en, areas, groups, start (months from last), length, planned, realised share
    specs = [
        (
            "DEMO-01",
            "Kokeneet osaajat töihin (demo)",
            "Erfarna yrkespersoner i arbete (demo)",
            "Experienced talents into work (demo)",
            ["MK12"],
            ["55+"],
            -18,
            36,
            400000,
            0.45,
        ),
        (
            "DEMO-02",
            "Ikäjohtamisen valmennus (demo)",
            "Åldersledning i praktiken (demo)",
            "Age management coaching (demo)",
            ["MK01", "MK02"],
            ["55+", "työnantajat"],
            -10,
            30,
            650000,
            0.25,
        ),
        (
            "DEMO-03",
            "Pohjoisen urapolut 50+ (demo)",
            "Karriärvägar 50+ i norr (demo)",
            "Northern career paths 50+ (demo)",
            ["KA5"],
            ["50+"],
            -30,
            30,
            300000,
            0.95,
        ),
        (
            "DEMO-04",
            "Valtakunnallinen kohtaantoverkosto (demo)",
            "Nationellt matchningsnätverk (demo)",
            "National matching network (demo)",
            ["SSS"],
            ["55+", "työnantajat"],
            -24,
            60,
            900000,
            0.4,
        ),
        (
            "DEMO-05",
            "Osaamisen tunnistaminen 55+ (demo)",
            "Erkännande av kompetens 55+ (demo)",
            "Recognising skills 55+ (demo)",
            ["MK12"],
            ["55+"],
            3,
            24,
            250000,
            0.0,
        ),
    ]
    projects_rows, practices, reports = [], [], []
    for i, (code, fi, sv, en, areas, groups, start, length, planned, share) in enumerate(specs):
        first = months(start)
        last = end_of(months_after(first, length - 1))
        projects_rows.append(
            {
                "project_code": code,
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "implementer": "Demo-organisaatio",
                "business_id": None,
                "fund": "ESR+",
                "programme_period": "2021–2027",
                "specific_objective": "4.1",
                "funding_authority": None,
                "status": None,
                "start_date": first,
                "end_date": last,
                "planned_eu_state_eur": float(planned),
                "realised_eu_state_eur": float(round(planned * share)),
                "planned_total_eur": float(round(planned / 0.6)),
                "in_theme": True,
                "summary_fi": "Keksitty esimerkkihanke demotietokantaan; ei todellinen hanke.",
                "url": None,
                "source": "demo",
                "areas": areas,
                "target_groups": groups,
                "themes": ["kohtaanto", "demo"],
            }
        )
        practices.append(
            {
                "practice_id": f"{code}-1",
                "project_code": code,
                "kind": "hyvä_käytäntö",
                "title_fi": f"Esimerkkikäytäntö {i + 1} (demo)",
                "title_sv": f"Exempelpraxis {i + 1} (demo)",
                "title_en": f"Example practice {i + 1} (demo)",
                "description_fi": "Keksitty kuvaus demotietokantaan.",
                "adoption_fi": "Keksitty ohje: nimeä vastuuhenkilö ja sovi kumppanit.",
                "evidence_fi": "Ei näyttöä: demoaineisto.",
                "url": None,
                "published": None,
            }
        )
        target_all, target_55 = 40 + 20 * i, 25 + 10 * i
        # Half-year reports from the start up to the latest month: cumulative, growing.
        period_end = end_of(months_after(first, 5))
        step = 1
        while period_end <= min(last, end_of(last_month)) and start < 0:
            done = min(1.0, step * 6 / length * (1.15 - 0.1 * i))
            n_all = round(target_all * done)
            n_55 = min(n_all, round(target_55 * done * (0.9 if i != 1 else 0.5)))
            for indicator, target, achieved in (
                ("EECO01", target_all, n_all),
                ("EECO08", target_55, n_55),
            ):
                reports.append(
                    {
                        "project_code": code,
                        "period_end": period_end,
                        "indicator": indicator,
                        "sex": "SSS",
                        "target": float(target),
                        "achieved": float(achieved),
                        "source": "demo",
                    }
                )
            if period_end >= last:
                reports.append(
                    {
                        "project_code": code,
                        "period_end": period_end,
                        "indicator": "EECR04",
                        "sex": "SSS",
                        "target": None,
                        "achieved": float(round(n_all * 0.35)),
                        "source": "demo",
                    }
                )
            step += 1
            period_end = end_of(months_after(first, 6 * step - 1))
    frame = pd.DataFrame(projects_rows)

    def pairs(column: str, name: str) -> pd.DataFrame:
        rows = [(r.project_code, v) for r in frame.itertuples() for v in getattr(r, column)]
        return pd.DataFrame(rows, columns=["project_code", name])

    return ProjectData(
        projects=frame[PROJECT_COLUMNS],
        project_areas=pairs("areas", "area_code"),
        project_target_groups=pairs("target_groups", "target_group"),
        project_themes=pairs("themes", "theme"),
        practices=pd.DataFrame(practices, columns=PRACTICE_COLUMNS),
        project_indicators=pd.DataFrame(reports, columns=REPORT_COLUMNS),
        differences=pd.DataFrame(
            columns=["project_code", "field", "workbook_value", "official_value", "official_source"]
        ),
        files=pd.DataFrame(
            [
                {
                    "file": "demo",
                    "kind": "demo",
                    "projects": len(frame),
                    "practices": len(practices),
                    "reports": len(reports),
                    "exported": None,
                }
            ]
        ),
    )


def write_demo(con: Any) -> None:
    """The projects tables of the demo database, filled with :func:`demo_data`."""
    con.execute(PROJECTS_SQL.read_text(encoding="utf-8"))
    sql = "select max(period) from observations where frequency = 'month'"
    last = con.execute(sql).fetchall()[0][0]
    write_tables(con, demo_data(pd.Timestamp(last).date()), indicator_table(None))
