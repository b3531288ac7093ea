"""End-to-end tests of ``python -m kohtaanto fetch`` against a local PxWeb-like server.

The server (tests/pxweb_server.py) serves the raw mirror's JSON-stat files, so a correct fetch
reproduces the mirror value for value. Limits are set small so that splitting, waiting, retrying,
resuming and incremental fetches all happen within a few seconds.
"""

from __future__ import annotations

import copy
import csv
import functools
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import requests

from kohtaanto.pipeline import fetch
from kohtaanto.pipeline.pxweb import (
    Http,
    Limits,
    PxWebClient,
    RateLimiter,
    Variable,
    cell_count,
    merge_datasets,
    split_selection,
)
from tests import pxweb_server
from tests.pxweb_server import SHARED_RAW, PxWebServer, dataset_subset

ADDRESS_12R5 = "StatFin/tyonv/12r5.px"
OLD_ADDRESS_12R5 = "StatFin/tyonv/statfin_tyonv_pxt_12r5.px"  # served until 8 June 2026
CONTENTS_12R5 = ["AVPAIKATLOPUSSA", "TYOTTOMATLOPUSSA", "TYOVOIMATK"]
RETRIEVED_AT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture(scope="session")
def mirror() -> Path:
    if not (SHARED_RAW / "statfin" / "12r5.json").is_file():
        pytest.fail(
            f"the raw mirror is missing: expected {SHARED_RAW} (shared/raw beside the repo)"
        )
    return SHARED_RAW


@functools.cache
def _mirror_text(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def mirror_json(mirror: Path, name: str) -> Any:
    """A fresh parse of a mirror file (cached text, so tests may change the result)."""
    return json.loads(_mirror_text(str(mirror / name)))


def load(path: Path) -> Any:
    """A fetched dataset without the fetch's own ``extension.retrieved_at`` (checked here)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and "extension" in data:
        assert RETRIEVED_AT.match(data["extension"].pop("retrieved_at")), path
        if not data["extension"]:
            del data["extension"]
    return data


def cell(dataset: dict[str, Any], **coords: str) -> Any:
    """The value at the given codes (row-major, last dimension fastest)."""
    position = 0
    for dim, size in zip(dataset["id"], dataset["size"], strict=True):
        position = position * size + dataset["dimension"][dim]["category"]["index"][coords[dim]]
    return dataset["value"][position]


@pytest.fixture
def make_server(mirror: Path) -> Iterator[Callable[..., PxWebServer]]:
    """Start servers with the mirror's tables, boundaries and keys; stopped after the test."""
    started: list[PxWebServer] = []
    settings = fetch.load_settings()

    def start(**options: Any) -> PxWebServer:
        server = PxWebServer(raw=mirror, **options).start()
        server.add_live_tables()
        layers = [layer["layer"] for layer in settings["geo"]]
        server.add_mirror_layers(*layers)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def test_settings(server: PxWebServer, **api: Any) -> dict[str, Any]:
    """tables.toml pointed at the test server, with short retry waits."""
    settings = copy.deepcopy(fetch.load_settings())
    settings["api"].update(
        {"max_retries": 3, "retry_base_delay": 0.01, "retry_max_delay": 2.0, "timeout": 20}
    )
    settings["api"].update(api)
    settings["geo_service"]["url"] = server.base + "/geoserver/wfs"
    settings["geo_service"]["max_calls"] = 1000
    settings["classifications"]["url"] = server.base + "/classifications/v2"
    return settings


test_settings.__test__ = False  # a helper, not a test


def mirror_12r5(server: PxWebServer, **api: Any) -> dict[str, Any]:
    """Serve the mirror's 12r5 (three contents, 2006M01–2023M10) as 12r5.px and ask for those
    three contents: the splitting, retry and resume tests then reproduce the mirror exactly."""
    server.add_mirror_table(ADDRESS_12R5, "statfin/12r5.json")
    settings = test_settings(server, **api)
    for table in settings["table"]:
        if table["id"] == "tyonv/12r5":
            table["contents"] = list(CONTENTS_12R5)
    return settings


def run_fetch(
    server: PxWebServer,
    raw: Path,
    tables: list[str] | None,
    settings: dict[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[int, list[str]]:
    lines: list[str] = []

    def record(line: str) -> None:
        lines.append(line)
        if progress is not None:
            progress(line)

    code = fetch.run(
        raw,
        tables,
        api_root=server.root,
        progress=record,
        settings=settings or test_settings(server),
    )
    return code, lines


def asked(server: PxWebServer, dim: str) -> list[str]:
    """Every code of ``dim`` the data queries asked for, in order."""
    return [c for r in server.data_requests() for c in (r.selection or {}).get(dim, [])]


# --- whole fetch -------------------------------------------------------------------------------


def test_every_table_lands_from_the_live_shaped_service(make_server, mirror, tmp_path):
    server = make_server()
    before = fetch.utc_now()
    code, lines = run_fetch(server, tmp_path, None)
    after = fetch.utc_now()

    assert code == 0, lines
    # 12tw is configured but the mirror has no numbers for it, so the server does not list it:
    # an optional table, reported and skipped.
    assert any(
        "tyonv/12tw: skipped, table 12tw is not in the table list of StatFin/tyonv" in line
        for line in lines
    )
    assert any("1001: skipped (fetch = false" in line for line in lines)
    fetched = ["12r5", "12ti", "12t8", "12ta", "13aj", "137i", "11n1"]
    # 12ti comes one answer per year (answers = "year"): 2006 in 12ti.json, then 2007–2023.
    years = [f"12ti_{y}" for y in range(2007, 2024)]
    assert sorted(p.name for p in (tmp_path / "statfin").iterdir()) == sorted(
        f"{n}.json" for n in fetched + years
    )
    for name in ["13aj", "137i", "11n1"]:
        assert load(tmp_path / "statfin" / f"{name}.json") == mirror_json(
            mirror, f"statfin/{name}.json"
        ), name
    whole = mirror_json(mirror, "statfin/12ti.json")
    parts = [load(tmp_path / "statfin" / f"{n}.json") for n in ["12ti", *years]]
    assert [p["size"][2] for p in parts] == [12] * 17 + [10]
    merged = merge_datasets(
        parts, {d: list(whole["dimension"][d]["category"]["index"]) for d in whole["id"]}
    )
    for key in ("id", "size", "value", "status"):
        assert merged[key] == whole[key], key
    # Every table was found in its folder's list and addressed by its id; no old name was sent.
    pxweb = [r for r in server.log if r.path.startswith("/PxWeb/")]
    assert all(r.status == 200 for r in pxweb)
    assert not [r.path for r in pxweb if "_pxt_" in r.path]
    assert {r.path.rsplit("/", 1)[-1] for r in server.data_requests()} == {
        f"{n}.px" for n in fetched
    }
    listings = [r.path for r in pxweb if r.path.endswith("/") and not r.query]
    assert sorted(set(listings)) == [
        f"/PxWeb/api/v1/fi/StatFin/{f}/" for f in ("atp", "tyonv", "tyti")
    ]

    r5 = json.loads((tmp_path / "statfin" / "12r5.json").read_text(encoding="utf-8"))
    # Provenance: when the fetch wrote it, and the API's own update time beside it.
    assert before <= r5["extension"]["retrieved_at"] <= after
    assert r5["updated"] == "2026-07-21T05:00:00Z"
    assert r5["id"] == ["Alue", "timeperiod_m", "contentscode"]
    assert r5["role"] == {"time": ["timeperiod_m"], "metric": ["contentscode"]}
    assert list(r5["dimension"]["contentscode"]["category"]["index"]) == [
        "TYOTTOMATLOPUSSA",
        "TYOVOIMATK",
        "TYOTTOMAT25",
        "TYOTTOMAT50",
        "PITKAAIKAISTYOTTOMAT",
        "AVPAIKATLOPUSSA",
        "UUDETAVP",
    ]
    assert cell(r5, Alue="SSS", timeperiod_m="2023M08", contentscode="TYOTTOMATLOPUSSA") == 249506
    assert cell(r5, Alue="SSS", timeperiod_m="2026M06", contentscode="TYOTTOMAT50") == 115552
    assert cell(r5, Alue="MK12", timeperiod_m="2026M06", contentscode="TYOTTOMAT50") == 3993
    assert cell(r5, Alue="KU211", timeperiod_m="2020M06", contentscode="TYOTTOMAT50") == 656

    # 12t8: only the five-year groups, chosen from the values offered (not its total, not the
    # broader 15-24 beside them), so that 55-59 + 60-64 + 65- is the build's 55-.
    t8 = load(tmp_path / "statfin" / "12t8.json")
    ages = list(t8["dimension"]["Ikä"]["category"]["index"])
    assert ages == [f"{lo}-{lo + 4}" for lo in range(15, 65, 5)] + ["65-"]
    old = mirror_json(mirror, "statfin/1205.json")
    where = {"Alue": "KU109", "Sukupuoli": "SSS", "timeperiod_m": "2019M06"}
    where["contentscode"] = "TYOTTOMATLOPUSSA"
    for age in ("55-59", "60-64", "65-"):
        assert cell(t8, **where, Ikä=age) == cell(old, **where, Ikäryhmät=age), age
    ta = load(tmp_path / "statfin" / "12ta.json")
    assert list(ta["dimension"]["Ikä"]["category"]["index"]) == ["15-24", "25-49", "50-", "SSS"]
    assert ta["size"] == [5, 3, 4, 174, 3]

    ti = load(tmp_path / "statfin" / "12ti.json")
    assert ti["size"] == [20, 433, 12, 2]  # its first year, 2006
    assert not (tmp_path / ".partial").exists()
    assert (tmp_path / "geo" / "maakunnat.geojson").is_file()
    assert (tmp_path / "classifications" / "municipality_key_2026.csv").is_file()
    assert lines[-1].startswith("fetch: done")


def test_the_server_refuses_the_old_names_like_the_live_service(make_server):
    server = make_server()
    assert requests.get(f"{server.root}/{OLD_ADDRESS_12R5}", timeout=5).status_code == 400
    query = {
        "query": [
            {"code": "Alue", "selection": {"filter": "item", "values": ["SSS"]}},
            {"code": "timeperiod_m", "selection": {"filter": "item", "values": ["2026M06"]}},
            {"code": "contentscode", "selection": {"filter": "item", "values": ["TYOTTOMAT50"]}},
        ],
        "response": {"format": "json-stat2"},
    }
    old = requests.post(f"{server.root}/{OLD_ADDRESS_12R5}", json=query, timeout=5)
    assert old.status_code == 400
    new = requests.post(f"{server.root}/{ADDRESS_12R5}", json=query, timeout=5)
    assert new.status_code == 200
    assert new.json()["value"] == [115552]
    # Variables by their code only: the text (Kuukausi) is refused.
    by_text = copy.deepcopy(query)
    by_text["query"][1]["code"] = "Kuukausi"
    assert (
        requests.post(f"{server.root}/{ADDRESS_12R5}", json=by_text, timeout=5).status_code == 400
    )
    # A contents code without its new prefix is refused.
    lfs = {
        "query": [
            {"code": "Ikäluokka", "selection": {"filter": "item", "values": ["55-64"]}},
            {"code": "timeperiod_y", "selection": {"filter": "item", "values": ["2023"]}},
            {"code": "contentscode", "selection": {"filter": "item", "values": ["Tyottomyysaste"]}},
        ],
        "response": {"format": "json-stat2"},
    }
    assert (
        requests.post(f"{server.root}/StatFin/tyti/13aj.px", json=lfs, timeout=5).status_code == 400
    )
    # The archive keeps its long names.
    archived = f"{server.root}/StatFin_Passiivi/tyonv/statfinpas_tyonv_pxt_1207.px"
    assert requests.get(archived, timeout=5).status_code == 200


def test_the_pre_june_2026_addresses_fail_against_the_live_service(make_server, tmp_path):
    # tables.toml as it was before the change named the long file: the service answers 400 and
    # the fetch fails for that table. The current tables.toml names no file for active tables.
    server = make_server()
    settings = test_settings(server)
    table = next(t for t in settings["table"] if t["id"] == "tyonv/12r5")
    table["path"] = "tyonv/statfin_tyonv_pxt_12r5.px"
    code, lines = run_fetch(server, tmp_path, ["12r5"], settings)

    assert code == 1
    failure = next(line for line in lines if "FAILED" in line)
    assert "tyonv/12r5" in failure and "HTTP 400" in failure
    assert not (tmp_path / "statfin" / "12r5.json").exists()
    assert not any(
        "path" in t for t in fetch.load_settings()["table"] if t["database"] == "StatFin"
    )


def test_queries_stay_under_the_cell_limit(make_server, mirror, tmp_path):
    server = make_server(max_cells=20_000)
    code, lines = run_fetch(server, tmp_path, ["12r5"], mirror_12r5(server))

    assert code == 0
    data = server.data_requests()
    # 414 areas x 3 contents = 1 242 cells a month: 16 months fit, so 214 months need 14 queries.
    assert len(data) == 14
    assert all(r.status == 200 and 0 < r.cells <= 20_000 for r in data)
    assert max(r.cells for r in data) > 15_000  # chunks are filled, not needlessly small
    months = mirror_json(mirror, "statfin/12r5.json")["dimension"]["timeperiod_m"]["category"]
    assert asked(server, "timeperiod_m") == list(months["index"])  # each month once, in order
    assert all(r.selection["contentscode"] == CONTENTS_12R5 for r in data)
    assert all(len(r.selection["Alue"]) == 414 for r in data)
    assert any("chunk 14/14" in line for line in lines)
    assert load(tmp_path / "statfin" / "12r5.json") == mirror_json(mirror, "statfin/12r5.json")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "statfin" / "12r5.json").stat().st_mode & 0o777 == 0o666 & ~umask


def test_server_refuses_a_query_over_the_cell_limit(make_server):
    # Keeps the test above honest: the server does enforce the limit.
    server = make_server(max_cells=20_000)
    meta = requests.get(f"{server.root}/{ADDRESS_12R5}", timeout=5).json()
    query = {
        "query": [
            {"code": v["code"], "selection": {"filter": "item", "values": v["values"]}}
            for v in meta["variables"]
        ],
        "response": {"format": "json-stat2"},
    }
    answer = requests.post(f"{server.root}/{ADDRESS_12R5}", json=query, timeout=5)
    assert answer.status_code == 403
    assert "Too many values" in answer.text


def test_rate_limit_read_from_config_is_respected(make_server, mirror, tmp_path):
    server = make_server(max_cells=20_000, max_calls=4, time_window=1.0)
    started = time.monotonic()
    code, lines = run_fetch(server, tmp_path, ["12r5"], mirror_12r5(server))
    elapsed = time.monotonic() - started

    assert code == 0
    # The client spaces its sends; the server counts arrivals, which a loaded machine can bunch
    # past the client's padding once. The limiter's arithmetic is tested on a fake clock below.
    refused = [r for r in server.log if r.status != 200]
    assert [r.status for r in refused] in ([], [429])
    assert len(server.log) == 17 + len(refused)  # config, table list, metadata, 14 queries
    times = [r.at for r in server.log if r.status == 200]
    assert all(sum(t <= u < t + 1.0 for u in times) <= 4 for t in times)
    assert elapsed > 3.0  # 16 calls at 4 per second: the client waited
    assert any("4 calls per 1 s (from the API config)" in line for line in lines)
    assert load(tmp_path / "statfin" / "12r5.json") == mirror_json(mirror, "statfin/12r5.json")


def test_without_config_defaults_are_used_and_429_is_retried(make_server, mirror, tmp_path):
    server = make_server(max_cells=20_000, max_calls=4, time_window=1.0, config_enabled=False)
    settings = mirror_12r5(server, default_max_cells=20_000, default_max_calls=30)
    code, lines = run_fetch(server, tmp_path, ["12r5"], settings)

    assert code == 0
    assert any("defaults: config did not answer" in line for line in lines)
    statuses = [r.status for r in server.log]
    assert 429 in statuses  # the defaults are above the server's limit
    # After each 429 the client waited for Retry-After (1 s) before the next call.
    for before, after in zip(server.log, server.log[1:], strict=False):
        if before.status == 429:
            assert after.at - before.at >= 0.95
    assert sum(r.status == 200 for r in server.data_requests()) == 14
    assert load(tmp_path / "statfin" / "12r5.json") == mirror_json(mirror, "statfin/12r5.json")


def test_transient_failures_are_retried(make_server, mirror, tmp_path):
    server = make_server()
    server.inject(429, 500, 503, "truncate", "short", "drop")  # all on the first query
    code, _ = run_fetch(server, tmp_path, ["12r5"], mirror_12r5(server, max_retries=6))

    assert code == 0
    data = server.data_requests()
    assert [r.status for r in data[:6]] == [429, 500, 503, 200, 200, None]
    assert len(data) == 6 + 3  # 3 queries of 96 months at 120 000 cells, plus 6 failed tries
    assert data[1].at - data[0].at >= 0.95  # the 429's Retry-After: 1 was honoured
    result = load(tmp_path / "statfin" / "12r5.json")
    assert result == mirror_json(mirror, "statfin/12r5.json")
    assert (
        cell(result, Alue="SSS", timeperiod_m="2023M08", contentscode="TYOTTOMATLOPUSSA") == 249506
    )


def test_persistent_failure_keeps_the_previous_file(make_server, mirror, tmp_path):
    server = make_server()
    full = mirror_json(mirror, "statfin/12r5.json")
    months = list(full["dimension"]["timeperiod_m"]["category"]["index"])
    previous = tmp_path / "statfin" / "12r5.json"
    previous.parent.mkdir(parents=True)
    previous.write_text(json.dumps(dataset_subset(full, {"timeperiod_m": months[:200]})))
    before = previous.read_bytes()
    server.inject(*[500] * 50)

    code, lines = run_fetch(server, tmp_path, ["12r5"], mirror_12r5(server))

    assert code == 1
    assert len(server.data_requests()) == 4  # one try and max_retries = 3 retries
    failure = next(line for line in lines if "FAILED" in line)
    assert "tyonv/12r5" in failure
    assert "HTTP 500" in failure
    assert f"{server.root}/{ADDRESS_12R5}" in failure
    assert previous.read_bytes() == before
    assert sorted(p.name for p in previous.parent.iterdir()) == ["12r5.json"]  # no temp files


def test_interrupted_fetch_resumes_with_the_chunks_it_has(make_server, mirror, tmp_path):
    server = make_server(max_cells=20_000)

    def interrupt(line: str) -> None:
        if "chunk 5/14" in line:
            raise KeyboardInterrupt

    settings = mirror_12r5(server)
    with pytest.raises(KeyboardInterrupt):
        run_fetch(server, tmp_path, ["12r5"], settings, progress=interrupt)
    assert not (tmp_path / "statfin" / "12r5.json").exists()
    assert len(list((tmp_path / ".partial" / "tyonv_12r5").glob("*.json"))) == 5
    first = asked(server, "timeperiod_m")

    server.clear_log()
    code, lines = run_fetch(server, tmp_path, ["12r5"], settings)

    assert code == 0
    assert len(server.data_requests()) == 9
    second = asked(server, "timeperiod_m")
    assert not set(first) & set(second)
    assert len(first) + len(second) == 214
    assert sum("already fetched" in line for line in lines) == 5
    assert not (tmp_path / ".partial").exists()
    assert load(tmp_path / "statfin" / "12r5.json") == mirror_json(mirror, "statfin/12r5.json")


def test_second_fetch_asks_only_for_new_months(make_server, mirror, tmp_path):
    server = make_server(max_cells=20_000)
    settings = mirror_12r5(server)
    full = mirror_json(mirror, "statfin/12r5.json")
    months = list(full["dimension"]["timeperiod_m"]["category"]["index"])
    server.set_dataset(ADDRESS_12R5, dataset_subset(full, {"timeperiod_m": months[:-4]}))
    code, _ = run_fetch(server, tmp_path, ["12r5"], settings)
    assert code == 0
    assert load(tmp_path / "statfin" / "12r5.json")["size"] == [414, 210, 3]

    server.add_mirror_table(ADDRESS_12R5, "statfin/12r5.json")
    server.clear_log()
    code, lines = run_fetch(server, tmp_path, ["12r5"], settings)

    assert code == 0
    assert asked(server, "timeperiod_m") == ["2023M07", "2023M08", "2023M09", "2023M10"]
    assert [r.cells for r in server.data_requests()] == [414 * 4 * 3]
    assert any("4 new periods (2023M07–2023M10)" in line for line in lines)
    assert load(tmp_path / "statfin" / "12r5.json") == full

    server.clear_log()
    code, lines = run_fetch(server, tmp_path, ["12r5"], settings)
    assert code == 0
    assert server.data_requests() == []
    assert any("up to date (214 periods)" in line for line in lines)


def test_changed_areas_mean_fetching_everything_again(make_server, mirror, tmp_path):
    server = make_server()
    settings = mirror_12r5(server)
    full = mirror_json(mirror, "statfin/12r5.json")
    areas = [a for a in full["dimension"]["Alue"]["category"]["index"] if a != "KU005"]
    server.set_dataset(ADDRESS_12R5, dataset_subset(full, {"Alue": areas}))
    assert run_fetch(server, tmp_path, ["12r5"], settings)[0] == 0

    server.add_mirror_table(ADDRESS_12R5, "statfin/12r5.json")
    server.clear_log()
    code, lines = run_fetch(server, tmp_path, ["12r5"], settings)

    assert code == 0
    assert len(asked(server, "timeperiod_m")) == 214
    assert any("the values of Alue changed; fetching everything again" in line for line in lines)
    assert load(tmp_path / "statfin" / "12r5.json") == full


def test_old_dimension_names_are_found_from_the_metadata(make_server, mirror, tmp_path):
    # Before June 2026 the API said Kuukausi and Tiedot; nothing in the fetch names them.
    server = make_server()
    full = mirror_json(mirror, "statfin/12r5.json")
    old = dataset_subset(full, {}, rename={"timeperiod_m": "Kuukausi", "contentscode": "Tiedot"})
    server.set_dataset(ADDRESS_12R5, old)
    settings = test_settings(server, default_max_cells=5_000)
    for table in settings["table"]:
        if table["id"] == "tyonv/12r5":
            table["contents"] = ["TYOTTOMATLOPUSSA"]
    code, _ = run_fetch(server, tmp_path, ["12r5"], settings)

    assert code == 0
    assert all(r.selection["Tiedot"] == ["TYOTTOMATLOPUSSA"] for r in server.data_requests())
    result = load(tmp_path / "statfin" / "12r5.json")
    assert result["id"] == ["Alue", "Kuukausi", "Tiedot"]
    assert result["role"]["time"] == ["Kuukausi"]
    assert cell(result, Alue="SSS", Kuukausi="2023M08", Tiedot="TYOTTOMATLOPUSSA") == 249506

    # The rename itself: the new names replace the old file as a whole.
    code, lines = run_fetch(server, tmp_path, ["12r5"], mirror_12r5(server))
    assert code == 0
    assert any("dimensions changed from ['Alue', 'Kuukausi', 'Tiedot']" in line for line in lines)
    assert load(tmp_path / "statfin" / "12r5.json") == full


def test_v2_api_config_metadata_and_data(make_server, mirror, tmp_path):
    server = make_server(version="v2", max_cells=30, max_calls=50, time_window=2.0)
    client = PxWebClient(server.root, defaults=Limits(100_000, 30, 60))
    assert client.configure() == Limits(30, 50, 2.0)
    assert client.version == "v2"
    url = client.locate("StatFin", "tyti", "13aj").url
    assert url == f"{server.root}/tables/13aj"
    meta = client.metadata(url)
    assert (meta.time_code, meta.contents_code) == ("timeperiod_y", "contentscode")
    assert [v.code for v in meta.variables] == ["Ikäluokka", "timeperiod_y", "contentscode"]

    code, lines = run_fetch(server, tmp_path, ["13aj"])

    assert code == 0
    assert any(line.startswith("PxWeb v2 at") for line in lines)
    data = server.data_requests()
    # 6 age groups a year, 30 cells a query: at most 5 years, so 17 years in 4 balanced queries.
    assert [r.cells for r in data] == [30, 24, 24, 24]
    assert all(r.path.endswith("/tables/13aj/data") for r in data)
    assert all(r.query == {"outputFormat": ["json-stat2"]} for r in data)
    result = load(tmp_path / "statfin" / "13aj.json")
    assert result == mirror_json(mirror, "statfin/13aj.json")
    assert cell(result, Ikäluokka="55-64", timeperiod_y="2023", contentscode="tyti-Tyottomyysaste")


def test_busy_config_is_waited_out_not_replaced_by_defaults(make_server):
    server = make_server(max_cells=20_000, max_calls=7, time_window=3.0)
    server.inject(429, 503, method="GET", retry_after="0")
    client = PxWebClient(server.root, defaults=Limits(100_000, 30, 60), http=Http(base_delay=0.01))
    assert client.configure() == Limits(20_000, 7, 3.0)
    assert client.config_read
    assert [r.status for r in server.log] == [429, 503, 200]


def test_v1_client_reads_config_and_metadata(make_server):
    server = make_server(max_cells=20_000, max_calls=7, time_window=3.0)
    client = PxWebClient(server.root, defaults=Limits(100_000, 30, 60))
    assert client.configure() == Limits(20_000, 7, 3.0)
    assert client.version == "v1"
    listed = client.locate("StatFin", "tyonv", "12r5")
    assert (listed.id, listed.updated) == ("12r5.px", "2026-07-21T05:00:00Z")
    assert listed.url == f"{server.root}/{ADDRESS_12R5}"
    meta = client.metadata(listed.url)
    assert (meta.time_code, meta.contents_code) == ("timeperiod_m", "contentscode")
    assert [(v.code, v.text) for v in meta.variables] == [
        ("Alue", "Alue"),
        ("timeperiod_m", "Kuukausi"),
        ("contentscode", "Tiedot"),
    ]
    assert [len(v.values) for v in meta.variables] == [422, 230, 23]
    assert meta.variables[0].value_texts[:2] == ("KOKO MAA", "Akaa")


# --- fetch --check --------------------------------------------------------------------------


def test_check_reads_only_lists_and_metadata_and_passes(make_server):
    server = make_server()
    lines: list[str] = []
    code = fetch.run_check(
        api_root=server.root, progress=lines.append, settings=test_settings(server)
    )

    assert code == 0, lines
    assert server.data_requests() == []
    assert (
        "tyonv/12r5: found as 12r5.px, updated 2026-07-21T05:00:00Z, 2006M01–2026M06 (230 periods)"
        in lines
    )
    assert (
        "  contents present: TYOTTOMATLOPUSSA, TYOVOIMATK, AVPAIKATLOPUSSA, UUDETAVP, "
        "TYOTTOMAT50, TYOTTOMAT25, PITKAAIKAISTYOTTOMAT"
    ) in lines
    assert "  dimensions: Alue (area), timeperiod_m (time), contentscode (contents)" in lines
    assert (
        "  chosen Ikä: five_year -> 15-19, 20-24, 25-29, 30-34, 35-39, 40-44, 45-49, 50-54, "
        "55-59, 60-64, 65-"
    ) in lines
    assert any(line.startswith("tyonv/12tw (optional): NOT FOUND: table 12tw") for line in lines)
    assert (
        "tyti/13aj: found as 13aj.px, updated 2023-11-21T06:00:00Z, 2009–2025 (17 periods)" in lines
    )
    assert lines[-1] == "check: all 8 tables offer what the build needs"


def test_check_exits_non_zero_naming_the_missing_code(make_server, mirror, tmp_path):
    server = make_server()
    live = pxweb_server.live_12r5(str(mirror))
    codes = [
        c for c in live["dimension"]["contentscode"]["category"]["index"] if c != "TYOTTOMAT50"
    ]
    server.set_dataset(ADDRESS_12R5, dataset_subset(live, {"contentscode": codes}))
    result = subprocess.run(
        [sys.executable, "-m", "kohtaanto", "fetch", "--check", "--api", server.root],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )

    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout.splitlines()
    assert "  contents MISSING: TYOTTOMAT50" in out
    assert "check: 1 of 8 tables lack what the build needs:" in out
    assert out[-1].startswith("  tyonv/12r5: contents code TYOTTOMAT50 not in the table (it has ")
    assert server.data_requests() == []


# --- bad input: a message naming the table and the problem, the previous files kept ---------


def _previous(tmp_path: Path, name: str) -> tuple[Path, bytes]:
    path = tmp_path / "statfin" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"previous": true}', encoding="utf-8")
    return path, path.read_bytes()


def _failure(lines: list[str], table: str) -> str:
    return next(line for line in lines if line.startswith(f"{table}: FAILED: "))


def test_an_answer_whose_dimensions_disagree_with_the_metadata_is_refused(make_server, tmp_path):
    server = make_server()

    def rename_area(address: str, answer: dict[str, Any]) -> dict[str, Any]:
        answer["id"] = ["Kunta" if d == "Alue" else d for d in answer["id"]]
        answer["dimension"]["Kunta"] = answer["dimension"].pop("Alue")
        return answer

    server.tamper = rename_area
    path, before = _previous(tmp_path, "12t8")
    code, lines = run_fetch(server, tmp_path, ["12t8"])

    assert code == 1
    failure = _failure(lines, "tyonv/12t8")
    assert "unexpected answer: dimensions ['Kunta', 'Sukupuoli', 'Ikä', 'timeperiod_m'" in failure
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["12t8.json"]


def test_an_answer_naming_another_time_dimension_is_refused(make_server, tmp_path):
    server = make_server()

    def swap_roles(address: str, answer: dict[str, Any]) -> dict[str, Any]:
        answer["role"] = {"time": ["Alue"], "metric": ["contentscode"]}
        return answer

    server.tamper = swap_roles
    path, before = _previous(tmp_path, "12ta")
    code, lines = run_fetch(server, tmp_path, ["12ta"])

    assert code == 1
    assert "role.time is ['Alue'], the metadata's is 'timeperiod_m'" in _failure(
        lines, "tyonv/12ta"
    )
    assert path.read_bytes() == before


def test_an_unknown_contents_code_stops_the_table_before_any_query(make_server, tmp_path):
    server = make_server()
    settings = test_settings(server)
    table = next(t for t in settings["table"] if t["id"] == "tyti/13aj")
    table["measures"] = {"Tyottomyysaste": "unemployment_rate_lfs"}  # without the new prefix
    path, before = _previous(tmp_path, "13aj")
    code, lines = run_fetch(server, tmp_path, ["13aj"], settings)

    assert code == 1
    assert _failure(lines, "tyti/13aj") == (
        "tyti/13aj: FAILED: contents code Tyottomyysaste not in the table "
        "(it has tyti-Tyottomyysaste) (previous file left as it was)"
    )
    assert server.data_requests() == []
    assert path.read_bytes() == before


def test_a_table_missing_from_its_folders_list_fails_by_name(make_server, tmp_path):
    server = make_server()
    server.remove_table("StatFin/tyonv/12t8.px")
    path, before = _previous(tmp_path, "12t8")
    code, lines = run_fetch(server, tmp_path, ["12t8", "12ta"])

    assert code == 1
    assert _failure(lines, "tyonv/12t8").startswith(
        "tyonv/12t8: FAILED: HTTP 200 from "
        f"{server.root}/StatFin/tyonv/: table 12t8 is not in the table list of StatFin/tyonv "
        "(3 tables there)"
    )
    assert path.read_bytes() == before
    assert (tmp_path / "statfin" / "12ta.json").is_file()  # the other table still landed
    assert not [r for r in server.log if "12t8" in r.path]  # no guessed address was tried


def test_a_table_renamed_again_is_named_with_its_look_alikes(make_server, tmp_path):
    server = make_server()
    server.tables["StatFin/tyonv/12t8_2027.px"] = server.tables.pop("StatFin/tyonv/12t8.px")
    path, before = _previous(tmp_path, "12t8")
    code, lines = run_fetch(server, tmp_path, ["12t8"])

    assert code == 1
    failure = _failure(lines, "tyonv/12t8")
    assert "table 12t8 is not in the table list of StatFin/tyonv" in failure
    assert "entries that look like it: 12t8_2027.px" in failure
    assert path.read_bytes() == before


def test_five_year_groups_are_chosen_by_their_codes_or_labels():
    variable = Variable(
        code="Ikäryhmä",
        text="Ikä",
        values=("SSS", "A1519", "A5559", "A6064", "A65", "A1524", "A5564"),
        value_texts=(
            "Yhteensä",
            "15 - 19 v.",
            "55–59-vuotiaat",
            "60 - 64",
            "65 vuotta täyttäneet",
            "15 - 24",
            "55 - 64",
        ),
    )
    assert fetch.choose_values(variable, "five_year") == ["A1519", "A5559", "A6064", "A65"]
    assert fetch.choose_values(variable, "total") == ["SSS"]
    pairs = zip(variable.values, variable.value_texts, strict=True)
    groups = [fetch.age_group_of(code, label) for code, label in pairs]
    assert groups == [None, "15-19", "55-59", "60-64", "65-", "15-24", "55-64"]
    assert fetch.age_group_of("65+") == "65-"
    assert fetch.looks_like_age(variable)
    with pytest.raises(ValueError, match="no five-year age groups"):
        fetch.choose_values(
            Variable("Ikä", "Ikä", ("15-24", "25-49", "50-"), ("15-24", "25-49", "50-")),
            "five_year",
        )


# --- boundaries and classification keys --------------------------------------------------------


def _features(collection: dict[str, Any], keys: list[str]) -> list[tuple]:
    return sorted(
        (tuple(f["properties"][k] for k in keys), json.dumps(f["geometry"]))
        for f in collection["features"]
    )


def _normalise(code: str) -> str:
    text = code.strip()
    return str(int(float(text))) if text.replace(".", "").isdigit() else text


def _key_rows(path: Path, columns: list[str]) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return {
            _normalise(r["kunta"]): {
                c: _normalise(r[c]) if c.endswith("_code") or c == "kunta" else r[c]
                for c in columns
            }
            for r in csv.DictReader(f)
        }


@pytest.mark.parametrize("lat_lon", [False, True], ids=["lon-lat", "lat-lon answer"])
def test_boundaries_and_keys_match_the_mirror(make_server, mirror, tmp_path, lat_lon):
    server = make_server()
    if lat_lon:  # a WFS 2.0 answer in latitude-longitude order is turned round
        server.add_mirror_layers(
            *[layer["layer"] for layer in fetch.load_settings()["geo"]], lat_lon=True
        )
    # The occupation key takes its codes from the fetched 12ti: one area and month is enough.
    ti = mirror_json(mirror, "statfin/12ti.json")
    small = dataset_subset(ti, {"Alue": ["SSS"], "timeperiod_m": ["2023M10"]})
    (tmp_path / "statfin").mkdir()
    (tmp_path / "statfin" / "12ti.json").write_text(json.dumps(small))
    code, lines = run_fetch(server, tmp_path, ["geo", "classifications"])

    assert code == 0
    maakunnat = load(tmp_path / "geo" / "maakunnat.geojson")
    keys = ["code", "name_fi", "name_sv"]
    assert _features(maakunnat, keys) == _features(
        mirror_json(mirror, "geo/maakunnat.geojson"), keys
    )
    assert maakunnat["features"][0]["properties"] == {
        "code": "MK01",
        "name_fi": "Uusimaa",
        "name_sv": "Nyland",
    }
    kunnat = load(tmp_path / "geo" / "kunnat.geojson")
    keys = ["NATCODE", "NAMEFIN", "NAMESWE"]
    assert len(kunnat["features"]) == 309
    assert _features(kunnat, keys) == _features(mirror_json(mirror, "geo/kunnat.geojson"), keys)
    assert server.data_requests() == []

    for year, levels in {
        2024: ["maakunta", "seutukunta", "suuralue", "ely", "hyvinvointialue"],
        2025: ["maakunta", "seutukunta", "suuralue", "ely", "tyollisyysalue", "hyvinvointialue"],
        2026: ["maakunta", "seutukunta", "suuralue", "tyollisyysalue", "evk", "hyvinvointialue"],
    }.items():
        columns = ["kunta"] + [f"municipality_name_{lang}" for lang in ("fi", "sv", "en")]
        for level in levels:
            columns += [f"{level}_code"] + [f"{level}_name_{lang}" for lang in ("fi", "sv", "en")]
        name = f"classifications/municipality_key_{year}.csv"
        got = _key_rows(tmp_path / name, columns)
        assert got == _key_rows(mirror / name, columns), year
        with (tmp_path / name).open(encoding="utf-8") as f:
            assert next(csv.reader(f)) == [*columns, "year"]
    key = _key_rows(tmp_path / "classifications/municipality_key_2026.csv", ["maakunta_code"])
    assert key["20"] == {"maakunta_code": "6"}  # Akaa is in Pirkanmaa, codes without zeros
    assert any("no ely_1_20260101 for 2026 (HTTP 404)" in line for line in lines)

    name = "classifications/occupations_aml2010.csv"
    columns = fetch.OCCUPATION_COLUMNS
    with (tmp_path / name).open(encoding="utf-8", newline="") as f:
        got = {r["code"]: r for r in csv.DictReader(f)}
    with (mirror / name).open(encoding="utf-8", newline="") as f:
        expected = {r["code"]: {c: r[c] for c in columns} for r in csv.DictReader(f)}
    assert len(got) == 433
    # The Finnish label is the fetched table's own (the mirror's file abbreviates some).
    labels = ti["dimension"]["Ammattiryhmä"]["category"]["label"]
    assert {c: r.pop("label_fi_statfin_table") for c, r in got.items()} == labels
    assert got == {
        c: {k: v for k, v in r.items() if k != "label_fi_statfin_table"}
        for c, r in expected.items()
    }
    assert got["2221"]["label_en_isco08"] == "Nursing professionals"
    assert got["X011"]["kind"] == "tem_extra"


def test_boundary_and_key_failures_keep_existing_files(make_server, mirror, tmp_path):
    server = make_server()
    geo = tmp_path / "geo" / "maakunnat.geojson"
    key = tmp_path / "classifications" / "municipality_key_2026.csv"
    for path, text in ((geo, '{"old": true}'), (key, "kunta\n1\n")):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    settings = test_settings(server)
    settings["geo"][0]["layer"] = "tilastointialueet:no_such_layer"
    settings["classifications"]["levels"][0]["classification"] = "maakuntaX_1_{date}"

    code, lines = run_fetch(server, tmp_path, ["geo", "classifications"], settings)

    assert code == 1
    assert geo.read_text() == '{"old": true}'
    assert key.read_text() == "kunta\n1\n"
    assert any("geo/maakunnat.geojson: FAILED: HTTP 400" in line for line in lines)
    assert any(
        "municipality_key_2026.csv: FAILED: HTTP 404" in line and "maakuntaX" in line
        for line in lines
    )
    assert (tmp_path / "geo" / "kunnat.geojson").is_file()  # the other layer still landed


# --- command-line behaviour --------------------------------------------------------------------


def test_unknown_table_name_is_refused(make_server, tmp_path):
    server = make_server()
    code, lines = run_fetch(server, tmp_path, ["12r5,nosuch"])
    assert code == 2
    assert "unknown table(s) nosuch" in lines[0]
    assert server.log == []


def test_tables_that_cannot_be_fetched_are_skipped(make_server, tmp_path):
    server = make_server()
    code, lines = run_fetch(server, tmp_path, ["1001", "tyonv/1207"])
    assert code == 0
    assert sum("skipped (fetch = false" in line for line in lines) == 2
    assert server.log == []


def test_api_reachable(make_server):
    server = make_server()
    assert fetch.api_reachable(server.root, timeout=2.0)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert not fetch.api_reachable(f"http://127.0.0.1:{port}/PxWeb/api/v1/fi", timeout=0.5)


# --- pieces ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "max_cells", "expected_chunks"),
    [
        ({"area": 414, "time": 214, "contents": 3}, 20_000, 14),
        ({"area": 414, "time": 214, "contents": 3}, 1_000_000, 1),
        # a single month is too big: months one by one, each split along the largest dimension
        ({"area": 20, "occupation": 433, "time": 3, "contents": 2}, 5_000, 3 * 4),
        ({"area": 5, "time": 1, "contents": 1}, 1, 5),
    ],
)
def test_split_selection_covers_every_cell_once_under_the_limit(sizes, max_cells, expected_chunks):
    selection = {d: [f"{d}{i}" for i in range(n)] for d, n in sizes.items()}
    chunks = split_selection(selection, max_cells, "time")
    assert len(chunks) == expected_chunks
    assert all(cell_count(c) <= max_cells for c in chunks)
    assert all(list(c) == list(selection) for c in chunks)
    cells = [cell for c in chunks for cell in itertools.product(*c.values())]
    assert len(cells) == len(set(cells)) == cell_count(selection)  # every cell exactly once


def test_split_selection_splits_time_first():
    selection = {"area": ["a", "b"], "time": [str(t) for t in range(10)], "contents": ["x"]}
    chunks = split_selection(selection, 6, "time")
    assert [c["time"] for c in chunks] == [["0", "1", "2"], ["3", "4", "5"], ["6", "7"], ["8", "9"]]
    assert all(c["area"] == ["a", "b"] for c in chunks)
    assert split_selection({**selection, "time": []}, 6, "time") == []


def _dataset(codes: dict[str, list[str]], values: Any, status: Any = None) -> dict[str, Any]:
    ds = {
        "version": "2.0",
        "class": "dataset",
        "label": "t",
        "id": list(codes),
        "size": [len(c) for c in codes.values()],
        "dimension": {
            d: {"label": d, "category": {"index": {c: i for i, c in enumerate(cs)}}}
            for d, cs in codes.items()
        },
        "value": values,
    }
    if status is not None:
        ds["status"] = status
    return ds


def test_merge_datasets_places_every_cell():
    left = _dataset({"a": ["x", "y"], "t": ["1"]}, [1, None], {"1": ".."})
    right = _dataset({"a": ["y", "x"], "t": ["2", "3"]}, {"0": 20, "1": 21, "2": 30}, "e")
    # a part with the dimensions in the other order
    flipped = _dataset({"t": ["4"], "a": ["x", "y"]}, [40, 41], [None, "p"])
    merged = merge_datasets([left, right, flipped], {"a": ["x", "y"], "t": ["1", "2", "3", "4"]})
    assert merged["id"] == ["a", "t"]
    assert merged["size"] == [2, 4]
    assert merged["dimension"]["t"]["category"]["index"] == {"1": 0, "2": 1, "3": 2, "4": 3}
    assert merged["dimension"]["a"]["category"]["label"] == {"x": "x", "y": "y"}
    # rows: x over t 1..4, then y; right's y/x rows are swapped back, its missing cell is None
    assert merged["value"] == [1, 30, None, 40, None, 20, 21, 41]
    assert merged["status"] == {"1": "e", "2": "e", "4": "..", "5": "e", "6": "e", "7": "p"}


def test_merge_datasets_refuses_gaps():
    left = _dataset({"a": ["x"], "t": ["1"]}, [1])
    right = _dataset({"a": ["y"], "t": ["2"]}, [2])
    with pytest.raises(ValueError, match="2 cells are not covered"):
        merge_datasets([left, right])


def test_rate_limiter_sliding_window():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 6))
        now[0] += seconds

    limiter = RateLimiter(2, 10.0, clock=lambda: now[0], sleep=sleep)
    for at in (0.0, 1.0, 2.0, 2.5):
        now[0] = max(now[0], at)
        limiter.wait()
    # window 10 s padded by 1 s: the third call waits until 11.0, the fourth until 12.0
    assert slept == [9.0, 1.0]


def test_http_gives_up_with_the_status_and_url(make_server):
    server = make_server()
    server.inject(503, 503, 503, method="GET")
    waits: list[float] = []
    http = Http(max_retries=2, base_delay=0.5, sleep=waits.append)
    with pytest.raises(Exception, match=r"HTTP 503 from .*/\?config: .*gave up after 3 tries"):
        http.json("GET", f"{server.root}/?config")
    assert waits == [0.5, 1.0]


def test_fetched_12t8_builds_to_55_plus_beside_its_archived_predecessor(
    make_server, mirror, tmp_path
):
    # 12t8 as fetched, with the archived 1205 that it succeeds: the build sums 55-59, 60-64 and
    # 65- to 55- (aggregated), and 1205, whose every cell 12t8 also has, is no source.
    from kohtaanto.pipeline.build import build

    server = make_server()
    assert run_fetch(server, tmp_path, ["12t8"])[0] == 0
    shutil.copytree(mirror / "classifications", tmp_path / "classifications")
    shutil.copy(mirror / "statfin" / "1205.json", tmp_path / "statfin" / "1205.json")
    db = tmp_path / "t8.duckdb"
    build(tmp_path, db, progress=lambda _: None)

    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select age_group, value, status, source_table from observations "
            "where area_code = 'KU109' and sex = 'SSS' and measure = 'unemployed' "
            "and period = '2019-06-01' and age_group in ('55-59', '60-64', '65-', '55-') "
            "order by age_group"
        ).fetchall()
        sources = con.execute("select source_table from sources order by 1").fetchall()
    assert rows == [
        ("55-", 742.0, "aggregated", "tyonv/12t8"),
        ("55-59", 373.0, "observed", "tyonv/12t8"),
        ("60-64", 363.0, "observed", "tyonv/12t8"),
        ("65-", 6.0, "observed", "tyonv/12t8"),
    ]
    assert sources == [("tyonv/12t8",)]


# --- 12ti by municipality: one answer per year ---------------------------------------------------


def test_12ti_by_municipality_lands_one_answer_per_year_under_the_cell_limit(
    make_server, mirror, tmp_path
):
    """The live 12ti (309 areas × 433 occupations × 2 contents: 267 834 cells a month) in
    queries under the service's 120 000 cells, one answer per year; a new month is asked for
    alone and rewrites only its year's answer."""
    server = make_server(max_cells=120_000)
    address = "StatFin/tyonv/12ti.px"
    first = ["2022M11", "2022M12", "2023M01"]
    served = pxweb_server.live_12ti_by_municipality(str(mirror), first)
    server.set_dataset(address, served)
    code, lines = run_fetch(server, tmp_path, ["12ti"])
    assert code == 0, lines
    requests = server.data_requests()
    assert len(requests) == 9  # 3 months, each 3 slices of occupations
    assert max(r.cells for r in requests) <= 120_000
    assert sorted(p.name for p in (tmp_path / "statfin").iterdir()) == [
        "12ti.json",
        "12ti_2023.json",
    ]
    y2022 = load(tmp_path / "statfin" / "12ti.json")
    y2023 = load(tmp_path / "statfin" / "12ti_2023.json")
    assert y2022["size"] == [309, 433, 2, 2]
    assert y2023["size"] == [309, 433, 1, 2]
    assert list(y2022["dimension"]["Alue"]["category"]["index"])[:2] == ["SSS", "KU020"]
    where = {"Ammattiryhmä": "SSS", "contentscode": "TYOTTOMATLOPUSSA"}
    for answer, month in ((y2022, "2022M12"), (y2023, "2023M01")):
        for area in ("SSS", "KU020", "KU837"):
            expected = cell(served, Alue=area, timeperiod_m=month, **where)
            assert cell(answer, Alue=area, timeperiod_m=month, **where) == expected
    assert cell(y2023, Alue="SSS", timeperiod_m="2023M01", **where) == cell(
        mirror_json(mirror, "statfin/12ti.json"), Alue="SSS", timeperiod_m="2023M01", **where
    )
    before = (tmp_path / "statfin" / "12ti.json").read_bytes()

    server.set_dataset(
        address, pxweb_server.live_12ti_by_municipality(str(mirror), [*first, "2023M02"])
    )
    server.clear_log()
    code, lines = run_fetch(server, tmp_path, ["12ti"])
    assert code == 0, lines
    assert "tyonv/12ti: 1 new periods (2023M02–2023M02)" in lines
    assert asked(server, "timeperiod_m") == ["2023M02"] * 3
    assert (tmp_path / "statfin" / "12ti.json").read_bytes() == before
    y2023 = load(tmp_path / "statfin" / "12ti_2023.json")
    assert list(y2023["dimension"]["timeperiod_m"]["category"]["index"]) == ["2023M01", "2023M02"]
    assert not (tmp_path / ".partial").exists()

    code, lines = run_fetch(server, tmp_path, ["12ti"])
    assert code == 0, lines
    assert "tyonv/12ti: up to date (4 periods), nothing to fetch" in lines


def test_12ti_by_year_whose_areas_changed_is_fetched_again_without_stale_years(
    make_server, mirror, tmp_path
):
    server = make_server(max_cells=120_000)
    address = "StatFin/tyonv/12ti.px"
    served = pxweb_server.live_12ti_by_municipality(str(mirror), ["2022M12", "2023M01"])
    server.set_dataset(address, served)
    code, lines = run_fetch(server, tmp_path, ["12ti"])
    assert code == 0, lines
    # The service now offers 2023M01 only, and without one municipality.
    areas = list(served["dimension"]["Alue"]["category"]["index"])
    server.set_dataset(
        address,
        dataset_subset(served, {"Alue": areas[:-1], "timeperiod_m": ["2023M01"]}),
    )
    code, lines = run_fetch(server, tmp_path, ["12ti"])
    assert code == 0, lines
    assert "tyonv/12ti: the values of Alue changed; fetching everything again" in lines
    assert sorted(p.name for p in (tmp_path / "statfin").iterdir()) == ["12ti.json"]
    answer = load(tmp_path / "statfin" / "12ti.json")
    assert answer["size"] == [308, 433, 1, 2]
