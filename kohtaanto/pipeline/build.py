"""Build the database from a raw folder: load, process, validate, then replace the old file.

The database is written to a temporary file beside the target and renamed over it only after
validation, so a failed build leaves the previous database untouched and a running app keeps
reading the old file until it reopens.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import re
import shutil
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from kohtaanto import dimensions, paths
from kohtaanto.pipeline import forecast_step, jsonstat
from kohtaanto.projects import tables as project_tables
from kohtaanto.projects import workbook as projects

# DuckDB's memory for the build (the rest of the process is the JSON of one answer at a time).
MEMORY_LIMIT = "500MB"


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


# The dimension roles that become the contract's code columns, in the order they are read.
_CODE_COLUMNS = (
    ("area", "area_code"),
    ("occupation", "occupation_code"),
    ("industry", "industry_code"),
    ("age", "age_group"),
    ("sex", "sex"),
)


def table_frame(
    ds: jsonstat.Dataset, spec: TableSpec, dim_names: dict[str, list[str]]
) -> pd.DataFrame:
    """One answer's cells as long rows with the contract's columns (codes as categoricals), and
    ``contents``, the source's contents code (for messages)."""
    role_of = _dimension_roles(ds, dim_names)
    positions = _cell_positions(ds)
    keep = _kept_cells(ds, spec, role_of, positions)
    rows = int(keep.sum())
    metric = ds.dimension(ds.metric_id)
    # The contents code's index of every kept cell. The other dimensions' are sliced one at a
    # time as their column is made, so that a large answer holds one such array, not one each.
    metric_pos = positions[ds.metric_id][keep]
    columns: dict[str, Any] = {}
    columns["period"], columns["frequency"] = _period_columns(ds, positions[ds.time_id][keep], rows)

    # Contents code -> measure, and an age group / sex the code itself implies (TYOTTOMAT50).
    targets = [spec.measures.get(c, "").split("@") for c in metric.codes]
    columns["measure"] = _categorical(metric_pos, [t[0] for t in targets])
    for role, column in _CODE_COLUMNS:
        columns[column] = _code_column(ds, role_of, positions, keep, role, rows)
    implied_age = [t[1] if len(t) > 1 else None for t in targets]
    implied_sex = [t[2] if len(t) > 2 else None for t in targets]
    for column, implied in (("age_group", implied_age), ("sex", implied_sex)):
        if any(implied):
            columns[column] = _implied_codes(columns[column], implied, metric_pos)

    values = ds.values[keep].copy()
    if spec.scale:
        factors = np.array([spec.scale.get(c, 1.0) for c in metric.codes])
        values *= factors[metric_pos]
    columns["value"] = values
    columns["contents"] = pd.Categorical.from_codes(metric_pos, categories=list(metric.codes))
    frame = pd.DataFrame(columns)
    frame["status"] = _constant("observed", len(frame))
    frame["source_table"] = _constant(spec.id, len(frame))
    frame["priority"] = np.full(len(frame), spec.priority, dtype=np.int32)
    return frame[[*STAGE_COLUMNS, "contents"]]


def _dimension_roles(ds: jsonstat.Dataset, dim_names: dict[str, list[str]]) -> dict[str, str]:
    """The role (time, metric, area, age, ...) of each dimension the build reads, by its id.

    A dimension of one category that tables.toml does not know is left out (it adds nothing);
    one of several categories fails the build, since its cells would be summed unseen.
    """
    if ds.time_id is None:
        raise BuildError(f"{ds.path}: no time dimension (role.time is missing)")
    if ds.metric_id is None:
        raise BuildError(f"{ds.path}: no contents dimension (role.metric is missing)")
    role_of: dict[str, str] = {ds.time_id: "time", ds.metric_id: "metric"}
    for dim in ds.dimensions:
        if dim.id in role_of:
            continue
        role = next((r for r, names in dim_names.items() if dim.id in names), None)
        if role is None and dimensions.is_age_dimension(dim.codes):
            # Age groups by their codes, whatever the dimension is called (12t8's, 1205's).
            role = "age"
        if role is None:
            if len(dim.codes) > 1:
                raise BuildError(f"{ds.path}: dimension {dim.id!r} is not one tables.toml knows")
            continue
        role_of[dim.id] = role
    return role_of


def _cell_positions(ds: jsonstat.Dataset) -> dict[str, np.ndarray]:
    """For each dimension, the category index of every cell (row-major, the last fastest)."""
    sizes = [len(d.codes) for d in ds.dimensions]
    total = int(np.prod(sizes))
    positions: dict[str, np.ndarray] = {}
    inner = total
    for dim, n in zip(ds.dimensions, sizes, strict=True):
        inner //= n
        positions[dim.id] = np.tile(
            np.repeat(np.arange(n, dtype=np.int32), inner), total // (inner * n)
        )
    return positions


def _kept_cells(
    ds: jsonstat.Dataset,
    spec: TableSpec,
    role_of: dict[str, str],
    positions: dict[str, np.ndarray],
) -> np.ndarray:
    """Which cells to keep: those of the contents codes the spec maps, less its ``drop`` codes."""
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
    return keep


def _period_columns(
    ds: jsonstat.Dataset, time_pos: np.ndarray, rows: int
) -> tuple[np.ndarray, pd.Categorical]:
    """The period (first day) of each kept cell and the answer's one frequency."""
    time_dim = ds.dimension(ds.time_id)
    try:
        parsed = [parse_period(c) for c in time_dim.codes]
    except ValueError as exc:
        raise BuildError(f"{ds.path}: {exc}") from exc
    frequencies = {f for _, f in parsed}
    if len(frequencies) != 1:
        raise BuildError(f"{ds.path}: mixed time frequencies {sorted(frequencies)}")
    period_values = np.array([p for p, _ in parsed], dtype="datetime64[D]")
    return period_values[time_pos], _constant(frequencies.pop(), rows)


def _categorical(pos: np.ndarray, categories: list[str]) -> pd.Categorical:
    """Category indexes ``pos`` as codes, where two source codes may map to one code."""
    uniq = list(dict.fromkeys(categories))
    if len(uniq) != len(categories):  # two source codes mapped to one code
        remap = np.array([uniq.index(c) for c in categories], dtype=np.int32)
        pos = remap[pos]
    return pd.Categorical.from_codes(pos, categories=uniq)


def _code_column(
    ds: jsonstat.Dataset,
    role_of: dict[str, str],
    positions: dict[str, np.ndarray],
    keep: np.ndarray,
    role: str,
    rows: int,
) -> pd.Categorical:
    """The codes of one role for every kept cell; ``SSS`` (all) when no dimension has the role."""
    dim_id = next((d for d, r in role_of.items() if r == role), None)
    if dim_id is None:
        return _constant("SSS", rows)
    codes = ds.dimension(dim_id).codes
    if role == "age":
        codes = [dimensions.normalise_age(c) for c in codes]
    return _categorical(positions[dim_id][keep], codes)


def _implied_codes(
    base: pd.Categorical, implied: list[str | None], metric_pos: np.ndarray
) -> pd.Categorical:
    """``base``, except where the cell's contents code implies a code of its own (TYOTTOMAT50)."""
    codes = np.asarray(base, dtype=object)
    override = np.asarray([x or "" for x in implied], dtype=object)[metric_pos]
    return pd.Categorical(np.where(override != "", override, codes))


def _constant(value: str, n: int) -> pd.Categorical:
    """One code for every row, one byte a row (an object column would hold 8 bytes and a pointer)."""
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[value])


@dataclass
class BuildReport:
    """What a build did: rows per table and in all, the time taken and the file written."""

    out: Path
    rows: int
    rows_by_source: dict[str, int]
    seconds: float
    size_bytes: int


Progress = Callable[[str], None]


@contextlib.contextmanager
def stage_time(progress: Progress, stage: str) -> Iterator[None]:
    """Say when a stage of the build ends and how long it took (wall and this process's CPU):
    where a build is slow shows in its output, on a loaded machine too (CPU time)."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    progress(f"{stage}: {time.perf_counter() - wall:.1f} s ({time.process_time() - cpu:.1f} s CPU)")


def answer_files(raw_dir: Path, specs: list[TableSpec]) -> dict[str, list[Path]]:
    """Each table's answers in ``raw_dir``: ``<stem>.json`` and ``<stem>_<anything>.json``.

    The stem is that of the table's ``file`` (``statfin/12r5.json`` → ``12r5``). A file whose name
    fits two tables' stems goes to the longer stem, so ``12r5_x.json`` never feeds a table ``12r``
    and ``tyti_tau031.json`` is tau031's, not a table ``tyti``'s. The plain ``<stem>.json`` comes
    first, then the others by name.
    """
    owner: dict[Path, TableSpec] = {}
    for spec in specs:
        folder = raw_dir / Path(spec.file).parent
        stem = Path(spec.file).stem
        if not folder.is_dir():
            continue
        for path in folder.glob("*.json"):
            name = path.stem
            if name != stem and not name.startswith(f"{stem}_"):
                continue
            current = owner.get(path)
            if current is None or len(Path(current.file).stem) < len(stem):
                owner[path] = spec
    files: dict[str, list[Path]] = {}
    for path, spec in owner.items():
        files.setdefault(spec.id, []).append(path)
    for spec in specs:
        if spec.id in files:
            stem = Path(spec.file).stem
            files[spec.id].sort(key=lambda p, stem=stem: (p.stem != stem, p.name))
    return files


def build(
    raw_dir: Path,
    out: Path,
    *,
    progress: Progress = print,
    demo: bool = False,
    config: dict[str, Any] | None = None,
) -> BuildReport:
    """Build ``out`` from ``raw_dir``; on any failure the previous ``out`` is left as it was.

    ``config`` replaces tables.toml (for tests of tables not configured yet).
    """
    started = time.perf_counter()
    raw_dir = Path(raw_dir)
    out = Path(out)
    if not raw_dir.is_dir():
        raise BuildError(f"{raw_dir}: raw folder does not exist (run `python -m kohtaanto fetch`)")
    config = load_config() if config is None else config
    all_specs = table_specs(config)
    files = answer_files(raw_dir, all_specs)
    specs = [s for s in all_specs if s.id in files]
    if not specs:
        raise BuildError(f"{raw_dir}: no statistics tables found (expected e.g. statfin/12r5.json)")
    try:
        areas = dimensions.build_areas(raw_dir)
        occupations = dimensions.build_occupations(raw_dir)
        industries = dimensions.build_industries()
        measures = dimensions.build_measures()
        unallocated = dimensions.unallocated_areas()
    except dimensions.ReferenceError as exc:
        raise BuildError(str(exc)) from exc

    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    spill = out.with_name(f".{out.name}.{os.getpid()}.spill")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        spill.mkdir(exist_ok=True)
        con = duckdb.connect(
            str(tmp),
            config={
                # Bounded memory (issue 11): DuckDB spills to disk beyond this instead of
                # taking most of the machine's memory for the sums over millions of rows.
                "memory_limit": os.environ.get("KOHTAANTO_BUILD_MEMORY", MEMORY_LIMIT),
                "temp_directory": str(spill),
                # Rows may be produced in any order where no ORDER BY asks for one: inserts
                # then stream and spill instead of buffering to keep the order.
                "preserve_insertion_order": False,
            },
        )
        # No bars drawn over the progress lines (and into cron's mail or the refresh log).
        con.execute("set enable_progress_bar = false")
        try:
            con.execute(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
            loaded = _load(
                con,
                files,
                specs,
                config,
                areas,
                occupations,
                measures,
                unallocated,
                progress,
                spill / "scratch.duckdb",
            )
            with stage_time(progress, "areas, sources, projects and boundaries"):
                write_dimensions(
                    con,
                    areas,
                    occupations,
                    industries,
                    measures,
                    specs,
                    raw_dir,
                    provenance=loaded.provenance,
                )
                # An archived table whose every cell its successor also has (1205 beside 12t8)
                # adds nothing shown, so it is no source; one that gave no rows at all still
                # fails below.
                con.execute(
                    "delete from sources where first_period is null "
                    "and source_table in (select distinct source_table from stage)"
                )
                try:
                    project_tables.build_tables(con, raw_dir, set(areas.table.area_code), progress)
                except projects.ProjectsError as exc:
                    raise BuildError(f"{raw_dir / 'projects'}: {exc}") from exc
                _write_boundaries(con, raw_dir, areas, progress)
            with stage_time(progress, "derived tables"):
                con.execute(paths.VIEWS_SQL.read_text(encoding="utf-8"))
                materialise(con)
            con.execute(
                "insert into build_info values ('built_at', ?), ('raw_dir', ?), ('demo', ?)",
                [
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    str(raw_dir.resolve()),
                    "true" if demo else "false",
                ],
            )
            with stage_time(progress, "validating"):
                validate(con)
            rows = con.execute("select count(*) from observations").fetchone()[0]
            with stage_time(progress, "writing the file"):
                con.execute("checkpoint")
        finally:
            con.close()
        # In a process of its own (memory); a failed step leaves empty forecast tables.
        forecast_step.run_step(tmp, progress=progress)
        os.replace(tmp, out)
    except (duckdb.Error, OSError) as exc:
        _discard(tmp)
        if _disk_full(exc):
            raise BuildError(
                f"{out}: the disk is full (no space left on device in {out.parent}, where the "
                "build writes the new database and spills its sums); free some space and build "
                f"again ({type(exc).__name__}: {exc})"
            ) from exc
        raise BuildError(f"{out}: {type(exc).__name__}: {exc}") from exc
    except BaseException:
        _discard(tmp)
        raise
    finally:
        shutil.rmtree(spill, ignore_errors=True)
    seconds = time.perf_counter() - started
    return BuildReport(out, rows, loaded.rows_by_source, seconds, out.stat().st_size)


def materialise(con: duckdb.DuckDBPyConnection) -> None:
    """Store the derived views of views.sql as tables of the same names, and the coverage table.

    Run once views.sql is executed, by the real and the demo build alike: a query then reads
    stored rows instead of summing the observations each time (issue 9).
    """
    con.execute(paths.MATERIALISE_SQL.read_text(encoding="utf-8"))


def _disk_full(exc: BaseException) -> bool:
    """Whether an error says the disk is full (Python's ENOSPC, or DuckDB's texts of it)."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    text = str(exc).lower()
    # DuckDB's spill says so by its temp directory's limit, which is the free space of the disk.
    return "no space left on device" in text or "max_temp_directory_size" in text


def _discard(tmp: Path) -> None:
    """Remove a half-written database; a failure here must not hide the build's own error."""
    for path in (tmp, Path(f"{tmp}.wal")):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


# The cell of an observation: two answers of one table that both have it must agree on it.
CELL_COLUMNS = [
    "measure",
    "period",
    "area_code",
    "age_group",
    "occupation_code",
    "industry_code",
    "sex",
]
CELL_KEY = ", ".join(CELL_COLUMNS)


def _overlapping(cubes: list[dict[str, set[Any]]]) -> bool:
    """Whether any two answers (their codes per key column) can have a cell in common."""
    return any(
        all(a[c] & b[c] for c in CELL_COLUMNS) for i, a in enumerate(cubes) for b in cubes[i + 1 :]
    )


@dataclass
class Provenance:
    """A table's ``updated`` (the source's own) and ``retrieved_at`` (the fetch's), latest over
    its answers; None when no answer says."""

    updated: dt.datetime | None = None
    retrieved_at: dt.datetime | None = None

    def add(self, path: Path, updated: str | None, retrieved_at: str | None) -> None:
        for name, text in (("updated", updated), ("retrieved_at", retrieved_at)):
            stamp = _timestamp(path, name, text)
            current = getattr(self, name)
            if stamp is not None and (current is None or stamp > current):
                setattr(self, name, stamp)


def _timestamp(path: Path, name: str, text: str | None) -> dt.datetime | None:
    """An ISO 8601 time (``2026-12-05T23:50:00Z``) as naive UTC, the way DuckDB stores it."""
    if not text:
        return None
    try:
        stamp = dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError as exc:
        raise BuildError(f"{path}: {name} {text!r} is not an ISO 8601 time") from exc
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    return stamp


@dataclass
class Loaded:
    """What loading the answers gave: rows per source table and each table's provenance."""

    rows_by_source: dict[str, int]
    provenance: dict[str, Provenance]


@dataclass
class _AnswerCheck:
    """What every answer's codes are checked against, and the unallocated areas met so far."""

    config: dict[str, Any]
    # Column -> every code the classifications (and the unallocated areas) have.
    known: dict[str, set[str]]
    # The unallocated areas' reference rows by code, and those an answer has used.
    outside: dict[str, dict[str, str]]
    found_outside: dict[str, dict[str, str]] = field(default_factory=dict)

    def check(self, path: Path, ds: jsonstat.Dataset, frame: pd.DataFrame) -> None:
        """Fail on a code no classification has; note the unallocated areas the answer uses."""
        for column, valid in self.known.items():
            unknown = sorted(set(frame[column].unique()) - valid)
            if unknown:
                raise BuildError(
                    f"{path}: {column} codes not in the classifications: "
                    + ", ".join(unknown[:8])
                    + (f" and {len(unknown) - 8} more" if len(unknown) > 8 else "")
                )
        area_dim = _area_dimension(ds, self.config)
        for code in set(frame["area_code"].unique()) & set(self.outside):
            row = dict(self.outside[code])
            label = area_dim.labels.get(code, "") if area_dim else ""
            if label and label != code:  # the live metadata's own name, when it has one
                row["name_fi"] = label
            self.found_outside.setdefault(code, row)


def _load(
    con: duckdb.DuckDBPyConnection,
    files: dict[str, list[Path]],
    specs: list[TableSpec],
    config: dict[str, Any],
    areas: dimensions.Areas,
    occupations: pd.DataFrame,
    measures: pd.DataFrame,
    unallocated: pd.DataFrame,
    progress: Progress,
    scratch: Path,
) -> Loaded:
    """Stage every table's answers, checked, and sum them into ``observations``; the cells are
    staged in the database file ``scratch`` (removed by the caller)."""
    _create_load_tables(con, scratch)
    outside = {r["area_code"]: r for r in unallocated.to_dict("records")}
    checks = _AnswerCheck(
        config=config,
        known={
            "area_code": set(areas.table.area_code) | set(outside),
            "occupation_code": set(occupations.occupation_code),
        },
        outside=outside,
    )
    provenance: dict[str, Provenance] = {}
    with stage_time(progress, "reading the answers"):
        for spec in specs:
            provenance[spec.id] = _stage_table(con, spec, files[spec.id], checks, progress)
            _plan_sums(con, spec, areas)
        con.execute("drop table answers")
    dimensions.add_unallocated(
        areas,
        pd.DataFrame(list(checks.found_outside.values()), columns=list(unallocated.columns)),
    )
    _sum_observations(con, occupations, measures, progress)
    rows = con.execute(
        "select source_table, count(*) from observations group by 1 order by 1"
    ).fetchall()
    return Loaded(dict(rows), provenance)


def _create_load_tables(con: duckdb.DuckDBPyConnection, scratch: Path) -> None:
    """The tables the load fills and the build then forgets: stage and answers (in the database
    file ``scratch``), agg_map and age_up (temporary)."""
    columns = (
        "measure varchar, period date, frequency varchar, area_code varchar, "
        "age_group varchar, occupation_code varchar, industry_code varchar, sex varchar, "
        "value double, status varchar, source_table varchar, priority integer"
    )
    # stage and answers hold every cell (16 M rows of the real mirror, sums included). In a
    # database file of their own, thrown away with the spill folder, they are stored compressed;
    # as temp tables beyond the memory limit they were spilled uncompressed and read back by
    # every pass (one row per cell took 30 s CPU instead of 20). Unqualified names find them.
    quoted = str(scratch).replace("'", "''")
    con.execute(f"attach '{quoted}' as scratch")
    con.execute("set search_path = 'main,scratch'")
    con.execute(f"create table scratch.stage ({columns})")
    # One table's answers before they are merged: which file (its place in the list) and which
    # contents code each cell came from, for the message when two answers disagree.
    con.execute(f"create table scratch.answers ({columns}, contents varchar, file_no integer)")
    con.execute(
        "create temp table agg_map (source_table varchar, area_code varchar, "
        "member_code varchar, required boolean)"
    )
    con.execute(
        "create temp table age_up (source_table varchar, age_group varchar, target varchar, "
        "parts integer)"
    )


def _stage_table(
    con: duckdb.DuckDBPyConnection,
    spec: TableSpec,
    paths_: list[Path],
    checks: _AnswerCheck,
    progress: Progress,
) -> Provenance:
    """Read one table's answers, check them and put one row per cell into ``stage``.

    Returns the table's provenance (the latest ``updated`` and ``retrieved_at`` of its answers).
    """
    provenance = Provenance()
    cubes: list[dict[str, set[Any]]] = []
    for file_no, path in enumerate(paths_):
        progress(f"reading {path.name} ({spec.id})")
        try:
            ds = jsonstat.load(path)
        except jsonstat.JsonStatError as exc:
            raise BuildError(str(exc)) from exc
        provenance.add(path, ds.updated, ds.retrieved_at)
        frame = table_frame(ds, spec, checks.config.get("dimensions", {}))
        checks.check(path, ds, frame)
        # The codes of each key column: two answers share a cell only if they share a code
        # in every column (an answer is a dense cube).
        cubes.append({c: set(frame[c].unique()) for c in CELL_COLUMNS})
        frame["file_no"] = file_no
        con.register("frame", frame)
        if len(paths_) == 1:
            con.execute(f"insert into stage select {', '.join(STAGE_COLUMNS)} from frame")
        else:
            con.execute("insert into answers select * from frame")
        con.unregister("frame")
        del ds, frame
    if len(paths_) > 1:
        _merge_answers(con, spec, paths_, cubes)
    return provenance


def _merge_answers(
    con: duckdb.DuckDBPyConnection,
    spec: TableSpec,
    paths_: list[Path],
    cubes: list[dict[str, set[Any]]],
) -> None:
    """Move one table's several answers from ``answers`` into ``stage``, one row per cell."""
    stage_columns = ", ".join(STAGE_COLUMNS)
    if not _overlapping(cubes):
        # Answers that share no cell (a fetch's slices of years, say) are simply stacked:
        # neither the comparison nor the window over every cell is needed (at 57 M cells
        # of 12ti by municipality they ran out of memory).
        con.execute(f"insert into stage select {stage_columns} from answers")
    else:
        _check_answers_agree(con, spec, paths_)
        # One row per cell: the answers agree, so the first that has it will do.
        con.execute(
            f"insert into stage select {stage_columns} from answers "
            f"qualify row_number() over (partition by {CELL_KEY} order by file_no) = 1"
        )
    con.execute("delete from answers")


def _plan_sums(con: duckdb.DuckDBPyConnection, spec: TableSpec, areas: dimensions.Areas) -> None:
    """Record what aggregate.sql sums for one staged table: the members of every area it does
    not publish (``agg_map``) and the age groups that make up 55- (``age_up``)."""
    present = {
        r[0]
        for r in con.execute(
            "select distinct area_code from stage where source_table = ?", [spec.id]
        ).fetchall()
    }
    members = dimensions.aggregation_members(areas, present)
    rows_ = []
    for area, ms in members.items():
        merged = dimensions.merged_away(areas, ms)
        rows_ += [(spec.id, area, m, m not in merged) for m in ms]
    mapping = pd.DataFrame(
        rows_,
        columns=["source_table", "area_code", "member_code", "required"],
    )
    con.register("mapping", mapping)
    con.execute("insert into agg_map select * from mapping")
    con.unregister("mapping")
    ages = {
        r[0]
        for r in con.execute(
            "select distinct age_group from stage where source_table = ?", [spec.id]
        ).fetchall()
    }
    chain = dimensions.age_chain(ages)
    if chain and "55-" not in ages:
        con.executemany(
            "insert into age_up values (?, ?, '55-', ?)",
            [(spec.id, code, len(chain)) for code in chain],
        )


def _sum_observations(
    con: duckdb.DuckDBPyConnection,
    occupations: pd.DataFrame,
    measures: pd.DataFrame,
    progress: Progress,
) -> None:
    """Check the staged cells for conflicts and sum them into ``observations`` (aggregate.sql)."""
    con.register("occ", occupations)
    con.execute("create temp table occ_dim as select * from occ")
    con.unregister("occ")
    additive = measures.assign(additive=measures.unit.isin(["persons", "vacancies"]))
    con.register("meas", additive[["measure", "additive"]])
    con.execute("create temp table measure_dim as select * from meas")
    con.unregister("meas")
    with stage_time(progress, "checking that tables agree"):
        _check_conflicts(con)
    counts = con.execute(
        "select year(period) as y, count(*) from stage group by y order by y"
    ).fetchall()
    spans = periods_spans([(int(y), int(n)) for y, n in counts], SPAN_ROWS)
    with stage_time(progress, "summing occupations, ages and areas"):
        _aggregate(con, (paths.PIPELINE / "aggregate.sql").read_text(encoding="utf-8"), spans)
    with stage_time(progress, "writing one row per cell"):
        script = _statements((paths.PIPELINE / "cells.sql").read_text(encoding="utf-8"))
        for first, last in spans:
            for statement in script:
                con.execute(statement, {"first": first, "last": last})
        con.execute("drop table dup_keys")


# Source rows per span of periods the sums work on at once: 12ti by municipality (15 M cells at
# 4x) ran out of 500 MB summing areas in one go; spans of about this size do not.
SPAN_ROWS = 4_000_000


def periods_spans(
    counts: list[tuple[int, int]], limit: int = SPAN_ROWS
) -> list[tuple[dt.date, dt.date]]:
    """Whole years grouped into spans of at most ``limit`` rows (a year over it is a span alone).

    ``counts``: (year, rows) in year order. Returns (first day, last day) of each span.
    """
    spans: list[tuple[int, int]] = []
    rows = 0
    for year, n in counts:
        if spans and rows + n <= limit:
            spans[-1] = (spans[-1][0], year)
            rows += n
        else:
            spans.append((year, year))
            rows = n
    return [(dt.date(a, 1, 1), dt.date(b, 12, 31)) for a, b in spans]


def _statements(script: str) -> list[str]:
    """A script's statements without their comment lines (a comment may name ``$first``)."""
    out = []
    for statement in script.split(";\n"):
        code = "\n".join(
            line for line in statement.splitlines() if not line.lstrip().startswith("--")
        )
        if code.strip():
            out.append(code)
    return out


def _aggregate(
    con: duckdb.DuckDBPyConnection, script: str, spans: list[tuple[dt.date, dt.date]]
) -> None:
    """aggregate.sql statement by statement; those with ``$first`` once per span of periods."""
    for statement in _statements(script):
        if "$first" in statement:
            for first, last in spans:
                con.execute(statement, {"first": first, "last": last})
        else:
            con.execute(statement)


def _area_dimension(ds: jsonstat.Dataset, config: dict[str, Any]) -> jsonstat.Dimension | None:
    names = config.get("dimensions", {}).get("area", [])
    return next((d for d in ds.dimensions if d.id in names), None)


def _check_answers_agree(
    con: duckdb.DuckDBPyConnection, spec: TableSpec, files: list[Path]
) -> None:
    """Two answers of one table that both have a cell must give it the same value (or both none)."""
    # Cells in more than one answer, by key hash first: a grouping of two integers spills to
    # disk, the lists of the full query below over millions of rows would not (out of memory at
    # 3.7 M cells in 500 MB). Most answers do not overlap at all.
    rows = con.execute(
        f"""
        with candidates as (
            select hash({CELL_KEY}) as k from answers group by k having count(*) > 1
        )
        select area_code, any_value(frequency), period, any_value(contents), age_group,
            occupation_code, industry_code, sex,
            list(file_no order by file_no), list(value order by file_no)
        from answers
        where hash({CELL_KEY}) in (select k from candidates)
        group by {CELL_KEY}
        having count(*) > 1
           and (count(distinct value) > 1 or (count(value) > 0 and count(value) < count(*)))
        order by area_code, period, 4
        limit 3
        """
    ).fetchall()
    if not rows:
        return
    examples = []
    for area, frequency, period, contents, age, occupation, industry, sex, nos, values in rows:
        when = f"month {period:%Y-%m}" if frequency == "month" else f"{frequency} {period}"
        extra = ", ".join(
            f"{name} {code}"
            for name, code in (
                ("age", age),
                ("occupation", occupation),
                ("industry", industry),
                ("sex", sex),
            )
            if code != "SSS"
        )
        said = "; ".join(
            f"{files[n]} has {'no value' if v is None else f'{v:g}'}"
            for n, v in zip(nos, values, strict=True)
        )
        examples.append(
            f"area {area}, {when}, contents {contents}{f' ({extra})' if extra else ''}: {said}"
        )
    raise BuildError(f"{spec.id}: two answers disagree on a cell: " + " | ".join(examples))


def _check_conflicts(con: duckdb.DuckDBPyConnection) -> None:
    """Two tables that publish the same cell must agree (archived 1001 and current 12r5)."""
    rows = con.execute(
        """
        with candidates as (  -- cells in more than one table that differ (by key hash: cheap)
            select hash(measure, period, area_code, age_group, occupation_code, industry_code,
                sex) as k
            from stage
            where status = 'observed' and value is not null
            group by k
            having count(*) > 1 and max(value) - min(value) > 0.5
        )
        select measure, period, area_code, age_group, sex, string_agg(source_table || '=' || value, ', ')
        from stage
        where status = 'observed' and value is not null
          and hash(measure, period, area_code, age_group, occupation_code, industry_code, sex)
            in (select k from candidates)
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
    *,
    provenance: dict[str, Provenance] | None = None,
) -> None:
    """The dimension tables, sources and their coverage, as every database has them.

    ``sources.retrieved_at`` and ``updated`` come from the answers (``provenance``), NULL where
    they do not say: a file's modification time is not when it was fetched.
    """
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
        known = (provenance or {}).get(spec.id, Provenance())
        con.execute(
            "insert into sources (source_table, title, publisher, url, licence, retrieved_at, "
            "first_period, last_period, updated) "
            "select ?, ?, ?, ?, ?, ?, min(period), max(period), ? "
            "from observations where source_table = ?",
            [
                spec.id,
                spec.title,
                spec.publisher,
                spec.url,
                spec.licence,
                known.retrieved_at,
                known.updated,
                spec.id,
            ],
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
    # Candidates by key hash first (cheap), then the full key (a collision is not a duplicate).
    "duplicate keys": """
        with candidates as (
            select hash(measure, period, area_code, age_group, occupation_code, industry_code,
                sex) as k
            from observations group by k having count(*) > 1)
        select count(*) from (
            select 1 from observations
            where hash(measure, period, area_code, age_group, occupation_code, industry_code, sex)
                in (select k from candidates)
            group by measure, period, area_code, age_group, occupation_code, industry_code, sex
            having count(*) > 1)""",
    "observations with an unknown area": "select count(*) from observations o anti join areas using (area_code)",
    "observations with an unknown measure": "select count(*) from observations anti join measures using (measure)",
    "observations with an unknown age group": "select count(*) from observations anti join age_groups using (age_group)",
    "observations with an unknown occupation": "select count(*) from observations anti join occupations using (occupation_code)",
    "observations with an unknown industry": "select count(*) from observations anti join industries using (industry_code)",
    "observations with an unknown source": "select count(*) from observations anti join sources using (source_table)",
    "observations with a bad status": "select count(*) from observations where status not in ('observed', 'aggregated', 'estimated', 'demo')",
    "areas outside the classifications in sums of areas": """
        select count(*) from area_members m join areas a on a.area_code in (m.area_code, m.member_code)
        where a.level = 'unallocated'""",
    "summed rows for areas outside the classifications": """
        select count(*) from observations o join areas a using (area_code)
        where a.level = 'unallocated' and o.status in ('aggregated', 'estimated')
          and o.occupation_code = 'SSS' and o.age_group = 'SSS'""",
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
