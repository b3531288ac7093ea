"""Build the offline demo database: generated figures in exactly the real database's shape.

The demo lets the app run on a fresh clone with no network and no raw folder. It has the same
tables, columns, views and ``build_info`` keys as a real build (``build.py``), so the app cannot
tell the two apart except by ``status = 'demo'`` on every observation and ``demo = 'true'`` in
``build_info``. The figures are random but plausible: the regions' labour force and base
unemployment come from ``data/reference/demo_regions.csv``, and a common cycle (falling to 2019,
a covid spike in spring 2020, falling 2021–22, rising 2023–25) with seasonality and noise moves
them. Only regions are generated; the country, coordinator areas, major regions and ELY areas are
their exact sums, and every count is split into parts (age groups, occupations, industries) that
add up to it. There are no municipalities, sub-regions or employment areas.

The same seed gives the same observations: every random number comes from one
``numpy.random.default_rng(seed)``, drawn in a fixed order.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from kohtaanto import dimensions, paths
from kohtaanto.pipeline import build, forecast_step
from kohtaanto.projects import demo as project_demo

SOURCE_TABLE = "demo"
SOURCE_TITLE = (
    "Demo data — not real figures (generated for regions and their sums; "
    "no municipalities, sub-regions or employment areas)"
)
SOURCE_PUBLISHER = "kohtaanto demo generator"
SOURCE_LICENCE = "CC0"
FIRST_YEAR, LAST_YEAR = 2016, 2025
COUNTRY = ("SSS", "country", "Koko maa", "Hela landet", "Whole country", None)

# The common cycle of unemployment, relative to a region's base share, at the start of each
# year (linear in between). 2015 is there because long-term unemployment looks a year back.
UNEMPLOYMENT_CYCLE = {
    2015: 1.42,
    2016: 1.40,
    2017: 1.28,
    2018: 1.10,
    2019: 0.97,
    2020: 0.95,
    2021: 1.12,
    2022: 0.98,
    2023: 0.91,
    2024: 1.02,
    2025: 1.15,
    2026: 1.26,
}
VACANCY_CYCLE = {
    2015: 0.60,
    2016: 0.62,
    2017: 0.75,
    2018: 0.92,
    2019: 0.95,
    2020: 0.92,
    2021: 1.05,
    2022: 1.25,
    2023: 1.10,
    2024: 0.88,
    2025: 0.78,
    2026: 0.72,
}
# Spring 2020: lay-offs lift unemployment at once and ebb over a year; vacancies dip with them.
COVID_PROFILE = {
    (2020, 3): 0.45,
    (2020, 4): 1.0,
    (2020, 5): 1.0,
    (2020, 6): 0.85,
    (2020, 7): 0.65,
    (2020, 8): 0.45,
    (2020, 9): 0.35,
    (2020, 10): 0.30,
    (2020, 11): 0.25,
    (2020, 12): 0.20,
    (2021, 1): 0.15,
    (2021, 2): 0.10,
    (2021, 3): 0.05,
}
COVID_UNEMPLOYMENT, COVID_VACANCIES = 0.45, -0.25
# Month of year (January first), mean 1: unemployment peaks in January and July (students and
# seasonal work), vacancies in spring, new vacancies early in the year.
SEASON = {
    #                Jan   Feb   Mar   Apr   May   Jun   Jul   Aug   Sep   Oct   Nov   Dec
    "unemployed": [1.06, 1.03, 1.00, 0.97, 0.95, 1.03, 1.08, 0.98, 0.95, 0.95, 0.96, 1.04],
    "vacancies": [0.95, 1.12, 1.18, 1.15, 1.08, 0.95, 0.82, 0.98, 1.02, 0.98, 0.92, 0.85],
    "new_to_open": [1.05, 0.95, 0.90, 0.85, 0.80, 0.75, 0.90, 1.00, 0.95, 0.90, 0.85, 0.95],
    "youth": [1.00, 1.00, 1.00, 0.95, 1.00, 1.35, 1.30, 0.95, 0.90, 0.90, 0.92, 0.95],
}
SEASON_UNEMPLOYED, SEASON_VACANCIES, NEW_TO_OPEN, SEASON_YOUTH = (
    np.array(SEASON[k]) for k in ("unemployed", "vacancies", "new_to_open", "youth")
)

# Age groups that partition the unemployed: base share, how the share follows the cycle (the
# young are laid off first, so the 55+ share rises in good times) and the probability of having
# been unemployed for a year or more (higher with age).
AGE_PARTS = ("15-24", "25-49", "50-54", "55-59", "60-64", "65-")
AGE_SHARE = np.array([0.11, 0.52, 0.12, 0.13, 0.11, 0.01])
AGE_CYCLE_ELASTICITY = np.array([0.6, 0.2, -0.2, -0.4, -0.4, -0.4])
LONG_TERM_PROBABILITY = np.array([0.05, 0.20, 0.33, 0.42, 0.50, 0.40])
# The published age groups, as sums of the parts above.
UNEMPLOYED_AGE_GROUPS = {
    "SSS": AGE_PARTS,
    "15-24": ("15-24",),
    "25-49": ("25-49",),
    "50-": ("50-54", "55-59", "60-64", "65-"),
    "55-59": ("55-59",),
    "60-64": ("60-64",),
    "65-": ("65-",),
    "55-": ("55-59", "60-64", "65-"),
}
LONG_TERM_AGE_GROUPS = ("SSS", "50-", "55-")

# Jobseekers whose occupation is not known: an X class, relative to the 1-digit weights.
UNKNOWN_OCCUPATION, UNKNOWN_OCCUPATION_WEIGHT = "X212", 9.0
# Open vacancies by TOL 2008 section, relative weights.
VACANCY_INDUSTRY_WEIGHTS = {
    "A": 1.5,
    "B": 0.3,
    "C": 10.0,
    "D": 0.5,
    "E": 0.7,
    "F": 9.0,
    "G": 12.0,
    "H": 6.0,
    "I": 7.0,
    "J": 5.0,
    "K": 1.5,
    "L": 1.2,
    "M": 7.0,
    "N": 13.0,
    "O": 2.0,
    "P": 4.0,
    "Q": 16.0,
    "R": 1.5,
    "S": 1.8,
}

# Labour Force Survey, whole country, yearly. Unemployment rate by age at cycle 1 (percent),
# with each group's weight in the 15–74 labour force (65–74 is not published separately).
LFS_RATE = {"15-24": 17.0, "25-34": 7.2, "35-44": 5.3, "45-54": 5.0, "55-64": 7.0, "65-74": 3.0}
LFS_WEIGHT = {
    "15-24": 0.12,
    "25-34": 0.22,
    "35-44": 0.22,
    "45-54": 0.21,
    "55-64": 0.19,
    "65-74": 0.04,
}
LFS_RATE_ELASTICITY = {"15-24": 1.0}  # others 0.6
# Employed aged 15–64 by industry group (relative weights) and the share aged 55–64 in 2016.
LFS_INDUSTRIES = {
    "A-B": (3.5, 0.26),
    "C": (13.5, 0.18),
    "D-E": (1.2, 0.20),
    "F": (7.5, 0.18),
    "G": (11.5, 0.14),
    "H": (6.0, 0.24),
    "I": (4.0, 0.09),
    "J": (5.5, 0.11),
    "K-L": (4.0, 0.18),
    "M": (7.5, 0.15),
    "N": (5.0, 0.16),
    "O": (5.0, 0.22),
    "P": (7.5, 0.23),
    "Q": (16.5, 0.22),
    "R": (2.5, 0.15),
    "S-U": (3.5, 0.20),
}

REGION_NUMBERS = ["labour_force", "unemployment_share", "vacancy_share", "labour_force_growth"]
REGION_COLUMNS = [
    "area_code",
    "name_fi",
    "name_sv",
    "name_en",
    "ely_code",
    "major_region_code",
    "major_region_fi",
    "major_region_sv",
    "major_region_en",
    *REGION_NUMBERS,
]
OCCUPATION_COLUMNS = ["occupation_code", "level", "parent_code", "name_fi", "name_sv", "name_en"]
CELL_COLUMNS = [
    "measure",
    "period",
    "frequency",
    "area_code",
    "age_group",
    "occupation_code",
    "industry_code",
    "sex",
    "value",
]


class DemoError(RuntimeError):
    """The demo database could not be built; the previous file was left as it was."""


@dataclass
class DemoReport:
    """What a demo build wrote: the file, its observations, the time taken and its size."""

    out: Path
    rows: int
    seconds: float
    size_bytes: int


@dataclass
class DemoReference:
    """The hand-made reference tables the generator reads, checked and in the shapes it needs."""

    regions: pd.DataFrame
    areas: dimensions.Areas
    occupations: pd.DataFrame
    occupation_weights: pd.DataFrame
    industries: pd.DataFrame


def build_demo(out: Path, *, seed: int = 55, reason: str | None = None) -> DemoReport:
    """Generate the demo database into ``out``; on any failure the previous ``out`` is kept.

    ``reason``: why the app runs on demo data (``ensure.FALLBACK_REASONS``), kept in
    ``build_info.fallback_reason`` for the banner to say in readers' words.

    Like ``build.build``, it writes a temporary file beside ``out``, validates it with
    ``build.validate`` and only then renames it over ``out``.
    """
    started = time.perf_counter()
    out = Path(out)
    try:
        reference = load_reference()
    except dimensions.ReferenceError as exc:
        raise DemoError(str(exc)) from exc
    cells = generate(reference, seed)

    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        rows = _write(tmp, reference, cells, seed, reason)
        # The outlook of the demo's series, marked demo by their status (as build.build does).
        forecast_step.run_step(tmp, progress=lambda _line: None)
        os.replace(tmp, out)
    except (build.BuildError, duckdb.Error, OSError) as exc:
        _remove(tmp)
        raise DemoError(f"{out}: {exc}") from exc
    except BaseException:
        _remove(tmp)
        raise
    return DemoReport(out, rows, time.perf_counter() - started, out.stat().st_size)


def _remove(tmp: Path) -> None:
    # Cleaning up must not hide the error that got us here (the folder may not even exist).
    for path in (tmp, Path(f"{tmp}.wal")):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


# --- load ---------------------------------------------------------------------------------------


def load_reference(reference_dir: Path = paths.REFERENCE) -> DemoReference:
    """Read and check the demo's reference tables; raise ``dimensions.ReferenceError`` if wrong."""
    regions_path = reference_dir / "demo_regions.csv"
    regions = dimensions.read_csv(regions_path, REGION_COLUMNS)
    try:
        regions[REGION_NUMBERS] = regions[REGION_NUMBERS].astype(float)
    except ValueError as exc:
        raise dimensions.ReferenceError(f"{regions_path}: {exc}") from exc
    if regions.area_code.duplicated().any() or not regions.area_code.str.match(r"^MK\d\d$").all():
        raise dimensions.ReferenceError(f"{regions_path}: region codes must be unique MKnn codes")

    elys_path = reference_dir / "demo_elys.csv"
    elys = dimensions.read_csv(elys_path, ["area_code", "name_fi", "name_sv", "name_en"])
    unknown = sorted(set(regions.ely_code) - set(elys.area_code))
    if unknown:
        raise dimensions.ReferenceError(f"{regions_path}: ELY codes not in {elys_path}: {unknown}")

    coordinators_path = reference_dir / "coordinator_areas.csv"
    coordinators = dimensions.read_csv(
        coordinators_path, ["area_code", "name_fi", "name_sv", "name_en", "member_code"]
    )
    unknown = sorted(set(coordinators.member_code) - set(regions.area_code))
    if unknown:
        raise dimensions.ReferenceError(f"{coordinators_path}: unknown regions {unknown}")

    industries = dimensions.build_industries(reference_dir)
    missing = sorted(set(VACANCY_INDUSTRY_WEIGHTS) - set(industries.industry_code))
    if missing:
        raise dimensions.ReferenceError(
            f"{reference_dir / 'industries.csv'}: no sections {missing}"
        )

    occupations, weights = _occupations(reference_dir)
    return DemoReference(
        regions=regions,
        areas=_areas(regions, elys, coordinators),
        occupations=occupations,
        occupation_weights=weights,
        industries=industries,
    )


def _areas(
    regions: pd.DataFrame, elys: pd.DataFrame, coordinators: pd.DataFrame
) -> dimensions.Areas:
    """Country, coordinator areas, major regions, ELY areas and regions, each sum's regions."""
    coordinator_of = dict(zip(coordinators.member_code, coordinators.area_code, strict=True))
    rows = [COUNTRY]
    rows += [
        (r.area_code, "coordinator_area", r.name_fi, r.name_sv, r.name_en, "SSS")
        for r in coordinators.drop_duplicates("area_code").itertuples()
    ]
    rows += [
        (
            r.major_region_code,
            "major_region",
            r.major_region_fi,
            r.major_region_sv,
            r.major_region_en,
            "SSS",
        )
        for r in regions.drop_duplicates("major_region_code").itertuples()
    ]
    rows += [
        (r.area_code, "ely", r.name_fi, r.name_sv, r.name_en, "SSS") for r in elys.itertuples()
    ]
    rows += [
        (
            r.area_code,
            "region",
            r.name_fi,
            r.name_sv,
            r.name_en,
            coordinator_of.get(r.area_code, "SSS"),
        )
        for r in regions.itertuples()
    ]
    table = pd.DataFrame(rows, columns=dimensions.AREA_COLUMNS)
    # The same order as the real build: by level, then code.
    rank = {level: i for i, level in enumerate(dimensions.LEVELS)}
    table = table.assign(rank=table.level.map(rank)).sort_values(["rank", "area_code"])
    table = table.drop(columns="rank").reset_index(drop=True)

    members: dict[str, list[str]] = {"SSS": sorted(regions.area_code)}
    for column in ("major_region_code", "ely_code"):
        for code, group in regions.groupby(column):
            members[str(code)] = sorted(group.area_code)
    for code, group in coordinators.groupby("area_code"):
        members[str(code)] = sorted(group.member_code)
    return dimensions.Areas(table=table, region_members=dict(sorted(members.items())))


def _occupations(reference_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The occupations dimension (demo groups, SSS and the unknown X class) and the weights."""
    path = reference_dir / "demo_occupations.csv"
    frame = dimensions.read_csv(path, [*OCCUPATION_COLUMNS, "unemployed_weight", "vacancy_weight"])
    try:
        frame["level"] = frame["level"].astype(int)
        weights = frame[frame.level > 0].copy()
        for column in ("unemployed_weight", "vacancy_weight"):
            weights[column] = weights[column].astype(float)
    except ValueError as exc:
        raise dimensions.ReferenceError(f"{path}: {exc}") from exc
    if (
        set(frame.level) != {0, 1, 2}
        or not frame.loc[frame.level == 2, "parent_code"]
        .isin(frame.loc[frame.level == 1, "occupation_code"])
        .all()
    ):
        raise dimensions.ReferenceError(
            f"{path}: levels must be 0, 1 and 2, parents 1-digit groups"
        )
    children = weights[weights.level == 2].groupby("parent_code")[
        ["unemployed_weight", "vacancy_weight"]
    ]
    if (children.sum() >= 1).any(axis=None):
        raise dimensions.ReferenceError(f"{path}: 2-digit weights are shares of their parent (< 1)")

    x_path = reference_dir / "occupation_x_classes.csv"
    x_classes = dimensions.read_csv(x_path, ["occupation_code", "name_fi", "name_sv", "name_en"])
    unknown = x_classes[x_classes.occupation_code == UNKNOWN_OCCUPATION]
    if unknown.empty:
        raise dimensions.ReferenceError(f"{x_path}: no row for {UNKNOWN_OCCUPATION}")
    unknown = unknown.assign(level=9, parent_code="SSS")[OCCUPATION_COLUMNS]
    table = pd.concat([frame[OCCUPATION_COLUMNS], unknown], ignore_index=True)
    table["parent_code"] = table["parent_code"].replace("", None)
    table = table.sort_values(["level", "occupation_code"]).reset_index(drop=True)
    return table, weights.reset_index(drop=True)


# --- process ------------------------------------------------------------------------------------


def generate(reference: DemoReference, seed: int) -> pd.DataFrame:
    """Every generated cell (regions monthly, the country yearly) in the observation columns.

    Sums over areas are left to the database. Values are whole persons except LFS rates.
    """
    rng = np.random.default_rng(seed)
    months = pd.date_range(f"{FIRST_YEAR}-01-01", f"{LAST_YEAR}-12-01", freq="MS")
    region = reference.regions
    regions = list(region.area_code)
    n_regions, n_months = len(regions), len(months)
    month = months.month.to_numpy() - 1
    year = months.year.to_numpy()
    t = year + month / 12
    covid = np.array([COVID_PROFILE.get((y, m + 1), 0.0) for y, m in zip(year, month, strict=True)])
    u_cycle = _interp(t, UNEMPLOYMENT_CYCLE) + COVID_UNEMPLOYMENT * covid
    u_cycle_year_ago = _interp(t - 1, UNEMPLOYMENT_CYCLE) + COVID_UNEMPLOYMENT * np.array(
        [COVID_PROFILE.get((y - 1, m + 1), 0.0) for y, m in zip(year, month, strict=True)]
    )
    v_cycle = _interp(t, VACANCY_CYCLE) + COVID_VACANCIES * covid

    # Labour force: one figure a year, as the employment statistics publish it.
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    growth = (1 + region.labour_force_growth.to_numpy()[:, None] / 100) ** (years - 2023)
    noise = np.exp(rng.normal(0, 0.002, (n_regions, len(years))))
    labour_force_year = np.round(region.labour_force.to_numpy()[:, None] * growth * noise)
    labour_force = labour_force_year[:, year - FIRST_YEAR]

    # Unemployed: base share x cycle x season x a slow regional wander.
    share = (
        region.unemployment_share.to_numpy()[:, None]
        / 100
        * u_cycle
        * SEASON_UNEMPLOYED[month]
        * np.exp(_ar1(rng, n_regions, n_months, 0.012))
    )
    unemployed = np.round(labour_force * share).astype(np.int64)

    age_weight = (
        AGE_SHARE[None, None, :]
        * np.exp(rng.normal(0, 0.08, (n_regions, 1, len(AGE_PARTS))))
        * u_cycle[None, :, None] ** AGE_CYCLE_ELASTICITY
    )
    age_weight[:, :, 0] *= SEASON_YOUTH[month]
    age_weight[:, :, -1] *= 1 + 0.08 * (t - FIRST_YEAR)  # the retirement age rises
    by_age = rng.multinomial(unemployed, _normalise(age_weight))

    # Long-term unemployed: a year-old cycle, without the season (it is a stock of long spells).
    persistence = (u_cycle_year_ago / u_cycle) ** 0.7 / SEASON_UNEMPLOYED[month]
    p_long = np.clip(LONG_TERM_PROBABILITY[None, None, :] * persistence[None, :, None], 0, 0.95)
    long_term = rng.binomial(by_age, p_long)

    vacancy_share = (
        region.vacancy_share.to_numpy()[:, None]
        / 100
        * v_cycle
        * SEASON_VACANCIES[month]
        * np.exp(_ar1(rng, n_regions, n_months, 0.02))
    )
    open_vacancies = np.round(labour_force * vacancy_share).astype(np.int64)
    new_vacancies = np.round(
        open_vacancies * NEW_TO_OPEN[month] * np.exp(rng.normal(0, 0.03, (n_regions, n_months)))
    ).astype(np.int64)

    weights = reference.occupation_weights
    unemployed_by_occupation = _split_occupations(
        rng, unemployed, weights, "unemployed_weight", UNKNOWN_OCCUPATION_WEIGHT, t
    )
    vacancies_by_occupation = _split_occupations(
        rng, open_vacancies, weights, "vacancy_weight", 0.0, t
    )
    sections = list(VACANCY_INDUSTRY_WEIGHTS)
    industry_weight = np.array(list(VACANCY_INDUSTRY_WEIGHTS.values()))[None, None, :] * np.exp(
        rng.normal(0, 0.25, (n_regions, 1, len(sections)))
        + rng.normal(0, 0.1, (1, 1, len(sections))) * (t[None, :, None] - 2020.5) / 5
    )
    vacancies_by_industry = rng.multinomial(open_vacancies, _normalise(industry_weight))

    periods = months.to_numpy().astype("datetime64[D]")
    frames = [
        _long("labour_force", labour_force, regions, periods),
        _long("open_vacancies", open_vacancies, regions, periods),
        _long("new_vacancies", new_vacancies, regions, periods),
    ]
    for measure, parts, groups in (
        ("unemployed", by_age, UNEMPLOYED_AGE_GROUPS),
        (
            "long_term_unemployed",
            long_term,
            {g: UNEMPLOYED_AGE_GROUPS[g] for g in LONG_TERM_AGE_GROUPS},
        ),
    ):
        summed = np.stack(
            [
                parts[:, :, [AGE_PARTS.index(p) for p in members]].sum(axis=2)
                for members in groups.values()
            ],
            axis=2,
        )
        frames.append(_long(measure, summed, regions, periods, "age_group", list(groups)))
    for measure, (codes, values) in (
        ("unemployed", unemployed_by_occupation),
        ("open_vacancies", vacancies_by_occupation),
    ):
        frames.append(_long(measure, values, regions, periods, "occupation_code", codes))
    frames.append(
        _long("open_vacancies", vacancies_by_industry, regions, periods, "industry_code", sections)
    )
    frames += _lfs(rng, u_cycle, year)
    return pd.concat(frames, ignore_index=True)[CELL_COLUMNS]


def _interp(t: np.ndarray, anchors: dict[int, float]) -> np.ndarray:
    return np.interp(t, list(anchors), list(anchors.values()))


def _ar1(rng: np.random.Generator, rows: int, steps: int, sd: float) -> np.ndarray:
    """Log-deviations that wander slowly (AR(1), coefficient 0.9), one series per row."""
    shocks = rng.normal(0, sd, (rows, steps))
    out = np.empty_like(shocks)
    out[:, 0] = shocks[:, 0] / np.sqrt(1 - 0.9**2)  # start from the stationary spread
    for i in range(1, steps):
        out[:, i] = 0.9 * out[:, i - 1] + shocks[:, i]
    return out


def _normalise(weights: np.ndarray) -> np.ndarray:
    return weights / weights.sum(axis=-1, keepdims=True)


def _split_occupations(
    rng: np.random.Generator,
    totals: np.ndarray,
    weights: pd.DataFrame,
    column: str,
    unknown_weight: float,
    t: np.ndarray,
) -> tuple[list[str], np.ndarray]:
    """Split (region, month) totals into 1-digit groups (and the unknown class), then split each
    1-digit group into its listed 2-digit groups and an unlisted rest, so every part adds up."""
    n_regions, n_months = totals.shape
    major = weights[weights.level == 1]
    codes = list(major.occupation_code)
    base = major[column].to_numpy()
    if unknown_weight:
        codes = [UNKNOWN_OCCUPATION, *codes]
        base = np.concatenate([[unknown_weight], base])
    # Regions differ in their occupational structure, and structures drift over the decade.
    weight = base[None, None, :] * np.exp(
        rng.normal(0, 0.2, (n_regions, 1, len(codes)))
        + rng.normal(0, 0.15, (1, 1, len(codes))) * (t[None, :, None] - 2020.5) / 5
    )
    by_major = rng.multinomial(totals, _normalise(weight))
    parts = [by_major]
    out_codes = list(codes)
    for parent, children in weights[weights.level == 2].groupby("parent_code", sort=True):
        share = children[column].to_numpy()[None, :] * np.exp(
            rng.normal(0, 0.15, (n_regions, len(children)))
        )
        # Keep some room for the 2-digit groups the demo does not list.
        share = share / np.maximum(share.sum(axis=1, keepdims=True) / 0.97, 1)
        pvals = np.concatenate([share, 1 - share.sum(axis=1, keepdims=True)], axis=1)
        pvals = np.broadcast_to(pvals[:, None, :], (n_regions, n_months, pvals.shape[1]))
        split = rng.multinomial(by_major[:, :, codes.index(parent)], pvals)
        parts.append(split[:, :, :-1])
        out_codes += list(children.occupation_code)
    return out_codes, np.concatenate(parts, axis=2)


def _lfs(rng: np.random.Generator, u_cycle: np.ndarray, year: np.ndarray) -> list[pd.DataFrame]:
    """Yearly Labour Force Survey figures for the whole country: rates by age, employed by
    industry group (rounded to thousands as published; the total is the sum of the groups)."""
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    cycle = np.array([u_cycle[year == y].mean() for y in years])
    periods = np.array([f"{y}-01-01" for y in years], dtype="datetime64[D]")
    rates = {
        age: base
        * (1 + LFS_RATE_ELASTICITY.get(age, 0.6) * (cycle - 1))
        * np.exp(rng.normal(0, 0.02, len(years)))
        for age, base in LFS_RATE.items()
    }
    rates["15-74"] = sum(LFS_WEIGHT[a] * r for a, r in rates.items()) / sum(LFS_WEIGHT.values())
    published = ["15-74", "15-24", "25-34", "35-44", "45-54", "55-64"]
    rate_values = np.round(np.stack([rates[a] for a in published], axis=1), 1)

    groups = list(LFS_INDUSTRIES)
    weight = np.array([w for w, _ in LFS_INDUSTRIES.values()])
    older = np.array([s for _, s in LFS_INDUSTRIES.values()])
    total = 2_480_000 * (1 + 0.004 * (years - FIRST_YEAR)) * (1 - 0.06 * (cycle - 1))
    noise = np.exp(rng.normal(0, 0.015, (len(years), len(groups))))
    employed = total[:, None] * weight / weight.sum() * noise
    employed_55 = (
        employed
        * older
        * (1 + 0.015 * (years - FIRST_YEAR))[:, None]
        * np.exp(rng.normal(0, 0.03, employed.shape))
    )
    frames = [
        _long(
            "unemployment_rate_lfs", rate_values, ["SSS"], periods, "age_group", published, "year"
        )
    ]
    for age, values in (("15-64", employed), ("55-64", employed_55)):
        rounded = np.round(values / 1000) * 1000
        with_total = np.concatenate([rounded.sum(axis=1, keepdims=True), rounded], axis=1)
        frame = _long(
            "lfs_employed", with_total, ["SSS"], periods, "industry_code", ["SSS", *groups], "year"
        )
        frames.append(frame.assign(age_group=age))
    return frames


def _long(
    measure: str,
    values: np.ndarray,
    areas: list[str],
    periods: np.ndarray,
    column: str | None = None,
    codes: list[str] | None = None,
    frequency: str = "month",
) -> pd.DataFrame:
    """An (area, period[, code]) array as long rows; ``column`` names the codes' dimension."""
    values = values.reshape(len(areas), len(periods), -1)
    n_areas, n_periods, n_codes = values.shape
    frame = pd.DataFrame(
        {
            "measure": measure,
            "period": np.tile(np.repeat(periods, n_codes), n_areas),
            "frequency": frequency,
            "area_code": np.repeat(areas, n_periods * n_codes),
            "age_group": "SSS",
            "occupation_code": "SSS",
            "industry_code": "SSS",
            "sex": "SSS",
            "value": values.ravel().astype(float),
        }
    )
    if column is not None:
        frame[column] = np.tile(np.asarray(codes, dtype=object), n_areas * n_periods)
    return frame


# --- save ---------------------------------------------------------------------------------------


def _write(
    tmp: Path, reference: DemoReference, cells: pd.DataFrame, seed: int, reason: str | None = None
) -> int:
    """Create the database in ``tmp`` the way ``build.build`` does, validate it, return its rows."""
    con = duckdb.connect(str(tmp))
    try:
        con.execute(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
        members = reference.areas.members_frame()
        con.register("cells", cells)
        con.register("members", members)
        # Regions as generated, and every other area as the exact sum of its regions.
        con.execute(
            """
            insert into observations
            with sums as (
                select c.measure, c.period, c.frequency, m.area_code, c.age_group,
                    c.occupation_code, c.industry_code, c.sex, sum(c.value) as value
                from cells c join members m on m.member_code = c.area_code
                group by all
            ),
            every_area as (select * from cells union all select * from sums)
            select measure, period::date, frequency, area_code, age_group, occupation_code,
                industry_code, sex, value, 'demo', $source
            from every_area
            order by measure, area_code, occupation_code, age_group, sex, industry_code, period
            """,
            {"source": SOURCE_TABLE},
        )
        con.unregister("cells")
        con.unregister("members")
        # The dimension tables exactly as a real build writes them (with the columns it adds);
        # there are no raw tables to describe, so the raw folder is never read.
        build.write_dimensions(
            con,
            reference.areas,
            reference.occupations,
            reference.industries,
            dimensions.build_measures(),
            [],
            paths.RAW,
        )
        con.execute(
            "insert into sources (source_table, title, publisher, url, licence, retrieved_at, "
            "first_period, last_period) select $id, $title, $publisher, '', $licence, $now, "
            "min(period), max(period) from observations where source_table = $id",
            {
                "id": SOURCE_TABLE,
                "title": SOURCE_TITLE,
                "publisher": SOURCE_PUBLISHER,
                "licence": SOURCE_LICENCE,
                "now": dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
            },
        )
        project_demo.write_demo(con)
        con.execute(paths.VIEWS_SQL.read_text(encoding="utf-8"))
        build.materialise(con)
        con.execute(
            "insert into build_info values ('built_at', ?), ('raw_dir', null), ('demo', 'true'), "
            "('seed', ?)",
            [dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), str(seed)],
        )
        if reason:
            con.execute("insert into build_info values ('fallback_reason', ?)", [reason])
        build.validate(con)
        rows = con.execute("select count(*) from observations").fetchone()[0]
        con.execute("checkpoint")
    finally:
        con.close()
    return rows
