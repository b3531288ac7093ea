"""Deck benchmark: the `kaikki` storyline built end to end as the presentation page builds it.

    .venv/bin/python benchmarks/bench_deck.py [--db FILE | --raw DIR] [--repeat 3] [--out DIR]

Each run computes the views from the database (the query cache emptied first), draws their
images at presentation resolution (1600×900, scale 2) in one Kaleido/Chromium process
(``images.render``, the path of the app's PNG buttons and decks), writes the PPTX and the ZIP. Prints the time of each step (per image and in total), the median and
maximum of the whole build, the file sizes, and a baseline measured in the same process: one
``plotly.io.to_image`` call of a trivial figure, which starts a Chromium of its own. The issue's
target is a deck of 8 charts in under 15 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_db  # beside this script

from kohtaanto import paths


def default_period(months: list[dt.date], years: int = 5) -> tuple[dt.date, dt.date]:
    """The app's default period: the last ``years`` years of months up to the latest one."""
    return months[max(0, len(months) - 12 * years - 1)], months[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=paths.ROOT.parent / "shared" / "raw")
    parser.add_argument("--db", type=Path, help="use this database instead of building one")
    parser.add_argument("--story", default="kaikki")
    parser.add_argument("--area", default="SSS")
    parser.add_argument("--lang", default="fi", choices=("fi", "sv", "en"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="keep the last deck and ZIP in this folder")
    args = parser.parse_args()

    db = bench_db.database(args.db, args.raw)
    os.environ["KOHTAANTO_DB"] = str(db)
    # Outside a Streamlit server the caches warn on every call; the warnings are not the point.
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")

    import plotly.graph_objects as go
    import plotly.io as pio

    from kohtaanto import charts, storyline
    from kohtaanto import db as database
    from kohtaanto.export import images as export
    from kohtaanto.export import slides
    from kohtaanto.i18n import name_column, t

    months = [p.date() for p in database.run_query("month_list").period]
    start, end = default_period(months)
    areas = database.run_query("area_list").set_index("area_code")
    ctx = storyline.Context(
        args.lang,
        args.area,
        str(areas.loc[args.area, name_column(args.lang)]),
        start,
        end,
        "55-" if "55-" in set(database.run_query("age_list").age_group) else "50-",
    )
    title = t(storyline.STORYLINES[args.story][0], args.lang)
    status = database.run_query("data_status")
    demo = bool(status.demo.iloc[0]) if len(status) else False
    print(f"storyline: {args.story} · {ctx.area_name} · {start:%Y-%m}–{end:%Y-%m} · {args.lang}")
    print(
        f"images: {export.WIDTH}×{export.HEIGHT} at scale {export.SCALE}, one Chromium per deck\n"
    )

    runs = []
    for run in range(1, args.repeat + 1):
        database._run.clear()  # every run reads the database, as the first build of a session
        t0 = time.perf_counter()
        views = storyline.build_views(args.story, ctx)
        t1 = time.perf_counter()
        built = [v for _, v in views if v is not None and v.figure is not None]
        stamps: list[float] = []

        def drawn(i: int, n: int, stamps: list[float] = stamps) -> None:
            stamps.append(time.perf_counter())

        images = export.figures_png([charts.for_slide(v.figure) for v in built], progress=drawn)
        t2 = time.perf_counter()
        chart = storyline.chart_slides(views, images, args.lang)
        deck = storyline.deck(title, ctx, chart, dt.date.today(), demo=demo)
        pptx = slides.build_pptx(deck)
        t3 = time.perf_counter()
        zipped = storyline.zip_bytes(deck.slides, args.lang)
        t4 = time.perf_counter()
        failed = [v.title for v, img in zip(built, images, strict=True) if img is None]
        if failed:  # the causes are in the log (images.render)
            print(f"run {run}: {len(failed)} images failed: {', '.join(failed)}")
        per_image = [b - a for a, b in zip([t1, *stamps[:-1]], stamps, strict=True)]
        runs.append(
            {
                "views": t1 - t0,
                "images": t2 - t1,
                "pptx": t3 - t2,
                "zip": t4 - t3,
                "total": t4 - t0,
                "per_image": per_image,
                "charts": len(built),
                "slides": len(views),
            }
        )
        print(
            f"run {run}: {len(built)} charts of {len(views)} views · views {t1 - t0:.2f} s · "
            f"images {t2 - t1:.2f} s ({', '.join(f'{p:.2f}' for p in per_image)}) · "
            f"pptx {t3 - t2:.2f} s · zip {t4 - t3:.3f} s · total {t4 - t0:.2f} s"
        )
    print(
        f"\npptx {len(pptx) / 1e6:.2f} MB · zip {len(zipped) / 1e6:.2f} MB · "
        f"images {sum(len(i) for i in images if isinstance(i, bytes)) / 1e6:.2f} MB"
    )
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        name = slides.slug(title)
        (args.out / f"{name}.pptx").write_bytes(pptx)
        (args.out / f"{name}.zip").write_bytes(zipped)
        print(f"kept: {args.out / name}.pptx, .zip")

    trivial = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]))
    base = []
    for _ in range(args.repeat):
        b0 = time.perf_counter()
        pio.to_image(trivial, format="png")
        base.append(time.perf_counter() - b0)

    def line(name: str, values: list[float]) -> str:
        return f"{name:<34} {statistics.median(values):>9.2f} {max(values):>8.2f}"

    print(f"\n{'step (' + str(args.repeat) + ' runs)':<34} {'median s':>9} {'max s':>8}")
    for step in ("views", "images", "pptx", "zip", "total"):
        print(line(step, [r[step] for r in runs]))
    first = [r["per_image"][0] for r in runs if r["per_image"]]
    print(line("first image (with Chromium start)", first))
    print(line("each further image", [p for r in runs for p in r["per_image"][1:]]))
    print(line("baseline: pio.to_image (trivial)", base))
    total = statistics.median(r["total"] for r in runs)
    ratio = total / statistics.median(base)
    print(
        f"\ndeck total / baseline: {ratio:.1f}×  (target: {runs[0]['charts']} charts in < 15 s: "
        f"{'met' if max(r['total'] for r in runs) < 15 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
