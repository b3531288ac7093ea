"""Build the database from a raw folder: load, process, validate, then replace the old file.

The database is written to a temporary file beside the target and renamed over it only after
validation, so a failed build leaves the previous database untouched and a running app keeps
reading the old file until it reopens.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from kohtaanto import dimensions, jsonstat, paths, projects


class BuildError(RuntimeError):
    """The build could not produce a valid database; the message says which file and why."""


@dataclass
class TableSpec:
    """One ``[[table]]`` entry of tables.toml."""

    id: str
    file: str
    title: str
    publisher: str
    url: str
    licence: str
    priority: int
    measures: dict[str, str]
    scale: dict[str, float] = field(default_factory=dict)
    drop: dict[str, list[str]] = field(default_factory=dict)


def load_config(path: Path = paths.TABLES_TOML) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def table_specs(config: dict[str, Any]) -> list[TableSpec]:
    return [
        TableSpec(
            id=t["id"],
            file=t["file"],
            title=t["title"],
            publisher=t["publisher"],
            url=t.get("url", ""),
            licence=t["licence"],
            priority=int(t.get("priority", 0)),
            measures=dict(t.get("measures", {})),
            scale={k: float(v) for k, v in t.get("scale", {}).items()},
            drop={k: list(v) for k, v in t.get("drop", {}).items()},
        )
        for t in config["table"]
    ]


PERIOD = re.compile(r"^(\d{4})(?:([MQ])(\d{1,2}))?$")


def parse_period(code: str) -> tuple[dt.date, str]:
    """``2023M08`` → (2023-08-01, month); ``2023Q3`` → (2023-07-01, quarter); ``2023`` → year."""
    match = PERIOD.match(code)
    if not match:
        raise ValueError(f"time code {code!r} is not YYYY, YYYYMmm or YYYYQq")
    year, kind, number = int(match.group(1)), match.group(2), match.group(3)
    if kind == "M" and 1 <= int(number) <= 12:
        return dt.date(year, int(number), 1), "month"
    if kind == "Q" and 1 <= int(number) <= 4:
        return dt.date(year, 3 * int(number) - 2, 1), "quarter"
    if kind is None:
        return dt.date(year, 1, 1), "year"
    raise ValueError(f"time code {code!r} is out of range")


STAGE_COLUMNS = [
    "measure",
    "period",
    "frequency",
    "area_code",
    "age_group",
    "occupation_code",
    "industry_code",
    "sex",
    "value",
    "status",
    "source_table",
    "priority",
]


def table_frame(
    ds: jsonstat.Dataset, spec: TableSpec, dim_names: dict[str, list[str]]
) -> pd.DataFrame:
    """One table's cells as long rows with the contract's columns (codes as categoricals)."""
    if ds.time_id is None:
        raise BuildError(f"{ds.path}: no time dimension (role.time is missing)")
    if ds.metric_id is None:
        raise BuildError(f"{ds.path}: no contents dimension (role.metric is missing)")
    role_of: dict[str, str] = {ds.time_id: "time", ds.metric_id: "metric"}
    for dim in ds.dimensions:
        if dim.id in role_of:
            continue
        role = next((r for r, names in dim_names.items() if dim.id in names), None)
        if role is None:
            if len(dim.codes) > 1:
                raise BuildError(f"{ds.path}: dimension {dim.id!r} is not one tables.toml knows")
            continue
        role_of[dim.id] = role

    sizes = [len(d.codes) for d in ds.dimensions]
    total = int(np.prod(sizes))
    positions: dict[str, np.ndarray] = {}
    inner = total
    for dim, n in zip(ds.dimensions, sizes, strict=True):
        inner //= n
        positions[dim.id] = np.tile(
            np.repeat(np.arange(n, dtype=np.int32), inner), total // (inner * n)
        )

    metric = ds.dimension(ds.metric_id)
    wanted = [i for i, c in enumerate(metric.codes) if c in spec.measures]
    if not wanted:
        raise BuildError(
            f"{ds.path}: none of the contents codes {', '.join(spec.measures)} is in the file "
            f"(it has {', '.join(metric.codes)})"
        )
    keep = np.isin(positions[ds.metric_id], wanted)
    for dim_id, role in role_of.items():
        if role in spec.drop:
            codes = ds.dimension(dim_id).codes
            dropped = [i for i, c in enumerate(codes) if c in spec.drop[role]]
            keep &= ~np.isin(positions[dim_id], dropped)
    columns: dict[str, Any] = {}

    def categorical(dim_id: str, categories: list[str]) -> pd.Categorical:
        pos = positions[dim_id][keep]
        uniq = list(dict.fromkeys(categories))
        if len(uniq) != len(categories):  # two source codes mapped to one code
            remap = np.array([uniq.index(c) for c in categories], dtype=np.int32)
            pos = remap[pos]
        return pd.Categorical.from_codes(pos, categories=uniq)

    time_dim = ds.dimension(ds.time_id)
    try:
        parsed = [parse_period(c) for c in time_dim.codes]
    except ValueError as exc:
        raise BuildError(f"{ds.path}: {exc}") from exc
    frequencies = {f for _, f in parsed}
    if len(frequencies) != 1:
        raise BuildError(f"{ds.path}: mixed time frequencies {sorted(frequencies)}")
    period_values = np.array([p for p, _ in parsed], dtype="datetime64[D]")
    columns["period"] = period_values[positions[ds.time_id][keep]]
    columns["frequency"] = frequencies.pop()

    # Contents code -> measure, and an age group / sex the code itself implies (TYOTTOMAT50).
    targets = [spec.measures.get(c, "").split("@") for c in metric.codes]
    columns["measure"] = categorical(ds.metric_id, [t[0] for t in targets])
    implied_age = [t[1] if len(t) > 1 else None for t in targets]
    implied_sex = [t[2] if len(t) > 2 else None for t in targets]

    for role, column in (
        ("area", "area_code"),
        ("occupation", "occupation_code"),
        ("industry", "industry_code"),
        ("age", "age_group"),
        ("sex", "sex"),
    ):
        dim_id = next((d for d, r in role_of.items() if r == role), None)
        if dim_id is None:
            columns[column] = "SSS"
            continue
        codes = ds.dimension(dim_id).codes
        if role == "age":
            codes = [dimensions.normalise_age(c) for c in codes]
        columns[column] = categorical(dim_id, codes)

    if any(implied_age) or any(implied_sex):
        metric_pos = positions[ds.metric_id][keep]
        for column, implied in (("age_group", implied_age), ("sex", implied_sex)):
            if not any(implied):
                continue
            base = (
                np.asarray(columns[column], dtype=object)
                if not isinstance(columns[column], str)
                else np.full(len(metric_pos), columns[column], dtype=object)
            )
            override = np.asarray([x or "" for x in implied], dtype=object)[metric_pos]
            columns[column] = pd.Categorical(np.where(override != "", override, base))

    values = ds.values[keep].copy()
    if spec.scale:
        factors = np.array([spec.scale.get(c, 1.0) for c in metric.codes])
        values *= factors[positions[ds.metric_id][keep]]
    columns["value"] = values
    frame = pd.DataFrame(columns)
    frame["status"] = "observed"
    frame["source_table"] = spec.id
    frame["priority"] = spec.priority
    return frame[STAGE_COLUMNS]


@dataclass
class BuildReport:
    """What a build did: rows per table and in all, the time taken and the file written."""

    out: Path
    rows: int
    rows_by_source: dict[str, int]
    seconds: float
    size_bytes: int


Progress = Callable[[str], None]


def build(
    raw_dir: Path, out: Path, *, progress: Progress = print, demo: bool = False
) -> BuildReport:
    """Build ``out`` from ``raw_dir``; on any failure the previous ``out`` is left as it was."""
    started = time.perf_counter()
    raw_dir = Path(raw_dir)
    out = Path(out)
    if not raw_dir.is_dir():
        raise BuildError(f"{raw_dir}: raw folder does not exist (run `python -m kohtaanto fetch`)")
    config = load_config()
    specs = [s for s in table_specs(config) if (raw_dir / s.file).is_file()]
    if not specs:
        raise BuildError(f"{raw_dir}: no statistics tables found (expected e.g. statfin/12r5.json)")
    try:
        areas = dimensions.build_areas(raw_dir)
        occupations = dimensions.build_occupations(raw_dir)
        industries = dimensions.build_industries()
        measures = dimensions.build_measures()
    except dimensions.ReferenceError as exc:
        raise BuildError(str(exc)) from exc

    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        con = duckdb.connect(str(tmp))
        try:
            con.execute(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
            rows_by_source = _load(
                con, raw_dir, specs, config, areas, occupations, measures, progress
            )
            write_dimensions(con, areas, occupations, industries, measures, specs, raw_dir)
            try:
                projects.build_tables(con, raw_dir, set(areas.table.area_code), progress)
            except projects.ProjectsError as exc:
                raise BuildError(f"{raw_dir / 'projects'}: {exc}") from exc
            _write_boundaries(con, raw_dir, areas, progress)
            con.execute(paths.VIEWS_SQL.read_text(encoding="utf-8"))
            con.execute(
                "insert into build_info values ('built_at', ?), ('raw_dir', ?), ('demo', ?)",
                [
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    str(raw_dir.resolve()),
                    "true" if demo else "false",
                ],
            )
            progress("validating")
            validate(con)
            rows = con.execute("select count(*) from observations").fetchone()[0]
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(tmp, out)
    except (duckdb.Error, OSError) as exc:
        _discard(tmp)
        raise BuildError(f"{out}: {type(exc).__name__}: {exc}") from exc
    except BaseException:
        _discard(tmp)
        raise
    seconds = time.perf_counter() - started
    return BuildReport(out, rows, rows_by_source, seconds, out.stat().st_size)


def _discard(tmp: Path) -> None:
    """Remove a half-written database; a failure here must not hide the build's own error."""
    for path in (tmp, Path(f"{tmp}.wal")):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _load(
    con: duckdb.DuckDBPyConnection,
    raw_dir: Path,
    specs: list[TableSpec],
    config: dict[str, Any],
    areas: dimensions.Areas,
    occupations: pd.DataFrame,
    measures: pd.DataFrame,
    progress: Progress,
) -> dict[str, int]:
    con.execute(
        "create temp table stage (measure varchar, period date, frequency varchar, "
        "area_code varchar, age_group varchar, occupation_code varchar, industry_code varchar, "
        "sex varchar, value double, status varchar, source_table varchar, priority integer)"
    )
    con.execute(
        "create temp table agg_map (source_table varchar, area_code varchar, member_code varchar)"
    )
    dim_names = config.get("dimensions", {})
    known = {
        "area_code": set(areas.table.area_code),
        "occupation_code": set(occupations.occupation_code),
    }
    for spec in specs:
        path = raw_dir / spec.file
        progress(f"reading {path.name} ({spec.id})")
        try:
            ds = jsonstat.load(path)
        except jsonstat.JsonStatError as exc:
            raise BuildError(str(exc)) from exc
        frame = table_frame(ds, spec, dim_names)
        for column, valid in known.items():
            unknown = sorted(set(frame[column].unique()) - valid)
            if unknown:
                raise BuildError(
                    f"{path}: {column} codes not in the classifications: {', '.join(unknown[:8])}"
                    + (f" and {len(unknown) - 8} more" if len(unknown) > 8 else "")
                )
        con.register("frame", frame)
        con.execute("insert into stage select * from frame")
        con.unregister("frame")
        present = set(frame["area_code"].unique())
        members = dimensions.aggregation_members(areas, present)
        mapping = pd.DataFrame(
            [(spec.id, a, m) for a, ms in members.items() for m in ms],
            columns=["source_table", "area_code", "member_code"],
        )
        con.register("mapping", mapping)
        con.execute("insert into agg_map select * from mapping")
        con.unregister("mapping")

    con.register("occ", occupations)
    con.execute("create temp table occ_dim as select * from occ")
    con.unregister("occ")
    additive = measures.assign(additive=measures.unit.isin(["persons", "vacancies"]))
    con.register("meas", additive[["measure", "additive"]])
    con.execute("create temp table measure_dim as select * from meas")
    con.unregister("meas")
    _check_conflicts(con)
    progress("summing occupations and areas")
    con.execute((paths.PACKAGE / "aggregate.sql").read_text(encoding="utf-8"))
    rows = con.execute(
        "select source_table, count(*) from observations group by 1 order by 1"
    ).fetchall()
    return dict(rows)


def _check_conflicts(con: duckdb.DuckDBPyConnection) -> None:
    """Two tables that publish the same cell must agree (archived 1001 and current 12r5)."""
    rows = con.execute(
        """
        select measure, period, area_code, age_group, sex, string_agg(source_table || '=' || value, ', ')
        from stage
        where status = 'observed' and value is not null
        group by measure, period, area_code, age_group, occupation_code, industry_code, sex
        having count(distinct source_table) > 1 and max(value) - min(value) > 0.5
        order by 1, 2, 3
        limit 5
        """
    ).fetchall()
    if rows:
        examples = "; ".join(f"{m} {p:%Y-%m} {a} age {g} sex {s}: {v}" for m, p, a, g, s, v in rows)
        raise BuildError(f"tables disagree on the same cell: {examples}")


def write_dimensions(
    con: duckdb.DuckDBPyConnection,
    areas: dimensions.Areas,
    occupations: pd.DataFrame,
    industries: pd.DataFrame,
    measures: pd.DataFrame,
    specs: list[TableSpec],
    raw_dir: Path,
) -> None:
    """The dimension tables, sources and their coverage, as every database has them."""
    age_codes = {
        r[0] for r in con.execute("select distinct age_group from observations").fetchall()
    }
    tables = {
        "areas": areas.table,
        "area_members": areas.members_frame(),
        "occupations": occupations,
        "industries": industries,
        "measures": measures,
        "age_groups": dimensions.build_age_groups(age_codes),
    }
    for name, frame in tables.items():
        con.register("frame", frame)
        cols = ", ".join(frame.columns)
        con.execute(f"insert into {name} ({cols}) select {cols} from frame")
        con.unregister("frame")
    for spec in specs:
        path = raw_dir / spec.file
        retrieved = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(tzinfo=None)
        con.execute(
            "insert into sources select ?, ?, ?, ?, ?, ?, min(period), max(period) "
            "from observations where source_table = ?",
            [spec.id, spec.title, spec.publisher, spec.url, spec.licence, retrieved, spec.id],
        )


# geo file -> (level, property with the code, prefix, width): codes follow the municipality key.
GEO_LAYERS = {
    "maakunnat.geojson": ("region", "code", "", 0),
    "ely.geojson": ("ely", "code", "", 0),
    "tyollisyysalueet.geojson": ("employment_area", "code", "", 0),
    "elinvoimakeskukset.geojson": ("elinvoimakeskus", "code", "", 0),
    "kunnat.geojson": ("municipality", "NATCODE", "KU", 3),
}


def _write_boundaries(
    con: duckdb.DuckDBPyConnection, raw_dir: Path, areas: dimensions.Areas, progress: Progress
) -> None:
    """Boundaries of the areas the raw folder has them for; a bad file is named and skipped."""
    known = set(areas.table.area_code)
    rows = []
    for name, (level, prop, prefix, width) in GEO_LAYERS.items():
        path = raw_dir / "geo" / name
        if not path.is_file():
            continue
        try:
            features = json.loads(path.read_text(encoding="utf-8"))["features"]
            for feature in features:
                raw_code = str(feature["properties"][prop])
                code = f"{prefix}{int(raw_code):0{width}d}" if prefix else raw_code
                if code in known:
                    rows.append(
                        (code, level, json.dumps(feature["geometry"], separators=(",", ":")))
                    )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BuildError(
                f"{path}: not a GeoJSON feature collection with {prop!r} ({exc})"
            ) from exc
    if rows:
        con.executemany("insert into boundaries values (?, ?, ?)", rows)
        progress(f"boundaries: {len(rows)} areas")


CHECKS = {
    "duplicate keys": """
        select count(*) from (
            select 1 from observations
            group by measure, period, area_code, age_group, occupation_code, industry_code, sex
            having count(*) > 1)""",
    "observations with an unknown area": "select count(*) from observations o anti join areas using (area_code)",
    "observations with an unknown measure": "select count(*) from observations anti join measures using (measure)",
    "observations with an unknown age group": "select count(*) from observations anti join age_groups using (age_group)",
    "observations with an unknown occupation": "select count(*) from observations anti join occupations using (occupation_code)",
    "observations with an unknown industry": "select count(*) from observations anti join industries using (industry_code)",
    "observations with an unknown source": "select count(*) from observations anti join sources using (source_table)",
    "observations with a bad status": "select count(*) from observations where status not in ('observed', 'aggregated', 'estimated', 'demo')",
    "areas with an unknown parent": "select count(*) from areas a where parent_code is not null and parent_code not in (select area_code from areas)",
    "sources without observations": "select count(*) from sources where first_period is null",
    # Published parts never exceed their total: regions within the country, occupations within
    # all occupations (the totals also count jobseekers with no known municipality).
    "regions adding up to more than the country": """
        select count(*) from (
            select o.measure, o.period, o.source_table, sum(o.value) as parts
            from observations o join areas a using (area_code)
            where a.level = 'region' and o.status = 'observed' and o.age_group = 'SSS'
              and o.occupation_code = 'SSS' and o.industry_code = 'SSS' and o.sex = 'SSS'
            group by all) p
        join observations t on t.measure = p.measure and t.period = p.period
            and t.source_table = p.source_table and t.area_code = 'SSS' and t.age_group = 'SSS'
            and t.occupation_code = 'SSS' and t.industry_code = 'SSS' and t.sex = 'SSS'
        join measures m on m.measure = p.measure
        where m.unit in ('persons', 'vacancies') and p.parts > t.value + 0.5""",
    "occupations adding up to more than all occupations": """
        select count(*) from (
            select o.measure, o.period, o.area_code, sum(o.value) as parts
            from observations o join occupations c using (occupation_code)
            where c.level in (4, 9) and o.status = 'observed'
            group by all) p
        join observations t on t.measure = p.measure and t.period = p.period
            and t.area_code = p.area_code and t.occupation_code = 'SSS' and t.age_group = 'SSS'
            and t.industry_code = 'SSS' and t.sex = 'SSS'
        where p.parts > t.value + 0.5""",
}


def validate(con: duckdb.DuckDBPyConnection) -> None:
    """Run every check; raise BuildError listing the ones that found problems."""
    problems = []
    if con.execute("select count(*) from observations").fetchone()[0] == 0:
        problems.append("no observations")
    for name, sql in CHECKS.items():
        count = con.execute(sql).fetchone()[0]
        if count:
            problems.append(f"{count} {name}")
    if problems:
        raise BuildError("validation failed: " + "; ".join(problems))
