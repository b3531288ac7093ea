"""Command line: ``python -m kohtaanto fetch | build | refresh | demo | forecast |
projects check FILE | projects import FILE | projects export FILE | projects upgrade``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kohtaanto import paths
from kohtaanto.i18n import LANGS
from kohtaanto.pipeline.ensure import FALLBACK_REASONS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kohtaanto", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    fetch = sub.add_parser(
        "fetch", help="download StatFin tables, boundaries and keys into data/raw"
    )
    fetch.add_argument("--tables", nargs="*", help="table ids (tyonv/12r5) or short names (12r5)")
    fetch.add_argument("--raw", type=Path, default=paths.RAW, help="raw folder (default data/raw)")
    fetch.add_argument("--api", help="PxWeb API root (default from tables.toml)")
    fetch.add_argument(
        "--check",
        action="store_true",
        help="only read the API's config, table lists and metadata: is everything the build "
        "needs there? (no data is downloaded; exit 1 names what is missing)",
    )

    build = sub.add_parser("build", help="build the database from a raw folder")
    build.add_argument("--raw", type=Path, default=paths.RAW, help="raw folder (default data/raw)")
    build.add_argument(
        "--out",
        type=Path,
        default=None,
        help="database file (default KOHTAANTO_DB or data/kohtaanto.duckdb)",
    )

    demo = sub.add_parser("demo", help="build the offline demo database")
    demo.add_argument("--out", type=Path, default=None, help="database file")
    demo.add_argument("--seed", type=int, default=55, help="random seed (default 55)")
    demo.add_argument(
        "--reason",
        choices=FALLBACK_REASONS,
        help="why the app falls back to demo data; the banner says it in readers' words",
    )

    forecast = sub.add_parser(
        "forecast", help="make the twelve-month outlook, its backtest and scores in a database"
    )
    forecast.add_argument("--db", type=Path, default=None, help="database file (default as build)")

    projects = sub.add_parser("projects", help="projects databank files")
    projects_sub = projects.add_subparsers(dest="projects_command", required=True)
    check = projects_sub.add_parser("check", help="validate a projects workbook or EURA export")
    check.add_argument("file", type=Path)
    check.add_argument(
        "--raw",
        type=Path,
        default=paths.RAW,
        help="raw folder whose classifications add area codes (default data/raw; optional)",
    )
    check.add_argument(
        "--lang", choices=LANGS, default="fi", help="language of the messages (default fi)"
    )
    importer = projects_sub.add_parser(
        "import",
        help="a workbook, EURA 2021 export or backup into the editable store (KOHTAANTO_STORE), "
        "each change a new version",
    )
    importer.add_argument("file", type=Path)
    importer.add_argument(
        "--preview", action="store_true", help="list what would change and write nothing"
    )
    importer.add_argument(
        "--by",
        help="the address to record as author, with that person's permissions from the roles "
        "file (default: import:<file name>, with the operator's)",
    )
    importer.add_argument(
        "--raw", type=Path, default=paths.RAW, help="raw folder (default data/raw)"
    )
    exporter = projects_sub.add_parser(
        "export", help="the whole store with every version into one workbook (a backup)"
    )
    exporter.add_argument("file", type=Path)
    projects_sub.add_parser(
        "upgrade", help="bring the store to the code's schema (its Alembic migrations)"
    )

    refresh = sub.add_parser(
        "refresh",
        help="check, incremental fetch, build and swap; one at a time (for cron / systemd)",
    )
    refresh.add_argument(
        "--raw", type=Path, default=paths.RAW, help="raw folder (default data/raw)"
    )
    refresh.add_argument("--out", type=Path, default=None, help="database file (default as build)")
    refresh.add_argument("--api", help="PxWeb API root (default from tables.toml)")
    refresh.add_argument("--tables", nargs="*", help="only these tables (default: all)")
    refresh.add_argument(
        "--force", action="store_true", help="build even when the fetch brought nothing new"
    )
    refresh.add_argument(
        "--log", type=Path, default=None, help="log file (default data/refresh.log)"
    )

    sub.add_parser("ensure", help="make sure a database exists (fetch and build, else demo)")

    serve = sub.add_parser("serve", help="serve the app (options after it go to streamlit run)")
    serve.add_argument("streamlit_args", nargs=argparse.REMAINDER)

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:
        # Everything after `serve` belongs to `streamlit run`, options included.
        from kohtaanto.serve import main as serve_main

        serve_main(argv[1:])
        return 0
    args = parser.parse_args(argv)
    if args.command == "ensure":
        from kohtaanto.pipeline.ensure import ensure_database

        try:
            ensure_database()
        except RuntimeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        return 0
    if args.command == "refresh":
        from kohtaanto.pipeline.refresh import refresh

        result = refresh(
            args.raw,
            args.out or paths.db_path(),
            tables=args.tables,
            api_root=args.api,
            log_path=args.log,
            force=args.force,
        )
        return result.code
    if args.command == "projects":
        return _projects(args)
    if args.command == "forecast":
        return _forecast(args.db or paths.db_path())
    if args.command == "fetch":
        from kohtaanto.pipeline.fetch import run, run_check

        if args.check:
            return run_check(args.tables, api_root=args.api)
        return run(args.raw, args.tables, api_root=args.api)
    if args.command == "build":
        from kohtaanto.pipeline.build import BuildError, build

        out = args.out or paths.db_path()
        try:
            report = build(args.raw, out)
        except BuildError as exc:
            print(
                f"build failed: {exc}\nthe previous database {out} was left as it was",
                file=sys.stderr,
            )
            return 1
        print(
            f"built {report.out}: {report.rows:,} observations, "
            f"{report.size_bytes / 1e6:.1f} MB in {report.seconds:.1f} s"
        )
        return 0
    from kohtaanto.pipeline.demo import DemoError, build_demo

    out = args.out or paths.db_path()
    try:
        report = build_demo(out, seed=args.seed, reason=args.reason)
    except DemoError as exc:
        print(f"demo failed: {exc}", file=sys.stderr)
        return 1
    print(f"built DEMO database {report.out}: {report.rows:,} observations (not real figures)")
    return 0


def _projects(args: argparse.Namespace) -> int:
    """``projects check | import | export | upgrade``."""
    from kohtaanto.projects import commands

    if args.projects_command == "import":
        return commands.import_file(args.file, args.raw, args.preview, args.by)
    if args.projects_command == "export":
        return commands.export_file(args.file)
    if args.projects_command == "upgrade":
        return commands.upgrade_store()
    return _check_projects(args.file, args.raw, args.lang)


def _forecast(db: Path) -> int:
    """``forecast --db FILE``: the outlook into ``FILE``; non-zero exit when it failed."""
    from kohtaanto.pipeline.forecast_step import SINGLE_THREADED

    # One BLAS thread, as the build's step has (set before numpy loads): run by hand with the
    # library's threads, the step took 258 s of CPU where it needs 40.
    for name, value in SINGLE_THREADED.items():
        os.environ.setdefault(name, value)
    from kohtaanto.pipeline.forecast import ForecastError, run

    try:
        report = run(db)
    except ForecastError as exc:
        print(f"forecast failed: {exc}", file=sys.stderr)
        return 1
    print(
        f"forecast {db}: {report.forecast} of {report.series} series, "
        f"{report.forecast_rows:,} forecast rows, {report.backtest_rows:,} backtest rows; "
        f"no forecast: {report.skipped or 'none'}"
    )
    return 0


def _check_projects(file: Path, raw: Path, lang: str = "fi") -> int:
    """``projects check FILE``: every problem on its own line in ``lang``, non-zero exit when
    there is one. Area codes come from the shipped classification, the database in use and the
    raw folder, whichever are there: it works on a fresh clone."""
    from kohtaanto.i18n import t
    from kohtaanto.projects import issues as found
    from kohtaanto.projects import tables as project_tables
    from kohtaanto.projects import workbook as projects

    try:
        ctx = project_tables.context_for_check(raw, paths.db_path())
        data = projects.check_bytes(projects.read_path(file), file.name, ctx)
    except projects.ProjectsError as exc:
        print(found.render_all(exc.issues, lang, limit=len(exc.issues)), file=sys.stderr)
        return 1
    summary = t(
        "check.ok",
        lang,
        file=file.name,
        projects=len(data.projects),
        practices=len(data.practices),
        reports=len(data.project_indicators),
    )
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
