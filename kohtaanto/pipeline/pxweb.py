"""A small client for Statistics Finland's PxWeb API (v1 and v2) that returns JSON-stat 2.0.

Our own client rather than `pxwebpy` (v2 only, answers flattened rows) or `statfin` (v1 only, no
splitting, rate limit or retries): the fetch needs whole JSON-stat datasets from v1, split under the
cell limit, polite to the call limit, and merged back exactly. Three parts:

- ``Http``: requests with a sliding-window rate limit, retries with exponential backoff on 429,
  5xx, dropped connections and cut answers (``Retry-After`` respected), and clear errors.
- ``PxWebClient``: reads the API config (limits, version), a folder's table list (to find a table
  by its id, ``12r5`` served as ``12r5.px`` since June 2026), a table's metadata, and runs one
  query whose answer is checked against the selection and the metadata.
- ``split_selection`` and ``merge_datasets``: plan queries under the cell limit and put the
  JSON-stat answers back together into one dataset (row-major, last dimension fastest).
"""

from __future__ import annotations

import email.utils
import itertools
import math
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import numpy as np
import requests

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# The contents dimension is not flagged in v1 metadata; these are its names before and after the
# June 2026 rename (compared in lower case).
CONTENTS_NAMES = frozenset({"contentscode", "tiedot", "contents", "content"})
# Last resort when metadata flags no time dimension (compared in lower case).
TIME_NAMES = frozenset({"kuukausi", "vuosi", "neljännes", "vuosineljännes", "time", "tid"})
USER_AGENT = "kohtaanto-fetch/0.1 (python-requests)"


class PxWebError(RuntimeError):
    """A request that failed for good: after the retries, or with an answer that cannot be used."""

    def __init__(self, message: str, *, url: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url
        self.status = status

    def __str__(self) -> str:
        status = f"HTTP {self.status}" if self.status is not None else "no HTTP answer"
        return f"{status} from {self.url}: {self.message}"


class TableNotListed(PxWebError):
    """A table id that its folder's table list does not name (retired, or renamed again)."""


@dataclass(frozen=True)
class ListedTable:
    """One table as its folder's list names it: the id to address it by, its title and update."""

    id: str
    text: str
    updated: str | None
    url: str


@dataclass(frozen=True)
class Limits:
    """What the API allows: cells per query, and calls per time window (seconds)."""

    max_cells: int
    max_calls: int
    time_window: float


class RateLimiter:
    """At most ``max_calls`` calls may start within any ``time_window`` seconds (a sliding window).

    The window is padded a little because the server counts arrivals, not our send times.
    """

    def __init__(
        self,
        max_calls: int,
        time_window: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._starts: deque[float] = deque()
        self.configure(max_calls, time_window)

    def configure(self, max_calls: int, time_window: float) -> None:
        """Change the limit, keeping the calls already made in the window."""
        self.max_calls = max_calls
        self.window = time_window + min(1.0, 0.1 * time_window)

    def wait(self) -> float:
        """Block until one more call fits, record it, and return the seconds waited."""
        if self.max_calls <= 0:
            return 0.0
        waited = 0.0
        while True:
            now = self._clock()
            while self._starts and now - self._starts[0] >= self.window:
                self._starts.popleft()
            if len(self._starts) < self.max_calls:
                self._starts.append(now)
                return waited
            delay = self._starts[0] + self.window - now
            self._sleep(delay)
            waited += delay


class Http:
    """JSON over HTTP with the rate limit, retries and exponential backoff."""

    def __init__(
        self,
        *,
        limiter: RateLimiter | None = None,
        max_retries: int = 5,
        base_delay: float = 1.0,
        max_delay: float = 120.0,
        timeout: float = 60.0,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limiter = limiter
        self.max_retries = max_retries
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers.setdefault("User-Agent", USER_AGENT)
        self._sleep = sleep

    def json(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Any = None,
        retry_unreachable: bool = True,
    ) -> Any:
        """Send one request (retrying transient failures) and return the decoded JSON answer.

        ``retry_unreachable=False`` gives up at once when no connection can be made (a probe).
        Raises ``PxWebError`` naming the URL and the last HTTP status when it gives up.
        """
        shown = f"{url}?{urlencode(params)}" if params else url
        retries = self.max_retries
        status: int | None = None
        message = ""
        for attempt in range(retries + 1):
            if self.limiter is not None:
                self.limiter.wait()
            retry_after = None
            try:
                response = self.session.request(
                    method, url, params=params, json=body, timeout=(10.0, self.timeout)
                )
            except requests.RequestException as exc:  # dropped connection, timeout, cut body
                status, message = None, f"{type(exc).__name__}: {exc}"
                if not retry_unreachable and isinstance(exc, requests.ConnectionError):
                    break
            else:
                status = response.status_code
                if 200 <= status < 300:
                    try:
                        return response.json()
                    except ValueError as exc:  # a body cut short still decodes as text
                        message = f"the answer is not valid JSON ({exc})"
                else:
                    message = _error_detail(response)
                    if status not in RETRY_STATUSES:
                        raise PxWebError(message, url=shown, status=status)
                    retry_after = _retry_after(response)
            if attempt == retries:
                break
            backoff = self.base_delay * 2**attempt
            self._sleep(min(self.max_delay, retry_after if retry_after is not None else backoff))
        tries = f"{attempt + 1} {'try' if attempt == 0 else 'tries'}"
        raise PxWebError(f"{message} (gave up after {tries})", url=shown, status=status)


def _error_detail(response: requests.Response) -> str:
    text = response.text.strip().replace("\n", " ")
    return (text[:200] or response.reason or "error").strip()


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:  # the other form the header may take: an HTTP date
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass(frozen=True)
class Variable:
    """One dimension of a table as its metadata describes it."""

    code: str
    text: str
    values: tuple[str, ...]
    value_texts: tuple[str, ...]
    time: bool = False


@dataclass(frozen=True)
class TableMeta:
    """A table's title and dimensions, with the time and contents dimensions found."""

    title: str
    variables: tuple[Variable, ...]
    time_code: str | None
    contents_code: str | None

    def selection(self) -> dict[str, list[str]]:
        """Every value of every dimension, in the table's order."""
        return {v.code: list(v.values) for v in self.variables}


def _find_time_and_contents(
    variables: Sequence[Variable], metric: Sequence[str] = ()
) -> tuple[str | None, str | None]:
    codes = [v.code for v in variables]
    time_code = next((v.code for v in variables if v.time), None)
    if time_code is None:
        time_code = next(
            (c for c in codes if c.lower() in TIME_NAMES or c.lower().startswith("timeperiod")),
            None,
        )
    contents_code = next((c for c in metric if c in codes), None)
    if contents_code is None:
        contents_code = next((c for c in codes if c.lower() in CONTENTS_NAMES), None)
    return time_code, contents_code


class PxWebClient:
    """A PxWeb API at ``root`` (v1 ``.../api/v1/fi`` or v2 ``.../api/v2``)."""

    def __init__(
        self,
        root: str,
        *,
        defaults: Limits,
        version: str | None = None,
        config_url: str | None = None,
        http: Http | None = None,
    ) -> None:
        self.root = root.rstrip("/")
        self.defaults = defaults
        self.version = version
        self.config_url = config_url
        self.http = http or Http()
        if self.http.limiter is None:
            self.http.limiter = RateLimiter(defaults.max_calls, defaults.time_window)
        self.limits: Limits | None = None
        self.config_read = False

    def configure(self) -> Limits:
        """Read the limits (and the API version) from the config endpoint, once.

        Falls back to the defaults when no config answers: the fetch still works, only slower or
        with more retries.
        """
        if self.limits is not None:
            return self.limits
        looks_v2 = "/v2" in urlsplit(self.root).path
        order = [self.version] if self.version else (["v2", "v1"] if looks_v2 else ["v1", "v2"])
        urls = [f"{self.root}/config" if v == "v2" else f"{self.root}/?config" for v in order]
        for url in [self.config_url] if self.config_url else urls:
            try:
                # 429 and 5xx are waited out (the API is there); no connection at all is not.
                answer = self.http.json("GET", url, retry_unreachable=False)
            except PxWebError:
                continue
            found = self._limits_from(answer)
            if found is not None:
                self.version = self.version or found[0]  # an explicit version wins
                self.limits, self.config_read = found[1], True
                break
        if self.limits is None:
            self.version = self.version or ("v2" if looks_v2 else "v1")
            self.limits = self.defaults
        assert self.http.limiter is not None
        self.http.limiter.configure(self.limits.max_calls, self.limits.time_window)
        return self.limits

    def _limits_from(self, answer: Any) -> tuple[str, Limits] | None:
        """The API version and limits a config answer tells (None if it is no config)."""
        if not isinstance(answer, dict):
            return None
        if "maxDataCells" in answer or str(answer.get("apiVersion", "")).startswith("2"):
            version = "v2"
            keys = ("maxDataCells", "maxCallsPerTimeWindow", "timeWindow")
        elif {"maxValues", "maxCells", "maxCalls"} & answer.keys():
            version = "v1"
            keys = ("maxValues" if "maxValues" in answer else "maxCells", "maxCalls", "timeWindow")
        else:
            return None

        def number(key: str, default: float) -> float:
            value = answer.get(key)
            return value if isinstance(value, int | float) and value > 0 else default

        d = self.defaults
        return version, Limits(
            max_cells=int(number(keys[0], d.max_cells)),
            max_calls=int(number(keys[1], d.max_calls)),
            time_window=float(number(keys[2], d.time_window)),
        )

    def table_url(self, database: str, path: str, table_id: str | None = None) -> str:
        """The table's address: v1 ``root/database/path``, v2 ``root/tables/id``."""
        self.configure()
        if self.version == "v2":
            name = table_id or path.rsplit("/", 1)[-1].removesuffix(".px")
            return f"{self.root}/tables/{name}"
        return f"{self.root}/{database.strip('/')}/{path.strip('/')}"

    def listing(self, database: str, folder: str) -> list[dict[str, Any]]:
        """A folder's entries (v1 ``GET root/database/folder/``): ``id``, ``type``, ``text``,
        ``updated``. Tables have type ``t``; sub-folders ``l``."""
        self.configure()
        url = f"{self.root}/{database.strip('/')}/{folder.strip('/')}/"
        answer = self.http.json("GET", url)
        if not isinstance(answer, list) or not all(isinstance(e, dict) for e in answer):
            raise PxWebError("the folder's table list is not a list of entries", url=url)
        return answer

    def locate(self, database: str, folder: str, table_id: str) -> ListedTable:
        """Find a table by its id (``12r5``) in its folder's list, and address it as listed.

        Since June 2026 StatFin names a table file by its id alone (``12r5.px``); the list says
        which name is served, so the client never guesses one. Raises ``TableNotListed`` naming
        the entries that look like the table when the id is not there (a rename).
        """
        self.configure()
        if self.version == "v2":
            return ListedTable(table_id, table_id, None, f"{self.root}/tables/{table_id}")
        entries = self.listing(database, folder)
        tables = [e for e in entries if str(e.get("type", "t")) == "t" and e.get("id")]
        for entry in tables:
            name = str(entry["id"])
            if name.removesuffix(".px").lower() == table_id.lower():
                url = f"{self.root}/{database.strip('/')}/{folder.strip('/')}/{name}"
                updated = entry.get("updated")
                return ListedTable(
                    name, str(entry.get("text", "")), str(updated) if updated else None, url
                )
        similar = [
            str(e["id"])
            for e in tables
            if table_id.lower() in str(e["id"]).lower()
            or table_id.lower() in str(e.get("text", "")).lower()
        ]
        hint = f"; entries that look like it: {', '.join(similar)}" if similar else ""
        raise TableNotListed(
            f"table {table_id} is not in the table list of {database}/{folder} "
            f"({len(tables)} tables there){hint}",
            url=f"{self.root}/{database.strip('/')}/{folder.strip('/')}/",
            status=200,
        )

    def metadata(self, table_url: str) -> TableMeta:
        """The table's dimensions and values (v1: variables list; v2: JSON-stat without values)."""
        self.configure()
        if self.version == "v2":
            answer = self.http.json("GET", f"{table_url}/metadata")
            try:
                return _meta_from_jsonstat(answer)
            except (KeyError, TypeError, ValueError) as exc:
                raise PxWebError(f"unreadable metadata: {exc!r}", url=table_url) from exc
        answer = self.http.json("GET", table_url)
        try:
            variables = tuple(
                Variable(
                    code=str(v["code"]),
                    text=str(v.get("text", v["code"])),
                    values=tuple(map(str, v["values"])),
                    value_texts=tuple(map(str, v.get("valueTexts", v["values"]))),
                    time=bool(v.get("time", False)),
                )
                for v in answer["variables"]
            )
        except (KeyError, TypeError) as exc:
            raise PxWebError(f"unreadable metadata: {exc!r}", url=table_url) from exc
        time_code, contents_code = _find_time_and_contents(variables)
        return TableMeta(str(answer.get("title", "")), variables, time_code, contents_code)

    def query(
        self,
        table_url: str,
        selection: Mapping[str, Sequence[str]],
        meta: TableMeta | None = None,
    ) -> dict[str, Any]:
        """One data query (must fit the cell limit); the answer is checked against the selection
        (and against the metadata's time and contents dimensions when ``meta`` is given)."""
        limits = self.configure()
        cells = cell_count(selection)
        if cells > limits.max_cells:
            raise ValueError(f"query of {cells} cells exceeds the limit {limits.max_cells}")
        if self.version == "v2":
            url, params = f"{table_url}/data", {"outputFormat": "json-stat2"}
            body: dict[str, Any] = {
                "selection": [
                    {"variableCode": code, "valueCodes": list(values)}
                    for code, values in selection.items()
                ]
            }
        else:
            url, params = table_url, None
            body = {
                "query": [
                    {"code": code, "selection": {"filter": "item", "values": list(values)}}
                    for code, values in selection.items()
                ],
                "response": {"format": "json-stat2"},
            }
        answer = self.http.json("POST", url, params=params, body=body)
        problem = check_dataset(answer, selection)
        if problem is None and meta is not None:
            problem = check_roles(answer, meta)
        if problem:
            raise PxWebError(f"unexpected answer: {problem}", url=url, status=200)
        return answer


def _meta_from_jsonstat(answer: Mapping[str, Any]) -> TableMeta:
    role = answer.get("role") or {}
    time_role = set(role.get("time") or [])
    variables = []
    for code in answer["id"]:
        dim = answer["dimension"][code]
        codes = category_codes(dim)
        labels = dim["category"].get("label") or {}
        variables.append(
            Variable(
                code=code,
                text=str(dim.get("label", code)),
                values=tuple(codes),
                value_texts=tuple(str(labels.get(c, c)) for c in codes),
                time=code in time_role,
            )
        )
    time_code, contents_code = _find_time_and_contents(variables, role.get("metric") or [])
    return TableMeta(str(answer.get("label", "")), tuple(variables), time_code, contents_code)


# --- JSON-stat helpers -------------------------------------------------------------------------


def category_codes(dimension: Mapping[str, Any]) -> list[str]:
    """A dimension's category codes in index order (index as object or array, or labels only)."""
    category = dimension["category"]
    index = category.get("index")
    if isinstance(index, dict):
        return sorted(index, key=index.__getitem__)
    if isinstance(index, list):
        return list(index)
    return list(category.get("label") or {})


def dataset_codes(dataset: Mapping[str, Any]) -> dict[str, list[str]]:
    """Each dimension's codes, in the dataset's dimension order."""
    return {d: category_codes(dataset["dimension"][d]) for d in dataset["id"]}


def cell_count(selection: Mapping[str, Sequence[str]]) -> int:
    """Number of cells a selection asks for."""
    return math.prod(len(v) for v in selection.values())


def check_dataset(answer: Any, selection: Mapping[str, Sequence[str]]) -> str | None:
    """What is wrong with a JSON-stat answer to ``selection`` (None when it is right)."""
    if not isinstance(answer, dict) or not {"id", "size", "dimension", "value"} <= answer.keys():
        return "not a JSON-stat 2.0 dataset"
    if set(answer["id"]) != set(selection):
        return f"dimensions {answer['id']} instead of {list(selection)}"
    codes = dataset_codes(answer)
    for dim, wanted in selection.items():
        if set(codes[dim]) != set(wanted):
            return (
                f"dimension {dim} has {len(codes[dim])} values instead of the {len(wanted)} asked"
            )
    if list(answer["size"]) != [len(codes[d]) for d in answer["id"]]:
        return f"size {answer['size']} does not match the categories"
    values = answer["value"]
    if isinstance(values, list) and len(values) != cell_count(codes):
        return f"{len(values)} values for {cell_count(codes)} cells"
    return None


def check_roles(answer: Mapping[str, Any], meta: TableMeta) -> str | None:
    """Whether an answer's ``role.time`` / ``role.metric`` name the dimensions the metadata has
    as time and contents (None when they do, or when the answer names no roles)."""
    role = answer.get("role") or {}
    for key, expected in (("time", meta.time_code), ("metric", meta.contents_code)):
        named = list(role.get(key) or [])
        if named and expected is not None and named != [expected]:
            return f"role.{key} is {named}, the metadata's is {expected!r}"
    return None


def split_selection(
    selection: Mapping[str, Sequence[str]], max_cells: int, time_code: str | None = None
) -> list[dict[str, list[str]]]:
    """Split a selection into queries of at most ``max_cells`` cells.

    Time is split first (so a chunk is a run of whole periods, which also makes resuming and
    incremental fetches line up), then the largest other dimension, and so on.
    """
    sel = {k: list(v) for k, v in selection.items()}
    if not sel or any(not v for v in sel.values()):
        return []
    others = sorted((d for d in sel if d != time_code), key=lambda d: -len(sel[d]))
    order = ([time_code] if time_code in sel else []) + others
    return _split(sel, order, max(1, max_cells))


def _split(
    sel: dict[str, list[str]], order: list[str], max_cells: int
) -> list[dict[str, list[str]]]:
    total = cell_count(sel)
    if total <= max_cells or not order:
        return [sel]
    dim, rest_order = order[0], order[1:]
    values = sel[dim]
    rest = total // len(values)
    if rest <= max_cells:
        pieces = math.ceil(len(values) / (max_cells // rest))
        # Balanced chunks (sizes differ by one at most) rather than a small last one.
        base, extra = divmod(len(values), pieces)
        bounds = [i * base + min(i, extra) for i in range(pieces + 1)]
        return [{**sel, dim: values[a:b]} for a, b in itertools.pairwise(bounds)]
    out: list[dict[str, list[str]]] = []
    for value in values:
        out.extend(_split({**sel, dim: [value]}, rest_order, max_cells))
    return out


def _cells(part: Mapping[str, Any], key: str, n: int) -> np.ndarray:
    """A dataset's values or status as a flat object array (None where absent)."""
    data = part.get(key)
    out = np.full(n, None, dtype=object)
    if data is None:
        return out
    if isinstance(data, str):  # one status for every cell
        out[:] = data
    elif isinstance(data, list):
        if len(data) != n:
            raise ValueError(f"{key} has {len(data)} entries for {n} cells")
        out[:] = data
    elif isinstance(data, dict):  # sparse form: position -> value
        for position, value in data.items():
            out[int(position)] = value
    return out


def merge_datasets(
    parts: Sequence[Mapping[str, Any]], order: Mapping[str, Sequence[str]] | None = None
) -> dict[str, Any]:
    """Merge JSON-stat datasets that cover disjoint pieces of one table into one dataset.

    Dimension order follows the first part; category order follows ``order`` where given (codes
    it lacks go last, in the order met) and otherwise the order met. Later parts win where parts
    overlap. Every cell of the result must be covered by some part. The result has ``value`` as an
    array (row-major, last dimension fastest) and ``status`` as an object keyed by position.
    """
    if not parts:
        raise ValueError("nothing to merge")
    first = parts[0]
    ids = list(first["id"])
    codes: dict[str, list[str]] = {d: list((order or {}).get(d, [])) for d in ids}
    for part in parts:
        if set(part["id"]) != set(ids):
            raise ValueError(f"dimensions differ: {part['id']} and {ids}")
        for dim, part_codes in dataset_codes(part).items():
            known = set(codes[dim])
            codes[dim].extend(c for c in part_codes if c not in known)
    present = {d: set() for d in ids}
    for part in parts:
        for dim, part_codes in dataset_codes(part).items():
            present[dim].update(part_codes)
    # Codes named in ``order`` that no part has (a month not asked for, say) are dropped.
    codes = {d: [c for c in codes[d] if c in present[d]] for d in ids}
    shape = tuple(len(codes[d]) for d in ids)
    position = {d: {c: i for i, c in enumerate(codes[d])} for d in ids}
    values = np.full(shape, None, dtype=object)
    status = np.full(shape, None, dtype=object)
    covered = np.zeros(shape, dtype=bool)
    for part in parts:
        part_ids = list(part["id"])
        part_codes = dataset_codes(part)
        part_shape = tuple(len(part_codes[d]) for d in part_ids)
        n = math.prod(part_shape)
        axes = [part_ids.index(d) for d in ids]  # tolerate another dimension order
        part_values = _cells(part, "value", n).reshape(part_shape).transpose(axes)
        part_status = _cells(part, "status", n).reshape(part_shape).transpose(axes)
        where = np.ix_(*[[position[d][c] for c in part_codes[d]] for d in ids])
        values[where] = part_values
        status[where] = part_status
        covered[where] = True
    if not covered.all():
        raise ValueError(f"{int((~covered).sum())} cells are not covered by any part")

    dimension: dict[str, Any] = {}
    for dim in ids:
        dimension[dim] = _merge_dimension([p["dimension"][dim] for p in parts], codes[dim])
    flat_status = status.reshape(-1)
    merged: dict[str, Any] = {}
    for key in first:
        merged[key] = first[key]
    updated = [str(p["updated"]) for p in parts if p.get("updated")]
    if updated:
        merged["updated"] = max(updated)
    merged["id"] = ids
    merged["size"] = list(shape)
    merged["dimension"] = dimension
    merged["value"] = values.reshape(-1).tolist()
    merged["status"] = {
        str(i): flat_status[i] for i in np.flatnonzero(np.not_equal(flat_status, None)).tolist()
    }
    return merged


def _merge_dimension(dims: Sequence[Mapping[str, Any]], codes: Sequence[str]) -> dict[str, Any]:
    out = {k: v for k, v in dims[0].items() if k != "category"}
    category: dict[str, Any] = {"index": {c: i for i, c in enumerate(codes)}}
    keys = [k for d in dims for k in d["category"] if k != "index"]
    for key in dict.fromkeys(keys):  # label, unit, note, child, ...: objects keyed by code
        merged: dict[str, Any] = {}
        for dim in dims:
            value = dim["category"].get(key)
            if isinstance(value, dict):
                merged.update(value)
        if merged:
            category[key] = {c: merged[c] for c in codes if c in merged}
        else:
            category[key] = dims[0]["category"].get(key)
    if "label" not in category:
        category["label"] = {c: c for c in codes}
    out["category"] = category
    return out
