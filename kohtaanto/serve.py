"""Serve the app: ``python -m kohtaanto serve [streamlit options]``.

Streamlit treats an app with a ``pages/`` folder as a legacy multipage app until the first
session runs ``st.navigation``: a first visitor who opens a shared deep link (``/alueet``) would
get the page file alone, without the shared frame of ``app.py``. Setting the flag before the
server starts makes every run go through ``app.py`` from the very first request.
"""

from __future__ import annotations

import sys

from kohtaanto import paths


def main(argv: list[str]) -> None:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(paths.ROOT / "app.py"), *argv]
    cli.main()
