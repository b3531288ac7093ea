"""The filters every page, panel and slide takes: one type, no Streamlit inside."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kohtaanto import urlparams


@dataclass(frozen=True)
class Filters:
    """The shared filters: language, area (code and name in that language), period, age group;
    ``demo`` when the database holds demo figures, ``problems`` the URL values that were ignored.
    """

    lang: str
    area: str
    area_name: str
    start: dt.date
    end: dt.date
    age: str
    demo: bool = False
    problems: tuple[urlparams.Problem, ...] = field(default=(), compare=False)
