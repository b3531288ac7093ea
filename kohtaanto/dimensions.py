"""Dimension tables: areas (with the municipalities that make them up), occupations, industries,
age groups and measures, with Finnish, Swedish and English names where known.

Sources: the municipality classification keys and occupation keys in the raw folder, and the small
hand-made reference tables in ``data/reference``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kohtaanto import paths

LEVELS = (
    "country",
    "coordinator_area",
    "major_region",
    "ely",
    "elinvoimakeskus",
    "region",
    "employment_area",
    "sub_region",
    "municipality",
    # Codes a source publishes outside the classifications (MK91, KUJOU: jobseekers or vacancies
    # without a known area). Kept as published, never in maps, rankings or sums of areas.
    "unallocated",
)
UNALLOCATED = "unallocated"
AREA_COLUMNS = ["area_code", "level", "name_fi", "name_sv", "name_en", "parent_code"]


class ReferenceError(ValueError):
    """A classification or reference file that is missing or malformed; names the file."""


@dataclass
class Areas:
    """Area rows, and for every area the set of municipalities (``KUxxx``) that make it up."""

    table: pd.DataFrame
    municipalities: dict[str, frozenset[str]] = field(default_factory=dict)
    region_members: dict[str, list[str]] = field(default_factory=dict)
    # A municipality merged into another since the earliest key: old code -> new code.
    successors: dict[str, str] = field(default_factory=dict)

    def members_frame(self) -> pd.DataFrame:
        rows = [
            (area, member, "municipality")
            for area, munis in self.municipalities.items()
            if not area.startswith("KU")
            for member in sorted(munis)
        ]
        rows += [
            (area, member, "region")
            for area, members in self.region_members.items()
            for member in members
        ]
        return pd.DataFrame(rows, columns=["area_code", "member_code", "member_level"])


def read_csv(path: Path, required: list[str]) -> pd.DataFrame:
    if not path.is_file():
        raise ReferenceError(f"{path}: file is missing")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ReferenceError(f"{path}: cannot be read as CSV ({exc})") from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ReferenceError(f"{path}: missing columns {', '.join(missing)}")
    return frame


def _tidy(name: str | None) -> str | None:
    """Names from the keys come with stray spaces ('NTM-centralen i Satakunta ')."""
    return (" ".join(name.split()) or None) if name else None


def _code(prefix: str, raw: str, width: int) -> str:
    number = str(raw).strip()
    if number.endswith(".0"):
        number = number[:-2]
    return f"{prefix}{int(number):0{width}d}"


def municipality_keys(raw_dir: Path) -> dict[int, pd.DataFrame]:
    """The municipality classification keys in ``raw_dir/classifications``, by year."""
    keys = {}
    for path in sorted((raw_dir / "classifications").glob("municipality_key_*.csv")):
        match = re.search(r"(\d{4})", path.stem)
        if match:
            keys[int(match.group(1))] = read_csv(
                path, ["kunta", "municipality_name_fi", "maakunta_code", "seutukunta_code"]
            )
    if not keys:
        raise ReferenceError(
            f"{raw_dir / 'classifications'}: no municipality_key_YYYY.csv (run the fetch first)"
        )
    return keys


# The groups every municipality row of the earliest key names: level, code prefix, code width and
# the key's column stem.
_BASE_GROUPS = (
    ("sub_region", "SK", 3, "seutukunta"),
    ("region", "MK", 2, "maakunta"),
    ("ely", "ELY", 2, "ely"),
    ("major_region", "SA", 1, "suuralue"),
)
# Areas of later reforms, taken from the latest key that has their column.
_LATER_GROUPS = (
    ("employment_area", "TA", 2, "tyollisyysalue"),
    ("elinvoimakeskus", "EVK", 2, "evk"),
)


@dataclass
class _AreaRows:
    """Area rows as they are found, and the municipalities of each area so far."""

    rows: list[tuple[str, str, str | None, str | None, str | None, str | None]] = field(
        default_factory=list
    )
    munis: dict[str, set[str]] = field(default_factory=dict)

    def add(
        self, code: str, level: str, fi: str, sv: str | None, en: str | None, parent: str | None
    ) -> None:
        """Add an area once: the first row seen for a code wins."""
        if code not in self.munis:
            self.rows.append((code, level, _tidy(fi), _tidy(sv), _tidy(en), parent))
            self.munis[code] = set()

    def add_from_key(
        self, r: dict, level: str, prefix: str, width: int, col: str, parent: str
    ) -> str:
        """Add the area that key row ``r`` names in columns ``{col}_code`` etc.; return its code."""
        code = _code(prefix, r[f"{col}_code"], width)
        self.add(
            code,
            level,
            r[f"{col}_name_fi"],
            r.get(f"{col}_name_sv"),
            r.get(f"{col}_name_en"),
            parent,
        )
        return code


def build_areas(raw_dir: Path, reference_dir: Path = paths.REFERENCE) -> Areas:
    """Every area the dashboard knows, from the municipality keys and the coordinator areas file.

    The earliest key gives the municipalities, sub-regions, regions, ELY areas and major regions
    (it matches the areas the 2023 tables use); the latest key that has them gives employment
    areas and elinvoimakeskus areas. A municipality merged since is followed to its successor.
    """
    keys = municipality_keys(raw_dir)
    mergers = read_csv(reference_dir / "municipality_mergers.csv", ["old_code", "new_code"])
    successor = {
        _code("KU", o, 3): _code("KU", n, 3) for o, n in mergers[["old_code", "new_code"]].values
    }
    found = _AreaRows()
    found.add("SSS", "country", "Koko maa", "Hela landet", "Whole country", None)
    _add_base_areas(found, keys[min(keys)])
    for group in _LATER_GROUPS:
        _add_later_areas(found, group, keys, successor, raw_dir)
    region_members = _add_coordinator_areas(found, reference_dir)
    return Areas(
        table=_area_table(found, region_members),
        municipalities={c: frozenset(s) for c, s in found.munis.items()},
        region_members=region_members,
        successors=successor,
    )


def _add_base_areas(found: _AreaRows, base: pd.DataFrame) -> None:
    """Municipalities of the earliest key and the sub-regions, regions, ELY and major regions."""
    for r in base.to_dict("records"):
        ku = _code("KU", r["kunta"], 3)
        sk = _code("SK", r["seutukunta_code"], 3)
        mk = _code("MK", r["maakunta_code"], 2)
        found.add(
            ku,
            "municipality",
            r["municipality_name_fi"],
            r.get("municipality_name_sv"),
            r.get("municipality_name_en"),
            sk,
        )
        found.munis[ku].add(ku)
        found.munis["SSS"].add(ku)
        for level, prefix, width, col in _BASE_GROUPS:
            if not r.get(f"{col}_code"):
                continue
            parent = mk if level == "sub_region" else "SSS"
            code = found.add_from_key(r, level, prefix, width, col, parent)
            found.munis[code].add(ku)


def _add_later_areas(
    found: _AreaRows,
    group: tuple[str, str, int, str],
    keys: dict[int, pd.DataFrame],
    successor: dict[str, str],
    raw_dir: Path,
) -> None:
    """Areas of one later reform from the latest key with its column, over every municipality.

    A municipality of the earliest key that the latest key lacks is followed to its successor;
    one with neither raises ReferenceError.
    """
    level, prefix, width, col = group
    years = [y for y, k in keys.items() if f"{col}_code" in k.columns]
    if not years:
        return
    by_muni = {}
    for r in keys[max(years)].to_dict("records"):
        code = found.add_from_key(r, level, prefix, width, col, "SSS")
        by_muni[_code("KU", r["kunta"], 3)] = code
    for ku in list(found.munis["SSS"]):
        target = by_muni.get(ku) or by_muni.get(successor.get(ku, ""))
        if target is None:
            raise ReferenceError(
                f"{raw_dir / 'classifications'}: municipality {ku} has no {level} in the "
                f"{max(years)} key and no successor in municipality_mergers.csv"
            )
        found.munis[target].add(ku)


def _add_coordinator_areas(found: _AreaRows, reference_dir: Path) -> dict[str, list[str]]:
    """The coordinator areas of the reference file; returns each one's member regions."""
    coordinators = read_csv(
        reference_dir / "coordinator_areas.csv",
        ["area_code", "name_fi", "name_sv", "name_en", "member_code"],
    )
    region_members: dict[str, list[str]] = {}
    for r in coordinators.to_dict("records"):
        if r["member_code"] not in found.munis:
            raise ReferenceError(
                f"{reference_dir / 'coordinator_areas.csv'}: unknown region {r['member_code']}"
            )
        found.add(
            r["area_code"], "coordinator_area", r["name_fi"], r["name_sv"], r["name_en"], "SSS"
        )
        found.munis[r["area_code"]] |= found.munis[r["member_code"]]
        region_members.setdefault(r["area_code"], []).append(r["member_code"])
    return region_members


def _area_table(found: _AreaRows, region_members: dict[str, list[str]]) -> pd.DataFrame:
    """The area rows sorted by level and code, with the parents only known at the end."""
    table = pd.DataFrame(found.rows, columns=AREA_COLUMNS)
    # A region's parent is its coordinator area; an employment area's its region when it has one.
    coordinator_of = {m: a for a, ms in region_members.items() for m in ms}
    regions = {c: s for c, s in found.munis.items() if c.startswith("MK")}
    for i, r in table.iterrows():
        if r.level == "region":
            table.at[i, "parent_code"] = coordinator_of.get(r.area_code, "SSS")
        elif r.level == "employment_area":
            inside = [mk for mk, s in regions.items() if found.munis[r.area_code] <= s]
            table.at[i, "parent_code"] = inside[0] if inside else "SSS"
    table["level_rank"] = table["level"].map({lv: i for i, lv in enumerate(LEVELS)})
    table = table.sort_values(["level_rank", "area_code"]).drop(columns="level_rank")
    return table.reset_index(drop=True)


def aggregation_members(areas: Areas, present: set[str]) -> dict[str, list[str]]:
    """For every area a table does not publish, the published areas that add up to it exactly.

    Tries regions first, then sub-regions, then municipalities, so a sum uses as few members as
    possible. An area that no published level covers exactly is left out. A municipality merged
    since into a member (Pertunmaa into Mäntyharju, 2025) may be missing: a table published after
    the merger has no row for it, and its successor's figure includes it.
    """
    level_of = dict(zip(areas.table.area_code, areas.table.level, strict=True))
    result: dict[str, list[str]] = {}
    for area, target in areas.municipalities.items():
        if area in present or not target:
            continue
        for level in ("region", "sub_region", "municipality"):
            members = [
                c for c in present if level_of.get(c) == level and areas.municipalities[c] <= target
            ]
            if not members:
                continue
            covered = frozenset().union(*(areas.municipalities[m] for m in members))
            covered |= {m for m in target if areas.successors.get(m) in covered}
            if covered == target:
                result[area] = sorted(members)
                break
    return result


def merged_away(areas: Areas, members: list[str]) -> set[str]:
    """The members merged since into another member: their successor's figure includes them.

    An answer after the merger lacks the old municipality, and the sum is complete without it.
    """
    inside = set(members)
    return {m for m in members if areas.successors.get(m) in inside}


def unallocated_areas(reference_dir: Path = paths.REFERENCE) -> pd.DataFrame:
    """Area codes StatFin publishes outside the classifications, with names in fi, sv and en."""
    return read_csv(
        reference_dir / "unallocated_areas.csv", ["area_code", "name_fi", "name_sv", "name_en"]
    )


def add_unallocated(areas: Areas, rows: pd.DataFrame) -> None:
    """Append areas of the level ``unallocated`` (under the country, with no members)."""
    if rows.empty:
        return
    extra = rows[["area_code", "name_fi", "name_sv", "name_en"]].assign(
        level=UNALLOCATED, parent_code="SSS"
    )[AREA_COLUMNS]
    areas.table = pd.concat([areas.table, extra], ignore_index=True)


# The columns of classifications/occupations_aml2010.csv (the mirror's, and what the fetch writes).
OCCUPATION_KEY_COLUMNS = [
    "code",
    "kind",
    "label_fi_statfin_table",
    "label_fi_esco",
    "label_sv_esco",
    "label_en_isco08",
    "code_1d",
    "label_1d_fi",
    "label_1d_sv",
    "label_1d_en",
    "code_2d",
    "label_2d_fi",
    "label_2d_en",
    "code_3d",
    "label_3d_fi",
    "label_3d_en",
]


def build_occupations(raw_dir: Path, reference_dir: Path = paths.REFERENCE) -> pd.DataFrame:
    """Occupation codes at levels 1–4 (AML2010 / ISCO-08), the X classes (level 9) and SSS."""
    cls = raw_dir / "classifications"
    aml = read_csv(cls / "occupations_aml2010.csv", OCCUPATION_KEY_COLUMNS)
    isco_path = cls / "isco08_groups_fi_sv_en.csv"
    isco_sv = {}
    if isco_path.is_file():
        isco = read_csv(isco_path, ["code", "label_sv"])
        isco_sv = dict(zip(isco.code, isco.label_sv, strict=True))
    rows: dict[str, tuple] = {}
    for r in aml[aml.kind == "aml2010_4digit"].to_dict("records"):
        rows[r["code_1d"]] = (
            r["code_1d"],
            1,
            "SSS",
            r["label_1d_fi"],
            r["label_1d_sv"],
            r["label_1d_en"],
        )
        rows[r["code_2d"]] = (
            r["code_2d"],
            2,
            r["code_1d"],
            r["label_2d_fi"],
            isco_sv.get(r["code_2d"]),
            r["label_2d_en"],
        )
        rows[r["code_3d"]] = (
            r["code_3d"],
            3,
            r["code_2d"],
            r["label_3d_fi"],
            isco_sv.get(r["code_3d"]),
            r["label_3d_en"],
        )
        rows[r["code"]] = (
            r["code"],
            4,
            r["code_3d"],
            r["label_fi_statfin_table"],
            r["label_sv_esco"],
            r["label_en_isco08"],
        )
    extra = read_csv(
        reference_dir / "occupation_x_classes.csv",
        ["occupation_code", "name_fi", "name_sv", "name_en"],
    )
    for r in extra.to_dict("records"):
        code = r["occupation_code"]
        level, parent = (0, None) if code == "SSS" else (9, "SSS")
        rows[code] = (code, level, parent, r["name_fi"], r["name_sv"], r["name_en"])
    frame = pd.DataFrame(
        list(rows.values()),
        columns=["occupation_code", "level", "parent_code", "name_fi", "name_sv", "name_en"],
    )
    frame = frame.replace({"": None})
    return frame.sort_values(["level", "occupation_code"]).reset_index(drop=True)


def build_industries(reference_dir: Path = paths.REFERENCE) -> pd.DataFrame:
    """TOL 2008 sections and the section groups the Labour Force Survey tables use."""
    frame = read_csv(
        reference_dir / "industries.csv", ["industry_code", "name_fi", "name_sv", "name_en"]
    )
    frame["level"] = [0 if c == "SSS" else 1 for c in frame.industry_code]
    frame["parent_code"] = [None if c == "SSS" else "SSS" for c in frame.industry_code]
    return frame[["industry_code", "level", "parent_code", "name_fi", "name_sv", "name_en"]]


def build_measures(reference_dir: Path = paths.REFERENCE) -> pd.DataFrame:
    frame = read_csv(
        reference_dir / "measures.csv",
        [
            "measure",
            "name_fi",
            "name_sv",
            "name_en",
            "unit",
            "derived",
            "description_fi",
            "description_sv",
            "description_en",
        ],
    )
    frame["derived"] = frame["derived"].str.lower().eq("true")
    return frame


AGE_PATTERN = re.compile(r"^(\d+)-(\d*)$")


def age_group_row(code: str) -> tuple[str, int | None, int | None, str, str, str]:
    """Name an age-group code in three languages: ``55-64``, ``50-`` (open upward) or ``SSS``."""
    if code == "SSS":
        return (code, None, None, "Kaikki ikäryhmät", "Alla åldrar", "All ages")
    match = AGE_PATTERN.match(code)
    if not match:
        raise ReferenceError(f"age group {code!r} is not of the form lo-hi, lo- or SSS")
    lo, hi = int(match.group(1)), match.group(2)
    if hi:
        return (code, lo, int(hi), f"{lo}–{hi}-vuotiaat", f"{lo}–{hi} år", f"Aged {lo}–{hi}")
    return (code, lo, None, f"{lo} vuotta täyttäneet", f"{lo} år och äldre", f"Aged {lo} and over")


def build_age_groups(codes: set[str]) -> pd.DataFrame:
    rows = [age_group_row(c) for c in sorted(codes | {"SSS"}, key=_age_sort_key)]
    return pd.DataFrame(
        rows, columns=["age_group", "min_age", "max_age", "name_fi", "name_sv", "name_en"]
    )


def _age_sort_key(code: str) -> tuple[int, int]:
    if code == "SSS":
        return (-1, 0)
    lo, _, hi = code.partition("-")
    return (int(lo), int(hi) if hi else 999)


def normalise_age(code: str) -> str:
    """``'15 - 19'`` → ``'15-19'``, ``'65 - '`` and ``'65+'`` → ``'65-'``; ``SSS`` unchanged."""
    return re.sub(r"\+$", "-", re.sub(r"\s+", "", code).replace("–", "-"))


def is_age_dimension(codes: list[str]) -> bool:
    """Whether a dimension's codes are age groups (``55-59``, ``65-``, with or without ``SSS``)."""
    normal = [normalise_age(c) for c in codes]
    groups = [c for c in normal if c != "SSS"]
    return bool(groups) and all(AGE_PATTERN.match(c) for c in groups)


def age_chain(codes: set[str], start: int = 55) -> list[str] | None:
    """Age groups that tile ``start``- exactly (``55-59``, ``60-64``, ``65-``), fewest parts first.

    None when the groups do not reach from ``start`` to an open upper end without a gap; the sum
    of such a chain is the open group ``start-`` (55+ from five-year groups, whatever the table).
    """
    spans = {}
    for code in codes:
        match = AGE_PATTERN.match(code)
        if match and int(match.group(1)) >= start:
            spans[code] = (int(match.group(1)), int(match.group(2)) if match.group(2) else None)
    # Breadth first, so the first chains that reach an open end are the ones with fewest parts.
    chains: list[list[str]] = [[c] for c, (lo, _) in spans.items() if lo == start]
    while chains:
        done = sorted(c for c in chains if spans[c[-1]][1] is None and len(c) > 1)
        if done:
            return done[0]
        chains = [
            [*chain, code]
            for chain in chains
            if spans[chain[-1]][1] is not None
            for code, (lo, _) in spans.items()
            if lo == spans[chain[-1]][1] + 1
        ]
    return None
