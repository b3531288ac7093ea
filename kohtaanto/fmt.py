"""Numbers and dates for the chosen language: Finnish ``256 070`` and ``12,7 %``, English
``256,070`` and ``12.7%``. The thousands separator is a no-break space so a number never wraps.
"""

from __future__ import annotations

import datetime as dt
import math
import re

NBSP = "\u00a0"
LANGS = ("fi", "sv", "en")

# Aligned by hand: the twelve months of each language read best as a table (not formatted).
MONTHS = {
    "fi": ["tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu",
           "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu"],
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}  # fmt: skip


def number(value: float | None, lang: str, decimals: int = 0) -> str:
    """``256070`` → ``256 070`` (fi, sv) or ``256,070`` (en); None or NaN → ``–``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", NBSP).replace(".", ",")


def percent(value: float | None, lang: str, decimals: int = 1) -> str:
    """A value already in percent: ``12.7`` → ``12,7 %`` (fi, sv) or ``12.7%`` (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    body = number(value, lang, decimals)
    return body + "%" if lang == "en" else body + NBSP + "%"


def signed(value: float | None, lang: str, decimals: int = 0, unit: str = "") -> str:
    """A change with its sign: ``+1 234``, ``−0,4 %-yks.``; the minus is a real minus sign."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{number(abs(value), lang, decimals)}{unit}"


def month(value: dt.date, lang: str) -> str:
    """``2023-10-01`` → ``lokakuu 2023`` / ``oktober 2023`` / ``October 2023``."""
    return f"{MONTHS[lang][value.month - 1]} {value.year}"


def month_in(value: dt.date, lang: str) -> str:
    """The month as a time adverbial: ``lokakuussa 2023`` (Finnish inessive), else as ``month``."""
    if lang == "fi":
        return f"{MONTHS['fi'][value.month - 1]}ssa {value.year}"
    return month(value, lang)


def day(value: dt.date, lang: str) -> str:
    """``27.11.2026`` (fi, sv) or ``27 November 2026`` (en)."""
    if lang == "en":
        return f"{value.day} {MONTHS['en'][value.month - 1]} {value.year}"
    return f"{value.day}.{value.month}.{value.year}"


FINLAND = "Europe/Helsinki"


def moment(value: dt.datetime, lang: str) -> str:
    """A time in Finland's clock: ``27.11.2026 klo 14.05`` (fi), ``27.11.2026 kl. 14.05`` (sv),
    ``27 November 2026, 14:05`` (en); a naive time is taken as UTC."""
    from zoneinfo import ZoneInfo

    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    local = value.astimezone(ZoneInfo(FINLAND))
    if lang == "en":
        return f"{day(local.date(), lang)}, {local:%H:%M}"
    word = "kl." if lang == "sv" else "klo"
    return f"{day(local.date(), lang)} {word} {local:%H.%M}"


def month_short(value: dt.date) -> str:
    """``2023-10-01`` → ``10/2023``, the same in every language."""
    return f"{value.month}/{value.year}"


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators``: the decimal mark, then the thousands separator."""
    return ".," if lang == "en" else "," + NBSP


def literal(text: object) -> str:
    """Text for a place that reads Markdown (a heading, a label, a table cell): every Markdown
    and Streamlit directive character backslash-escaped, so that it shows as typed
    (``**x**``, ``[a](javascript:…)``, ``:red[x]``, ``$x$``, ``<b>`` stay as they are)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~:$=&\"'@%^])", r"\\\1", str(text))
