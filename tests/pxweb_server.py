"""A PxWeb-like server for the fetch tests, serving the raw mirror's JSON-stat files.

Runs ``http.server`` in a thread on 127.0.0.1 (port 0). It answers like StatFin's PxWeb API v1 (or
v2) as far as the fetch uses it, and as Statistics Finland documents it since 8 June 2026
("Instructions for updating interface queries for PxWeb databases"):

- v1: ``GET {root}/?config``; ``GET {root}/{database}/{folder}/`` the folder's list (tables as
  ``{"id": "12r5.px", "type": "t", "text", "updated"}``, sub-folders as type ``l``);
  ``GET {root}/{database}/{folder}/{file}`` metadata (variables by ``code`` with their ``text``,
  time flag); ``POST`` the same address with a query, answered as JSON-stat 2.0 sliced from the
  dataset (``role.time`` / ``role.metric``).
- active databases (StatFin) serve a table only under its id (``12r5.px``): any other file name,
  the old ``statfin_tyonv_pxt_12r5.px`` included, is answered 400. The archive StatFin_Passiivi
  keeps its long names (an unknown one is 404). A query must name variables by their code (the
  text, ``Kuukausi``, is refused with 400) and values by their exact codes (a contents code
  without its new prefix, ``Tyottomyysaste`` for ``tyti-Tyottomyysaste``, is refused with 400).
- ``add_live_tables`` serves what the fetch configures, in the live shape: 12r5 as the union of
  the mirror's three answers (all 23 contents, 2026M06, Kangasala), 12t8 and 12ta modelled on
  their archived predecessors 1205 and 1207 (their numbers, the live naming), 12ti, 13aj, 137i,
  11n1, and the archived 1001, 1205, 1207 under their long names. The mirror's 12ti has regions
  only; ``live_12ti_by_municipality`` makes the live shape (country and municipalities, for chosen
  months, numbers split evenly from the regions: synthetic) for ``set_dataset``.
- v2: ``GET {root}/config``; ``GET {root}/tables/{id}/metadata``; ``POST {root}/tables/{id}/data``.
- a query over the cell limit gets 403 (v1) / 400 (v2); more calls than the rate limit allows in
  the time window get 429 with Retry-After.
- ``inject`` queues failures for the next matching requests: an HTTP status, ``"truncate"`` (valid
  HTTP, JSON cut in half), ``"short"`` (body shorter than its Content-Length) or ``"drop"``
  (connection closed without an answer).
- a WFS (``/geoserver/wfs``) with the mirror's boundaries under the live service's property names,
  and the classification service's correspondence tables built from the mirror's municipality keys.
- ``log`` records every request (method, path, query body, status, time) for assertions.
"""

from __future__ import annotations

import copy
import csv
import functools
import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import numpy as np

SHARED_RAW = Path(__file__).resolve().parents[2] / "shared" / "raw"
V1_ROOT = "/PxWeb/api/v1/fi"
V2_ROOT = "/PxWeb/api/v2"
WFS_PATH = "/geoserver/wfs"
CLASSIFICATIONS_ROOT = "/classifications/v2"
# The classification service's code widths (the mirror's key stores codes as plain numbers).
CODE_WIDTH = {
    "kunta": 3,
    "maakunta": 2,
    "seutukunta": 3,
    "suuralue": 1,
    "ely": 2,
    "tyollisyysalue": 2,
    "elinvoimakeskus": 2,
    "hyvinvointialue": 2,
}
KEY_COLUMN = {"elinvoimakeskus": "evk"}
OCCUPATIONS = "ammatti_1_20100101"  # the AML2010 classification's id in the service  # classification name -> column prefix in the mirror key


class Table:
    """A served dataset with its values and status as arrays shaped like the dataset."""

    def __init__(self, dataset: dict[str, Any]) -> None:
        self.dataset = dataset
        self.ids: list[str] = list(dataset["id"])
        self.codes = {d: _codes(dataset["dimension"][d]) for d in self.ids}
        shape = tuple(dataset["size"])
        self.values = np.array(dataset["value"], dtype=object).reshape(shape)
        status = np.full(math.prod(shape), None, dtype=object)
        for position, value in (dataset.get("status") or {}).items():
            status[int(position)] = value
        self.status = status.reshape(shape)
        role = dataset.get("role") or {}
        self.time = set(role.get("time") or [])
        self.updated = dataset.get("updated")

    def metadata_v1(self) -> dict[str, Any]:
        variables = []
        for d in self.ids:
            labels = self.dataset["dimension"][d]["category"].get("label") or {}
            variable: dict[str, Any] = {
                "code": d,
                "text": self.dataset["dimension"][d].get("label", d),
                "values": self.codes[d],
                "valueTexts": [labels.get(c, c) for c in self.codes[d]],
            }
            if d in self.time:
                variable["time"] = True
            variables.append(variable)
        return {"title": self.dataset.get("label", ""), "variables": variables}

    def metadata_v2(self) -> dict[str, Any]:
        meta = {k: v for k, v in self.dataset.items() if k not in ("value", "status")}
        meta["extension"] = {"px": {"tableid": "served"}}
        return meta

    def slice(self, selection: dict[str, list[str]]) -> dict[str, Any]:
        """The dataset restricted to the selection, categories in the table's order (as PxWeb)."""
        keep = {d: [c for c in self.codes[d] if c in set(selection[d])] for d in self.ids}
        where = np.ix_(*[[self.codes[d].index(c) for c in keep[d]] for d in self.ids])
        values = self.values[where].reshape(-1)
        status = self.status[where].reshape(-1)
        out: dict[str, Any] = {}
        for key, value in self.dataset.items():
            out[key] = value
        out["size"] = [len(keep[d]) for d in self.ids]
        dimension = {}
        for d in self.ids:
            dim = self.dataset["dimension"][d]
            category = {"index": {c: i for i, c in enumerate(keep[d])}}
            for key, value in dim["category"].items():
                if key != "index" and isinstance(value, dict):
                    category[key] = {c: value[c] for c in keep[d] if c in value}
            dimension[d] = {
                **{k: v for k, v in dim.items() if k != "category"},
                "category": category,
            }
        out["dimension"] = dimension
        out["value"] = values.tolist()
        out["status"] = {str(i): s for i, s in enumerate(status.tolist()) if s is not None}
        return out


def _codes(dimension: dict[str, Any]) -> list[str]:
    index = dimension["category"]["index"]
    return sorted(index, key=index.__getitem__) if isinstance(index, dict) else list(index)


@functools.cache
def _mirror_table(path: str) -> Table:
    """Parse each mirror file once per test session (12ti is 23 MB); never mutated."""
    return Table(json.loads(Path(path).read_text(encoding="utf-8")))


def dataset_subset(
    dataset: dict[str, Any], keep: dict[str, list[str]], rename: dict[str, str] | None = None
) -> dict[str, Any]:
    """A copy of ``dataset`` restricted to ``keep`` (dimension -> codes), dimensions renamed."""
    table = Table(dataset)
    selection = {d: keep.get(d, table.codes[d]) for d in table.ids}
    out = table.slice(selection)
    if rename:
        out["id"] = [rename.get(d, d) for d in out["id"]]
        out["dimension"] = {rename.get(d, d): v for d, v in out["dimension"].items()}
        out["role"] = {r: [rename.get(d, d) for d in ds] for r, ds in out.get("role", {}).items()}
    return out


@dataclass
class Request:
    """One request as the server saw it."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    status: int | None
    at: float
    selection: dict[str, list[str]] | None = None

    @property
    def is_data(self) -> bool:
        return self.method == "POST"

    @property
    def cells(self) -> int:
        return math.prod(len(v) for v in (self.selection or {}).values())


@dataclass
class Failure:
    """A queued failure for the next request that ``matches``."""

    kind: int | str
    matches: Callable[[str, str], bool]
    retry_after: str | None = None


@dataclass
class PxWebServer:
    """The server; use as a context manager or call ``start`` and ``stop``."""

    raw: Path = SHARED_RAW
    version: str = "v1"
    max_cells: int = 120_000
    max_calls: int = 1000
    time_window: float = 10.0
    config_enabled: bool = True
    log: list[Request] = field(default_factory=list)
    tables: dict[str, Callable[[], Table]] = field(default_factory=dict)
    wfs_layers: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Changes a data answer before it is sent (address, answer) -> answer: a misbehaving service.
    tamper: Callable[[str, dict[str, Any]], dict[str, Any]] | None = None

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._arrivals: deque[float] = deque()
        self._failures: deque[Failure] = deque()
        self._httpd: ThreadingHTTPServer | None = None

    # --- set-up -----------------------------------------------------------------------------

    @property
    def root(self) -> str:
        """The API root the client is given."""
        return f"{self.base}{V2_ROOT if self.version == 'v2' else V1_ROOT}"

    @property
    def base(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def add_mirror_table(self, address: str, file: str) -> None:
        """Serve the mirror's ``statfin/<file>`` at ``database/path`` (v1) or its stem (v2)."""
        path = self.raw / file
        self.tables[address] = lambda: _mirror_table(str(path))

    def add_live_tables(self) -> None:
        """Serve every fetched table where the live service has it, in its live shape."""
        raw = str(self.raw)
        for address, file in LIVE_MIRROR.items():
            self.add_mirror_table(address, file)
        for address, make in LIVE_BUILT.items():
            self.tables[address] = functools.partial(_built_table, make, raw)

    def remove_table(self, address: str) -> None:
        """Stop serving a table (it leaves its folder's list too)."""
        self.tables.pop(address, None)

    def set_dataset(self, address: str, dataset: dict[str, Any]) -> None:
        """Serve ``dataset`` at ``address`` (replaces what was there)."""
        table = Table(dataset)
        self.tables[address] = lambda: table

    def inject(
        self,
        *kinds: int | str,
        method: str | None = "POST",
        retry_after: str | None = "1",
    ) -> None:
        """Queue failures for the next requests (by default the data queries) in order."""

        def matches(m: str, _path: str) -> bool:
            return method is None or m == method

        with self._lock:
            self._failures.extend(Failure(k, matches, retry_after) for k in kinds)

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    def data_requests(self) -> list[Request]:
        return [r for r in self.log if r.is_data]

    def start(self) -> PxWebServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server._handle(self, "GET")

            def do_POST(self) -> None:
                server._handle(self, "POST")

            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                return None

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def __enter__(self) -> PxWebServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- request handling -------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(handler.path)
        path, query = unquote(parts.path), parse_qs(parts.query, keep_blank_values=True)
        length = int(handler.headers.get("Content-Length") or 0)
        raw_body = handler.rfile.read(length) if length else b""
        try:
            body = json.loads(raw_body) if raw_body else None
        except ValueError:
            body = raw_body.decode("utf-8", "replace")
        record = Request(method, path, query, body, None, time.monotonic())
        with self._lock:
            self.log.append(record)
            failure = self._take_failure(method, path)
            limited = self._over_rate_limit(path, record.at)
        if failure is not None:
            self._fail(handler, record, failure)
            return
        if limited:
            self._send(handler, record, 429, {"error": "Too many requests"}, {"Retry-After": "1"})
            return
        try:
            status, answer = self._route(method, path, query, body, record)
        except Exception as exc:  # a bug in the test server should show, not hang the client
            status, answer = 500, {"error": repr(exc)}
        self._send(handler, record, status, answer)

    def _take_failure(self, method: str, path: str) -> Failure | None:
        for i, failure in enumerate(self._failures):
            if failure.matches(method, path):
                del self._failures[i]
                return failure
        return None

    def _over_rate_limit(self, path: str, now: float) -> bool:
        if not path.startswith(V1_ROOT) and not path.startswith(V2_ROOT):
            return False  # the limit is the PxWeb API's, not the geo or classification services'
        while self._arrivals and now - self._arrivals[0] >= self.time_window:
            self._arrivals.popleft()
        if len(self._arrivals) >= self.max_calls:
            return True
        self._arrivals.append(now)
        return False

    def _fail(self, handler: BaseHTTPRequestHandler, record: Request, failure: Failure) -> None:
        kind = failure.kind
        if isinstance(kind, int):
            headers = (
                {"Retry-After": failure.retry_after} if kind == 429 and failure.retry_after else {}
            )
            self._send(handler, record, kind, {"error": f"injected {kind}"}, headers)
            return
        if kind == "drop":
            record.status = None
            handler.close_connection = True
            return
        status, answer = self._route(record.method, record.path, record.query, record.body, record)
        data = json.dumps(answer).encode()
        record.status = status
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        if kind == "truncate":
            data = data[: len(data) // 2]
            handler.send_header("Content-Length", str(len(data)))
        else:  # "short": promise more than is sent, then hang up
            handler.send_header("Content-Length", str(len(data)))
            data = data[: len(data) // 2]
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(data)
        handler.close_connection = True

    def _send(
        self,
        handler: BaseHTTPRequestHandler,
        record: Request,
        status: int,
        answer: Any,
        headers: dict[str, str] | None = None,
    ) -> None:
        record.status = status
        data = json.dumps(answer, ensure_ascii=False).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(data)

    def _route(
        self, method: str, path: str, query: dict[str, list[str]], body: Any, record: Request
    ) -> tuple[int, Any]:
        if path == WFS_PATH:
            return self._wfs(query)
        if path.startswith(CLASSIFICATIONS_ROOT + "/correspondenceTables/"):
            return self._correspondence(path, query)
        if path == f"{CLASSIFICATIONS_ROOT}/classifications/{OCCUPATIONS}/classificationItems":
            return self._occupation_items(query)
        if self.version == "v1" and path.startswith(V1_ROOT):
            return self._v1(method, path[len(V1_ROOT) :].strip("/"), query, body, record)
        if self.version == "v2" and path.startswith(V2_ROOT):
            return self._v2(method, path[len(V2_ROOT) :].strip("/"), body, record)
        return 404, {"error": f"no such path {path}"}

    def _v1(
        self, method: str, rest: str, query: dict[str, list[str]], body: Any, record: Request
    ) -> tuple[int, Any]:
        if rest == "" and "config" in query:
            if not self.config_enabled:
                return 404, {"error": "not found"}
            return 200, {
                "maxValues": self.max_cells,
                "maxCalls": self.max_calls,
                "timeWindow": self.time_window,
                "CORS": True,
            }
        if method == "GET" and rest in self._folders():
            return 200, self._listing(rest)
        if rest not in self.tables:
            database = rest.split("/", 1)[0]
            if database in ACTIVE_DATABASES:
                # Since June 2026 an active table answers only to its id: the old long file
                # names (and any other unknown name) are refused as a bad request.
                return 400, {"error": f"Bad request: no table {rest.rsplit('/', 1)[-1]}"}
            return 404, {"error": "Table not found"}
        table = self.tables[rest]()
        if method == "GET":
            return 200, table.metadata_v1()
        if not isinstance(body, dict) or body.get("response", {}).get("format") != "json-stat2":
            return 400, {"error": "Bad request: response format must be json-stat2"}
        selection = {}
        for item in body.get("query", []):
            sel = item.get("selection", {})
            if sel.get("filter") != "item":
                return 400, {"error": f"unsupported filter {sel.get('filter')}"}
            selection[item["code"]] = list(sel.get("values", []))
        status, answer = self._answer(table, selection, record, too_big=403)
        if status == 200 and self.tamper is not None:
            answer = self.tamper(rest, copy.deepcopy(answer))
        return status, answer

    def _folders(self) -> set[str]:
        folders = set()
        for address in self.tables:
            parts = address.split("/")[:-1]
            folders.update("/".join(parts[: i + 1]) for i in range(len(parts)))
        return folders

    def _listing(self, folder: str) -> list[dict[str, Any]]:
        """A folder's entries as PxWeb v1 lists them: sub-folders (``l``), then tables (``t``)."""
        depth = folder.count("/") + 1
        subfolders = sorted(
            {f for f in self._folders() if f.count("/") == depth and f.startswith(folder + "/")}
        )
        entries: list[dict[str, Any]] = [
            {"id": f.rsplit("/", 1)[-1], "type": "l", "text": f.rsplit("/", 1)[-1]}
            for f in subfolders
        ]
        for address in sorted(self.tables):
            if address.rsplit("/", 1)[0] != folder:
                continue
            table = self.tables[address]()
            name = address.rsplit("/", 1)[-1]
            title = table.dataset.get("label", "")
            entries.append(
                {
                    "id": name,
                    "type": "t",
                    "text": f"{name.removesuffix('.px')} -- {title}",
                    "updated": table.updated,
                }
            )
        return entries

    def _v2(self, method: str, rest: str, body: Any, record: Request) -> tuple[int, Any]:
        if rest == "config":
            if not self.config_enabled:
                return 404, {"error": "not found"}
            return 200, {
                "apiVersion": "2.0.0",
                "maxDataCells": self.max_cells,
                "maxCallsPerTimeWindow": self.max_calls,
                "timeWindow": self.time_window,
            }
        parts = rest.split("/")
        if len(parts) != 3 or parts[0] != "tables":
            return 404, {"error": "not found"}
        address = next((a for a in self.tables if Path(a).stem == parts[1]), None)
        if address is None:
            return 404, {"title": "Table not found", "status": 404}
        table = self.tables[address]()
        if method == "GET" and parts[2] == "metadata":
            return 200, table.metadata_v2()
        if method == "POST" and parts[2] == "data":
            selection = {s["variableCode"]: list(s["valueCodes"]) for s in body["selection"]}
            return self._answer(table, selection, record, too_big=400)
        return 404, {"error": "not found"}

    def _answer(
        self, table: Table, selection: dict[str, list[str]], record: Request, too_big: int
    ) -> tuple[int, Any]:
        record.selection = selection
        missing = [d for d in table.ids if d not in selection]
        if missing or set(selection) - set(table.ids):
            return 400, {"error": f"Bad request: variables {missing} must be selected"}
        for d, codes in selection.items():
            unknown = set(codes) - set(table.codes[d])
            if unknown or not codes:
                return 400, {"error": f"Bad request: unknown values {sorted(unknown)[:5]} in {d}"}
        if record.cells > self.max_cells:
            return too_big, {
                "error": f"Too many values selected ({record.cells} > {self.max_cells})"
            }
        return 200, table.slice(selection)

    # --- boundaries and classifications -----------------------------------------------------

    def _wfs(self, query: dict[str, list[str]]) -> tuple[int, Any]:
        one = {k.lower(): v[0] for k, v in query.items()}
        layer = one.get("typenames") or one.get("typename")
        if one.get("request") != "GetFeature" or one.get("outputformat") != "application/json":
            return 400, {"error": "expected GetFeature with outputFormat=application/json"}
        if one.get("srsname") != "EPSG:4326":
            return 400, {"error": "expected srsName=EPSG:4326"}
        if layer not in self.wfs_layers:
            return 400, {"error": f"Feature type {layer} unknown"}
        return 200, self.wfs_layers[layer]

    def add_mirror_layers(self, maakunnat: str, kunnat: str, *, lat_lon: bool = False) -> None:
        """Serve the mirror's boundaries under the live WFS's names (``maakunta``/``kunta``,
        ``nimi``, ``namn``), optionally with latitude first as WFS 2.0 may answer."""

        def layer(file: str, convert: Callable[[dict[str, Any]], dict[str, Any]]) -> dict:
            source = json.loads((self.raw / "geo" / file).read_text(encoding="utf-8"))
            features = []
            for f in source["features"]:
                geometry = f["geometry"]
                if lat_lon:
                    geometry = {**geometry, "coordinates": _swap(geometry["coordinates"])}
                features.append(
                    {
                        "type": "Feature",
                        "properties": convert(f["properties"]),
                        "geometry": geometry,
                    }
                )
            return {"type": "FeatureCollection", "features": features}

        self.wfs_layers[maakunnat] = layer(
            "maakunnat.geojson",
            lambda p: {
                "maakunta": p["code"][2:],
                "vuosi": 2023,
                "nimi": p["name_fi"],
                "namn": p["name_sv"],
            },
        )
        self.wfs_layers[kunnat] = layer(
            "kunnat.geojson",
            lambda p: {
                "kunta": p["NATCODE"],
                "vuosi": 2023,
                "nimi": p["NAMEFIN"],
                "namn": p["NAMESWE"],
            },
        )

    def _correspondence(self, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        local_id = path.rsplit("/correspondenceTables/", 1)[1].removesuffix("/maps")
        lang = query.get("lang", ["fi"])[0]
        try:
            source, target = local_id.split("#")
            source_name, _, source_date = source.split("_")
            target_name, _, target_date = target.split("_")
        except ValueError:
            return 404, {"error": f"unknown correspondence table {local_id}"}
        key = self.raw / "classifications" / f"municipality_key_{source_date[:4]}.csv"
        column = KEY_COLUMN.get(target_name, target_name)
        if source_name != "kunta" or source_date != target_date or not key.exists():
            return 404, {"error": f"unknown correspondence table {local_id}"}
        with key.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        if f"{column}_code" not in rows[0]:
            return 404, {"error": f"unknown correspondence table {local_id}"}

        def item(code: str, width: int, name: str) -> dict[str, Any]:
            padded = str(int(float(code))).zfill(width) if code.replace(".", "").isdigit() else code
            return {
                "code": padded,
                "classificationItemNames": [{"lang": lang, "name": name}],
            }

        answer = [
            {
                "sourceItem": item(r["kunta"], 3, r[f"municipality_name_{lang}"]),
                "targetItem": item(
                    r[f"{column}_code"], CODE_WIDTH.get(target_name, 2), r[f"{column}_name_{lang}"]
                ),
            }
            for r in rows
        ]
        return 200, answer

    def _occupation_items(self, query: dict[str, list[str]]) -> tuple[int, Any]:
        """AML2010 items (levels 1-4) in one language, from the mirror's occupation files."""
        lang = query.get("lang", ["fi"])[0]
        folder = self.raw / "classifications"
        with (folder / "isco08_groups_fi_sv_en.csv").open(encoding="utf-8", newline="") as f:
            isco = {r["code"]: r for r in csv.DictReader(f)}
        with (folder / "occupations_aml2010.csv").open(encoding="utf-8", newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["kind"] == "aml2010_4digit"]
        items: dict[str, tuple[int, str]] = {}
        for r in rows:
            items[r["code_1d"]] = (1, r[f"label_1d_{lang}"])
            for n in (2, 3):
                code = r[f"code_{n}d"]
                name = isco[code]["label_sv"] if lang == "sv" else r[f"label_{n}d_{lang}"]
                items[code] = (n, name)
            column = {"fi": "label_fi_esco", "sv": "label_sv_esco", "en": "label_en_isco08"}
            items[r["code"]] = (4, r[column[lang]])
        answer = [
            {
                "code": code,
                "level": level,
                "parentCode": code[:-1] or None,
                "classificationItemNames": [{"lang": lang, "name": name}],
            }
            for code, (level, name) in items.items()
        ]
        return 200, answer


def _swap(coordinates: Any) -> Any:
    if coordinates and isinstance(coordinates[0], list):
        return [_swap(c) for c in coordinates]
    return [coordinates[1], coordinates[0], *coordinates[2:]]


# --- the live service's tables -------------------------------------------------------------------

ACTIVE_DATABASES = frozenset({"StatFin"})
LIVE_MIRROR = {
    "StatFin/tyonv/12ti.px": "statfin/12ti.json",
    "StatFin/tyti/13aj.px": "statfin/13aj.json",
    "StatFin/tyti/137i.px": "statfin/137i.json",
    "StatFin/atp/11n1.px": "statfin/11n1.json",
    "StatFin_Passiivi/tyonv/statfinpas_tyonv_pxt_1001.px": "statfin/1001.json",
    "StatFin_Passiivi/tyonv/statfinpas_tyonv_pxt_1205.px": "statfin/1205.json",
    "StatFin_Passiivi/tyonv/statfinpas_tyonv_pxt_1207.px": "statfin/1207.json",
}
# Dimension texts of the live metadata (the code is the dimension id).
LIVE_TEXTS = {"timeperiod_m": "Kuukausi", "contentscode": "Tiedot"}


def _read(raw: str, name: str) -> dict[str, Any]:
    return json.loads((Path(raw) / "statfin" / name).read_text(encoding="utf-8"))


def union_datasets(parts: list[dict[str, Any]], label: str) -> dict[str, Any]:
    """One dataset over every code any part has (time codes sorted), cells no part has null
    with status ``..``; the parts must share dimension ids. Labels: the first part that has one."""
    ids = list(parts[0]["id"])
    tables = [Table(p) for p in parts]
    codes: dict[str, list[str]] = {d: [] for d in ids}
    for table in tables:
        for d in ids:
            codes[d].extend(c for c in table.codes[d] if c not in set(codes[d]))
    time = [d for d in ids if d in tables[0].time]
    for d in time:
        codes[d].sort()
    shape = tuple(len(codes[d]) for d in ids)
    values = np.full(shape, None, dtype=object)
    status = np.full(shape, "..", dtype=object)
    for table in tables:
        where = np.ix_(*[[codes[d].index(c) for c in table.codes[d]] for d in ids])
        axes = [table.ids.index(d) for d in ids]
        values[where] = table.values.transpose(axes)
        status[where] = table.status.transpose(axes)
    dimension = {}
    for d in ids:
        labels: dict[str, str] = {}
        for part in reversed(parts):
            labels.update(part["dimension"][d]["category"].get("label") or {})
        dimension[d] = {
            "label": LIVE_TEXTS.get(d, d),
            "category": {
                "index": {c: i for i, c in enumerate(codes[d])},
                "label": {c: labels.get(c, c) for c in codes[d]},
            },
        }
    flat = status.reshape(-1)
    return {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "source": "Tilastokeskus",
        "updated": max(str(p.get("updated", "")) for p in parts),
        "role": {"time": time, "metric": ["contentscode"]},
        "id": ids,
        "size": list(shape),
        "dimension": dimension,
        "value": values.reshape(-1).tolist(),
        "status": {str(i): v for i, v in enumerate(flat.tolist()) if v is not None},
    }


def live_12r5(raw: str) -> dict[str, Any]:
    """12r5 as the live API has it: the mirror's 2006–2023 answer, the 2026M06 answer with all 23
    contents and 421 areas, and Kangasala's answer (old ids renamed), in one table."""
    kangasala = dataset_subset(
        _read(raw, "12r5_KU211.json"),
        {},
        rename={"Kuukausi": "timeperiod_m", "Tiedot": "contentscode"},
    )
    # The 2026 answer first: its order of areas and contents is the live metadata's.
    parts = [_read(raw, "12r5_2026M06.json"), _read(raw, "12r5.json"), kangasala]
    return union_datasets(parts, "Työnhakijat ja avoimet työpaikat alueittain kuukausittain")


def _with_age(dataset: dict[str, Any], age: str, extra: dict[str, list[str]]) -> dict[str, Any]:
    """Rename the age dimension to ``age`` and add broader groups summed from five-year ones."""
    out = dataset_subset(dataset, {}, rename={dataset["id"][2]: age})
    table = Table(out)
    axis = table.ids.index(age)
    codes = table.codes[age]
    sums = []
    for group, members in extra.items():
        idx = [codes.index(m) for m in members]
        parts = np.take(table.values, idx, axis=axis)
        total = np.where(
            np.equal(parts, None).any(axis=axis),
            None,
            np.where(np.equal(parts, None), 0, parts).sum(axis=axis),
        )
        sums.append(np.expand_dims(total, axis))
        codes = [*codes, group]
    values = np.concatenate([table.values, *sums], axis=axis)
    no_status = [np.full(part.shape, None, dtype=object) for part in sums]
    status = np.concatenate([table.status, *no_status], axis=axis)
    labels = dict(out["dimension"][age]["category"]["label"])
    labels.update({g: g.replace("-", " - ") for g in extra})
    out["dimension"][age] = {
        "label": "Ikä",
        "category": {"index": {c: i for i, c in enumerate(codes)}, "label": labels},
    }
    out["size"] = list(values.shape)
    out["value"] = values.reshape(-1).tolist()
    flat = status.reshape(-1)
    out["status"] = {str(i): v for i, v in enumerate(flat.tolist()) if v is not None}
    for d, text in LIVE_TEXTS.items():
        out["dimension"][d]["label"] = text
    return out


def live_12t8(raw: str) -> dict[str, Any]:
    """12t8, successor of 1205: its five-year groups (and total), plus a broader 15-24 group
    offered beside them as live tables do, under the live naming. The metadata of the real 12t8
    was not at hand: the shape is its predecessor's."""
    out = _with_age(_read(raw, "1205.json"), "Ikä", {"15-24": ["15-19", "20-24"]})
    out["label"] = "Työttömät työnhakijat 5-vuotisikäryhmittäin kuukausittain"
    return out


def live_12ta(raw: str) -> dict[str, Any]:
    """12ta, successor of 1207 (its numbers and contents), under the live naming."""
    out = _with_age(_read(raw, "1207.json"), "Ikä", {})
    out["label"] = "Työttömät työnhakijat työttömyyden keston ja ikäryhmän mukaan"
    return out


def live_12ti_by_municipality(raw: str, months: list[str]) -> dict[str, Any]:
    """12ti in the live shape: the country and the 308 municipalities of the 2026 key × the
    mirror's 433 occupations × ``months`` × its two contents. The mirror has regions only, so a
    municipality's cell is its region's divided evenly among the region's municipalities
    (rounded down; suppressed where the region's is): NOT real figures, the label says so. The
    country's cells are the mirror's own."""
    with (Path(raw) / "classifications" / "municipality_key_2026.csv").open(encoding="utf-8") as f:
        kunnat = [
            (f"KU{int(r['kunta']):03d}", f"MK{int(r['maakunta_code']):02d}")
            for r in csv.DictReader(f)
        ]
    regional = _mirror_table(str(Path(raw) / "statfin" / "12ti.json"))
    part = regional.slice({**regional.codes, "timeperiod_m": months})
    table = Table(part)
    region_row = {c: i for i, c in enumerate(table.codes["Alue"])}
    size = {r: sum(1 for _, m in kunnat if m == r) for _, r in kunnat}
    rows = [table.values[region_row["SSS"]]]
    marks = [table.status[region_row["SSS"]]]
    for _, region in kunnat:
        cells = table.values[region_row[region]]
        known = np.not_equal(cells, None)
        share = np.where(known, np.where(known, cells, 0).astype(np.int64) // size[region], 0)
        rows.append(np.where(known, share.astype(object), None))
        marks.append(np.where(known, None, ".."))
    areas = ["SSS", *(c for c, _ in kunnat)]
    out = dict(part)
    out["label"] = "SYNTHETIC municipalities (regions split evenly): 12ti by municipality"
    out["size"] = [len(areas), *part["size"][1:]]
    names = {"SSS": "KOKO MAA", **{c: c for c, _ in kunnat}}
    out["dimension"] = {
        **part["dimension"],
        "Alue": {
            "label": "Alue",
            "category": {
                "index": {c: i for i, c in enumerate(areas)},
                "label": {c: names[c] for c in areas},
            },
        },
    }
    for d, text in LIVE_TEXTS.items():
        out["dimension"][d]["label"] = text
    out["value"] = np.stack(rows).reshape(-1).tolist()
    flat = np.stack(marks).reshape(-1)
    out["status"] = {str(i): v for i, v in enumerate(flat.tolist()) if v is not None}
    return out


LIVE_BUILT: dict[str, Callable[[str], dict[str, Any]]] = {
    "StatFin/tyonv/12r5.px": live_12r5,
    "StatFin/tyonv/12t8.px": live_12t8,
    "StatFin/tyonv/12ta.px": live_12ta,
}


@functools.cache
def _built_table(make: Callable[[str], dict[str, Any]], raw: str) -> Table:
    """Build each live table once per test session; never mutated."""
    return Table(make(raw))
