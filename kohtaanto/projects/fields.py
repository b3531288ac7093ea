"""The fields of the databank's entries and the rules a write must pass.

Three kinds of entry, each a flat set of fields (CONTRACT.md section 2b):

- ``project``: the ``hankkeet`` sheet's facts (and the EURA export's), with its areas, target
  groups and themes as lists;
- ``practice``: a result or good practice, with Innokylä's structure: title, basic idea
  (``description_fi``), target group, operating environment, how to adopt, resources, evidence
  and evaluation, contact;
- ``report``: one indicator report (cumulative to the end of a reporting period).

Rules: the workbook check's own rules (``kohtaanto.projects.validate``: ``parse_project``,
``parse_practice``, ``parse_report``) run on every write, so a form and a workbook are judged
alike, with the same messages (codes of ``kohtaanto.projects.issues``, rendered in the
reader's language): required fields, codes, dates, non-negative numbers, links, lengths. The
store's own fields (a practice's Innokylä texts, the EURA facts) take validate.py's converters.
On top of them, text safety: control characters and bidirectional overrides dropped, list items
without separators, no unknown field. Text stays text: nothing here renders or escapes it (the
pages show it as text), so ``<script>`` is stored as typed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kohtaanto.projects import validate as V
from kohtaanto.projects.issues import CellError, Issue, ProjectsError, issue, message
from kohtaanto.projects.validate import Context

__all__ = ["Context", "ValidationError"]

PROJECT = "project"
PRACTICE = "practice"
REPORT = "report"
KINDS = (PROJECT, PRACTICE, REPORT)
SHEETS = {PROJECT: "hankkeet", PRACTICE: "tulokset", REPORT: "indikaattorit"}

# Field types
CODE, KEY, TEXT, LONG, URL, DATE, NUMBER, BOOL, LIST = (
    "code",
    "key",
    "text",
    "long",
    "url",
    "date",
    "number",
    "bool",
    "list",
)
# The workbook check's limits (validate.py); a result's id is its project's code and a number.
LIMITS = {
    CODE: V.MAX_CODE,
    KEY: V.MAX_CODE + 10,
    TEXT: V.MAX_SHORT,
    LONG: V.MAX_LONG,
    URL: V.MAX_LINK,
}
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
        "practice_id": KEY,
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
# Each kind's rules (the workbook check's), by the workbook's column names.
_PARSERS = {PROJECT: V.parse_project, PRACTICE: V.parse_practice, REPORT: V.parse_report}

# C0 and C1 control characters but tab and newline, and the bidirectional overrides that make
# text read differently from what it holds.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class ValidationError(ProjectsError):
    """A write's fields break the rules; ``issues`` name the field (``column``) and carry the
    message's code, as the workbook check's do."""

    def fields(self, lang: str = "en") -> dict[str, list[str]]:
        """Messages by field in ``lang``, for a form (``""``: the entry as a whole)."""
        out: dict[str, list[str]] = {}
        for found in self.issues:
            out.setdefault(found.column or "", []).append(message(found.code, lang, found.values))
        return out


def clean_text(value: Any, limit: int) -> str | None:
    """Text as stored: newlines made ``\\n``, control characters dropped, stripped; None when
    empty; CellError (``too_long``) over ``limit`` characters."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text).strip()
    if not text:
        return None
    if len(text) > limit:
        raise CellError("too_long", length=len(text), limit=limit)
    return text


def clean_url(value: Any) -> str | None:
    """A link kept only when it is an ``http(s)`` address with a host (validate.link);
    CellError (``bad_link``, ``too_long``) otherwise."""
    return V.link(clean_text(value, LIMITS[URL]))


def _cell(ftype: str, value: Any) -> Any:
    """A field's value as the workbook's rules expect its cell."""
    if ftype == LIST:
        return ", ".join(str(v) for v in value) if value else None
    if ftype == BOOL and isinstance(value, bool):
        return "kyllä" if value else "ei"
    return value


def _stored(ftype: str, value: Any) -> Any:
    """A value as the store keeps it in JSON."""
    if ftype == DATE:
        return value.isoformat() if isinstance(value, dt.date) else value
    if ftype == NUMBER:
        return None if value is None else float(value)
    if ftype == BOOL:
        return bool(value)
    if ftype == LIST:
        return list(value or [])
    return value


def _list(value: Any) -> list[str]:
    """A list field's items, each clean text without a separator; CellError otherwise."""
    if value is None:
        return []
    items = V.split_list(clean_text(value, LIMITS[LONG])) if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise CellError("not_a_list", value=V.typed(value)[:80])
    out: list[str] = []
    for item in items:
        text = clean_text(item, LIMITS[TEXT])
        if text is not None and re.search(r"[,;]", text):
            raise CellError("list_item_separator", value=text[:80])
        if text is not None and text not in out:
            out.append(text)
    if len(out) > MAX_LIST:
        raise CellError("too_many_items", count=len(out), limit=MAX_LIST)
    return out


def _pre_clean(kind: str, fields: dict[str, Any], issues: list[Issue]) -> dict[str, Any]:
    """Text safety on the raw values before the workbook's rules see them; the store's own
    fields (those no workbook column has) also get their length here."""
    out: dict[str, Any] = {}
    in_workbook = set(WORKBOOK_FIELDS[kind].values())
    for name, ftype in FIELDS[kind].items():
        value = fields.get(name)
        try:
            if ftype in LIMITS:
                # A workbook field's length is the rules' to judge; this is a ceiling.
                limit = LIMITS[ftype] if name not in in_workbook else 1_000_000
                value = clean_text(value, limit)
                if ftype == URL and name not in in_workbook:
                    value = V.link(value)
            elif ftype == LIST:
                value = _list(value)
            elif ftype == BOOL and value is not None and not isinstance(value, str):
                value = bool(value)
        except CellError as exc:
            issues.append(Issue(exc.code, column=name, values=tuple(exc.values.items())))
            value = None
        out[name] = value
    for name in sorted(set(fields) - set(FIELDS[kind])):
        issues.append(issue("not_a_field", name[:80]))
    return out


def safe(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Only the text-safety rules (lengths, control characters, links), for an earlier
    version read back from a backup; ValidationError otherwise."""
    issues: list[Issue] = []
    clean = _pre_clean(kind, fields, issues)
    for name, ftype in FIELDS[kind].items():
        if ftype in LIMITS and clean[name] is not None:
            try:
                clean[name] = clean_text(clean[name], LIMITS[ftype])
                if ftype == URL:
                    clean[name] = V.link(clean[name])
            except CellError as exc:
                issues.append(Issue(exc.code, column=name, values=tuple(exc.values.items())))
    if issues:
        raise ValidationError(issues)
    return {name: _stored(ftype, clean[name]) for name, ftype in FIELDS[kind].items()}


def validate(kind: str, fields: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """The fields as stored (every field of the kind, in order, JSON-ready), or
    ValidationError with every problem, each on its field."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    issues: list[Issue] = []
    clean = _pre_clean(kind, fields, issues)
    columns = WORKBOOK_FIELDS[kind]
    cells = {column: _cell(FIELDS[kind][name], clean[name]) for column, name in columns.items()}
    row, found = _PARSERS[kind](cells, ctx)
    flagged = {i.column for i in issues}
    for i in found:
        name = columns.get(i.column or "", i.column)
        if name not in flagged:  # a value made empty by the text-safety rules said so already
            issues.append(Issue(i.code, column=name, values=i.values))
    if issues:
        raise ValidationError(issues)
    out: dict[str, Any] = {}
    in_workbook = set(columns.values())
    for name, ftype in FIELDS[kind].items():
        value = row[name] if name in in_workbook else clean[name]
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
