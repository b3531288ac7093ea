"""One app process for tests/store/test_two_apps.py: the real app under AppTest, kept alive and
driven by lines on stdin, answering one JSON line per command on stdout.

    python -m tests.store.app_worker DB [EMAIL]

Commands: ``open CODE`` (the /hankkeet card of CODE), ``again`` (the same session runs again),
``rename CODE NAME`` (the signed-in person edits the project's Finnish name and publishes).
Each answers ``{"titles": [...], "success": [...], "errors": [...]}``. KOHTAANTO_STORE and
KOHTAANTO_ROLES come from the environment.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.apptest_util import run_app
from tests.oidc_util import COOKIE_SECRET

AUTH = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": COOKIE_SECRET,
        "client_id": "kohtaanto",
        "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
}


def answer(at) -> None:
    out = {
        "titles": [h.value for h in at.subheader],
        "success": [s.value for s in at.success],
        "errors": [e.value + "\n".join(e.stack_trace) for e in at.exception],
    }
    print(json.dumps(out, ensure_ascii=False), flush=True)


def main(db: str, email: str | None) -> None:
    user = {"is_logged_in": True, "email": email} if email else {"is_logged_in": False}
    at = None
    with pytest.MonkeyPatch.context() as mp:
        for line in sys.stdin:
            command, *args = line.split(maxsplit=2)
            if command == "open":
                at = run_app(Path(db), mp, "hankkeet", user=user, secrets=AUTH, project=args[0])
            elif command == "again":
                at.run()
            elif command == "rename":
                at.button(key="project_edit").click().run()
                at.text_input(key="project_name_fi").input(args[1].strip())
                at.button(key="project_publish").click().run()
            answer(at)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
