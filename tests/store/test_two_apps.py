"""Two app processes on one PostgreSQL store: a project renamed and published in one shows in
the other at its next run, with no rebuild and no restart (each process keeps its own caches of
the databank; the store's version count tells them it changed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kohtaanto import paths
from kohtaanto.i18n import t
from tests.oidc_util import seed_store

pytestmark = pytest.mark.timeout(600)

KA1 = "koordinaattori.uusimaa@example.fi"
ROLES = f'[[user]]\nemail = "{KA1}"\nrole = "coordinator"\nareas = ["KA1"]\n'


class App:
    """One app process (tests/store/app_worker.py)."""

    def __init__(self, db, email: str | None, env: dict[str, str], log) -> None:
        args = [
            sys.executable,
            "-m",
            "tests.store.app_worker",
            str(db),
            *([email] if email else []),
        ]
        self.process = subprocess.Popen(
            args,
            cwd=paths.ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            encoding="utf-8",
        )

    def ask(self, line: str) -> dict:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        reply = self.process.stdout.readline()
        assert reply, f"the app process ended ({self.process.poll()})"
        return json.loads(reply)

    def close(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


def test_an_edit_in_one_app_process_shows_in_the_other(postgres, tiny_projects_db, tmp_path):
    url = postgres.new_database()
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES, encoding="utf-8")
    store = seed_store(url, roles, tiny_projects_db, tmp_path)
    env = dict(os.environ) | {
        "KOHTAANTO_STORE": url,
        "KOHTAANTO_ROLES": str(roles),
        "KOHTAANTO_STRICT": "1",
    }
    logs = [(tmp_path / f"app{i}.log").open("w") for i in (1, 2)]
    reader = App(tiny_projects_db, None, env, logs[0])
    editor = App(tiny_projects_db, KA1, env, logs[1])
    try:
        before = reader.ask("open S1")
        assert before["errors"] == []
        (title,) = [h for h in before["titles"] if h.startswith("S1")]
        assert "Kokeneiden kohtaanto" not in title

        opened = editor.ask("open S1")
        assert opened["titles"] == before["titles"]
        done = editor.ask("rename S1 Kokeneiden kohtaanto Uudellamaalla")
        assert done["errors"] == []
        assert done["success"] == [t("edit.published", "fi", version=2)]

        after = reader.ask("again")
        assert (
            t("hankkeet.card_title", "fi", code="S1", name="Kokeneiden kohtaanto Uudellamaalla")
            in after["titles"]
        )
        # The edit kept what the form does not show: the project still comes from the workbook.
        renamed = store.entry(KA1, "project", "S1")
        assert (renamed.fields["name_fi"], renamed.fields["source"]) == (
            "Kokeneiden kohtaanto Uudellamaalla",
            "workbook",
        )
    finally:
        store.close()
        for app in (reader, editor):
            app.close()
        for log in logs:
            log.close()
