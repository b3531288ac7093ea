"""Slide decks (PowerPoint 16:9) and image ZIPs from chart slides, with their sources.

Pure: slides in, bytes out. The images are drawn beforehand (``images.render``) so one
Chromium process serves the whole deck; a slide whose image failed still gets its title,
takeaway and footnote, with a sentence in the reader's language in place of the picture, and
the ZIP lists what it lacks. Every chart slide carries speaker notes (the takeaway and the
sources) and its picture a description (what, where, when), for PowerPoint's presenter view and
screen readers.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

WIDE = (Inches(13.333), Inches(7.5))
# Layouts of python-pptx's default template: a slide's title goes into its layout's title
# placeholder, so PowerPoint's outline, screen readers and "Accessibility check" find it.
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5
INK = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x55, 0x55, 0x55)
ACCENT = RGBColor(0x00, 0x60, 0xA8)


@dataclass
class ChartSlide:
    """One chart: its title, one sentence of takeaway, the source footnote and the image, with
    the picture's description and the speaker notes."""

    title: str
    takeaway: str
    footnote: str
    image: bytes | str  # PNG bytes, or the sentence shown in its place (the reader's language)
    alt: str = ""  # the picture's alternative text: what it shows, where and when
    notes: str = ""  # speaker notes (the takeaway and the sources)
    why_none: str = ""  # why there is no image, for the ZIP's list (else the text shown)


@dataclass
class Deck:
    """A storyline as a deck: the title slide's texts, the chart slides and the closing texts."""

    title: str
    subtitle: str
    date_line: str
    source_line: str
    slides: list[ChartSlide]
    closing_title: str
    closing_lines: list[str] = field(default_factory=list)
    missing_image: str = "The image could not be drawn: {reason}"


def _text(slide, left, top, width, height, text: str, size: int, *, bold=False, color=INK) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    para = frame.paragraphs[0]
    run = para.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = color


def _title(slide, left, top, width, height, text: str, size: int, *, color=INK) -> None:
    """``text`` in the slide's title placeholder, placed and styled like the other texts."""
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = left, top, width, height
    frame = shape.text_frame
    frame.word_wrap = True
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    run = para.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = True
    run.font.color.rgb = color


def _alt_text(picture, text: str) -> None:
    """The picture's alternative text (``descr`` of its non-visual properties), which
    python-pptx has no property for; without it PowerPoint reads the file name."""
    picture._element.nvPicPr.cNvPr.set("descr", text)


def fitted(text: str, size: int, fits: int) -> int:
    """A smaller font for a text longer than ``fits`` characters at ``size`` points, so a long
    area name does not push the title into the takeaway (python-pptx cannot measure text)."""
    if len(text) <= fits:
        return size
    return max(int(size * fits / len(text)), size * 2 // 3)


def build_pptx(deck: Deck) -> bytes:
    """The deck as a .pptx file: title slide, one slide per chart, closing slide with sources."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE
    title_only = prs.slide_layouts[TITLE_ONLY_LAYOUT]
    width = prs.slide_width
    margin = Inches(0.6)
    inner = width - 2 * margin

    first = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    _title(first, margin, Inches(2.2), inner, Inches(1.4), deck.title, 40, color=ACCENT)
    subtitle = first.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
        margin,
        Inches(3.7),
        inner,
        Inches(0.8),
    )
    subtitle.text_frame.text = deck.subtitle
    subtitle.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    subtitle.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    subtitle.text_frame.paragraphs[0].runs[0].font.color.rgb = INK
    _text(first, margin, Inches(4.5), inner, Inches(0.6), deck.date_line, 18, color=MUTED)
    _text(first, margin, Inches(6.6), inner, Inches(0.6), deck.source_line, 12, color=MUTED)

    for spec in deck.slides:
        slide = prs.slides.add_slide(title_only)
        _title(
            slide, margin, Inches(0.3), inner, Inches(0.8), spec.title, fitted(spec.title, 28, 60)
        )
        _text(
            slide,
            margin,
            Inches(1.05),
            inner,
            Inches(0.6),
            spec.takeaway,
            fitted(spec.takeaway, 18, 110),
            color=ACCENT,
        )
        top, bottom = Inches(1.75), Inches(6.75)
        if isinstance(spec.image, bytes):
            height = bottom - top
            pic_width = Emu(int(height * 16 / 9))
            picture = slide.shapes.add_picture(
                io.BytesIO(spec.image), (width - pic_width) // 2, top, pic_width, height
            )
            _alt_text(picture, spec.alt or spec.takeaway or spec.title)
        else:
            _text(
                slide,
                margin,
                Inches(3.5),
                inner,
                Inches(1.0),
                deck.missing_image.format(reason=spec.image),
                16,
                color=MUTED,
            )
        _text(slide, margin, Inches(6.85), inner, Inches(0.5), spec.footnote, 11, color=MUTED)
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes

    last = prs.slides.add_slide(title_only)
    _title(last, margin, Inches(0.6), inner, Inches(0.9), deck.closing_title, 32, color=ACCENT)
    box = last.shapes.add_textbox(margin, Inches(1.7), inner, Inches(5.0))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(deck.closing_lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line
        para.font.size = Pt(16)
        para.space_after = Pt(8)

    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def slug(text: str) -> str:
    """A file-name-safe form of a title: ``Työttömät: Uusimaa`` → ``tyottomat-uusimaa``."""
    table = str.maketrans("äöåÄÖÅ", "aoaAOA")
    return re.sub(r"[^a-z0-9]+", "-", text.translate(table).lower()).strip("-")[:60] or "chart"


def build_zip(
    slides: list[ChartSlide],
    *,
    missing_file: str = "MISSING.txt",
    missing_heading: str = "These slides have no image:",
) -> bytes:
    """The slides' images as numbered PNG files in a ZIP. A slide without an image gets a line
    in ``missing_file`` (its number, title and the sentence its slide shows instead), so that a
    ZIP of 5 images from 6 slides says which one it lacks and why."""
    out = io.BytesIO()
    missing = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for i, spec in enumerate(slides, start=1):
            if isinstance(spec.image, bytes):
                archive.writestr(f"{i:02d}-{slug(spec.title)}.png", spec.image)
            else:
                missing.append(f"{i:02d} {spec.title}: {spec.why_none or spec.image}")
        if missing:
            text = "\r\n".join([missing_heading, "", *missing, ""])
            archive.writestr(missing_file, text.encode("utf-8"))
    return out.getvalue()
