"""The fields of the databank's entries and the rules a write must pass.

Three kinds of entry, each a flat set of fields (CONTRACT.md section 2b):

- ``project``: the ``hankkeet`` sheet's facts (and the EURA export's), with its areas, target
  groups and themes as lists;
- ``practice``: a result or good practice, with Innokylä's structure: title, basic idea
  (``description_fi``), target group, operating environment, how to adopt, resources, evidence
  and evaluation, contact;
- ``report``: one indicator report (cumulative to the end of a reporting period).

Rules: the workbook check's own row readers (``kohtaanto.projects.workbook``) run on every
write, so a form and a workbook are judged alike, with the same messages: required fields,
codes, dates, non-negative numbers. On top of them, text safety: control characters dropped,
lengths limited, links kept only when they are ``http(s)``. Text stays text: nothing here
renders or escapes it (the pages show it as text), so ``<script>`` is stored as typed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from kohtaanto.projects import workbook
from kohtaanto.projects.workbook import Context, Issue, ProjectsError

PROJECT = "project"
PRACTICE = "practice"
REPORT = "report"
KINDS = (PROJECT, PRACTICE, REPORT)
SHEETS = {PROJECT: "hankkeet", PRACTICE: "tulokset", REPORT: "indikaattorit"}

# Field types
CODE, TEXT, LONG, URL, DATE, NUMBER, BOOL, LIST = (
    "code",
    "text",
    "long",
    "url",
    "date",
    "number",
    "bool",
    "list",
)
LIMITS = {CODE: 64, TEXT: 500, LONG: 10_000, URL: 2_000}
MAX_LIST = 50  # items in a list field

FIELDS: dict[str, dict[str, str]] = {
    PROJECT: {
        "project_code": CODE,
        "name_fi": TEXT,
        "name_sv": TEXT,
        "name_en": TEXT,
        "implementer": TEXT,
        "business_id": CODE,
        "fund": TEXT,
        "programme_period": TEXT,
        "specific_objective": TEXT,
        "funding_authority": TEXT,
        "status": TEXT,
        "start_date": DATE,
        "end_date": DATE,
        "planned_eu_state_eur": NUMBER,
        "realised_eu_state_eur": NUMBER,
        "planned_total_eur": NUMBER,
        "in_theme": BOOL,
        "summary_fi": LONG,
        "url": URL,
        "source": CODE,
        "areas": LIST,
        "target_groups": LIST,
        "themes": LIST,
    },
    PRACTICE: {
        "practice_id": CODE,
        "project_code": CODE,
        "kind": CODE,
        "title_fi": TEXT,
        "title_sv": TEXT,
        "title_en": TEXT,
        "description_fi": LONG,  # the basic idea (perusajatus)
        "target_fi": LONG,  # target group (kohderyhmä)
        "environment_fi": LONG,  # operating environment (toimintaympäristö)
        "adoption_fi": LONG,  # how another organisation adopts it (käyttöönotto)
        "resources_fi": LONG,  # resources needed (resurssit)
        "evidence_fi": LONG,  # evidence and evaluation (näyttö ja arviointi)
        "contact_fi": TEXT,  # contact (yhteystiedot)
        "url": URL,
        "published": DATE,
    },
    REPORT: {
        "project_code": CODE,
        "period_end": DATE,
        "indicator": CODE,
        "sex": CODE,
        "target": NUMBER,
        "achieved": NUMBER,
        "source": TEXT,
    },
}

# The workbook's column for each field it has (the rest are the store's own).
WORKBOOK_FIELDS: dict[str, dict[str, str]] = {
    PROJECT: {
        "hankekoodi": "project_code",
        "nimi_fi": "name_fi",
        "nimi_sv": "name_sv",
        "nimi_en": "name_en",
        "toteuttaja": "implementer",
        "y_tunnus": "business_id",
        "rahasto": "fund",
        "ohjelmakausi": "programme_period",
        "erityistavoite": "specific_objective",
        "alkaa": "start_date",
        "päättyy": "end_date",
        "alueet": "areas",
        "teemat": "themes",
        "kohderyhmät": "target_groups",
        "kohtaanto_teema": "in_theme",
        "suunniteltu_eu_valtio_eur": "planned_eu_state_eur",
        "toteutunut_eu_valtio_eur": "realised_eu_state_eur",
        "suunniteltu_kokonais_eur": "planned_total_eur",
        "osoite": "url",
        "tiivistelmä_fi": "summary_fi",
    },
    PRACTICE: {
        "hankekoodi": "project_code",
        "tyyppi": "kind",
        "otsikko_fi": "title_fi",
        "otsikko_sv": "title_sv",
        "otsikko_en": "title_en",
        "kuvaus_fi": "description_fi",
        "käyttöönotto_fi": "adoption_fi",
        "näyttö_fi": "evidence_fi",
        "osoite": "url",
        "julkaistu": "published",
    },
    REPORT: {
        "hankekoodi": "project_code",
        "kausi_päättyy": "period_end",
        "indikaattori": "indicator",
        "sukupuoli": "sex",
        "tavoite": "target",
        "toteuma": "achieved",
    },
}
# Columns the store's workbook (an export) adds to the sheets for the fields the coordination's
# workbook does not have; the workbook reader ignores them.
EXTRA_COLUMNS: dict[str, dict[str, str]] = {
    PROJECT: {"rahoittava_viranomainen": "funding_authority", "tila": "status"},
    PRACTICE: {
        "tunnus": "practice_id",
        "kohderyhmä_fi": "target_fi",
        "toimintaympäristö_fi": "environment_fi",
        "resurssit_fi": "resources_fi",
        "yhteystiedot_fi": "contact_fi",
    },
    REPORT: {},
}
_READERS = {
    PROJECT: workbook._project_row,
    PRACTICE: workbook._practice_row,
    REPORT: workbook._report_row,
}

# C0 and C1 control characters but tab and newline, and the bidirectional overrides that make
# text read differently from what it holds.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class ValidationError(ProjectsError):
    """A write's fields break the rules; ``issues`` name the field (``column``) and the
    problem, in the workbook check's words."""

    @property
    def fields(self) -> dict[str, list[str]]:
        """Messages by field, for a form."""
        out: dict[str, list[str]] = {}
        for issue in self.issues:
            out.setdefault(issue.column or "", []).append(issue.message)
        return out


def clean_text(value: Any, limit: int) -> str | None:
    """Text as stored: newlines made ``\\n``, control characters dropped, stripped; None when
    empty; ValueError over ``limit`` characters."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text).strip()
    if not text:
        return None
    if len(text) > limit:
        raise ValueError(f"{len(text):,} characters, over the limit of {limit:,}")
    return text


def clean_url(value: Any) -> str | None:
    """A link kept only when it is an ``http(s)`` address with a host; ValueError otherwise."""
    text = clean_text(value, LIMITS[URL])
    if text is None:
        return None
    bad = ValueError(f"{text[:80]!r} is not an http(s) address (only http:// and https:// links)")
    if any(ch.isspace() for ch in text) or any(ch in text for ch in "\"'<>`\\"):
        raise bad
    try:
        parts = urlsplit(text)
    except ValueError:
        raise bad from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise bad
    return text


def _cell(kind: str, value: Any) -> Any:
    """A field's value as the workbook reader expects its cell."""
    if kind == LIST:
        return ", ".join(str(v) for v in value) if value else None
    if kind == BOOL:
        return None if value is None else ("kyllä" if value else "ei")
    return value


def _stored(kind: str, value: Any) -> Any:
    """A value as the store keeps it in JSON."""
    if kind == DATE:
        return value.isoformat() if isinstance(value, dt.date) else value
    if kind == NUMBER:
        return None if value is None else float(value)
    if kind == BOOL:
        return bool(value)
    if kind == LIST:
        return list(value or [])
    return value


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    items = workbook.split_list(value) if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise ValueError(f"{value!r} is not a list")
    out = []
    for item in items:
        text = clean_text(item, LIMITS[TEXT])
        if text is not None and re.search(r"[,;]", text):
            raise ValueError(f"{text[:80]!r}: an item may not hold a comma or a semicolon")
        if text is not None and text not in out:
            out.append(text)
    if len(out) > MAX_LIST:
        raise ValueError(f"{len(out)} items, over the limit of {MAX_LIST}")
    return out


def _pre_clean(kind: str, fields: dict[str, Any], issues: list[Issue]) -> dict[str, Any]:
    """Text safety on the raw values, before the workbook's rules see them."""
    sheet = SHEETS[kind]
    out: dict[str, Any] = {}
    for name, ftype in FIELDS[kind].items():
        value = fields.get(name)
        try:
            if ftype in LIMITS and ftype != URL:
                value = clean_text(value, LIMITS[ftype])
            elif ftype == URL:
                value = clean_url(value)
            elif ftype == LIST:
                value = _list(value)
            elif ftype == BOOL:
                value = None if value is None else bool(value)
        except ValueError as exc:
            issues.append(Issue("", str(exc), sheet, None, name))
            value = None
        out[name] = value
    unknown = sorted(set(fields) - set(FIELDS[kind]))
    for name in unknown:
        issues.append(Issue("", "not a field of this entry", sheet, None, name))
    return out


def safe(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Only the text-safety rules (lengths, control characters, links), for an earlier
    version read back from a backup; ValidationError otherwise."""
    issues: list[Issue] = []
    clean = _pre_clean(kind, fields, issues)
    if issues:
        raise ValidationError(issues)
    return {name: _stored(ftype, clean[name]) for name, ftype in FIELDS[kind].items()}


def validate(kind: str, fields: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """The fields as stored (every field of the kind, in order, JSON-ready), or
    ValidationError with every problem."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    issues: list[Issue] = []
    clean = _pre_clean(kind, fields, issues)
    sheet = SHEETS[kind]
    columns = WORKBOOK_FIELDS[kind]
    headers = list(columns)
    values = [_cell(FIELDS[kind][columns[h]], clean[columns[h]]) for h in headers]
    found: list[Issue] = []
    row = _READERS[kind](
        values, {h: i for i, h in enumerate(headers)}, ctx, Issue("", "", sheet), found
    )
    by_column = {h: f for h, f in columns.items()}
    issues += [
        Issue("", i.message, sheet, None, by_column.get(i.column or "", i.column)) for i in found
    ]
    if issues:
        raise ValidationError(issues)
    assert row is not None
    out: dict[str, Any] = {}
    for name, ftype in FIELDS[kind].items():
        value = row[name] if name in row and name in columns.values() else clean[name]
        out[name] = _stored(ftype, value)
    if kind in (PROJECT, REPORT):
        out["source"] = clean["source"] or "app"
    return out


def entry_key(kind: str, fields: dict[str, Any]) -> str:
    """An entry's key: the project code, the practice id, or a report's project, period end,
    indicator and sex."""
    if kind == PROJECT:
        return fields["project_code"]
    if kind == PRACTICE:
        return fields["practice_id"]
    return "|".join(str(fields[k]) for k in ("project_code", "period_end", "indicator", "sex"))


# Fields fixed once an entry exists: they make its key or tie it to its project.
FIXED = {
    PROJECT: ("project_code",),
    PRACTICE: ("practice_id", "project_code"),
    REPORT: ("project_code", "period_end", "indicator", "sex"),
}
