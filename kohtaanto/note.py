"""Where a shown number comes from, as data: the sources, the period the numbers cover, the months
missing inside it, the status and whether the figures are demo data.

A :class:`Note` is made where the data are (a panel, from the rows it shows) and travels with
them; it is rendered only at the edges: the figure's footnote (:meth:`Note.footnote`), the same
as one line of text on a phone or a slide (:meth:`Note.plain`), the source, period and status
columns of a download (:meth:`Note.columns`) and a slide's speaker notes. No edge reads another
edge's rendering. It alone decides what demo figures may say: never a real publisher's name.

A view with an outlook (issue 20) carries a :class:`Forecast`: the model, the month it was made
from, the months missing after it, or why the series has none; the footnote says it in a line
of its own.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd

from kohtaanto import fmt
from kohtaanto.i18n import t

STATUS_ORDER = ("observed", "aggregated", "estimated", "demo")
Span = tuple[dt.date, dt.date]


def weakest_status(statuses: Iterable[str]) -> str:
    """The weakest status among the shown numbers: demo > estimated > aggregated > observed."""
    present = set(statuses)
    for status in reversed(STATUS_ORDER):
        if status in present:
            return status
    return "observed"


def _months(periods: Iterable) -> list[dt.date]:
    values = pd.to_datetime(pd.Series(list(periods), dtype=object), errors="coerce").dropna()
    return sorted({dt.date(p.year, p.month, 1) for p in values})


def _month_number(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_of(number: int) -> dt.date:
    return dt.date(number // 12, number % 12 + 1, 1)


def missing_runs(months: Iterable[dt.date]) -> tuple[Span, ...]:
    """The runs of months missing between the first and the last of ``months`` (first days of
    months): ``[1/2023, 2/2023, 6/2023]`` → ``((3/2023, 5/2023),)``."""
    numbers = sorted({_month_number(m) for m in months})
    runs = []
    for before, after in itertools.pairwise(numbers):
        if after - before > 1:
            runs.append((_month_of(before + 1), _month_of(after - 1)))
    return tuple(runs)


def _span_text(first: dt.date, last: dt.date) -> str:
    return (
        fmt.month_short(first)
        if first == last
        else f"{fmt.month_short(first)}–{fmt.month_short(last)}"
    )


def _sources(sources: Iterable) -> tuple[str, ...]:
    """Source tables, each once and sorted: a query may give ``"tyonv/12r5, tyonv/1001"``."""
    found = {s.strip() for src in sources if isinstance(src, str) for s in src.split(",")}
    return tuple(sorted(s for s in found if s))


FORECAST_MODELS = ("holt_winters", "seasonal_naive")
# Why a series has no outlook: forecast_series.reason; ``outside`` (made from a month outside the
# chosen period, so not drawn); ``not_modelled`` and ``not_modelled_area`` (a series or an area
# level the forecast step does not make outlooks for); ``count_only`` (a chart of shares of an
# outlook made in counts).
NO_FORECAST = (
    "too_short",
    "gap",
    "zeros",
    "no_labour_force",
    "failed",
    "outside",
    "not_modelled",
    "not_modelled_area",
    "count_only",
)


@dataclass(frozen=True)
class Forecast:
    """What a view says of its outlook: ``reason`` (``forecast_series.reason``: ``latest`` or
    ``before_gap`` with an outlook; ``too_short``, ``gap``, ``zeros``, ``no_labour_force``,
    ``failed``, or :data:`NO_FORECAST`'s own without), the ``model`` shown, the month the outlook was made from
    (``origin``, its last month of data), the latest month with data (``last_data``: later than
    the origin after a gap), whether it is a demo forecast, and what series it is of (``what``,
    in the view's language; empty when the chart has one series)."""

    reason: str
    model: str | None = None
    origin: dt.date | None = None
    last_data: dt.date | None = None
    demo: bool = False
    what: str = ""

    @property
    def shown(self) -> bool:
        """Whether the view draws an outlook."""
        return self.model in FORECAST_MODELS and self.origin is not None

    def text(self, lang: str) -> str:
        """One line: ``Ennuste (katkoviiva, 80 %:n väli): Holt-Winters, tehty 10/2023.`` with
        the months missing after it when the data go on after a gap, the naive's reason, or
        why there is none: ``Ei ennustetta: alle 36 peräkkäistä kuukautta.``"""
        what = f" ({self.what})" if self.what else ""
        if not self.shown:
            reason = self.reason if self.reason in NO_FORECAST else "failed"
            origin = fmt.month_short(self.origin) if self.origin else "–"
            return t(f"note.forecast_none.{reason}", lang, what=what, origin=origin)
        origin = fmt.month_short(self.origin)
        key = "note.forecast_demo" if self.demo else "note.forecast"
        parts = [t(key, lang, what=what, model=t(f"note.model.{self.model}", lang), origin=origin)]
        if self.reason == "before_gap" and self.last_data is not None:
            first = _month_of(_month_number(self.origin) + 1)
            last = _month_of(_month_number(self.last_data) - 1)
            parts.append(
                t("note.forecast_gap", lang, origin=origin, months=_span_text(first, last))
            )
        if self.model == "seasonal_naive":
            parts.append(t("note.forecast_naive", lang))
        return " ".join(parts)


@dataclass(frozen=True)
class Note:
    """Provenance of one view: source tables, the first and last period shown, the months
    missing inside that span, the weakest status among the numbers, the survey's publisher
    instead of the register's (``survey``), survey years instead of months (``years``), and
    remarks: sentences about how the numbers are drawn, in the view's language."""

    sources: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    missing: tuple[Span, ...] = ()
    status: str = "observed"
    survey: bool = False
    years: tuple[int, ...] | None = None
    remarks: tuple[str, ...] = ()
    publisher_key: str | None = None  # a publisher other than the statistics (the databank)
    as_of: dt.date | None = None  # the databank's state on this day, instead of a period
    forecast: Forecast | None = None  # the view's outlook, or why it has none

    @classmethod
    def databank(
        cls, files: Iterable[str], as_of: dt.date | None, publisher_key: str, *remarks: str
    ) -> Note:
        """The note of figures from the projects databank: its files (or store), the day of its
        state, who publishes it (``note.publisher_databank``, ``note.publisher_reports``)."""
        return cls(
            sources=_sources(files),
            as_of=as_of,
            publisher_key=publisher_key,
            remarks=tuple(r for r in remarks if r),
        )

    @classmethod
    def of(
        cls,
        sources: Iterable,
        periods: Iterable = (),
        statuses: Iterable = (),
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        monthly: bool = True,
        survey: bool = False,
        years: Iterable[int] | None = None,
    ) -> Note:
        """The note of the rows a view shows: ``periods`` are theirs (rows with a figure), so the
        period is what the data cover, not what was asked for (``start``, ``end`` when there are
        no rows). ``monthly``: the months missing between the first and the last are named."""
        months = _months(periods)
        first, last = (months[0], months[-1]) if months else (start, end)
        return cls(
            sources=_sources(sources),
            start=first,
            end=last,
            missing=missing_runs(months) if monthly else (),
            status=weakest_status(s for s in statuses if isinstance(s, str)),
            survey=survey,
            years=tuple(sorted({int(y) for y in years})) if years is not None else None,
        )

    @property
    def demo(self) -> bool:
        return self.status == "demo"

    def with_remark(self, remark: str) -> Note:
        """The same note with one more remark (a sentence in the view's language)."""
        return replace(self, remarks=(*self.remarks, remark)) if remark else self

    def with_forecast(self, forecast: Forecast | None) -> Note:
        """The same note saying the view's outlook (``None``: nothing to say of one); a demo
        forecast makes the note's status demo."""
        if forecast is None:
            return self
        status = "demo" if forecast.demo else self.status
        return replace(self, forecast=forecast, status=weakest_status([self.status, status]))

    def period_text(self) -> str:
        """``1/2019–10/2023``, ``6/2026``, survey years ``2012, 2017`` or ``2009–2025``; ``–``."""
        if self.years is not None:
            shown = list(self.years)
            if len(shown) > 2 and shown[-1] - shown[0] == len(shown) - 1:
                return f"{shown[0]}–{shown[-1]}"
            return ", ".join(map(str, shown)) or "–"
        if self.start is None or self.end is None:
            return "–"
        return _span_text(self.start, self.end)

    def missing_text(self, lang: str) -> str:
        """``puuttuu 11/2023–5/2026`` (the months without figures inside the period), or ``""``."""
        if not self.missing:
            return ""
        spans = ", ".join(_span_text(a, b) for a, b in self.missing)
        return t("note.missing", lang, months=spans)

    def publisher(self, lang: str) -> str:
        if self.demo:  # generated figures never carry a real publisher's name
            return t("common.publisher_demo", lang)
        if self.publisher_key:
            return t(self.publisher_key, lang)
        return t("common.publisher_survey" if self.survey else "common.publisher", lang)

    def status_text(self, lang: str) -> str:
        return t("status." + self.status, lang)

    def footnote(self, lang: str) -> str:
        """The figure's footnote: ``Lähde: …<br>tyonv/12r5 · 1/2019–6/2026 · puuttuu
        11/2023–5/2026 · havaittu`` (``<br>`` separates lines; the chart wraps long ones)."""
        tables = ", ".join(self.sources)
        if self.as_of is not None or self.publisher_key:
            when = t("note.as_of", lang, day=fmt.day(self.as_of, lang)) if self.as_of else ""
            text = t("note.footnote_databank", lang, publisher=self.publisher(lang), tables=tables)
            text += f"<br>{when}" if when else ""
        else:
            period = self.period_text()
            gap = self.missing_text(lang)
            text = t(
                "common.footnote",
                lang,
                publisher=self.publisher(lang),
                tables=tables,
                period=f"{period} · {gap}" if gap else period,
                status=self.status_text(lang),
            )
        outlook = [self.forecast.text(lang)] if self.forecast is not None else []
        return "<br>".join([text, *self.remarks, *outlook])

    def plain(self, lang: str) -> str:
        """The footnote as one line of text (a phone, a slide, a caption)."""
        return self.footnote(lang).replace("<br>", " · ")

    def columns(self, lang: str) -> dict[str, str]:
        """The columns a download carries beside the numbers: source, period, status."""
        if self.as_of is not None or self.publisher_key:
            period = fmt.day(self.as_of, lang) if self.as_of else ""
            return {
                "source": f"{self.publisher(lang)}: {', '.join(self.sources)}",
                "period": period,
            }
        out = {
            "source": f"{self.publisher(lang)}: {', '.join(self.sources)}",
            "period": " · ".join(filter(None, (self.period_text(), self.missing_text(lang)))),
            "status": self.status_text(lang),
        }
        if self.forecast is not None:
            out["forecast"] = self.forecast.text(lang)
        return out
