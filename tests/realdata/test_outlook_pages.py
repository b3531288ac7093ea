"""The outlook's panels (issue 20) on the database built from the mirror: its 12r5 runs to
10/2023 and then has 6/2026 alone, so every outlook is made from 10/2023 and says that the later
months are missing; the values drawn are the forecast step's rows, checked here against SQL."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from kohtaanto import panels
from kohtaanto.filters import Filters
from kohtaanto.panels import common

pytestmark = pytest.mark.realdata

DEFAULT = (dt.date(2021, 6, 1), dt.date(2026, 6, 1))  # the app's five years up to 6/2026


@pytest.fixture()
def real(real_db, monkeypatch):
    monkeypatch.setenv("KOHTAANTO_DB", str(real_db))
    common.clear_models()
    return real_db


def sql(db, query: str, params: list | None = None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def filters(area: str, name: str, lang: str = "fi", start=DEFAULT[0], end=DEFAULT[1], age="SSS"):
    return Filters(lang=lang, area=area, area_name=name, start=start, end=end, age=age)


def dashed(view):
    [trace] = [d for d in view.figure.data if d.line is not None and d.line.dash == "dash"]
    return trace


def test_the_share_of_north_karelia_continues_from_10_2023(real):
    view = panels.build("share", filters("MK12", "Pohjois-Karjala"))
    line = dashed(view)
    query = "select unemployment_share from v_area_month where area_code = 'MK12' and period = ?"
    [(observed,)] = sql(real, query, ["2023-10-01"])
    [(last, lo, hi)] = sql(
        real,
        "select value, lo80, hi80 from forecasts where measure = 'unemployment_share' and "
        "area_code = 'MK12' and age_group = 'SSS' and period = '2024-10-01'",
    )
    assert str(line.x[0])[:10] == "2023-10-01" and str(line.x[-1])[:10] == "2024-10-01"
    assert line.y[0] == pytest.approx(observed) and line.y[-1] == pytest.approx(last)
    band = [d for d in view.figure.data if d.fill == "tonexty"]
    assert band[0].y[-1] == pytest.approx(hi) and lo < last < hi
    plain = view.note.plain("fi")
    assert plain.endswith(
        "Ennuste (Pohjois-Karjala) katkoviivalla, 80 %:n väli vaaleana: Holt-Winters, tehty "
        "10/2023. Se on tehty tiedoista 10/2023 asti; myöhemmät kuukaudet 11/2023–5/2026 "
        "puuttuvat."
    )
    assert "Pohjois-Karjala: 10/2023 tehdyn ennusteen mukaan työttömien osuus" in view.takeaway


def test_the_regions_ranked_by_their_expected_change(real):
    view = panels.build("outlook_ranking", filters("MK12", "Pohjois-Karjala"))
    traces = view.figure.data
    changes = {n: x for tr in traces for n, x in zip(tr.y, tr.x, strict=True)}
    assert len(changes) == 19
    rows = sql(
        real,
        "select a.name_fi, 100 * (f.value / m.unemployed - 1) from forecasts f "
        "join areas a using (area_code) join v_area_month m "
        "on m.area_code = f.area_code and m.period = f.origin "
        "where f.measure = 'unemployed' and f.age_group = 'SSS' and a.level = 'region' "
        "and f.period = '2024-10-01'",
    )
    assert changes == pytest.approx(dict(rows))
    [chosen] = [tr for tr in traces if tr.marker.color == "#0060A8"]
    assert list(chosen.y) == ["Pohjois-Karjala"]
    assert view.title == "Työttömien työnhakijoiden ennustettu muutos 10/2023–10/2024: maakunnat"


def test_the_experienced_outlook_of_the_country_is_from_6_2020(real):
    early = filters("SSS", "Koko maa", start=dt.date(2019, 1, 1), end=dt.date(2023, 10, 1))
    view = panels.build("experienced_trend", early, measure="count")
    line = dashed(view)
    assert str(line.x[0])[:7] == "2020-06" and len(line.x) == 13
    assert "tehty 6/2020" in view.note.plain("fi")
    # The app's five years show the age break of 6/2026 alone: its numbers, and why no outlook.
    later = panels.build("experienced_trend", filters("SSS", "Koko maa"), measure="count")
    assert later.figure is None
    assert later.note.plain("fi").endswith(
        "Ennuste (50+) on tehty 6/2020, valitun ajanjakson ulkopuolella, joten sitä ei näytetä."
    )


def test_the_track_record_is_the_pooled_regions(real):
    from kohtaanto.panels import aineisto

    [(h1, h12)] = sql(
        real,
        "select max(rel_mae) filter (where horizon = 1), max(rel_mae) filter (where horizon = 12)"
        " from v_forecast_accuracy_level where measure = 'unemployed' and age_group = 'SSS' "
        "and level = 'region'",
    )
    record = aineisto.model(filters("SSS", "Koko maa")).record
    first = record.sentences[0].replace("\u00a0", " ")
    assert first.startswith(
        f"Työttömät työnhakijat (19 maakuntaa): kuukauden päähän ennusteen virhe oli keskimäärin "
        f"{100 * h1:.0f} % kausinaiivin ennusteen virheestä. 12 kuukauden päähän {100 * h12:.0f} %"
    )
    assert list(record.table.horizon[:4]) == [1, 3, 6, 12]
    # The country's own for the series the regions do not have: the 50+ and the long-term.
    assert "Pitkäaikaistyöttömät (koko maa)" in " ".join(record.sentences)
