"""Slide decks: open the generated PPTX with python-pptx and check what a presenter gets."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pandas as pd
import plotly.graph_objects as go
import pytest
from pptx import Presentation

from kohtaanto import charts
from kohtaanto.export import images as export
from kohtaanto.export import slides
from kohtaanto.note import Note

NOTE = Note(sources=("tyonv/12r5",))


def tiny_png(width: int = 16, height: int = 9) -> bytes:
    """A valid grey PNG, so deck tests need no browser."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def deck(n: int, *, broken: int | None = None) -> slides.Deck:
    return slides.Deck(
        title="Kokeneet osaajat: Pohjois-Karjala",
        subtitle="Pohjois-Karjala · 10/2018–10/2023",
        date_line="27.11.2026",
        source_line="Lähde: Tilastokeskus, KEHA-keskus, CC BY 4.0",
        slides=[
            slides.ChartSlide(
                title=f"Kuva {i}",
                takeaway=f"Havainto {i}.",
                footnote=f"Lähde: Tilastokeskus (tyonv/12r5) · 10/2018–10/2023 · havaittu · {i}",
                image="renderer failed" if i == broken else tiny_png(),
            )
            for i in range(1, n + 1)
        ],
        closing_title="Lähteet",
        closing_lines=["Tilastokeskus, KEHA-keskus: työnvälitystilasto, CC BY 4.0"],
    )


def texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_deck_has_title_chart_and_closing_slides():
    prs = Presentation(io.BytesIO(slides.build_pptx(deck(5))))
    assert (prs.slide_width, prs.slide_height) == slides.WIDE
    assert len(prs.slides) == 7
    first, *middle, last = list(prs.slides)
    assert texts(first)[0] == "Kokeneet osaajat: Pohjois-Karjala"
    for i, slide in enumerate(middle, start=1):
        assert texts(slide)[0] == f"Kuva {i}"
        assert sum(1 for s in slide.shapes if s.shape_type == 13) == 1  # one picture
        assert any(t.startswith("Lähde: Tilastokeskus (tyonv/12r5)") for t in texts(slide))
    assert "CC BY 4.0" in " ".join(texts(last))


def test_a_slide_without_image_still_builds_with_the_reason():
    prs = Presentation(io.BytesIO(slides.build_pptx(deck(3, broken=2))))
    second = list(prs.slides)[2]
    assert not any(s.shape_type == 13 for s in second.shapes)
    assert any("renderer failed" in t for t in texts(second))
    assert any(t.startswith("Lähde:") for t in texts(second))


def test_zip_holds_the_images_in_order_and_lists_the_one_it_lacks():
    built = slides.build_zip(
        deck(3, broken=2).slides, missing_file="PUUTTUU.txt", missing_heading="Puuttuu:"
    )
    archive = zipfile.ZipFile(io.BytesIO(built))
    assert archive.namelist() == ["01-kuva-1.png", "03-kuva-3.png", "PUUTTUU.txt"]
    assert (
        archive.read("PUUTTUU.txt").decode("utf-8")
        == "Puuttuu:\r\n\r\n02 Kuva 2: renderer failed\r\n"
    )


def test_a_zip_with_every_image_has_no_list():
    names = zipfile.ZipFile(io.BytesIO(slides.build_zip(deck(2).slides))).namelist()
    assert names == ["01-kuva-1.png", "02-kuva-2.png"]


def test_chart_slides_carry_notes_and_the_pictures_description():
    spec = deck(1)
    spec.slides[0].notes = "Havainto 1.\n\nLähde: Tilastokeskus"
    spec.slides[0].alt = "Viivakaavio, 1/2021–6/2026: Kuva 1. Sarjat: A, B."
    prs = Presentation(io.BytesIO(slides.build_pptx(spec)))
    slide = list(prs.slides)[1]
    assert slide.notes_slide.notes_text_frame.text == "Havainto 1.\n\nLähde: Tilastokeskus"
    picture = next(s for s in slide.shapes if s.shape_type == 13)
    assert picture._element.nvPicPr.cNvPr.get("descr") == spec.slides[0].alt


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Työttömät: Pohjois-Karjala", "tyottomat-pohjois-karjala"), ("", "chart")],
)
def test_slug(title, expected):
    assert slides.slug(title) == expected


def ranking(n: int, label: str = "Toimiala") -> go.Figure:
    data = pd.DataFrame({"name": [f"{label} {i}" for i in range(n)], "v": range(n)})
    return charts.wrap_category_labels(
        charts.bar_chart(data, label="name", value="v", title="T", lang="fi", note=NOTE)
    )


@pytest.mark.parametrize(
    ("n", "label", "size", "lines"),
    [
        (5, "Toimiala", 20, 1),  # few short rows: the slide's full size
        (16, "Sähkö-, kaasu-, lämpö-, vesi- ja jätevesihuolto", 18, 1),
        (12, "Konepaja- ja valimotyöntekijät sekä asentajat ja korjaajat", 18, 2),
        # 21 rows of a label too long for one line at any size that fits: cut at 16 px
        (21, "Vesihuolto, viemäri- ja jätevesihuolto, jätehuolto ja muu ympäristön", 16, 1),
    ],
)
def test_row_labels_fit_their_rows_on_a_slide(n, label, size, lines):
    """On a 675 px slide the rows have (675 − 150) / n px each: labels of ``lines`` lines at
    ``size`` px fit them (two 20 px lines in 25 px rows ran into each other)."""
    big = charts.for_slide(ranking(n, label))
    axis = big.layout.yaxis
    assert axis.tickfont.size == size
    assert max(charts.line_count(text) for text in axis.ticktext) == lines
    assert lines * size * 1.2 <= (675 - 150) / n
    assert list(axis.tickvals) == [f"{label} {i}" for i in range(n)]  # the categories stay
    cut = [text for text in axis.ticktext if text.endswith("…")]
    assert bool(cut) == (n == 21)


def test_a_line_chart_keeps_its_number_axis_on_a_slide():
    data = pd.DataFrame(
        {"period": pd.date_range("2022-01-01", periods=3, freq="MS"), "series": "A", "v": [1, 3, 2]}
    )
    fig = charts.line_chart(
        data, x="period", y="v", series="series", title="T", lang="fi", note=NOTE
    )
    assert charts.for_slide(fig).layout.yaxis.tickvals is None


def test_figures_render_in_one_process_with_chromium():
    data = pd.DataFrame(
        {"period": pd.date_range("2022-01-01", periods=3, freq="MS"), "series": "A", "v": [1, 3, 2]}
    )
    fig = charts.line_chart(
        data, x="period", y="v", series="series", title="T", lang="fi", note=NOTE
    )
    images = export.figures_png([charts.for_slide(fig)] * 2, width=320, height=180, scale=1)
    assert all(isinstance(i, bytes) and i.startswith(b"\x89PNG") for i in images)


def test_slide_figure_drops_title_and_footnote():
    data = pd.DataFrame(
        {"period": pd.date_range("2022-01-01", periods=2, freq="MS"), "series": "A", "v": [1, 2]}
    )
    fig = charts.line_chart(
        data, x="period", y="v", series="series", title="T", lang="fi", note=NOTE
    )
    big = charts.for_slide(fig)
    assert big.layout.title.text is None
    assert [a.name for a in big.layout.annotations] == []
    assert fig.layout.annotations[0].text == NOTE.footnote("fi")
