"""Panels: one definition per chart, shared by the pages and the storylines.

A panel takes the filters (:class:`kohtaanto.filters.Filters`) and its parameters, runs its
queries and returns a :class:`View`: the figure, the data table, the footnote (source, period,
status) and the takeaway sentence; or None when the sources have no figures for it.

A panel's code is its function's name in the module of the page that shows it
(``lfs_55_64`` → ``kohtaanto/panels/kokeneet.py``, tests in ``tests/test_page_kokeneet.py``);
its docstring names its queries (``queries/<name>.sql``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kohtaanto.filters import Filters
from kohtaanto.panels import (
    alueet,
    ammatit,
    ennakointi,
    hankkeet,
    kohtaanto,
    kokeneet,
    seuranta,
    toimialat,
    yleiskuva,
)
from kohtaanto.panels.common import View


@dataclass(frozen=True)
class Panel:
    """A chart's one definition: its code, the page that shows it, its name's key."""

    code: str
    page: str
    name_key: str
    build: Callable[..., View | None]


def _panel(page: str, func: Callable[..., View | None]) -> Panel:
    return Panel(func.__name__, page, f"story.view_{func.__name__}", func)


PANELS: dict[str, Panel] = {
    p.code: p
    for p in (
        _panel("yleiskuva", yleiskuva.share),
        _panel("yleiskuva", yleiskuva.tightness),
        _panel("yleiskuva", yleiskuva.age_share),
        _panel("yleiskuva", yleiskuva.experienced),
        _panel("yleiskuva", yleiskuva.counts),
        _panel("kohtaanto", kohtaanto.beveridge),
        _panel("kohtaanto", kohtaanto.mismatch),
        _panel("kohtaanto", kohtaanto.mismatch_occupation),
        _panel("kohtaanto", kohtaanto.mismatch_regions),
        _panel("ammatit", ammatit.shortage),
        _panel("ammatit", ammatit.surplus),
        _panel("ammatit", ammatit.occupation_scatter),
        _panel("ammatit", ammatit.occupation_trend),
        _panel("alueet", alueet.region_ranking),
        _panel("alueet", alueet.area_map),
        _panel("alueet", alueet.peer_trend),
        _panel("kokeneet", kokeneet.experienced_trend),
        _panel("kokeneet", kokeneet.lfs_55_64),
        _panel("kokeneet", kokeneet.age_share_areas),
        _panel("kokeneet", kokeneet.long_term_age),
        _panel("ennakointi", ennakointi.outlook_ranking),
        _panel("ennakointi", ennakointi.outlook_trend),
        _panel("toimialat", toimialat.industry_55_64),
        _panel("toimialat", toimialat.industry_vacancies),
        _panel("toimialat", toimialat.industry_trend),
        _panel("toimialat", toimialat.industry_share_years),
        _panel("hankkeet", hankkeet.projects_by_region),
        _panel("hankkeet", hankkeet.project_reach),
        _panel("hankkeet", hankkeet.practices),
        _panel("hankkeet", hankkeet.project_context),
        _panel("seuranta", seuranta.monitoring_progress),
    )
}


# Table panels: a View with ``html`` and no figure, shown by ``ui.show_table_panel``; apart from
# PANELS, whose charts go into presentations, PNGs and slides.
TABLES: dict[str, Panel] = {p.code: p for p in (_panel("alueet", alueet.key_figures),)}


def build(code: str, f: Filters, **params: Any) -> View | None:
    """The panel ``code`` (a chart, or a table) for the filters ``f`` and its parameters."""
    return (PANELS.get(code) or TABLES[code]).build(f, **params)


__all__ = ["PANELS", "TABLES", "Filters", "Panel", "View", "build"]
