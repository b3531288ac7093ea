"""The own presentation's picks in the URL: ``?story=oma&picks=share,lfs_55_64,beveridge~kind=monthly``.

A pick is a panel code with its parameters; the list is comma-separated, a parameter follows its
code after ``~`` as ``name=value``. Codes and values are checked against the panels, so a link
never runs anything but a known panel; unknown items are dropped with a notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kohtaanto import urlparams

Pick = tuple[str, dict[str, str]]
MAX_PICKS = 40  # more than the registered panels: a deck of every chart fits
# A parameter's name and value: codes such as EECO08 or a project's KOHESIO-Q7442769.
WORD = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")


def parse(raw: str | None, known: Iterable[str]) -> tuple[list[Pick], urlparams.Problem | None]:
    """The picks of a ``picks`` parameter, in order, duplicates dropped; a problem when some
    item was not a known panel code or had a malformed parameter."""
    if not raw:
        return [], None
    allowed = set(known)
    out: list[Pick] = []
    bad = False
    for item in raw.split(",")[:MAX_PICKS]:
        code, *parts = item.split("~")
        pairs = [p.split("=", 1) for p in parts]
        if code not in allowed or any(
            len(p) != 2 or not WORD.match(p[0]) or not WORD.match(p[1]) for p in pairs
        ):
            bad = True
            continue
        pick = (code, dict(pairs))
        if pick not in out:
            out.append(pick)
    return out, urlparams.Problem("picks", urlparams.shown(raw)) if bad else None


def format_picks(picks: Sequence[Pick]) -> str:
    """The ``picks`` parameter of a list of picks (the inverse of :func:`parse`)."""
    return ",".join(
        "~".join([code, *(f"{k}={v}" for k, v in sorted(params.items()))]) for code, params in picks
    )


def move(picks: Sequence[Pick], index: int, delta: int) -> list[Pick]:
    """The picks with the one at ``index`` moved ``delta`` places (kept inside the list)."""
    out = list(picks)
    if not 0 <= index < len(out):
        return out
    to = min(max(index + delta, 0), len(out) - 1)
    out.insert(to, out.pop(index))
    return out
