"""Read JSON-stat 2.0 datasets (the StatFin PxWeb answer) into arrays, checking their shape.

A dataset is dense and row-major: the last dimension varies fastest. ``value`` may be a list or,
in the sparse form, an object of ``{"index": value}``; ``null`` marks a suppressed or missing cell.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


class JsonStatError(ValueError):
    """A file that is not a usable JSON-stat 2.0 dataset; the message names the file."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


@dataclass(frozen=True)
class Dimension:
    """One dimension: its id, its codes in index order and their labels."""

    id: str
    codes: list[str]
    labels: dict[str, str]


@dataclass(frozen=True)
class Dataset:
    """A dense JSON-stat dataset: dimensions in order and a flat float array (NaN = missing)."""

    path: str
    label: str
    updated: str | None
    dimensions: list[Dimension]
    values: np.ndarray
    time_id: str | None
    metric_id: str | None
    # When the fetch wrote the answer: ``extension.retrieved_at``, set by the fetch (None if absent).
    retrieved_at: str | None = None

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.dimensions]

    def dimension(self, dim_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dim_id:
                return d
        raise KeyError(dim_id)

    def code_columns(self) -> dict[str, np.ndarray]:
        """For each dimension, the code of every cell, aligned with ``values`` (row-major)."""
        sizes = [len(d.codes) for d in self.dimensions]
        total = int(np.prod(sizes)) if sizes else 0
        columns: dict[str, np.ndarray] = {}
        inner = total
        for d, n in zip(self.dimensions, sizes, strict=True):
            inner //= n
            outer = total // (inner * n)
            positions = np.tile(np.repeat(np.arange(n, dtype=np.int32), inner), outer)
            columns[d.id] = np.asarray(d.codes, dtype=object)[positions]
        return columns


def _category_codes(path: Path | str, dim_id: str, category: dict[str, Any]) -> list[str]:
    index = category.get("index")
    labels = category.get("label") or {}
    if index is None:
        # A single-category dimension may leave out the index and give only a label.
        if len(labels) == 1:
            return list(labels)
        raise JsonStatError(path, f"dimension {dim_id!r} has no category index")
    if isinstance(index, list):
        return [str(c) for c in index]
    if isinstance(index, dict):
        ordered = sorted(index.items(), key=lambda item: item[1])
        positions = [p for _, p in ordered]
        if positions != list(range(len(positions))):
            raise JsonStatError(path, f"dimension {dim_id!r} has a category index with gaps")
        return [str(c) for c, _ in ordered]
    raise JsonStatError(path, f"dimension {dim_id!r} has a category index of the wrong type")


def parse(doc: Any, path: Path | str = "<memory>") -> Dataset:
    """Check a decoded JSON-stat 2.0 dataset and return it as a :class:`Dataset`."""
    _check_header(doc, path)
    ids, sizes = doc["id"], doc["size"]
    dimensions = _dimensions(doc, path)
    values = _values(doc["value"], sizes, path)
    role = doc.get("role") or {}
    time_id = _role(
        role,
        "time",
        ids,
        ("timeperiod_m", "timeperiod_q", "timeperiod_y", "Kuukausi", "Vuosineljännes", "Vuosi"),
    )
    metric_id = _role(role, "metric", ids, ("contentscode", "Tiedot"))
    extension = doc.get("extension")
    retrieved_at = extension.get("retrieved_at") if isinstance(extension, dict) else None
    return Dataset(
        path=str(path),
        label=str(doc.get("label", "")),
        updated=doc.get("updated"),
        dimensions=dimensions,
        values=values,
        time_id=time_id,
        metric_id=metric_id,
        retrieved_at=str(retrieved_at) if retrieved_at else None,
    )


def _check_header(doc: Any, path: Path | str) -> None:
    """Raise JsonStatError unless ``doc`` is a dataset object with id, size, dimension and value."""
    if not isinstance(doc, dict):
        raise JsonStatError(path, "not a JSON object")
    if doc.get("class", "dataset") != "dataset":
        raise JsonStatError(path, f"class is {doc.get('class')!r}, expected 'dataset'")
    for key in ("id", "size", "dimension", "value"):
        if key not in doc:
            raise JsonStatError(path, f"missing {key!r}")
    ids, sizes = doc["id"], doc["size"]
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise JsonStatError(path, f"id has {len(ids)} entries but size has {len(sizes)}")


def _dimensions(doc: dict[str, Any], path: Path | str) -> list[Dimension]:
    """The dimensions listed in ``id``, in order, each checked against its ``size``."""
    dims_doc = doc["dimension"]
    dimensions = []
    for dim_id, size in zip(doc["id"], doc["size"], strict=True):
        if dim_id not in dims_doc:
            raise JsonStatError(path, f"dimension {dim_id!r} is listed in id but missing")
        category = dims_doc[dim_id].get("category") or {}
        codes = _category_codes(path, dim_id, category)
        if len(codes) != size:
            raise JsonStatError(
                path, f"dimension {dim_id!r} has {len(codes)} categories but size says {size}"
            )
        labels = {str(k): str(v) for k, v in (category.get("label") or {}).items()}
        dimensions.append(Dimension(dim_id, codes, labels))
    return dimensions


def _values(raw: Any, sizes: list[int], path: Path | str) -> np.ndarray:
    """The dense float array of ``value`` (a list, or the sparse ``{"index": value}`` object)."""
    total = int(np.prod(sizes)) if sizes else 0
    if isinstance(raw, list):
        if len(raw) != total:
            raise JsonStatError(path, f"{len(raw)} values but the sizes {sizes} make {total} cells")
        try:
            # NumPy reads None as NaN; no second list of millions of Python objects.
            return np.array(raw, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise JsonStatError(path, f"a value is not a number ({exc})") from exc
    if isinstance(raw, dict):
        values = np.full(total, np.nan)
        for key, v in raw.items():
            i = int(key)
            if not 0 <= i < total:
                raise JsonStatError(path, f"value index {i} is outside the {total} cells")
            values[i] = np.nan if v is None else float(v)
        return values
    raise JsonStatError(path, "value is neither a list nor an object")


def _role(
    role: dict[str, Any], name: str, ids: list[str], fallbacks: tuple[str, ...]
) -> str | None:
    listed = [d for d in role.get(name, []) if d in ids]
    if listed:
        return listed[0]
    for candidate in fallbacks:
        if candidate in ids:
            return candidate
    return None


def load(path: Path) -> Dataset:
    """Read and check one JSON-stat file; a truncated or malformed file raises JsonStatError."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise JsonStatError(path, f"cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise JsonStatError(path, f"not UTF-8 text ({exc.reason})") from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonStatError(
            path, f"not valid JSON at line {exc.lineno} column {exc.colno} (truncated download?)"
        ) from exc
    return parse(doc, path)
