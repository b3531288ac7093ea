"""The store's pure rules: the roles file, areas inside areas, permissions, text safety and
field differences."""

from __future__ import annotations

import logging
import os

import pytest

from kohtaanto.projects import fields as F
from kohtaanto.projects.area_tree import AreaTree
from kohtaanto.projects.roles import (
    RolesError,
    RolesFile,
    User,
    may_edit,
    may_publish,
    parse_roles,
)
from kohtaanto.projects.versions import FieldChange, diff
from kohtaanto.projects.workbook import Context
from tests.store.conftest import ROLES, TREE

CTX = Context(areas=TREE.codes, nuts={}, indicators=set(TREE.indicators))


def test_roles_compare_addresses_case_insensitively():
    users = parse_roles(ROLES)
    assert users["koordinaattori.ita@example.fi"] == User(
        "koordinaattori.ita@example.fi", "coordinator", frozenset({"KA4"})
    )
    assert users["hanke@example.fi"].projects == frozenset({"S1"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[user]\nemail = 1", "not valid TOML"),
        ('[[user]]\nemail = "a@b.fi"\nrole = "boss"', "role 'boss' is not one of"),
        ('[[user]]\nemail = "a@b.fi"\nrole = "coordinator"', "a coordinator needs areas"),
        ('[[user]]\nemail = "a@b.fi"\nrole = "editor"\nprojects = [1]', "must be a list"),
        ('[[user]]\nrole = "admin"', "no e-mail address"),
        (
            '[[user]]\nemail = "a@b.fi"\nrole = "admin"\n[[user]]\nemail = "A@B.fi"\nrole = "admin"',
            "listed twice",
        ),
    ],
)
def test_a_broken_roles_file_says_what_is_wrong(text, message):
    with pytest.raises(RolesError, match=message):
        parse_roles(text)


def test_the_roles_file_is_read_again_and_a_broken_one_keeps_the_previous(tmp_path, caplog):
    path = tmp_path / "roles.toml"
    roles = RolesFile(path)
    assert roles.user("hanke@example.fi").role == "reader"  # no file: everyone reads
    assert roles.user(None) == User(None)
    path.write_text(ROLES)
    assert roles.user(" Hanke@Example.FI ").role == "editor"
    caplog.set_level(logging.ERROR, logger="kohtaanto.projects.roles")
    path.write_text(ROLES + "\n[[user]\n")
    os.utime(path, ns=(1, 1))
    assert roles.user("hanke@example.fi").role == "editor"
    assert roles.user("hanke@example.fi").role == "editor"
    broken = [r for r in caplog.records if "keeping the previous roles" in r.getMessage()]
    assert len(broken) == 1  # said once per broken version of the file
    path.write_text(ROLES.replace('projects = ["S1"]', 'projects = ["S2"]'))
    assert roles.user("hanke@example.fi").projects == frozenset({"S2"})


@pytest.mark.parametrize(
    ("code", "container", "inside"),
    [
        ("KA4", "KA4", True),
        ("MK12", "KA4", True),
        ("KU167", "KA4", True),  # through its parents
        ("ELY09", "KA4", True),  # made of KA4's municipalities only
        ("MK01", "KA4", False),
        ("SSS", "KA4", False),
        ("KA4", "MK12", False),
        ("KU999", "KA4", False),  # unknown
        ("KU091", "SSS", True),
    ],
)
def test_an_area_lies_inside_another(code, container, inside):
    assert TREE.inside(code, container) is inside


def test_the_shipped_reference_knows_the_coordinator_areas():
    tree = AreaTree.from_reference()
    assert tree.inside("MK12", "KA4") and tree.inside("MK01", "KA1")
    assert not tree.inside("MK01", "KA4")
    assert {"EECO01", "EECO08"} <= tree.indicators


@pytest.mark.parametrize(
    ("user", "areas", "edit", "publish"),
    [
        (User("a@x.fi", "admin"), ["SSS"], True, True),
        (User("k@x.fi", "coordinator", frozenset({"KA4"})), ["KU167"], True, True),
        (User("k@x.fi", "coordinator", frozenset({"KA4"})), ["MK01", "ELY09"], True, True),
        (User("k@x.fi", "coordinator", frozenset({"KA4"})), ["MK01"], False, False),
        (User("k@x.fi", "coordinator", frozenset({"KA4"})), [], False, False),
        (User("e@x.fi", "editor", projects=frozenset({"S1"})), ["MK01"], True, False),
        (User("e@x.fi", "editor", projects=frozenset({"S2"})), ["KU167"], False, False),
        (User("r@x.fi"), ["KU167"], False, False),
        (User(None), ["KU167"], False, False),
    ],
)
def test_who_may_edit_and_publish(user, areas, edit, publish):
    assert may_edit(user, "S1", areas, TREE) is edit
    assert may_publish(user, "S1", areas, TREE) is publish


@pytest.mark.parametrize(
    "url",
    ["https://example.com/a?b=1#c", "http://kunta.fi", "HTTPS://EXAMPLE.COM/x"],
)
def test_http_links_are_kept(url):
    assert F.clean_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "vbscript:x",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "https://",
        "example.com",
        "https://example.com/a b",
        "https://example.com/\u0000x\u0000<",
        "https://example.com/'onmouseover='x",
        "https://example.com/`x`",
    ],
)
def test_other_links_are_refused(url):
    with pytest.raises(ValueError, match="is not a web address: it must start with http"):
        F.clean_url(url)


def test_text_is_kept_as_text_without_control_characters():
    assert F.clean_text("  <b>Hei</b>\r\nrivi\x07\u202e  ", 100) == "<b>Hei</b>\nrivi"
    assert F.clean_text(" \x00 ", 100) is None
    with pytest.raises(ValueError, match="the text is 11 characters long; at most 10 are"):
        F.clean_text("x" * 11, 10)


def test_validated_fields_are_complete_typed_and_stable():
    fields = {
        "project_code": " S1 ",
        "name_fi": "Hanke",
        "areas": "KU167, MK12",
        "start_date": "1.2.2024",
        "planned_total_eur": "1 234,5",
        "in_theme": True,
    }
    out = F.validate("project", fields, CTX)
    assert list(out) == list(F.FIELDS["project"])
    assert (out["project_code"], out["areas"], out["start_date"]) == (
        "S1",
        ["KU167", "MK12"],
        "2024-02-01",
    )
    assert (out["planned_total_eur"], out["in_theme"], out["source"]) == (1234.5, True, "app")
    assert F.validate("project", out, CTX) == out
    with pytest.raises(F.ValidationError) as caught:
        F.validate("project", {**fields, "themes": ["työ, koulutus"], "colour": "red"}, CTX)
    assert sorted(caught.value.fields("en")) == ["colour", "themes"]


def test_a_forms_messages_are_the_workbook_checks_in_the_readers_language():
    fields = {
        "project_code": "S1",
        "name_fi": "Hanke",
        "areas": ["KU999"],
        "themes": ["työ; koulutus"],
        "url": "javascript:alert(1)",
        "planned_total_eur": -5,
    }
    with pytest.raises(F.ValidationError) as caught:
        F.validate("project", fields, CTX)
    assert caught.value.fields("fi") == {
        "themes": [
            "kohdassa ”työ; koulutus” on pilkku tai puolipiste; ne erottavat luettelon kohtia, "
            "joten yksi kohta ei voi sisältää niitä"
        ],
        "url": [
            "”javascript:alert(1)” ei ole verkko-osoite: osoitteen on alettava http:// tai https://"
        ],
        "planned_total_eur": ["-5 on negatiivinen; luvun on oltava nolla tai suurempi"],
        "areas": ["tuntematon aluekoodi KU999"],
    }
    assert caught.value.fields("sv")["areas"] == ["okänd områdeskod KU999"]
    # The store's own fields take the rules' limits: a practice's Innokylä texts.
    practice = {"project_code": "S1", "kind": "tulos", "title_fi": "T", "target_fi": "x" * 5001}
    with pytest.raises(F.ValidationError) as caught:
        F.validate("practice", practice, CTX)
    assert caught.value.fields("fi") == {
        "target_fi": ["teksti on 5\u00a0001 merkkiä pitkä; enintään 5\u00a0000 merkkiä sallitaan"]
    }


def test_differences_are_listed_field_by_field():
    assert diff({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 5, "d": 4}) == [
        FieldChange("b", 2, 5),
        FieldChange("d", None, 4),
        FieldChange("c", 3, None),
    ]
    assert diff(None, {"a": None, "b": 1}) == [FieldChange("b", None, 1)]
