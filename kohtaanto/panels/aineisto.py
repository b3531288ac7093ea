"""Aineisto: the sources with their licence, periods and gaps, the definitions of every
indicator, the database schema for analysts, and the data behind the current view for download.

:func:`model` holds every table the page shows, ready to lay out (texts in the language, codes
in monospace), and the frames of the downloads with their provenance, once per filters and
database file. Queries: ``aineisto_build``, ``aineisto_sources``, ``source_periods``,
``areas_unallocated``, ``aineisto_measures``, ``aineisto_age_breaks``, ``aineisto_tables``,
``aineisto_columns``, ``aineisto_age_name``, ``aineisto_download_month``,
``aineisto_download_age``, ``project_files``, ``project_differences``, ``forecast_status``,
``forecast_accuracy_level``. Tests: tests/app/test_page_aineisto.py,
tests/app/test_page_ennakointi.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from kohtaanto import fmt, release
from kohtaanto.charts import outlook as outlook_chart
from kohtaanto.db import DatabaseUnavailable, run_query
from kohtaanto.export import files as downloads
from kohtaanto.forecast_scope import SCORED_YEARS
from kohtaanto.i18n import catalogue, name_column, t
from kohtaanto.panels import outlook
from kohtaanto.panels.common import Context, shared

STATUSES = ("observed", "aggregated", "estimated", "demo")


def _text(key: str, lang: str, default: str = "") -> str:
    """A locale text that may be missing (a table or unit added later): ``default`` then."""
    return t(key, lang) if key in catalogue() else default


def _code(values: pd.Series) -> list[str]:
    """Codes in a Markdown table cell, in monospace."""
    return [f"`{v}`" if isinstance(v, str) and v else "" for v in values]


def when(value: object, frequency: str, lang: str) -> str:
    """A period as its source counts it: ``2025`` (a year), ``2023 Q3`` (a quarter), ``10/2023``."""
    day = pd.Timestamp(value).date()
    if frequency == "year":
        return str(day.year)
    if frequency == "quarter":
        return t("aineisto.quarter", lang, year=day.year, quarter=(day.month - 1) // 3 + 1)
    return fmt.month_short(day)


def span(first: object, last: object, lang: str, frequency: object = "month") -> str:
    """``1/2006–10/2023``, ``2009–2025`` or ``2012 Q1–2023 Q3`` by the frequency (months where a
    source mixes frequencies); ``–`` without dates."""
    if pd.isna(first) or pd.isna(last):
        return "–"
    frequency = frequency if frequency in ("year", "quarter") else "month"
    a, b = when(first, frequency, lang), when(last, frequency, lang)
    return a if a == b else f"{a}–{b}"


STEP = {"month": 1, "quarter": 3, "year": 12}


def runs(periods: pd.Series, frequency: str) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The unbroken runs of periods of one frequency: a gap is a month (quarter, year) missing
    between two that are there."""
    stamps = sorted(pd.to_datetime(periods).unique())
    out: list[tuple[pd.Timestamp, pd.Timestamp]] = []
    for p in stamps:
        p = pd.Timestamp(p)
        if out:
            last = out[-1][1]
            step = (p.year - last.year) * 12 + p.month - last.month
            if step <= STEP.get(frequency, 1):
                out[-1] = (out[-1][0], p)
                continue
        out.append((p, p))
    return out


def coverage_text(periods: pd.DataFrame, lang: str) -> str:
    """A source table's periods as runs: ``1/2006–10/2023, 6/2026`` (gaps between them); each
    frequency in its own words, months first."""
    parts = []
    for frequency, rows in periods.groupby("frequency", sort=False):
        parts += [span(a, b, lang, frequency) for a, b in runs(rows.period, str(frequency))]
    return ", ".join(parts) or "–"


def retrieved_text(row: pd.Series, lang: str) -> str:
    """When the table was fetched; for a table from the raw mirror (no fetch time), the day the
    publisher last updated it."""
    if pd.notna(row.retrieved_at):
        return fmt.day(pd.Timestamp(row.retrieved_at).date(), lang)
    updated = row.get("updated")
    if updated is not None and pd.notna(updated):
        return t("aineisto.from_mirror", lang, day=fmt.day(pd.Timestamp(updated).date(), lang))
    return "–"


def publisher(value: object, lang: str) -> str:
    """A known publisher in the chosen language (the locale's English text is the database
    value); any other as it is. Downloads keep the database value."""
    for key, texts in catalogue().items():
        if key.startswith("aineisto.publisher.") and texts.get("en") == value:
            return t(key, lang)
    return "" if pd.isna(value) else str(value)


@dataclass(frozen=True)
class Downloads:
    """The data behind the current view: the monthly indicators, the chosen age group's rows,
    the sources used and the columns' meanings, with the view's facts for every file."""

    lead: str
    age_name: str
    month: pd.DataFrame
    age: pd.DataFrame
    used: pd.DataFrame
    describe: dict[str, str]
    facts: dict[str, object]

    @property
    def meta(self) -> dict[str, object]:
        return {
            "view": self.facts,
            "sources": self.used.to_dict("records"),
            "columns": self.describe,
        }

    def sheets(self, lang: str) -> dict[str, pd.DataFrame]:
        """Everything in one workbook: a sheet each."""
        return {
            t("aineisto.sheet_month", lang): self.month,
            t("aineisto.sheet_age", lang): self.age,
            t("aineisto.sheet_sources", lang): self.used,
            t("aineisto.sheet_columns", lang): downloads.key_value(
                self.describe, t("aineisto.col_column", lang), t("aineisto.col_description", lang)
            ),
            t("aineisto.sheet_view", lang): downloads.key_value(
                self.facts, t("aineisto.view_key", lang), t("aineisto.view_value", lang)
            ),
        }


# The track record's series, in this order, and the horizons of its table (months ahead).
RECORD_SERIES = (
    ("unemployed", "SSS"),
    ("unemployment_share", "SSS"),
    ("open_vacancies", "SSS"),
    ("unemployed", "55-"),
    ("unemployed", "50-"),
    ("long_term_unemployed", "SSS"),
)
RECORD_HORIZONS = (1, 3, 6, 12)
RECORD_LEVELS = ("region", "country")  # pooled over the regions, else the country's own


@dataclass(frozen=True)
class TrackRecord:
    """How well the outlook has done (issue 20): a sentence per series in plain words, and a
    table of the horizons 1, 3, 6 and 12 months; ``none`` says why there is nothing to tell."""

    lead: str
    sentences: tuple[str, ...]
    table: pd.DataFrame
    none: str = ""


def _series_name(measure: str, age: str, lang: str) -> str:
    name = t(f"outlook.series.{measure}", lang)
    return name if age == "SSS" else f"{name} ({t(f'outlook.age.{age}', lang)})"


def _track_record(lang: str) -> TrackRecord:
    """The track record per series and horizon, pooled over the regions (the country's own for
    series the regions do not have), from ``v_forecast_accuracy_level``."""
    years = f"{SCORED_YEARS.start}–{SCORED_YEARS.stop - 1}"
    lead = t("aineisto.record_lead", lang, years=years)
    if not outlook.available():
        return TrackRecord(lead, (), pd.DataFrame(), outlook.unavailable_text(lang))
    if outlook.demo():
        lead += " " + t("aineisto.record_demo", lang)
    levels = {lv: run_query("forecast_accuracy_level", level=lv) for lv in RECORD_LEVELS}
    sentences, rows = [], []
    for measure, age in RECORD_SERIES:
        found = [
            (level, pooled[(pooled.measure == measure) & (pooled.age_group == age)])
            for level, pooled in levels.items()
        ]
        found = [(level, mine) for level, mine in found if mine.rel_mae.notna().any()]
        if not found:
            continue
        level, mine = found[0]
        n_areas = int(mine.n_series.max())
        where = t(f"aineisto.record_where.{level}", lang, n=n_areas)
        what = f"{_series_name(measure, age, lang)} ({where})"
        sentences.append(outlook_chart.record_sentence(mine, what=what, lang=lang))
        for r in mine[mine.horizon.isin(RECORD_HORIZONS)].itertuples():
            rows.append(
                {
                    "series": _series_name(measure, age, lang),
                    "areas": where,
                    "horizon": int(r.horizon),
                    "rel_mae": outlook_chart.ratio_text(r.rel_mae, lang)
                    if pd.notna(r.rel_mae)
                    else "–",
                    "interval_hit": fmt.percent(100 * r.coverage80, lang, 0)
                    if pd.notna(r.coverage80)
                    else "–",
                    "forecasts": fmt.number(r.n, lang),
                }
            )
    none = "" if rows else t("aineisto.record_none", lang)
    return TrackRecord(lead, tuple(sentences), pd.DataFrame(rows), none)


@dataclass(frozen=True)
class Catalogue:
    """Every table of the Aineisto page, ready to lay out."""

    demo: bool
    built: str
    sources: pd.DataFrame
    freshness: tuple[str, ...]  # when fetched, when the next month is expected
    unallocated: pd.DataFrame
    project_files: pd.DataFrame | None  # None: a database without the projects tables
    project_differences: pd.DataFrame
    measures: pd.DataFrame
    statuses: pd.DataFrame
    ages: pd.DataFrame
    tables: pd.DataFrame
    columns: pd.DataFrame
    downloads: Downloads
    record: TrackRecord | None = None
    notes: dict[str, str] = field(default_factory=dict)


def _freshness(sources: pd.DataFrame, lang: str) -> tuple[str, ...]:
    monthly = sources.last_period[sources.frequencies.fillna("").str.contains("month")]
    status = release.refresh_status(sources.retrieved_at, monthly, dt.date.today())
    out = []
    if status.retrieved is not None and status.latest_month is not None:
        retrieved = fmt.day(status.retrieved.date(), lang)
        month = fmt.month_short(status.latest_month)
        out.append(t("aineisto.refreshed", lang, retrieved=retrieved, month=month))
    if status.next is not None:
        key = "aineisto.release_overdue" if status.next.overdue else "aineisto.next_release"
        days = {
            "earliest": fmt.day(status.next.earliest, lang),
            "latest": fmt.day(status.next.latest, lang),
        }
        out.append(t(key, lang, month=fmt.month_short(status.next.month), **days))
    return tuple(out)


def _sources(lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sources as stored (for downloads) and as shown: runs of periods with their gaps,
    when fetched."""
    sources = run_query("aineisto_sources")
    periods = run_query("source_periods")
    link = t("aineisto.open_link", lang)
    shown = sources.assign(
        source_table=_code(sources.source_table),
        coverage=[
            coverage_text(periods[periods.source_table == s], lang) for s in sources.source_table
        ],
        publisher=[publisher(p, lang) for p in sources.publisher],
        url=[f"[{link}]({u})" if isinstance(u, str) and u else "" for u in sources.url],
        retrieved=[retrieved_text(r, lang) for _, r in sources.iterrows()],
    )
    return sources, shown


def _spans(frame: pd.DataFrame, lang: str) -> list[str]:
    return [
        span(a, b, lang, f)
        for a, b, f in zip(frame.first_period, frame.last_period, frame.frequencies, strict=True)
    ]


def _definitions(lang: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    name = name_column(lang)
    measures = run_query("aineisto_measures")
    measures = measures.assign(
        name=measures[name],
        measure=_code(measures.measure),
        coverage=_spans(measures, lang),
        unit=[_text(f"aineisto.unit.{u}", lang, u) for u in measures.unit],
        kind=[t(f"aineisto.kind_{'derived' if d else 'stored'}", lang) for d in measures.derived],
        description=measures[f"description_{lang}"].fillna(""),
        frequency=[
            ", ".join(_text(f"aineisto.frequency.{x}", lang, x) for x in v.split(", "))
            if isinstance(v, str)
            else ""
            for v in measures.frequencies
        ],
    )
    statuses = pd.DataFrame({"status": list(STATUSES)})
    statuses["shown_as"] = [t(f"status.{s}", lang) for s in statuses.status]
    statuses["meaning"] = [t(f"aineisto.status_text.{s}", lang) for s in statuses.status]
    statuses["status"] = _code(statuses.status)
    ages = run_query("aineisto_age_breaks")
    if len(ages):
        ages = ages.assign(
            source_table=_code(ages.source_table),
            measure=_code(ages.measure),
            coverage=_spans(ages, lang),
            areas=[
                names if n <= 5 else t("aineisto.areas_count", lang, count=n)
                for names, n in zip(ages[f"area_names_{lang}"], ages.areas, strict=True)
            ],
        )
    return measures, statuses, ages


def _schema(lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    tables = run_query("aineisto_tables")
    tables = tables.assign(
        about=[_text(f"aineisto.table.{n}", lang) for n in tables.table],
        table=_code(tables.table),
        table_kind=[t(f"aineisto.table_kind.{k}", lang) for k in tables.kind],
        rows=[fmt.number(n, lang) if pd.notna(n) else "" for n in tables.rows],
    )
    return tables, run_query("aineisto_columns")


def _unallocated(lang: str) -> pd.DataFrame:
    outside = run_query("areas_unallocated")
    if outside.empty:
        return outside
    return outside.assign(
        area=_code(outside.area_code),
        area_name=outside[name_column(lang)],
        held=outside[f"measures_{lang}"].fillna("–"),
        coverage=[
            span(a, b, lang) for a, b in zip(outside.first_period, outside.last_period, strict=True)
        ],
    )


def _projects(lang: str) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    try:
        files = run_query("project_files")
        differences = run_query("project_differences")
    except DatabaseUnavailable:  # a database built before the projects tables existed
        return None, pd.DataFrame()
    files = files.assign(kind=[t(f"hankkeet.source_{k}", lang) for k in files.kind]).fillna("")
    files = files.rename(columns=lambda c: t(f"projects_doc.col_{c}", lang))
    differences = differences.rename(columns=lambda c: t(f"projects_doc.col_{c}", lang))
    return files, differences


def _downloads(f: Context, sources: pd.DataFrame, build: pd.Series) -> Downloads:
    lang, name = f.lang, name_column(f.lang)
    age_names = run_query("aineisto_age_name", age=f.age)
    age_name = age_names[name].iloc[0].lower() if len(age_names) else f.age
    areas = (
        f.area_name if f.area == "SSS" else t("aineisto.area_and_country", lang, area=f.area_name)
    )
    period = span(f.start, f.end, lang)
    lead = t("aineisto.downloads_lead", lang, areas=areas, period=period, age=age_name)
    window = {"area": f.area, "start": f.start, "end": f.end}
    month = downloads.with_area_name(run_query("aineisto_download_month", **window), name)
    age = downloads.with_area_name(run_query("aineisto_download_age", age=f.age, **window), name)
    used = downloads.used_sources(sources, month.sources, age.source_table)
    describe = {
        c: _text(f"aineisto.col_desc.{c}", lang) for c in dict.fromkeys([*month, *age, *used])
    }
    params = f"?lang={lang}&area={f.area}&age={f.age}&start={f.start:%Y-%m}&end={f.end:%Y-%m}"
    facts = {
        t("aineisto.view_area", lang): areas,
        t("aineisto.view_period", lang): period,
        t("aineisto.view_age", lang): f"{age_name} ({f.age})",
        t("aineisto.view_params", lang): params,
        t("aineisto.view_built", lang): build.built_at,
        t("aineisto.view_demo", lang): t(f"aineisto.{'yes' if build.demo else 'no'}", lang),
        t("aineisto.view_attribution", lang): t(
            "status.demo" if build.demo else "aineisto.attribution", lang
        ),
    }
    return Downloads(lead, age_name, month, age, used, describe, facts)


@shared
def model(f: Context) -> Catalogue:
    """Every table of the Aineisto page for the filters ``f``."""
    lang = f.lang
    build = run_query("aineisto_build").iloc[0]
    sources, shown = _sources(lang)
    built = f"{pd.Timestamp(build.built_at):%Y-%m-%d %H:%M} UTC" if build.built_at else "–"
    files, differences = _projects(lang)
    measures, statuses, ages = _definitions(lang)
    tables, columns = _schema(lang)
    return Catalogue(
        demo=bool(build.demo),
        built=built,
        sources=shown,
        freshness=() if build.demo else _freshness(sources, lang),
        unallocated=_unallocated(lang),
        project_files=files,
        project_differences=differences,
        measures=measures,
        statuses=statuses,
        ages=ages,
        tables=tables,
        columns=columns,
        downloads=_downloads(f, sources, build),
        record=_track_record(lang),
    )


def file_name(f: Context, what: str, ext: str) -> str:
    """A download's name by area, period, language and what it holds."""
    return downloads.file_name(f.area, f.start, f.end, f.lang, what, ext)
