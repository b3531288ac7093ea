"""``python -m kohtaanto fetch``: StatFin tables, boundaries and the municipality key into data/raw.

The result has the raw mirror's layout: ``statfin/<table>.json`` (one JSON-stat 2.0 dataset per
table), ``geo/*.geojson`` and ``classifications/municipality_key_YYYY.csv``. What to fetch and from
where is in ``kohtaanto/pipeline/tables.toml``.

Per table: metadata, then queries under the API's cell limit (only the contents codes the table
lists, every value of the other dimensions), then one merged dataset written atomically. Finished
queries wait in ``<raw>/.partial/<table>/`` so an interrupted fetch resumes where it stopped; the
folder goes when the table is done. When the file exists already, only the periods it lacks are
asked for (everything again if any other dimension changed). A failure leaves the previous files
as they were.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import tomllib
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from kohtaanto.dimensions import OCCUPATION_KEY_COLUMNS
from kohtaanto.paths import TABLES_TOML
from kohtaanto.pipeline.pxweb import (
    Http,
    Limits,
    ListedTable,
    PxWebClient,
    PxWebError,
    RateLimiter,
    TableMeta,
    TableNotListed,
    Variable,
    cell_count,
    check_dataset,
    dataset_codes,
    merge_datasets,
    split_selection,
)

Progress = Callable[[str], None]
LANGUAGES = ("fi", "sv", "en")
PARTIAL = ".partial"


def load_settings(path: Path = TABLES_TOML) -> dict[str, Any]:
    """The fetch configuration (``tables.toml``) as a dict."""
    with path.open("rb") as f:
        return tomllib.load(f)


def run(
    raw_dir: Path,
    tables: list[str] | None = None,
    *,
    api_root: str | None = None,
    progress: Callable[[str], None] = print,
    settings: Mapping[str, Any] | None = None,
) -> int:
    """Fetch into ``raw_dir`` and return the exit code (0 done, 1 something failed, 2 bad names).

    ``tables``: ids (``tyonv/12r5``) or short names (``12r5``), and ``geo`` or
    ``classifications`` for those; None fetches everything. ``api_root`` replaces the PxWeb root of
    ``tables.toml``. ``settings`` replaces the parsed ``tables.toml`` (tests point it elsewhere).
    """
    settings = load_settings() if settings is None else settings
    try:
        chosen, want_geo, want_keys = _select(settings, tables)
    except ValueError as exc:
        progress(f"fetch: {exc}")
        return 2
    raw_dir = Path(raw_dir)
    failures = _Failures(progress)
    runnable = [t for t in chosen if t.get("fetch", True)]
    for table in chosen:
        if not table.get("fetch", True):
            progress(f"{table['id']}: skipped (fetch = false: archived or transcribed table)")
    if runnable:
        _fetch_tables(settings, runnable, api_root, raw_dir, progress, failures)
    http = _http(settings, settings.get("geo_service", {}))
    if want_geo:
        _fetch_geo_layers(http, settings, raw_dir, progress, failures)
    if want_keys:
        _fetch_keys(http, settings, raw_dir, progress, failures)

    if failures.lines:
        progress(f"fetch: {len(failures.lines)} failed:")
        for line in failures.lines:
            progress(f"  {line}")
        return 1
    progress(f"fetch: done, raw files in {raw_dir}")
    return 0


@dataclass
class _Failures:
    """What failed in a fetch run, each said at once; the run goes on with the next item."""

    progress: Progress
    lines: list[str] = field(default_factory=list)

    def add(self, what: str, exc: Exception) -> None:
        self.lines.append(f"{what}: {exc}")
        self.progress(f"{what}: FAILED: {exc} (previous file left as it was)")


def _announce(client: PxWebClient, progress: Progress) -> None:
    """Read the API's config and say which limits the fetch keeps to, and where they came from."""
    limits = client.configure()
    source = "from the API config" if client.config_read else "defaults: config did not answer"
    progress(
        f"PxWeb {client.version} at {client.root}: {_n(limits.max_cells)} cells per query, "
        f"{limits.max_calls} calls per {limits.time_window:g} s ({source})"
    )


def _fetch_tables(
    settings: Mapping[str, Any],
    runnable: list[Mapping[str, Any]],
    api_root: str | None,
    raw_dir: Path,
    progress: Progress,
    failures: _Failures,
) -> None:
    """Fetch every statistics table; an optional table the API no longer lists is skipped."""
    client = _client(settings, api_root)
    _announce(client, progress)
    names = settings.get("dimensions", {})
    for table in runnable:
        try:
            fetch_table(client, table, raw_dir, progress, names)
        except TableNotListed as exc:
            if table.get("required", True):
                failures.add(table["id"], exc)
            else:
                progress(f"{table['id']}: skipped, {exc.message} (optional table)")
        except (PxWebError, ValueError) as exc:
            failures.add(table["id"], exc)


def _fetch_geo_layers(
    http: Http, settings: Mapping[str, Any], raw_dir: Path, progress: Progress, failures: _Failures
) -> None:
    """Fetch every boundary layer of ``[[geo]]`` from the geo service."""
    service = settings.get("geo_service", {})
    for layer in settings.get("geo", []):
        try:
            fetch_geo(http, service["url"], layer, raw_dir, progress)
        except (PxWebError, ValueError, KeyError) as exc:
            failures.add(layer.get("file", "geo"), exc)


def _fetch_keys(
    http: Http, settings: Mapping[str, Any], raw_dir: Path, progress: Progress, failures: _Failures
) -> None:
    """Fetch the municipality keys and, when configured, the occupation key."""
    config = settings.get("classifications", {})
    for name in config.get("files", []):
        try:
            fetch_municipality_key(http, config, name, raw_dir, progress)
        except (PxWebError, ValueError, KeyError) as exc:
            failures.add(name, exc)
    occupations = config.get("occupations")
    if occupations:
        names = settings.get("dimensions", {}).get("occupation", [])
        try:
            fetch_occupation_key(http, config["url"], occupations, names, raw_dir, progress)
        except (PxWebError, ValueError, KeyError) as exc:
            failures.add(occupations.get("file", "occupations"), exc)


@dataclass
class CheckResult:
    """One table's line in ``fetch --check``."""

    table: str
    required: bool
    found: bool = False
    plan: TablePlan | None = None
    problems: list[str] = field(default_factory=list)
    changed: bool = True  # the API no longer offers something (False: the service failed)


def check(
    tables: list[str] | None = None,
    *,
    api_root: str | None = None,
    progress: Progress = print,
    settings: Mapping[str, Any] | None = None,
) -> list[CheckResult]:
    """``fetch --check``: find every fetched table and read its metadata, no data query.

    Prints per table whether it was found, its time range and last update, and which configured
    contents codes and dimensions are present or missing. Returns one result per table; a
    required table with problems is what the build needs and cannot get.
    """
    settings = load_settings() if settings is None else settings
    chosen, _, _ = _select(settings, tables)
    runnable = [t for t in chosen if t.get("fetch", True)]
    results: list[CheckResult] = []
    if not runnable:
        return results
    client = _client(settings, api_root)
    _announce(client, progress)
    names = settings.get("dimensions", {})
    for table in runnable:
        result = CheckResult(table["id"], bool(table.get("required", True)))
        results.append(result)
        label = table["id"] + ("" if result.required else " (optional)")
        try:
            plan = result.plan = plan_table(client, table, names)
        except PxWebError as exc:
            result.problems.append(exc.message if isinstance(exc, TableNotListed) else str(exc))
            # Not listed, or refused as a bad request: the API changed. 5xx, no answer: it failed.
            result.changed = isinstance(exc, TableNotListed) or (
                exc.status is not None and 400 <= exc.status < 500
            )
            progress(f"{label}: NOT FOUND: {result.problems[-1]}")
            continue
        result.found = True
        result.problems = list(plan.problems)
        meta = plan.meta
        assert meta is not None
        where = f"as {plan.listed.id}" if plan.listed else f"at {plan.url}"
        updated = f", updated {plan.listed.updated}" if plan.listed and plan.listed.updated else ""
        times = list(meta.selection().get(meta.time_code or "", []))
        span = f", {times[0]}–{times[-1]} ({len(times)} periods)" if times else ""
        progress(f"{label}: found {where}{updated}{span}")
        if plan.contents_present:
            progress(f"  contents present: {', '.join(plan.contents_present)}")
        if plan.contents_missing:
            progress(f"  contents MISSING: {', '.join(plan.contents_missing)}")
        dims = ", ".join(f"{code} ({role})" for code, role in plan.roles.items())
        progress(f"  dimensions: {dims}")
        for note in plan.notes:
            progress(f"  chosen {note}")
        for problem in plan.problems:
            progress(f"  PROBLEM: {problem}")
    needed = [r for r in results if r.required and r.problems]
    if needed:
        progress(f"check: {len(needed)} of {len(results)} tables lack what the build needs:")
        for r in needed:
            progress(f"  {r.table}: {'; '.join(r.problems)}")
    else:
        progress(f"check: all {len(results)} tables offer what the build needs")
    return results


def check_failed(results: Sequence[CheckResult]) -> list[CheckResult]:
    """The required tables whose check found a problem."""
    return [r for r in results if r.required and r.problems]


def run_check(
    tables: list[str] | None = None,
    *,
    api_root: str | None = None,
    progress: Progress = print,
    settings: Mapping[str, Any] | None = None,
) -> int:
    """``fetch --check`` as an exit code: 0 all needed is there, 1 something is missing, 2 bad
    table names or no API at all."""
    try:
        results = check(tables, api_root=api_root, progress=progress, settings=settings)
    except ValueError as exc:
        progress(f"check: {exc}")
        return 2
    except PxWebError as exc:
        progress(f"check: the API did not answer: {exc}")
        return 2
    return 1 if check_failed(results) else 0


def api_reachable(api_root: str | None = None, timeout: float = 3.0) -> bool:
    """Whether the PxWeb API answers (its config, or the root listing) within ``timeout`` s."""
    root = (api_root or load_settings()["api"]["root"]).rstrip("/")
    for url in (f"{root}/?config", f"{root}/config", root):
        try:
            response = requests.get(url, timeout=timeout)
            if response.status_code == 200:
                response.json()
                return True
        except (requests.RequestException, ValueError):
            continue
    return False


def _select(
    settings: Mapping[str, Any], names: Sequence[str] | None
) -> tuple[list[dict[str, Any]], bool, bool]:
    all_tables = list(settings.get("table", []))
    if not names:
        return all_tables, True, True
    wanted = [n.strip() for name in names for n in name.split(",") if n.strip()]
    chosen: list[dict[str, Any]] = []
    unknown = []
    for name in wanted:
        if name in ("geo", "classifications"):
            continue
        match = [
            t
            for t in all_tables
            if name in (t["id"], t["id"].rsplit("/", 1)[-1], Path(t["file"]).stem)
        ]
        if not match:
            unknown.append(name)
        chosen.extend(t for t in match if t not in chosen)
    if unknown:
        known = ", ".join(t["id"].rsplit("/", 1)[-1] for t in all_tables)
        raise ValueError(
            f"unknown table(s) {', '.join(unknown)}; known: {known}, geo, classifications"
        )
    return chosen, "geo" in wanted, "classifications" in wanted


def _http(settings: Mapping[str, Any], service: Mapping[str, Any]) -> Http:
    api = settings.get("api", {})
    return Http(
        limiter=RateLimiter(
            int(service.get("max_calls", api.get("default_max_calls", 30))),
            float(service.get("time_window", api.get("default_time_window", 60))),
        ),
        max_retries=int(api.get("max_retries", 5)),
        base_delay=float(api.get("retry_base_delay", 1.0)),
        max_delay=float(api.get("retry_max_delay", 120.0)),
        timeout=float(api.get("timeout", 60.0)),
    )


def _client(settings: Mapping[str, Any], api_root: str | None) -> PxWebClient:
    api = settings.get("api", {})
    root = api_root or api["root"]
    defaults = Limits(
        max_cells=int(api.get("default_max_cells", 100_000)),
        max_calls=int(api.get("default_max_calls", 30)),
        time_window=float(api.get("default_time_window", 60)),
    )
    # The configured config URL belongs to the configured root only.
    config_url = api.get("config") if api_root is None else None
    return PxWebClient(
        root,
        defaults=defaults,
        version=api.get("version"),
        config_url=config_url,
        http=_http(settings, {}),
    )


def _n(number: int) -> str:
    return f"{number:,}".replace(",", " ")


# --- StatFin tables ----------------------------------------------------------------------------


def fetch_table(
    client: PxWebClient,
    table: Mapping[str, Any],
    raw_dir: Path,
    progress: Progress,
    dimension_names: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Fetch one ``[[table]]`` into ``raw_dir / table.file`` (resuming, incremental, atomic).

    The table is found in its folder's list and read from its metadata first (``plan_table``);
    anything the build would need and the API no longer offers stops the table before a single
    data query, naming the table and the problem.
    """
    name = table["id"]
    plan = plan_table(client, table, dimension_names or {})
    if plan.problems:
        raise ValueError("; ".join(plan.problems))
    url, meta = plan.url, plan.meta
    assert meta is not None
    selection = plan.selection
    target = raw_dir / table["file"]
    time_code = meta.time_code
    if table.get("answers") == "year" and time_code is not None:
        _fetch_by_year(client, plan, target, raw_dir, progress, name)
        return
    existing = _read_existing(target, progress, name)
    base: list[dict[str, Any]] = []
    time_order: list[str] | None = None
    if existing is not None and time_code is not None:
        changed = _non_time_change(existing, selection, time_code)
        if changed:
            progress(f"{name}: {changed}; fetching everything again")
        else:
            have = set(dataset_codes(existing)[time_code])
            new = [t for t in selection[time_code] if t not in have]
            if not new:
                progress(f"{name}: up to date ({len(have)} periods), nothing to fetch")
                return
            progress(f"{name}: {len(new)} new periods ({new[0]}–{new[-1]})")
            selection[time_code] = new
            base = [existing]
            # StatFin period codes (2023M08, 2023Q3, 2023) sort chronologically as text.
            time_order = sorted(have | set(new))

    partial = _partial_dir(raw_dir, name)
    parts = _query_chunks(client, url, meta, selection, partial, progress, name)
    order: dict[str, list[str]] = {code: list(values) for code, values in selection.items()}
    if time_order is not None and time_code is not None:
        order[time_code] = time_order
    _write_answer(target, base + parts, order, time_code, progress, name)
    _drop_partial(raw_dir, partial)


def _partial_dir(raw_dir: Path, name: str) -> Path:
    return raw_dir / PARTIAL / re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def _drop_partial(raw_dir: Path, partial: Path) -> None:
    shutil.rmtree(partial, ignore_errors=True)
    with contextlib.suppress(OSError):
        (raw_dir / PARTIAL).rmdir()  # only when no other table left chunks there


def _query_chunks(
    client: PxWebClient,
    url: str,
    meta: TableMeta,
    selection: Mapping[str, list[str]],
    partial: Path,
    progress: Progress,
    name: str,
) -> list[dict[str, Any]]:
    """The answers to ``selection`` in queries under the cell limit; each finished one waits in
    ``partial`` so that an interrupted fetch resumes where it stopped."""
    chunks = split_selection(selection, client.configure().max_cells, meta.time_code)
    queries = f"{len(chunks)} {'query' if len(chunks) == 1 else 'queries'}"
    progress(f"{name}: {queries}, {_n(cell_count(selection))} cells")
    parts: list[dict[str, Any]] = []
    for i, chunk in enumerate(chunks, 1):
        key = hashlib.sha256(json.dumps([url, chunk], sort_keys=True).encode()).hexdigest()[:20]
        saved = partial / f"{key}.json"
        answer = _read_chunk(saved, chunk)
        if answer is not None:
            progress(
                f"{name}: chunk {i}/{len(chunks)} already fetched ({_n(cell_count(chunk))} cells)"
            )
        else:
            answer = client.query(url, chunk, meta)
            write_json_atomic(saved, answer)
            progress(f"{name}: chunk {i}/{len(chunks)}, {_n(cell_count(chunk))} cells")
        parts.append(answer)
    return parts


def _write_answer(
    target: Path,
    parts: list[dict[str, Any]],
    order: Mapping[str, Sequence[str]],
    time_code: str | None,
    progress: Progress,
    name: str,
) -> None:
    merged = merge_datasets(parts, order)
    # Provenance for the build: when this file was written (the API's own ``updated`` stays).
    merged["extension"] = {**(merged.get("extension") or {}), "retrieved_at": utc_now()}
    write_json_atomic(target, merged)
    times = dataset_codes(merged).get(time_code or "", [])
    span = f", {times[0]}–{times[-1]}" if times else ""
    progress(f"{name}: wrote {target} ({_n(len(merged['value']))} cells{span})")


def year_answers(target: Path) -> list[Path]:
    """The answers a table fetched by year has: ``<stem>.json`` (its first year) and
    ``<stem>_<year>.json``, those that exist."""
    years = re.compile(rf"^{re.escape(target.stem)}_\d{{4}}$")
    siblings = sorted(p for p in target.parent.glob(f"{target.stem}_*.json") if years.match(p.stem))
    return [p for p in [target, *siblings] if p.exists()]


def _fetch_by_year(
    client: PxWebClient,
    plan: TablePlan,
    target: Path,
    raw_dir: Path,
    progress: Progress,
    name: str,
) -> None:
    """A table too large for one file (12ti by municipality: 57 M cells): one answer per calendar
    year of periods, ``<stem>.json`` for the first and ``<stem>_<year>.json`` for the others (the
    build merges a table's answers). An incremental fetch asks only for the periods no answer has
    and rewrites only the answers of their years, so the fetch never holds more than a year."""
    meta, selection = plan.meta, plan.selection
    assert meta is not None and meta.time_code is not None
    time_code = meta.time_code
    holder: dict[str, Path] = {}  # year -> the answer that has it
    have: set[str] = set()
    changed = None
    answers = year_answers(target)
    for path in answers:
        dataset = _read_existing(path, progress, name)
        changed = (
            f"cannot read {path.name}"
            if dataset is None
            else _non_time_change(dataset, selection, time_code)
        )
        if changed:
            progress(f"{name}: {changed}; fetching everything again")
            holder, have = {}, set()
            break
        periods = dataset_codes(dataset)[time_code]
        have.update(periods)
        holder.update({p[:4]: path for p in periods})
    new = [t for t in selection[time_code] if t not in have]
    if not new:
        progress(f"{name}: up to date ({len(have)} periods), nothing to fetch")
        return
    if have:
        progress(f"{name}: {len(new)} new periods ({new[0]}–{new[-1]})")
    partial = _partial_dir(raw_dir, name)
    years = {y: [t for t in new if t[:4] == y] for y in sorted({t[:4] for t in new})}
    # Every query first (each answer waits in the partial folder, not in memory): a failure
    # leaves the previous answers as they were.
    for months in years.values():
        sliced = {**selection, time_code: months}
        _query_chunks(client, plan.url, meta, sliced, partial, progress, name)
    written: list[Path] = []
    for year, months in years.items():
        path = holder.get(year) or (
            target if not holder and not written else target.with_name(f"{target.stem}_{year}.json")
        )
        base = []
        if path in holder.values():
            existing = _read_existing(path, progress, name)
            assert existing is not None  # read above
            base = [existing]
        sliced = {**selection, time_code: months}
        parts = _query_chunks(client, plan.url, meta, sliced, partial, lambda _: None, name)
        order = {code: list(values) for code, values in selection.items()}
        old = dataset_codes(base[0])[time_code] if base else []
        order[time_code] = sorted(set(old) | set(months))
        _write_answer(path, base + parts, order, time_code, progress, name)
        written.append(path)
    if changed:  # answers of the old shape that this fetch did not rewrite
        for path in answers:
            if path not in written:
                path.unlink()
    _drop_partial(raw_dir, partial)


def utc_now() -> str:
    """The current time as ISO 8601 UTC to the second (``2026-12-05T23:50:00Z``)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def short_id(table: Mapping[str, Any]) -> str:
    """The table's id in StatFin (``12r5`` of ``tyonv/12r5``)."""
    return str(table.get("table_id") or table["id"].rsplit("/", 1)[-1])


def table_address(client: PxWebClient, table: Mapping[str, Any]) -> tuple[str, ListedTable | None]:
    """Where the table is served: archived tables (``path`` in tables.toml) at their long file
    name; active tables as their folder's table list names them (never a guessed file name)."""
    if table.get("path"):
        return client.table_url(table["database"], table["path"], table.get("table_id")), None
    folder = table.get("folder") or table["id"].rsplit("/", 1)[0]
    listed = client.locate(table["database"], folder, short_id(table))
    return listed.url, listed


@dataclass
class TablePlan:
    """What the metadata says about one configured table and what the fetch would ask for."""

    url: str = ""
    listed: ListedTable | None = None
    meta: TableMeta | None = None
    selection: dict[str, list[str]] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)  # dimension code -> build role
    contents_present: list[str] = field(default_factory=list)
    contents_missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what the build needs and cannot get
    notes: list[str] = field(default_factory=list)


def needed_contents(table: Mapping[str, Any]) -> list[str]:
    """The contents codes the build needs: ``contents`` if listed, else the ``measures`` keys."""
    return list(table.get("contents") or table.get("measures") or [])


def plan_table(
    client: PxWebClient,
    table: Mapping[str, Any],
    dimension_names: Mapping[str, Sequence[str]],
) -> TablePlan:
    """Find the table, read its metadata and check it against tables.toml (no data query).

    ``problems`` lists, in words naming the codes, what the build needs and the API does not
    offer: a contents code, a dimension the build does not know, values to choose that are not
    there. Raises ``PxWebError`` when the table cannot be found or read at all.
    """
    plan = TablePlan()
    plan.url, plan.listed = table_address(client, table)
    meta = plan.meta = client.metadata(plan.url)
    selection = meta.selection()
    if meta.time_code is None:
        plan.problems.append("no time dimension in the metadata")
    _plan_contents(plan, table, meta, selection)
    _plan_roles(plan, meta, dimension_names)
    _plan_choices(plan, table, meta, selection)
    # ``only`` narrows a dimension (a quick look, or tests): {dimension = [codes]}.
    for dim, codes in (table.get("only") or {}).items():
        if dim not in selection:
            plan.problems.append(f"'only' names {dim}, which the table does not have")
            continue
        selection[dim] = [c for c in selection[dim] if c in set(codes)]
    for code, role in plan.roles.items():
        if role == "unknown" and len(selection.get(code, [])) > 1:
            plan.problems.append(
                f"dimension {code} is not one tables.toml knows ([dimensions]); "
                "the build would refuse it"
            )
    plan.selection = selection
    return plan


def _plan_contents(
    plan: TablePlan,
    table: Mapping[str, Any],
    meta: TableMeta,
    selection: dict[str, list[str]],
) -> None:
    """Which needed contents codes the table offers; with ``contents`` listed, ask only those."""
    wanted = needed_contents(table)
    if meta.contents_code is None:
        plan.problems.append("no contents dimension in the metadata")
        return
    offered = selection[meta.contents_code]
    plan.contents_present = [c for c in wanted if c in offered]
    plan.contents_missing = [c for c in wanted if c not in offered]
    if plan.contents_missing:
        plan.problems.append(
            f"contents code {', '.join(plan.contents_missing)} not in the table "
            f"(it has {', '.join(offered[:30])}{' …' if len(offered) > 30 else ''})"
        )
    if table.get("contents"):
        selection[meta.contents_code] = [c for c in offered if c in wanted]


def _plan_roles(
    plan: TablePlan, meta: TableMeta, dimension_names: Mapping[str, Sequence[str]]
) -> None:
    """The build role of each dimension, by its name in ``[dimensions]`` (else ``unknown``).

    A dimension that holds age groups under a name ``[dimensions]`` does not list is a problem:
    the build would not see its ages.
    """
    role_names = {role: set(names) for role, names in dimension_names.items()}
    for variable in meta.variables:
        code = variable.code
        if code in (meta.time_code, meta.contents_code):
            plan.roles[code] = "time" if code == meta.time_code else "contents"
            continue
        role = next((r for r, names in role_names.items() if code in names), None)
        if role is None and looks_like_age(variable):
            plan.problems.append(
                f"dimension {code} holds age groups but [dimensions] age does not name it"
            )
            continue
        plan.roles[code] = role or "unknown"


def _plan_choices(
    plan: TablePlan,
    table: Mapping[str, Any],
    meta: TableMeta,
    selection: dict[str, list[str]],
) -> None:
    """``[table.choose]``: role -> rule; the values are picked from what the metadata offers."""
    for role, rule in (table.get("choose") or {}).items():
        code = next((c for c, r in plan.roles.items() if r == role), None)
        if code is None:
            plan.problems.append(f"no {role} dimension to choose {rule} from")
            continue
        variable = next(v for v in meta.variables if v.code == code)
        try:
            chosen = choose_values(variable, rule)
        except ValueError as exc:
            plan.problems.append(f"{code}: {exc}")
            continue
        selection[code] = chosen
        plan.notes.append(f"{code}: {rule} -> {', '.join(chosen)}")


AGE_RANGE = re.compile(r"(\d{1,3})\s*[-–]\s*(\d{1,3})")
AGE_OPEN = re.compile(
    r"(\d{1,3})\s*(?:\+|[-–]\s*$|vuotta täyttäneet|v\.? ja yli|år och äldre|and over)"
)
TOTAL_CODES = frozenset({"SSS", "YHT", "TOTAL", "0"})


def age_group_of(code: str, label: str = "") -> str | None:
    """An age value as the contract's code (``55-59``, ``65-``), read from its code or else its
    label (``55 - 59``, ``65+``, ``65 vuotta täyttäneet``); None when neither is an age group."""
    for text in (code, label):
        text = text.strip()
        found = AGE_RANGE.fullmatch(text) or AGE_RANGE.search(text)
        if found and int(found.group(2)) > int(found.group(1)):
            return f"{int(found.group(1))}-{int(found.group(2))}"
        found = AGE_OPEN.search(text)
        if found:
            return f"{int(found.group(1))}-"
    return None


def looks_like_age(variable: Variable) -> bool:
    """Whether most of a variable's non-total values are age groups."""
    values = [
        (c, t)
        for c, t in zip(variable.values, variable.value_texts, strict=False)
        if c.upper() not in TOTAL_CODES
    ]
    ages = sum(age_group_of(c, t) is not None for c, t in values)
    return len(values) >= 2 and ages >= 0.8 * len(values)


def choose_values(variable: Variable, rule: str) -> list[str]:
    """The codes of ``variable`` that ``rule`` picks, from the values the metadata offers.

    ``five_year``: the five-year age groups (``55-59``) and the open group that follows the
    last of them (``65-``), whatever their codes; a broader group offered beside them
    (``15-24``) or the total is left out, so that summing them never counts anyone twice.
    ``total``: the one total value.
    """
    pairs = list(zip(variable.values, variable.value_texts, strict=False))
    if rule == "five_year":
        groups = {c: age_group_of(c, t) for c, t in pairs}
        closed = {c: g for c, g in groups.items() if g and not g.endswith("-")}
        five = [c for c, g in closed.items() if int(g.split("-")[1]) - int(g.split("-")[0]) == 4]
        if not five:
            raise ValueError(f"no five-year age groups among {', '.join(variable.values)}")
        top = max(int(closed[c].split("-")[1]) for c in five)
        opens = [c for c, g in groups.items() if g == f"{top + 1}-"]
        return [c for c in variable.values if c in set(five) | set(opens)]
    if rule == "total":
        totals = [
            c
            for c, t in pairs
            if c.upper() in TOTAL_CODES or t.strip().lower() in ("yhteensä", "total", "totalt")
        ]
        if len(totals) != 1:
            raise ValueError(f"no single total among {', '.join(variable.values)}")
        return totals
    raise ValueError(f"unknown rule {rule!r} (five_year or total)")


def _read_existing(target: Path, progress: Progress, name: str) -> dict[str, Any] | None:
    if not target.exists():
        return None
    try:
        dataset = json.loads(target.read_text(encoding="utf-8"))
        dataset_codes(dataset)
        if not isinstance(dataset.get("value"), list):
            raise ValueError("no value array")
        return dataset
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        progress(f"{name}: cannot read {target} ({exc}); fetching everything")
        return None


def _non_time_change(
    existing: Mapping[str, Any], selection: Mapping[str, list[str]], time_code: str
) -> str | None:
    """Why the existing file cannot simply be extended (None when it can)."""
    if list(existing["id"]) != list(selection):
        return f"dimensions changed from {existing['id']} to {list(selection)}"
    have = dataset_codes(existing)
    for dim, codes in selection.items():
        if dim != time_code and have[dim] != codes:
            return f"the values of {dim} changed"
    return None


def _read_chunk(path: Path, chunk: Mapping[str, list[str]]) -> dict[str, Any] | None:
    if not path.exists():
        return None
    try:
        answer = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None
    return answer if check_dataset(answer, chunk) is None else None


# --- boundaries --------------------------------------------------------------------------------


def fetch_geo(
    http: Http, service_url: str, layer: Mapping[str, Any], raw_dir: Path, progress: Progress
) -> None:
    """One WFS layer as GeoJSON (WGS84 lon/lat) with the properties renamed as ``[[geo]]`` says."""
    params = {
        "service": "WFS",
        "version": "2.0.0",
        "request": "GetFeature",
        "typeNames": layer["layer"],
        "outputFormat": "application/json",
        "srsName": "EPSG:4326",
    }
    answer = http.json("GET", service_url, params=params)
    features = answer.get("features") if isinstance(answer, dict) else None
    if not features:
        raise ValueError(f"{layer['layer']}: the WFS answer has no features")
    mapping: Mapping[str, str] = layer.get("properties") or {}
    formats: Mapping[str, str] = layer.get("format") or {}
    swap = _lat_lon_first(features)
    out = []
    for feature in features:
        props = feature.get("properties") or {}
        lacking = [src for src in mapping.values() if src not in props]
        if lacking:
            raise ValueError(f"{layer['layer']}: features lack {', '.join(lacking)}")
        renamed = {
            dst: formats[dst].format(props[src]) if dst in formats else props[src]
            for dst, src in mapping.items()
        }
        geometry = feature.get("geometry")
        if swap and geometry:
            geometry = {**geometry, "coordinates": _swap(geometry["coordinates"])}
        out.append({"type": "Feature", "properties": renamed, "geometry": geometry})
    target = raw_dir / layer["file"]
    collection = {"type": "FeatureCollection", "name": target.stem, "features": out}
    write_json_atomic(target, collection)
    note = " (axes swapped to lon/lat)" if swap else ""
    progress(f"{layer['file']}: wrote {len(out)} features from {layer['layer']}{note}")


def _first_position(coordinates: Any) -> list[float] | None:
    while isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], list):
        coordinates = coordinates[0]
    return coordinates if isinstance(coordinates, list) and len(coordinates) >= 2 else None


def _lat_lon_first(features: Sequence[Mapping[str, Any]]) -> bool:
    # WFS 2.0 may answer EPSG:4326 in latitude-longitude order. Finland lies at longitude 19-32,
    # latitude 59-71, so the first position tells which way round the answer is.
    for feature in features:
        first = _first_position((feature.get("geometry") or {}).get("coordinates"))
        if first is not None:
            return first[0] > 50 and first[1] < 40
    return False


def _swap(coordinates: Any) -> Any:
    if coordinates and isinstance(coordinates[0], list):
        return [_swap(c) for c in coordinates]
    return [coordinates[1], coordinates[0], *coordinates[2:]]


# --- municipality key --------------------------------------------------------------------------


def fetch_municipality_key(
    http: Http, config: Mapping[str, Any], file: str, raw_dir: Path, progress: Progress
) -> None:
    """``classifications/municipality_key_YYYY.csv`` from the classification service.

    One correspondence table per level (municipality -> region, sub-region, ...) and language.
    Codes are written without leading zeros, as in the raw mirror's key.
    """
    found = re.search(r"(\d{4})", Path(file).stem)
    if not found:
        raise ValueError(f"{file}: no year in the file name")
    year = found.group(1)
    date = f"{year}0101"
    source = config.get("source", "kunta_1_{date}").format(date=date, year=year)
    rows: dict[str, dict[str, str]] = {}
    columns = ["kunta", *(f"municipality_name_{lang}" for lang in LANGUAGES)]
    for level in config.get("levels", []):
        column = level["column"]
        target = level.get("classification", column + "_1_{date}").format(date=date, year=year)
        local_id = f"{source}%23{target}"  # '#' joins the two classifications, sent escaped
        url = f"{config['url'].rstrip('/')}/correspondenceTables/{local_id}/maps"
        try:
            answers = {
                lang: http.json(
                    "GET",
                    url,
                    params={"content": "data", "meta": "max", "lang": lang, "format": "json"},
                )
                for lang in LANGUAGES
            }
        except PxWebError as exc:
            if level.get("required", False) or exc.status != 404:
                raise
            progress(f"{file}: no {target} for {year} (HTTP 404), column {column} left out")
            continue
        columns += [f"{column}_code", *(f"{column}_name_{lang}" for lang in LANGUAGES)]
        for lang, answer in answers.items():
            if not isinstance(answer, list) or not answer:
                raise ValueError(f"{local_id}: empty or unreadable answer")
            for item in answer:
                kunta = _code(item["sourceItem"]["code"])
                row = rows.setdefault(kunta, {"kunta": kunta})
                row[f"municipality_name_{lang}"] = _item_name(item["sourceItem"], lang)
                row[f"{column}_code"] = _code(item["targetItem"]["code"])
                row[f"{column}_name_{lang}"] = _item_name(item["targetItem"], lang)
    if not rows:
        raise ValueError(f"{file}: no municipalities in the answers")
    columns.append("year")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for kunta in sorted(rows, key=lambda c: (len(c), c)):
        writer.writerow({**rows[kunta], "year": year})
    write_text_atomic(raw_dir / file, buffer.getvalue())
    progress(f"{file}: wrote {len(rows)} municipalities, {len(columns)} columns")


OCCUPATION_COLUMNS = OCCUPATION_KEY_COLUMNS


def fetch_occupation_key(
    http: Http,
    service_url: str,
    config: Mapping[str, Any],
    dimension_names: Sequence[str],
    raw_dir: Path,
    progress: Progress,
) -> None:
    """``classifications/occupations_aml2010.csv``: the occupation codes of the fetched table
    (12ti) with its Finnish labels, and the AML2010 names in fi/sv/en with their 1-3 digit groups.

    Written in the raw mirror's columns; the ``_esco``/``_isco08`` columns hold Statistics
    Finland's AML2010 names here (the mirror took Swedish from ESCO).
    """
    source = raw_dir / config["table"]
    if not source.exists():
        progress(f"{config['file']}: skipped, {source} is not fetched yet")
        return
    dataset = json.loads(source.read_text(encoding="utf-8"))
    dim = next((d for d in dataset["id"] if d in dimension_names), None)
    if dim is None:
        raise ValueError(f"{source}: no occupation dimension (one of {list(dimension_names)})")
    codes = dataset_codes(dataset)[dim]
    labels = dataset["dimension"][dim]["category"].get("label") or {}
    url = (
        f"{service_url.rstrip('/')}/classifications/{config['classification']}/classificationItems"
    )
    names: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        params = {"content": "data", "meta": "max", "lang": lang, "format": "json"}
        answer = http.json("GET", url, params=params)
        if not isinstance(answer, list) or not answer:
            raise ValueError(f"{config['classification']}: empty or unreadable answer")
        for item in answer:
            names.setdefault(str(item["code"]), {})[lang] = _item_name(item, lang)

    def name(code: str, lang: str) -> str:
        return names.get(code, {}).get(lang, "")

    rows = []
    for code in codes:
        row = dict.fromkeys(OCCUPATION_COLUMNS, "")
        row.update(code=code, label_fi_statfin_table=str(labels.get(code, code)))
        if code == "SSS":
            row["kind"] = "total"
        elif code in names and len(code) == 4:
            row.update(
                kind="aml2010_4digit",
                label_fi_esco=name(code, "fi"),
                label_sv_esco=name(code, "sv"),
                label_en_isco08=name(code, "en"),
                code_1d=code[:1],
                code_2d=code[:2],
                code_3d=code[:3],
                **{f"label_1d_{lang}": name(code[:1], lang) for lang in LANGUAGES},
                **{
                    f"label_{n}d_{lang}": name(code[:n], lang)
                    for n in (2, 3)
                    for lang in ("fi", "en")
                },
            )
        else:  # employment-service groups that are not occupations (X classes)
            row["kind"] = "tem_extra"
        rows.append(row)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=OCCUPATION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_text_atomic(raw_dir / config["file"], buffer.getvalue())
    matched = sum(r["kind"] == "aml2010_4digit" for r in rows)
    progress(f"{config['file']}: wrote {len(rows)} occupation codes ({matched} named in AML2010)")


def _code(code: Any) -> str:
    text = str(code).strip()
    return str(int(text)) if text.isdigit() else text


def _item_name(item: Mapping[str, Any], lang: str) -> str:
    names = item.get("classificationItemNames") or []
    for entry in names:
        if entry.get("lang") == lang:
            return str(entry.get("name", ""))
    return str(names[0].get("name", "")) if names else ""


# --- atomic writes -----------------------------------------------------------------------------


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that readers see the old file or the whole new one, never a half."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def write_text_atomic(path: Path, text: str) -> None:
    """Temp file in the same folder, fsync, then ``os.replace`` (atomic on one file system)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # open(..., "x") rather than mkstemp: the file gets the umask's mode, not 0600.
    tmp = path.parent / f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
