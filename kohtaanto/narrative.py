"""Plain sentences about what changed, generated from the numbers in the chosen language."""

from __future__ import annotations

import math

import pandas as pd

from kohtaanto import fmt
from kohtaanto.i18n import t


def _ok(x: object) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def change_sentences(
    now: pd.Series, year_ago: pd.Series | None, area_name: str, lang: str
) -> list[str]:
    """Up to four sentences: unemployed, unemployment share, vacancies per unemployed, 50+."""
    month = fmt.month_in(pd.Timestamp(now["period"]).date(), lang)
    out: list[str] = []
    if _ok(now.get("unemployed")):
        if year_ago is not None and _ok(year_ago.get("unemployed")) and year_ago["unemployed"]:
            change = 100 * (now["unemployed"] / year_ago["unemployed"] - 1)
            key = "up" if change > 0.5 else "down" if change < -0.5 else "flat"
            out.append(t(f"narrative.unemployed_{key}", lang, area=area_name, month=month,
                         count=fmt.number(now["unemployed"], lang), change=fmt.percent(abs(change), lang)))  # fmt: skip
        else:
            out.append(t("narrative.unemployed_level", lang, area=area_name, month=month,
                         count=fmt.number(now["unemployed"], lang)))  # fmt: skip
    if (
        _ok(now.get("unemployment_share"))
        and year_ago is not None
        and _ok(year_ago.get("unemployment_share"))
    ):
        diff = now["unemployment_share"] - year_ago["unemployment_share"]
        out.append(t("narrative.share", lang, share=fmt.percent(now["unemployment_share"], lang),
                     diff=fmt.signed(diff, lang, 1), unit=t("narrative.points", lang)))  # fmt: skip
    if _ok(now.get("tightness")):
        per = now["tightness"]
        key = "tight" if per >= 0.5 else "slack" if per < 0.2 else "middle"
        out.append(t(f"narrative.tightness_{key}", lang, ratio=fmt.number(per, lang, 2),
                     per_hundred=fmt.number(100 * per, lang)))  # fmt: skip
    if _ok(now.get("unemployed_50")) and _ok(now.get("share_50")):
        out.append(t("narrative.over50", lang, count=fmt.number(now["unemployed_50"], lang),
                     share=fmt.percent(now["share_50"], lang)))  # fmt: skip
    return out
