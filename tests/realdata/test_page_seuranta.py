"""Real-data tests of the Seuranta page (the rest: tests/app/test_page_seuranta.py)."""

from __future__ import annotations

from kohtaanto.i18n import t
from tests.apptest_util import open_tables, run_app


def test_real_database_says_when_there_are_no_reports(real_projects_db, monkeypatch):
    at = open_tables(run_app(real_projects_db, monkeypatch, page="seuranta", lang="sv"))
    assert t("seuranta.no_reports", "sv") in [i.value for i in at.info]
