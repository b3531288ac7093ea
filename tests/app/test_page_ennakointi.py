"""The outlook (issue 20) on known numbers: the dashed forecasts on Yleiskuva and Kokeneet, the
Ennakointi page's ranking with its intervals, the track record on Aineisto, and every page of a
database without forecasts (a failed step, an older file).

The tiny database (9–10/2023) plus a forecast table written by hand: region 12 has 127
unemployed in 10/2023 (labour force 1 000) and an outlook from 10/2023 ending at 114.3 (−10 %)
in 10/2024, 80 % interval 101.6–139.7 (−20 %…+10 %); region 02 has 100 in 10/2023, then a gap
and 6/2024, so its outlook is made from 10/2023 (``before_gap``) and ends at 110 (+10 %),
interval 95–130 (−5 %…+30 %); the country (also with 6/2024 after a gap) 1 300 → 1 365 (+5 %);
region 01 has none (``too_short``)."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import duckdb
import pytest

from kohtaanto import panels
from kohtaanto.filters import Filters
from kohtaanto.panels import common
from tests.apptest_util import plotly_values, refresh_derived, run_app, title_of

ORIGIN = dt.date(2023, 10, 1)
# area: (unemployed at the origin, labour force, forecast at 12 months, lo80, hi80, reason)
OUTLOOK = {
    "MK12": (127, 1000, 114.3, 101.6, 139.7, "latest"),
    "MK02": (100, 1000, 110.0, 95.0, 130.0, "before_gap"),
    "SSS": (1300, 13000, 1365.0, 1300.0, 1495.0, "before_gap"),
}
GAP_MONTH = dt.date(2024, 6, 1)  # region 02's month after the gap


def month(first: dt.date, n: int) -> dt.date:
    k = first.year * 12 + first.month - 1 + n
    return dt.date(k // 12, k % 12 + 1, 1)


def add_outlook(db) -> None:
    """Write the outlook above into a writable copy of the tiny database."""
    con = duckdb.connect(str(db))
    for area, unemployed, labour in (("MK02", 104, 1000), ("SSS", 1400, 13000)):
        con.execute(
            "insert into observations values ('unemployed', ?, 'month', ?, 'SSS', 'SSS', 'SSS', "
            "'SSS', ?, 'observed', 'tyonv/12r5'), ('labour_force', ?, 'month', ?, 'SSS', "
            "'SSS', 'SSS', 'SSS', ?, 'observed', 'tyonv/12r5')",
            [GAP_MONTH, area, unemployed, GAP_MONTH, area, labour],
        )
    refresh_derived(con)
    con.execute("delete from forecast_series")
    con.execute("delete from forecasts")
    for area, (base, labour, last, lo, hi, reason) in OUTLOOK.items():
        last_data = GAP_MONTH if reason == "before_gap" else ORIGIN
        for measure, scale in (("unemployed", 1.0), ("unemployment_share", 100 / labour)):
            con.execute(
                "insert into forecast_series values (?, ?, 'SSS', '2023-09-01', ?, '2023-09-01', "
                "?, 'holt_winters', 0.5, 11, ?, 'observed')",
                [measure, area, last_data, ORIGIN, reason],
            )
            for h in range(1, 13):
                step = h / 12
                row = [base + (v - base) * step for v in (last, lo, hi)]
                con.execute(
                    "insert into forecasts values (?, ?, 'SSS', ?, ?, ?, ?, ?, 'holt_winters', "
                    "'observed')",
                    [measure, area, ORIGIN, month(ORIGIN, h), *(v * scale for v in row)],
                )
    for measure in ("unemployed", "unemployment_share"):
        con.execute(
            "insert into forecast_series values (?, 'MK01', 'SSS', '2023-09-01', '2023-10-01', "
            "null, null, null, null, 0, 'too_short', null)",
            [measure],
        )
    # The track record: two regions, horizons 1 and 12.
    for area in ("MK12", "MK02"):
        for h, mae, naive, cover in ((1, 2.0, 8.0, 0.8), (12, 9.0, 10.0, 0.6)):
            con.execute(
                "insert into forecast_accuracy values ('unemployed', ?, 'SSS', ?, 10, ?, ?, ?, "
                "1.0, 1.0, ?, 0.5, 'holt_winters')",
                [area, h, mae, naive, mae / naive, cover],
            )
    con.close()


@pytest.fixture()
def outlook_db(tiny_db, tmp_path):
    db = tmp_path / "outlook.duckdb"
    shutil.copy(tiny_db, db)
    add_outlook(db)
    common.clear_models()
    return db


@pytest.fixture()
def older_db(tiny_db, tmp_path):
    """A database from before the forecast step: no forecast tables at all."""
    db = tmp_path / "older.duckdb"
    shutil.copy(tiny_db, db)
    con = duckdb.connect(str(db))
    con.execute("drop view v_forecast_accuracy_level")
    for name in ("forecasts", "forecast_backtest", "forecast_accuracy", "forecast_series"):
        con.execute(f"drop table {name}")
    con.execute("delete from build_info where key like 'forecast%'")
    con.close()
    common.clear_models()
    return db


def specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def chart(at, title_start: str) -> dict:
    found = [s for s in specs(at) if title_of(s).startswith(title_start)]
    assert found, [title_of(s) for s in specs(at)]
    return found[0]


def footnote(spec: dict) -> str:
    notes = [a["text"] for a in spec["layout"]["annotations"] if a.get("name") == "footnote"]
    return notes[0].replace("<br />", " ").replace("<br>", " | ")


def dashed(spec: dict) -> dict:
    [trace] = [d for d in spec["data"] if d.get("line", {}).get("dash") == "dash"]
    return trace


def filters(area: str, lang: str = "fi", start=dt.date(2023, 9, 1), end=GAP_MONTH) -> Filters:
    return Filters(lang=lang, area=area, area_name=area, start=start, end=end, age="SSS")


# --- Yleiskuva: the trend continues as a dashed outlook -------------------------------------


def test_share_continues_as_a_dashed_outlook_with_its_band(outlook_db, monkeypatch):
    at = run_app(outlook_db, monkeypatch, area="MK12")
    spec = chart(at, "Työttömien osuus työvoimasta")
    line = dashed(spec)
    assert line["name"] == "Ennuste 10/2023, Holt-Winters"
    x = [p[:7] for p in line["x"]]
    assert x[0] == "2023-10" and x[-1] == "2024-10" and len(x) == 13  # from the origin
    y = plotly_values(line["y"])
    assert y[0] == pytest.approx(12.7) and y[-1] == pytest.approx(11.43)
    band = [d for d in spec["data"] if d.get("fill") == "tonexty"]
    assert [b["name"] for b in band] == ["80 %:n väli"]
    assert plotly_values(band[0]["y"])[-1] == pytest.approx(13.97)
    assert band[0]["fillcolor"] == "rgba(0,96,168,0.16)"
    note = footnote(spec)
    assert "Ennuste (Maakunta 12) katkoviivalla, 80 %:n väli vaaleana: Holt-Winters, tehty" in note
    assert "10/2023." in note
    # Once on the page there is nothing to say about a missing outlook.
    assert not [c for c in at.caption if "Ennustetta ei ole saatavilla" in c.value]


def test_counts_continue_the_unemployed_and_the_takeaway_says_the_forecast(outlook_db, monkeypatch):
    monkeypatch.setenv("KOHTAANTO_DB", str(outlook_db))
    view = panels.build("counts", filters("MK12"))
    line = dashed(json.loads(view.figure.to_json()))
    assert line["name"] == "Ennuste 10/2023, Holt-Winters"
    assert plotly_values(line["y"])[0] == 127
    assert view.takeaway.endswith(
        "MK12: 10/2023 tehdyn ennusteen mukaan työttömiä työnhakijoita on 10/2024 114 "
        "(80 %:n väli 102–140)."
    )
    last = view.data[view.data.series.str.startswith("Työttömät työnhakijat: ennuste")].tail(1)
    assert last.series.iloc[0].endswith("80 %:n välin yläraja")
    assert last.value.iloc[0] == pytest.approx(139.7)


def test_before_a_gap_the_outlook_starts_at_its_origin_and_says_what_is_missing(
    outlook_db, monkeypatch
):
    at = run_app(outlook_db, monkeypatch, area="MK02", lang="en")
    spec = chart(at, "Unemployed as a share of the labour force")
    line = dashed(spec)
    assert line["x"][0][:7] == "2023-10"  # not from 6/2024, the month after the gap
    note = footnote(spec)
    assert "made at 10/2023. It uses the data up to 10/2023; the later months 11/2023–5/2024" in (
        note
    )
    assert "are missing." in note
    # The observed line is not drawn across the gap.
    area = next(d for d in spec["data"] if d["name"] == "Region 02")
    y = plotly_values(area["y"])
    assert [v for v in y if v == v] == [9.0, 10.0, 10.4] and len(y) == 10  # NaN: a break


def test_a_series_without_an_outlook_says_why_in_one_line(outlook_db, monkeypatch):
    at = run_app(outlook_db, monkeypatch, area="MK01", lang="sv")
    spec = chart(at, "Arbetslösas andel av arbetskraften")
    assert not [d for d in spec["data"] if d.get("line", {}).get("dash") == "dash"]
    assert "Ingen prognos (Landskap 01): serien har färre än 36 månader." in footnote(spec)


def test_an_outlook_made_before_the_chosen_period_is_not_drawn(outlook_db, monkeypatch):
    monkeypatch.setenv("KOHTAANTO_DB", str(outlook_db))
    f = filters("MK12", start=dt.date(2024, 6, 1), end=GAP_MONTH)
    view = panels.build("share", f)
    assert view is None or not [
        d for d in view.figure.data if d.line is not None and d.line.dash == "dash"
    ]


# --- Ennakointi: the ranking -----------------------------------------------------------------


def test_ranking_by_expected_change_with_the_interval(outlook_db, monkeypatch):
    at = run_app(outlook_db, monkeypatch, page="ennakointi", area="MK12")
    spec = chart(at, "Työttömien työnhakijoiden ennustettu muutos 10/2023–10/2024: maakunnat")
    points = {}
    for trace in spec["data"]:
        xs, ys = plotly_values(trace["x"]), list(trace["y"])
        plus = plotly_values(trace["error_x"]["array"])
        minus = plotly_values(trace["error_x"]["arrayminus"])
        for name, x, p, m in zip(ys, xs, plus, minus, strict=True):
            points[name] = (round(x, 6), round(x - m, 6), round(x + p, 6), trace["marker"]["color"])
    assert points == {
        "Maakunta 02": (10.0, -5.0, 30.0, "#5B8DB8"),
        "Maakunta 12": (-10.0, -20.0, 10.0, "#0060A8"),  # the chosen area, highlighted
    }
    assert spec["layout"]["yaxis"]["categoryarray"] == ["Maakunta 12", "Maakunta 02"]
    country = [s for s in spec["layout"]["shapes"] if s.get("line", {}).get("dash") == "dash"]
    assert [s["x0"] for s in country] == [pytest.approx(5.0)]
    note = footnote(spec)
    assert "Ei ennustetta: Maakunta 01 (alle 36 kuukautta)." in note
    assert "Se on tehty tiedoista 10/2023 asti; myöhemmät kuukaudet 11/2023–5/2024 puuttuvat." in (
        note
    )
    share = chart(at, "Työttömien osuuden ennustettu muutos 10/2023–10/2024: maakunnat")
    xs = {
        n: round(x, 6)
        for trace in share["data"]
        for n, x in zip(trace["y"], plotly_values(trace["x"]), strict=True)
    }
    assert xs == {"Maakunta 02": 1.0, "Maakunta 12": -1.27}
    assert not at.exception


def test_ranking_takeaway_in_words(outlook_db, monkeypatch):
    monkeypatch.setenv("KOHTAANTO_DB", str(outlook_db))
    view = panels.build("outlook_ranking", filters("MK12"))
    assert view.takeaway == (
        "Työttömät työnhakijat: ennustettu muutos 10/2023–10/2024 on suurin alueella Maakunta 02 "
        "(+10,0\u00a0%) ja pienin alueella Maakunta 12 (−10,0\u00a0%). Maakunta 12: −10,0\u00a0% "
        "(80 %:n väli −20,0\u00a0% … +10,0\u00a0%). 2/2 alueen välissä on sekä kasvu että lasku, "
        "joten niiden suunta on epävarma."
    )
    view = panels.build("outlook_ranking", filters("SSS", "en"), measure="unemployment_share")
    assert view.takeaway.startswith(
        "Unemployment share: the expected change over 10/2023–10/2024 is largest in Region 02 "
        "(+1.00\u00a0pp) and smallest in Region 12 (−1.27\u00a0pp)."
    )


def test_a_municipality_highlights_its_region(outlook_db, monkeypatch):
    at = run_app(outlook_db, monkeypatch, page="ennakointi", area="KU167", lang="en")
    assert [c.value for c in at.caption if c.value.startswith("Municipality 167")] == [
        "Municipality 167 (municipality): Region 12 highlighted."
    ]
    spec = chart(at, "Expected change in unemployed jobseekers")
    chosen = [t for t in spec["data"] if t["marker"]["color"] == "#0060A8"]
    assert [list(t["y"]) for t in chosen] == [["Region 12"]]


def test_ennakointi_page_tells_the_area_track_record(outlook_db, monkeypatch):
    at = run_app(outlook_db, monkeypatch, page="ennakointi", area="MK12")
    record = [m.value for m in at.markdown if m.value.startswith("- Työttömät")]
    assert record == [
        "- Työttömät työnhakijat: kuukauden päähän ennusteen virhe oli keskimäärin 25\u00a0% "
        "kausinaiivin ennusteen virheestä. 12 kuukauden päähän 90\u00a0%. 80 %:n välit osuivat "
        "70\u00a0%:iin toteutuneista arvoista."
    ]
    assert len(chart(at, "Työttömät työnhakijat ja ennuste")["data"]) == 4  # line, band, dashed


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_ennakointi_page_in_every_language(outlook_db, monkeypatch, lang):
    at = run_app(outlook_db, monkeypatch, page="ennakointi", area="MK02", lang=lang, level="ely")
    assert at.title[0].value.endswith("Region 02" if lang == "en" else "Landskap 02")
    # No ELY area has an outlook here: the link falls back to the regions, with a notice.
    assert [i.value for i in at.info if "ely" in i.value and "level" in i.value]
    assert len(at.get("plotly_chart")) == 4


# --- Aineisto: the track record in plain words --------------------------------------------------


def test_aineisto_tells_the_track_record_per_horizon(outlook_db, monkeypatch):
    at = run_app(outlook_db, monkeypatch, page="aineisto")
    assert "Ennusteiden osuvuus" in [h.value for h in at.subheader]
    sentences = [m.value for m in at.markdown if m.value.startswith("- Työttömät")]
    assert sentences == [
        "- Työttömät työnhakijat (2 maakuntaa): kuukauden päähän ennusteen virhe oli keskimäärin "
        "25\u00a0% kausinaiivin ennusteen virheestä. 12 kuukauden päähän 90\u00a0%. 80 %:n välit "
        "osuivat 70\u00a0%:iin toteutuneista arvoista."
    ]
    table = next(tb.value for tb in at.table if "Kuukautta eteenpäin" in tb.value.columns)
    assert table.to_dict("records") == [
        {
            "Sarja": "Työttömät työnhakijat",
            "Alueet": "2 maakuntaa",
            "Kuukautta eteenpäin": 1,
            "Virhe suhteessa naiiviin": "25\u00a0%",
            "80 %:n väli osui": "80\u00a0%",
            "Ennusteita": "20",
        },
        {
            "Sarja": "Työttömät työnhakijat",
            "Alueet": "2 maakuntaa",
            "Kuukautta eteenpäin": 12,
            "Virhe suhteessa naiiviin": "90\u00a0%",
            "80 %:n väli osui": "60\u00a0%",
            "Ennusteita": "20",
        },
    ]


# --- no outlook: a failed step, an older database --------------------------------------------


@pytest.mark.parametrize("db_name", ["tiny_db", "older_db"])
def test_without_forecasts_pages_say_so_once_and_draw_the_rest(db_name, request, monkeypatch):
    db = request.getfixturevalue(db_name)
    common.clear_models()
    said = "Ennustetta ei ole saatavilla"
    for page in ("yleiskuva", "kokeneet"):
        at = run_app(db, monkeypatch, page=page, area="MK12")
        assert len([c for c in at.caption if c.value.startswith(said)]) == 1, page
        for spec in specs(at):
            assert "nnuste" not in footnote(spec), title_of(spec)
            assert not [d for d in spec["data"] if d.get("line", {}).get("dash") == "dash"]
    at = run_app(db, monkeypatch, page="ennakointi", area="MK12")
    assert [i.value for i in at.info if i.value.startswith(said)]
    assert not at.get("plotly_chart")
    at = run_app(db, monkeypatch, page="aineisto")
    assert [i.value for i in at.info if i.value.startswith(said)]
    assert panels.build("outlook_ranking", filters("MK12")) is None


def test_the_storyline_has_the_outlook(outlook_db, monkeypatch):
    from kohtaanto import storyline

    monkeypatch.setenv("KOHTAANTO_DB", str(outlook_db))
    views = dict(storyline.build_views("ennakointi", filters("MK12")))
    assert list(views) == ["share", "counts", "outlook_ranking", "experienced_trend"]
    assert views["outlook_ranking"].title.startswith("Työttömien työnhakijoiden ennustettu")
    assert "tehty 10/2023" in views["share"].note.plain("fi")
    # Region 12 has no age groups in the tiny data: that slide says the sources have none.
    assert views["experienced_trend"] is None
