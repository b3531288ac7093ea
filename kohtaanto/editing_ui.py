"""Editing the databank in the app: forms for a project's facts, its results and good practices
(Innokylä's structure) and its indicator reports; drafts, publishing, every version with who and
when, restoring an earlier one, and the message when two people edit the same entry.

Only a signed-in person whom the store lets edit an entry ever gets its forms, drafts and
history: a signed-out session is sent none of it. Every write goes to the store with the
address from ``st.user`` (``kohtaanto.signin``), never a value from a widget or the URL, and the
store checks the roles file at that moment. Input is checked by the workbook check's rules, with
its messages in the page's language, under each field; the person's own text stays in the form
whatever happens (a refusal, a conflict, a store that cannot be reached).

Text people wrote is shown as text (``st.text``, table cells), never as Markdown or HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from kohtaanto import databank_live, fmt, signin
from kohtaanto.i18n import t
from kohtaanto.projects import fields as F
from kohtaanto.projects import validate as V
from kohtaanto.projects.issues import message
from kohtaanto.projects.store import ConflictError, PermissionDenied, StoreError
from kohtaanto.projects.versions import Entry, Version, diff

# Widget kinds
TEXT, LONG, CHOICE, MULTI, CHECK = "text", "long", "choice", "multi", "check"


@dataclass(frozen=True)
class Field:
    """One field of a form: the store's field, its widget and the widget's key."""

    name: str
    widget: str
    key: str
    options: tuple[str, ...] = ()


FORMS: dict[str, tuple[Field, ...]] = {
    F.PRACTICE: (
        Field("kind", CHOICE, "practice_kind", V.PRACTICE_KINDS),
        Field("title_fi", TEXT, "practice_title_fi"),
        Field("description_fi", LONG, "practice_idea_fi"),
        Field("target_fi", LONG, "practice_target_fi"),
        Field("environment_fi", LONG, "practice_environment_fi"),
        Field("adoption_fi", LONG, "practice_adoption_fi"),
        Field("resources_fi", LONG, "practice_resources_fi"),
        Field("evidence_fi", LONG, "practice_evidence_fi"),
        Field("contact_fi", TEXT, "practice_contact_fi"),
        Field("url", TEXT, "practice_url"),
        Field("title_sv", TEXT, "practice_title_sv"),
        Field("title_en", TEXT, "practice_title_en"),
    ),
    F.PROJECT: (
        Field("project_code", TEXT, "project_project_code"),
        Field("name_fi", TEXT, "project_name_fi"),
        Field("name_sv", TEXT, "project_name_sv"),
        Field("name_en", TEXT, "project_name_en"),
        Field("implementer", TEXT, "project_implementer"),
        Field("business_id", TEXT, "project_business_id"),
        Field("fund", TEXT, "project_fund"),
        Field("programme_period", CHOICE, "project_programme_period", ("", *V.PERIODS)),
        Field("specific_objective", TEXT, "project_specific_objective"),
        Field("start_date", TEXT, "project_start_date"),
        Field("end_date", TEXT, "project_end_date"),
        Field("areas", TEXT, "project_areas"),
        Field("target_groups", MULTI, "project_target_groups", V.TARGET_GROUPS),
        Field("themes", TEXT, "project_themes"),
        Field("in_theme", CHECK, "project_in_theme"),
        Field("planned_eu_state_eur", TEXT, "project_planned_eu_state_eur"),
        Field("realised_eu_state_eur", TEXT, "project_realised_eu_state_eur"),
        Field("planned_total_eur", TEXT, "project_planned_total_eur"),
        Field("url", TEXT, "project_url"),
        Field("summary_fi", LONG, "project_summary_fi"),
    ),
    F.REPORT: (
        Field("period_end", TEXT, "report_period_end"),
        Field("indicator", TEXT, "report_indicator"),
        Field("sex", CHOICE, "report_sex", V.SEXES),
        Field("target", TEXT, "report_target"),
        Field("achieved", TEXT, "report_achieved"),
    ),
}
# Fields a form shows but may not change once the entry exists (its key).
LOCKED = {
    F.PROJECT: {"project_code"},
    F.PRACTICE: set(),
    F.REPORT: {"period_end", "indicator", "sex"},
}
PREFIX = {F.PRACTICE: "practice", F.PROJECT: "project", F.REPORT: "report"}
MAX_CHARS = {F.TEXT: V.MAX_SHORT, F.LONG: V.MAX_LONG, F.URL: V.MAX_LINK, F.CODE: V.MAX_CODE}

EDIT = "edit_entry"  # session state: the open form {kind, key, base, project}
MESSAGES = "edit_messages"  # session state: (level, text) shown above the form
ERRORS = "edit_errors"  # session state: {field: [messages]}
CONFLICT = "edit_conflict"  # session state: the refused save's Conflict
HISTORY = "edit_history"  # session state: the history of the open entry is shown


def _label(kind: str, name: str, lang: str) -> str:
    return t(f"edit.field_{kind}_{name}", lang)


def field_label(kind: str, name: str, lang: str) -> str:
    """A field's name for people (the store's field name for one the form does not show)."""
    if any(f.name == name for f in FORMS[kind]):
        return _label(kind, name, lang)
    return name


def _shown_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "✓" if value else "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _widget_value(f: Field, value: Any) -> Any:
    """A stored value as the form's widget holds it."""
    if f.widget == MULTI:
        return [v for v in (value or []) if v in f.options]
    if f.widget == CHECK:
        return bool(value)
    if f.widget == CHOICE:
        return value if value in f.options else f.options[0]
    return _shown_value(value)


def _field_value(f: Field, value: Any) -> Any:
    """A widget's value as the store's rules take it."""
    if f.widget in (MULTI, CHECK):
        return value
    text = str(value or "").strip()
    return text or None


# ---------------------------------------------------------------------------------------------
# Opening and submitting a form (callbacks: they run before the page, so that messages sit
# under their fields in the run that follows)


def open_form(
    kind: str, entry: Entry | None, project_code: str, defaults: dict | None = None
) -> None:
    """Fill the form of ``kind`` from ``entry`` (None: a new one) and show it."""
    values = dict(entry.fields) if entry is not None else {"project_code": project_code}
    values.update(defaults or {})
    for f in FORMS[kind]:
        st.session_state[f.key] = _widget_value(f, values.get(f.name))
    st.session_state[EDIT] = {
        "kind": kind,
        "key": entry.key if entry is not None else None,
        "base": entry.head if entry is not None else None,
        "project": project_code,
        "fixed": _kept(kind, values) if entry is not None else {},
    }
    st.session_state[ERRORS] = {}
    st.session_state[MESSAGES] = []
    st.session_state.pop(CONFLICT, None)
    st.session_state[HISTORY] = False


def _kept(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """What a save keeps of the entry as it was: its key fields, and the fields the form does
    not show (a project's source, say), so that an edit in the app loses none of them."""
    shown = {f.name for f in FORMS[kind]}
    return {k: v for k, v in values.items() if k in F.FIXED[kind] or k not in shown}


def close_form() -> None:
    for name in (EDIT, ERRORS, CONFLICT, MESSAGES):
        st.session_state.pop(name, None)
    st.session_state[HISTORY] = False


def _form_fields(kind: str, edit: dict) -> dict[str, Any]:
    out = {f.name: _field_value(f, st.session_state.get(f.key)) for f in FORMS[kind]}
    out["project_code"] = (
        edit["fixed"].get("project_code") or out.get("project_code") or edit["project"]
    )
    if kind == F.PRACTICE and edit["key"]:
        out["practice_id"] = edit["key"]
    out.update({k: v for k, v in edit["fixed"].items() if v is not None})
    return out


def _say(level: str, text: str) -> None:
    st.session_state.setdefault(MESSAGES, []).append((level, text))


def submit(action: str, lang: str, over: int | None = None) -> None:
    """Save the form as a draft (``save``) or publish it (``publish``), as the signed-in
    person; ``over``: the version a person chose to save over after a conflict."""
    edit = st.session_state.get(EDIT)
    if not edit:
        return
    kind = edit["kind"]
    st.session_state[ERRORS] = {}
    st.session_state[MESSAGES] = []
    base = over if over is not None else edit["base"]
    who = signin.email()  # the identity the provider signed, never a widget's value
    store = databank_live.store(create=True)
    if store is None:
        _say("error", t("check.msg.store_unavailable", lang))
        return
    fields = _form_fields(kind, edit)
    try:
        if action == "publish" and edit["key"] is not None:
            saved = store.publish(who, kind, edit["key"], base=base, fields=fields)
        else:
            saved = store.save(who, kind, fields, base=base, key=edit["key"])
            if action == "publish":
                saved = store.publish(who, kind, saved.key, base=saved.number)
    except F.ValidationError as exc:
        st.session_state[ERRORS] = exc.fields(lang)
        _say("error", t("edit.fix_fields", lang, n=len(exc.issues)))
        return
    except ConflictError as exc:
        st.session_state[CONFLICT] = exc.conflict
        _say("error", conflict_text(exc, kind, lang))
        return
    except PermissionDenied as exc:
        _say("error", exc.text(lang))
        return
    except StoreError as exc:
        _say("error", exc.text(lang))
        return
    st.session_state.pop(CONFLICT, None)
    edit.update(key=saved.key, base=saved.number, fixed=_kept(kind, saved.fields))
    for f in FORMS[kind]:
        st.session_state[f.key] = _widget_value(f, saved.fields.get(f.name))
    done = "edit.published" if saved.state == "published" else "edit.saved_draft"
    _say("success", t(done, lang, version=saved.number))


def conflict_text(exc: ConflictError, kind: str, lang: str) -> str:
    """The store's conflict message with the changed fields named as the form names them."""
    changed = [field_label(kind, c.field, lang) for c in exc.conflict.changes]
    return message(exc.code, lang, {**exc.values, "changed": changed or "–"})


def restore(number: int, lang: str, head: int | None = None) -> None:
    """A new draft with the fields of version ``number`` (published when the person may),
    over ``head``: the latest version the history showed (else the form's own)."""
    edit = st.session_state.get(EDIT)
    store = databank_live.store(create=True)
    if not edit or store is None or edit["key"] is None:
        return
    st.session_state[MESSAGES] = []
    try:
        base = head if head is not None else edit["base"]
        saved = store.restore(signin.email(), edit["kind"], edit["key"], number, base=base)
    except ConflictError as exc:
        st.session_state[CONFLICT] = exc.conflict
        _say("error", conflict_text(exc, edit["kind"], lang))
        return
    except StoreError as exc:
        _say("error", exc.text(lang))
        return
    edit["base"] = saved.number
    st.session_state.pop(CONFLICT, None)
    for f in FORMS[edit["kind"]]:
        st.session_state[f.key] = _widget_value(f, saved.fields.get(f.name))
    _say("success", t("edit.restored", lang, number=number, version=saved.number))


def remove(lang: str) -> None:
    """Take the open entry away from readers: a version in state ``removed``, restorable from
    the history (the area's coordinator or an admin; the store decides)."""
    edit = st.session_state.get(EDIT)
    store = databank_live.store(create=True)
    if not edit or store is None or edit["key"] is None:
        return
    st.session_state[MESSAGES] = []
    try:
        saved = store.remove(signin.email(), edit["kind"], edit["key"], base=edit["base"])
    except ConflictError as exc:
        st.session_state[CONFLICT] = exc.conflict
        _say("error", conflict_text(exc, edit["kind"], lang))
        return
    except StoreError as exc:
        _say("error", exc.text(lang))
        return
    edit["base"] = saved.number
    st.session_state.pop(CONFLICT, None)
    _say("success", t("edit.removed", lang, version=saved.number))


def toggle_history() -> None:
    st.session_state[HISTORY] = not st.session_state.get(HISTORY, False)


# ---------------------------------------------------------------------------------------------
# Showing


def _widget(f: Field, kind: str, lang: str, locked: bool) -> None:
    label = _label(kind, f.name, lang)
    help_text = t(f"edit.help_{kind}_{f.name}", lang) if f.name in HELP.get(kind, ()) else None
    ftype = F.FIELDS[kind].get(f.name)
    if f.widget == TEXT:
        st.text_input(
            label, key=f.key, disabled=locked, help=help_text, max_chars=MAX_CHARS.get(ftype)
        )
    elif f.widget == LONG:
        st.text_area(label, key=f.key, height=110, help=help_text, max_chars=V.MAX_LONG)
    elif f.widget == CHOICE:
        st.selectbox(
            label,
            f.options,
            key=f.key,
            disabled=locked,
            format_func=lambda v: _option(kind, f.name, v, lang),
        )
    elif f.widget == MULTI:
        st.multiselect(label, f.options, key=f.key, help=help_text)
    elif f.widget == CHECK:
        st.checkbox(label, key=f.key, help=help_text)
    for problem in st.session_state.get(ERRORS, {}).get(f.name, []):
        st.error(_sentence(problem), icon=":material/error:")


# Fields whose help text says what to enter.
HELP = {
    F.PROJECT: ("areas", "themes", "start_date", "end_date", "planned_eu_state_eur"),
    F.PRACTICE: ("description_fi", "adoption_fi", "evidence_fi", "url"),
    F.REPORT: ("period_end", "indicator", "target", "achieved"),
}


def _option(kind: str, name: str, value: str, lang: str) -> str:
    if name == "kind":
        return t(f"hankkeet.kind_{value}", lang)
    if name == "sex":
        return t(f"edit.sex_{value}", lang)
    return value or t("edit.none", lang)


def _sentence(text: str) -> str:
    """Capitalised, unless it starts with an e-mail address (a conflict names who saved)."""
    if "@" in text.split(" ", 1)[0]:
        return text
    return text[:1].upper() + text[1:]


def entry_form(lang: str, entry: Entry | None) -> None:
    """The open form (its kind's fields, save as draft, publish, history), with its messages,
    a conflict's changes field by field, and the entry's history when asked."""
    edit = st.session_state.get(EDIT)
    if not edit:
        return
    kind = edit["kind"]
    prefix = PREFIX[kind]
    title = "edit.form_new" if edit["key"] is None else "edit.form_edit"
    st.markdown(f"**{t(f'{title}_{kind}', lang, key=fmt.literal(edit['key'] or ''))}**")
    if edit["base"] is not None:
        st.caption(t("edit.based_on", lang, version=edit["base"]))
    publishable = entry.publishable if entry is not None else _may_publish_new(edit)
    with st.form(key=f"{prefix}_form", enter_to_submit=False, border=True):
        for f in FORMS[kind]:
            _widget(f, kind, lang, locked=edit["key"] is not None and f.name in LOCKED[kind])
        row = st.container(horizontal=True)
        with row:
            st.form_submit_button(
                t("edit.save", lang),
                key=f"{prefix}_save",
                icon=":material/save:",
                on_click=submit,
                args=("save", lang),
            )
            st.form_submit_button(
                t("edit.publish", lang),
                key=f"{prefix}_publish",
                icon=":material/publish:",
                type="primary",
                disabled=not publishable,
                help=None if publishable else t("edit.publish_only_coordinator", lang),
                on_click=submit,
                args=("publish", lang),
            )
    # Under the buttons, where the person looks after pressing one.
    for level, text in st.session_state.get(MESSAGES, []):
        (st.success if level == "success" else st.error)(
            _sentence(text),
            icon=":material/check_circle:" if level == "success" else ":material/error:",
        )
    conflict = st.session_state.get(CONFLICT)
    if conflict is not None:
        show_conflict(conflict, kind, lang)
    row = st.container(horizontal=True)
    if edit["key"] is not None:
        row.button(
            t("edit.history", lang),
            key=f"{prefix}_history",
            icon=":material/history:",
            on_click=toggle_history,
        )
    if edit["key"] is not None and publishable and (entry is None or entry.state != "removed"):
        row.button(
            t("edit.remove", lang),
            key=f"{prefix}_remove",
            icon=":material/visibility_off:",
            help=t("edit.remove_help", lang),
            on_click=remove,
            args=(lang,),
        )
    row.button(t("edit.close", lang), key=f"{prefix}_close", on_click=close_form)
    if st.session_state.get(HISTORY) and edit["key"] is not None:
        show_history(kind, edit, lang)


def _may_publish_new(edit: dict) -> bool:
    """A new entry: publishable by whoever may publish its project (the store decides)."""
    store = databank_live.store()
    if store is None:
        return False
    if edit["kind"] == F.PROJECT:
        return signin.person().role in ("admin", "coordinator")
    found = store.entry(signin.email(), F.PROJECT, edit["project"])
    return bool(found and found.publishable)


def show_conflict(conflict: Any, kind: str, lang: str) -> None:
    """What the other person changed, field by field (as text), and the way on."""
    rows = [
        {
            t("edit.col_field", lang): field_label(kind, c.field, lang),
            t("edit.col_before", lang): _shown_value(c.before),
            t("edit.col_theirs", lang): _shown_value(c.after),
        }
        for c in conflict.changes
    ]
    with st.container(border=True, key="edit_conflict_box"):
        st.markdown(f"**{t('edit.conflict_title', lang, version=conflict.head)}**")
        if rows:
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="edit_conflict")
        st.caption(t("edit.conflict_help", lang))
        st.button(
            t("edit.save_over", lang, version=conflict.head),
            key=f"{PREFIX[kind]}_save_over",
            on_click=submit,
            args=("save", lang, conflict.head),
        )


def show_history(kind: str, edit: dict, lang: str) -> None:
    """Every version (who, when, what changed), any one of them shown, and restored."""
    store = databank_live.store()
    try:
        versions = store.history(signin.email(), kind, edit["key"]) if store else []
    except StoreError as exc:
        st.error(_sentence(exc.text(lang)), icon=":material/error:")
        return
    rows = []
    previous: Version | None = None
    for v in versions:
        if previous is None:
            changed = [t("edit.new_entry", lang)]
        else:
            shown = {f.name for f in FORMS[kind]}
            changed = [
                field_label(kind, c.field, lang)
                for c in diff(previous.fields, v.fields)
                if c.field in shown or c.field not in F.FIXED[kind]
            ]
        rows.append(
            {
                t("edit.col_version", lang): v.number,
                t("edit.col_when", lang): fmt.moment(v.saved_at, lang),
                t("edit.col_who", lang): v.author or "",
                t("edit.col_state", lang): t(f"edit.state_{v.state}", lang),
                t("edit.col_action", lang): t(f"edit.action_{v.action}", lang)
                + (f" ({v.restored_from})" if v.restored_from else ""),
                t("edit.col_changed", lang): ", ".join(changed),
            }
        )
        previous = v
    with st.container(border=True, key="edit_history_box"):
        st.markdown(f"**{t('edit.history_title', lang, n=len(versions))}**")
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="edit_history_table")
        numbers = [v.number for v in versions]
        if not numbers:
            return
        chosen = st.selectbox(
            t("edit.show_version", lang),
            numbers,
            index=len(numbers) - 1,
            key=f"{PREFIX[kind]}_version",
        )
        version = next(v for v in versions if v.number == chosen)
        show_fields(kind, version.fields, lang)
        st.button(
            t("edit.restore", lang, number=chosen),
            key=f"{PREFIX[kind]}_restore",
            icon=":material/restore:",
            disabled=chosen == numbers[-1],  # the latest: nothing to restore
            on_click=restore,
            args=(chosen, lang, numbers[-1]),
        )


def show_fields(kind: str, fields: dict[str, Any], lang: str) -> None:
    """An entry's filled fields, each under its name, as text."""
    for f in FORMS[kind]:
        value = _shown_value(fields.get(f.name))
        if f.widget == CHOICE and f.name in ("kind", "sex") and value:
            value = _option(kind, f.name, value, lang)
        if value:
            st.caption(_label(kind, f.name, lang))
            st.text(value)


# ---------------------------------------------------------------------------------------------
# The editing area of a project card


def state_label(entry: Entry, lang: str) -> str:
    """Published, draft (never published) or a draft waiting over a published version."""
    if entry.state == "removed":
        return t("edit.state_removed", lang)
    if entry.has_draft and entry.public is not None:
        return t("edit.state_changed", lang)
    return t(f"edit.state_{entry.state}", lang)


def project_editing(code: str, lang: str) -> None:
    """For a signed-in person who may edit the project: its facts, results and practices, and
    reports as she sees them (drafts marked), each with its form."""
    who = signin.email()
    store = databank_live.store()
    if who is None or store is None:
        return
    try:
        mine = store.entries(who, project_code=code)
        project = store.entry(who, F.PROJECT, code)
    except StoreError as exc:
        st.error(_sentence(exc.text(lang)), icon=":material/error:")
        return
    edit = st.session_state.get(EDIT)
    if project is None or not project.editable:
        if edit and edit["project"] == code:
            # A form opened before her role was taken away: the refusal, and her text kept.
            entry_form(lang, None)
        return
    if edit and edit["project"] != code:
        edit = None  # a form of another project (or a new one, below the list) stays apart
    st.markdown(f"**{t('edit.title', lang)}**")
    st.caption(t("edit.lead", lang, state=state_label(project, lang)))
    row = st.container(horizontal=True)
    row.button(
        t("edit.edit_project", lang),
        key="project_edit",
        icon=":material/edit:",
        on_click=open_form,
        args=(F.PROJECT, project, code),
    )
    row.button(
        t("edit.new_practice", lang),
        key="practice_new",
        icon=":material/add:",
        on_click=open_form,
        args=(F.PRACTICE, None, code, {"kind": "hyvä_käytäntö"}),
    )
    row.button(
        t("edit.new_report", lang),
        key="report_new",
        icon=":material/add:",
        on_click=open_form,
        args=(F.REPORT, None, code, {"sex": "SSS"}),
    )
    for kind in (F.PRACTICE, F.REPORT):
        entries = [e for e in mine if e.kind == kind]
        if entries:
            _entry_list(kind, entries, code, lang)
    edit = st.session_state.get(EDIT)
    if edit and edit["project"] == code:
        current = next((e for e in mine if e.kind == edit["kind"] and e.key == edit["key"]), None)
        entry_form(lang, current if edit["key"] else None)


def _entry_list(kind: str, entries: list[Entry], code: str, lang: str) -> None:
    st.caption(t(f"edit.list_{kind}", lang, n=len(entries)))
    for entry in entries:
        row = st.container(horizontal=True, vertical_alignment="center")
        name = entry.fields.get("title_fi") if kind == F.PRACTICE else entry.key.replace("|", " · ")
        row.text(f"{name} · {state_label(entry, lang)}")
        row.button(
            t("edit.edit", lang),
            key=f"{PREFIX[kind]}_edit_{entry.key}",
            icon=":material/edit:",
            on_click=open_form,
            args=(kind, entry, code),
        )


def draft_projects(who: str | None) -> dict[str, str]:
    """The projects a signed-in person may edit that readers do not see yet (code -> name);
    nothing for a signed-out session."""
    store = databank_live.store() if who else None
    if store is None:
        return {}
    try:
        found = store.entries(who, kind=F.PROJECT)
    except StoreError:
        return {}
    return {
        e.key: e.fields.get("name_fi") or e.fields.get("name_en") or e.key
        for e in found
        if e.editable and e.public is None
    }


def draft_card(code: str, name: str, lang: str) -> None:
    """The card of a project only its editors see (it has no published version yet)."""
    st.subheader(t("hankkeet.card_title", lang, code=fmt.literal(code), name=fmt.literal(name)))
    st.caption(t("edit.draft_project", lang))


def _drafts(who: str, lang: str) -> None:
    """The person's entries waiting to be published, with links to their cards."""
    store = databank_live.store()
    if store is None:
        return
    try:
        waiting = [e for e in store.entries(who) if e.editable and e.has_draft]
    except StoreError:
        return
    if not waiting:
        return
    with st.expander(t("edit.drafts_title", lang, n=len(waiting)), key="edit_drafts"):
        rows = [
            {
                t("edit.col_kind", lang): t(f"edit.kind_{e.kind}", lang),
                t("edit.col_entry", lang): e.fields.get("title_fi")
                or e.fields.get("name_fi")
                or e.key,
                t("edit.col_project", lang): "hankkeet?" + _card_query(e.project_code, lang),
                t("edit.col_state", lang): state_label(e, lang),
                t("edit.col_when", lang): fmt.moment(e.version.saved_at, lang),
            }
            for e in waiting
        ]
        st.dataframe(
            pd.DataFrame(rows),
            hide_index=True,
            width="stretch",
            key="edit_drafts_table",
            column_config={
                t("edit.col_project", lang): st.column_config.LinkColumn(
                    display_text=r"project=([^&]+)"
                )
            },
        )


def _card_query(code: str, lang: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"project": code} | ({"lang": lang} if lang != "fi" else {}))


def page_tools(lang: str) -> None:
    """What a signed-in person with a role may do beyond one card: her drafts, a new project
    (coordinators and admins), and importing a workbook or EURA export into the store."""
    who = signin.person()
    if not who.signed_in or who.role == "reader":
        return
    _drafts(who.email or "", lang)
    if who.role not in ("admin", "coordinator"):
        return
    edit = st.session_state.get(EDIT)
    st.button(
        t("edit.new_project", lang),
        key="project_new",
        icon=":material/add:",
        on_click=open_form,
        args=(F.PROJECT, None, ""),
    )
    if edit and edit["kind"] == F.PROJECT and edit["project"] == "":
        store = databank_live.store()
        current = store.entry(who.email, F.PROJECT, edit["key"]) if store and edit["key"] else None
        entry_form(lang, current)
    import_section(lang)


def import_section(lang: str) -> None:
    """A workbook or EURA export into the store: upload, the workbook check, a preview of what
    changes, and confirm; nothing is written before the confirmation, and nothing at all when
    the databank changed in between."""
    from kohtaanto import projects_ui
    from kohtaanto.projects import store_import
    from kohtaanto.projects.issues import ProjectsError

    st.markdown(f"**{t('edit.import_title', lang)}**")
    st.caption(t("edit.import_lead", lang))
    upload = st.file_uploader(t("edit.import_upload", lang), type=None, key="import_upload")
    if upload is None:
        st.session_state.pop("import_plan", None)
        return
    store = databank_live.store(create=True)
    if store is None:
        st.error(_sentence(t("check.msg.store_unavailable", lang)), icon=":material/error:")
        return
    stamp = (upload.file_id, store.changes())
    held = st.session_state.get("import_plan")
    if held is None or held[0] != stamp:
        try:
            plan = store_import.plan(
                store, signin.email(), upload.getvalue(), upload.name, projects_ui.check_context()
            )
        except ProjectsError as exc:
            whole = [i for i in exc.issues if i.sheet is None]
            if whole:
                # The file as a whole (size, format, protection): one sentence each, as the
                # workbook check says it.
                for found in whole:
                    problem = message(found.code, lang, found.values)
                    text = t("hankkeet.check_unusable", lang, file=upload.name, problem=problem)
                    st.error(text, icon=":material/error:")
                return
            st.error(
                t("hankkeet.check_failed", lang, file=upload.name, n=len(exc.issues)),
                icon=":material/error:",
            )
            st.dataframe(
                projects_ui.issue_table(exc.issues, lang),
                hide_index=True,
                width="stretch",
                key="import_issues",
            )
            return
        except StoreError as exc:
            st.error(_sentence(exc.text(lang)), icon=":material/error:")
            return
        held = (stamp, plan)
        st.session_state["import_plan"] = held
    plan = held[1]
    new = sum(c.base is None for c in plan.changes)
    st.info(
        t(
            "edit.import_preview",
            lang,
            file=upload.name,
            new=new,
            changed=len(plan.changes) - new,
            unchanged=plan.unchanged,
        ),
        icon=":material/preview:",
    )
    if plan.changes:
        rows = [
            {
                t("edit.col_kind", lang): t(f"edit.kind_{c.kind}", lang),
                t("edit.col_entry", lang): c.key.replace("|", " · "),
                t("edit.col_changed", lang): t("edit.new_entry", lang)
                if c.base is None
                else ", ".join(field_label(c.kind, f, lang) for f in c.changed),
                t("edit.col_state", lang): t(f"edit.state_{c.state}", lang),
            }
            for c in plan.changes
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="import_preview")
    if not plan.changes:
        return
    if st.button(t("edit.import_confirm", lang), key="import_confirm", type="primary"):
        try:
            written = store_import.apply(store, signin.email(), plan)
        except StoreError as exc:
            st.error(_sentence(exc.text(lang)), icon=":material/error:")
            st.session_state.pop("import_plan", None)
            return
        st.session_state.pop("import_plan", None)
        st.success(
            t("edit.import_done", lang, n=written, file=upload.name), icon=":material/check_circle:"
        )
