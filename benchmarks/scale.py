"""Write a SYNTHETIC raw folder with 12ti by municipality, for the scale benchmark (issue 11).

    .venv/bin/python benchmarks/scale.py --factor 4 --out benchmarks/out/scale4

The live 12ti publishes occupations by municipality; the mirror has them by region only. This
writes 12ti in the live shape (Alue = the 308 municipalities of the 2026 key, Ammattiryhmä,
timeperiod_m, contentscode) as several answers, one per calendar year of months
(``statfin/12ti.json`` and ``statfin/12ti_<year>.json``, as an incremental fetch leaves them),
beside a copy of the mirror's other files (12r5, the keys, boundaries, projects).

The numbers are derived deterministically from the mirror, and are NOT real:
- each region's value of an occupation, month and measure is split among its municipalities by
  their share of the region in that month and measure (12r5 ``TYOTTOMATLOPUSSA`` or
  ``AVPAIKATLOPUSSA``), rounded down to whole persons;
- a municipality's all-occupations figure is 12r5's own (so the two tables agree wherever both
  publish a cell, as the build demands), and its occupations are scaled down where rounding or the
  regional totals would let them add up to more;
- a cell the region suppresses is suppressed in each of its municipalities (status ``..``); in
  municipalities with a labour force under 2 000 (12r5 ``TYOVOIMATK``, 2023M10), counts of 1 or 2
  are suppressed too (status ``...``), so sums over them follow the ``estimated`` rule of
  data/README.md.

Every answer says so in its ``label`` and ``extension.synthetic``, and the folder's README.md
repeats it. ``--factor`` scales the number of months at all 308 municipalities: 1, 4 and 15 give
about 3.7 M, 15 M and 57 M cells (15 is the mirror's whole 2006M01–2023M10); a factor under 1
keeps fewer of the latest months (tests/test_browser_scale.py builds 0.2: three months).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MIRROR = ROOT.parent / "shared" / "raw"
WEIGHT_MONTH = "2023M10"
SMALL_LABOUR_FORCE = 2000
FULL_FACTOR = 15  # the whole mirror's months at every municipality
LABEL = "SYNTHETIC (not real figures): 12ti by municipality, derived from regional 12ti"


def municipalities(mirror: Path) -> list[tuple[str, str]]:
    """(municipality code, region code) of the 2026 key, in key order."""
    with (mirror / "classifications" / "municipality_key_2026.csv").open(encoding="utf-8") as f:
        return [
            (f"KU{int(r['kunta']):03d}", f"MK{int(r['maakunta_code']):02d}")
            for r in csv.DictReader(f)
        ]


def read_12r5(mirror: Path) -> tuple[dict[str, dict[str, int]], np.ndarray]:
    """12r5's category positions and values (area × month × contents)."""
    d = json.loads((mirror / "statfin" / "12r5.json").read_text(encoding="utf-8"))
    index = {dim: d["dimension"][dim]["category"]["index"] for dim in d["id"]}
    assert d["id"] == ["Alue", "timeperiod_m", "contentscode"]
    return index, np.array(d["value"], dtype=float).reshape(d["size"])


def write_answer(
    path: Path,
    meta: dict,
    areas: list[str],
    months: list[str],
    cube: np.ndarray,
    status: np.ndarray,
) -> None:
    """One JSON-stat answer: dims Alue × Ammattiryhmä × timeperiod_m × contentscode."""
    occupations = meta["occupations"]
    doc = {
        "version": "2.0",
        "class": "dataset",
        "label": LABEL,
        "source": meta["source"],
        "updated": meta["updated"],
        "role": {"time": ["timeperiod_m"], "metric": ["contentscode"]},
        "id": ["Alue", "Ammattiryhmä", "timeperiod_m", "contentscode"],
        "size": [len(areas), len(occupations), len(months), 2],
        "dimension": {
            "Alue": {"label": "Alue", "category": {"index": {c: i for i, c in enumerate(areas)}}},
            "Ammattiryhmä": meta["occupation_dim"],
            "timeperiod_m": {
                "label": "Kuukausi",
                "category": {
                    "index": {m: i for i, m in enumerate(months)},
                    "label": {m: m for m in months},
                },
            },
            "contentscode": meta["contents_dim"],
        },
        "extension": {
            "synthetic": True,
            "note": "Derived deterministically from the mirror's regional 12ti by benchmarks/scale.py; not real figures.",
            "retrieved_at": meta["retrieved_at"],
        },
    }
    flat = cube.reshape(-1)
    texts = np.where(np.isnan(flat), "null", np.nan_to_num(flat).astype(np.int64).astype(str))
    flags = status.reshape(-1)
    marked = {str(i): str(flags[i]) for i in np.flatnonzero(flags != "")}
    head = json.dumps(doc, ensure_ascii=False)[:-1]
    with path.open("w", encoding="utf-8") as f:
        f.write(head)
        f.write(',"value":[')
        f.write(",".join(texts.tolist()))
        f.write('],"status":')
        f.write(json.dumps(marked))
        f.write("}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=float, required=True, help="1, 4, 15 (at most 15)")
    parser.add_argument("--out", type=Path, required=True, help="raw folder to write")
    parser.add_argument("--mirror", type=Path, default=MIRROR)
    args = parser.parse_args()
    if not 0 < args.factor <= FULL_FACTOR:
        sys.exit(f"--factor must be in (0, {FULL_FACTOR}]")
    mirror, out = args.mirror, args.out

    regional = json.loads((mirror / "statfin" / "12ti.json").read_text(encoding="utf-8"))
    index = {d: list(regional["dimension"][d]["category"]["index"]) for d in regional["id"]}
    assert regional["id"] == ["Alue", "Ammattiryhmä", "timeperiod_m", "contentscode"]
    values = np.array(regional["value"], dtype=float).reshape(regional["size"])
    all_months = index["timeperiod_m"]
    n_months = max(1, round(len(all_months) * args.factor / FULL_FACTOR))
    months = all_months[-n_months:]
    occupations = index["Ammattiryhmä"]
    total_occ = occupations.index("SSS")

    kunnat = municipalities(mirror)
    codes = [c for c, _ in kunnat]
    r5_index, r5 = read_12r5(mirror)
    rows_r5 = [r5_index["Alue"][c] for c in codes]
    # 12r5's contents in the order of 12ti's (each 12ti measure's municipal total).
    contents = [r5_index["contentscode"][c] for c in index["contentscode"]]
    force = r5[
        rows_r5, r5_index["timeperiod_m"][WEIGHT_MONTH], r5_index["contentscode"]["TYOVOIMATK"]
    ]
    small = force < SMALL_LABOUR_FORCE

    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(mirror, out, ignore=shutil.ignore_patterns("12ti*.json"))
    for path in out.rglob("*"):  # the mirror is read-only; the copy must be writable
        path.chmod(0o755 if path.is_dir() else 0o644)
    meta = {
        "occupations": occupations,
        "occupation_dim": regional["dimension"]["Ammattiryhmä"],
        "contents_dim": regional["dimension"]["contentscode"],
        "source": regional.get("source", ""),
        "updated": regional.get("updated"),
        "retrieved_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    region_rows = {c: i for i, c in enumerate(index["Alue"])}
    years = sorted({m[:4] for m in months})
    cells = 0
    for n, year in enumerate(years):
        chunk = [m for m in months if m.startswith(year)]
        cols = [all_months.index(m) for m in chunk]
        cube = np.full((len(codes), len(occupations), len(chunk), 2), np.nan)
        months_r5 = [r5_index["timeperiod_m"][m] for m in chunk]
        totals = r5[np.ix_(rows_r5, months_r5, contents)]  # municipality × month × contents
        for region in sorted({r for _, r in kunnat}):
            members = [i for i, (_, r) in enumerate(kunnat) if r == region]
            mine = np.nan_to_num(totals[members])
            whole = mine.sum(axis=0)
            shares = np.divide(mine, whole, out=np.zeros_like(mine), where=whole > 0)
            part = values[region_rows[region]][:, cols, :]  # occupation × month × contents
            cube[members] = np.floor(part[None] * shares[:, None])
        status = np.where(np.isnan(cube), "..", "")
        # Occupations never add up to more than the municipality's total (12r5's own figure).
        parts = np.nansum(np.delete(cube, total_occ, axis=1), axis=1)
        ratio = np.divide(totals, parts, out=np.ones_like(parts), where=parts > totals)
        ratio = np.where(np.isnan(ratio), 1.0, np.minimum(ratio, 1.0))
        cube = np.floor(cube * ratio[:, None])
        cube[:, total_occ] = totals
        status[:, total_occ] = np.where(np.isnan(totals), "..", "")
        tiny = small[:, None, None, None] & (cube > 0) & (cube < 3)
        tiny[:, total_occ] = False
        cube[tiny] = np.nan
        status[tiny] = "..."
        name = "12ti.json" if n == 0 else f"12ti_{year}.json"
        write_answer(out / "statfin" / name, meta, codes, chunk, cube, status)
        cells += cube.size
        print(f"{name}: {cube.size:,} cells ({chunk[0]}–{chunk[-1]})", flush=True)
    (out / "README.md").write_text(
        f"# SYNTHETIC raw folder (scale benchmark, factor {args.factor:g})\n\n"
        "Written by `benchmarks/scale.py`. `statfin/12ti*.json` are NOT real figures: the "
        "mirror's regional 12ti split among each region's municipalities (2026 key) by their "
        f"share in 12r5, {len(months)} months "
        f"{months[0]}–{months[-1]}, {cells:,} cells in {len(years)} answers. Every other file "
        "is a copy of the real mirror (`../shared/raw`, see its README for sources and "
        "licences). Do not publish figures from this folder.\n",
        encoding="utf-8",
    )
    print(f"{out}: {cells:,} cells of synthetic 12ti in {len(years)} answers")


if __name__ == "__main__":
    main()
