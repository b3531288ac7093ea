"""A real OpenID Connect provider on localhost for sign-in tests (``oidc-provider-mock`` from
PyPI), the app's ``[auth]`` secrets pointing at it, and a store seeded with the tiny workbook.

The provider accepts any client id and secret; its sign-in page asks for a subject, and a new
subject's claims are ``{"email": <subject>}``, so typing an address signs in with that address
(``email`` is sent with the ``email`` scope, which st.login asks for).

More forgiving than Microsoft Entra ID in one way: Entra sends ``email`` only as an optional
claim of the app registration and carries the user principal name in ``preferred_username``;
that case is tested in tests/app/test_editing.py (``test_entra_ids_default_claims_…``).
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.browser_util import HOST, free_port

COOKIE_SECRET = "kohtaanto-test-cookie-secret-0123456789abcdef"


@contextlib.contextmanager
def running_provider(log: Path, timeout: float = 30) -> Iterator[str]:
    """The provider's base URL while the block runs (its output in ``log``)."""
    port = free_port()
    base = f"http://{HOST}:{port}"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "oidc_provider_mock", "--host", HOST, "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"the OIDC provider exited: {log.read_text()[-2000:]}")
                try:
                    url = f"{base}/.well-known/openid-configuration"
                    with urllib.request.urlopen(url, timeout=2) as response:
                        if response.status == 200:
                            break
                except (urllib.error.URLError, OSError):
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the OIDC provider did not answer: {log.read_text()}")
                time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def secrets_toml(provider: str, app_port: int) -> str:
    """``.streamlit/secrets.toml``'s ``[auth]`` for an app on ``app_port`` and ``provider``."""
    return (
        "[auth]\n"
        f'redirect_uri = "http://{HOST}:{app_port}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        'client_id = "kohtaanto"\n'
        'client_secret = "kohtaanto-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )


def seed_store(url: str, roles: Path, db: Path, folder: Path):
    """A store at ``url`` holding the tiny workbook (S1 in Uusimaa, S2 in Pohjois-Karjala),
    published by an import; returns it open."""
    from kohtaanto.projects import store_import
    from kohtaanto.projects.area_tree import area_tree
    from kohtaanto.projects.roles import RolesFile, system_user
    from kohtaanto.projects.store import Store
    from tests.projects_util import TINY_PROJECTS, TINY_REPORTS, TINY_RESULTS, workbook

    store = Store(url, roles=RolesFile(roles), areas=lambda: area_tree(db))
    data = workbook(TINY_PROJECTS, TINY_RESULTS, TINY_REPORTS)
    by = system_user("import:tietopankki.xlsx")
    ctx = store_import.context_for(store, folder)
    store_import.apply(store, by, store_import.plan(store, by, data, "tietopankki.xlsx", ctx))
    return store
