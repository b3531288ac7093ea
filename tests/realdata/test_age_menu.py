"""The age menu says which groups have no figures for the chosen area and period (real data)."""

from __future__ import annotations

from kohtaanto.i18n import t
from tests.apptest_util import run_app


def test_age_groups_without_figures_are_marked(real_db, monkeypatch):
    mark = f" ({t('filters.age_no_data', 'fi')})"
    at = run_app(real_db, monkeypatch, area="MK12", age="55-")
    options = at.sidebar.selectbox(key="f_age").options
    # Pohjois-Karjala has monthly counts for all ages, 50+ and 15–24 (12r5 of 2026-06), no
    # five-year groups: those are marked.
    assert options[0] == "Kaikki ikäryhmät"
    unmarked = [o for o in options if not o.endswith(mark)]
    assert unmarked == ["Kaikki ikäryhmät", "50 vuotta täyttäneet", "15–24-vuotiaat"], options
    assert f"55 vuotta täyttäneet{mark}" in options
    assert at.session_state["f_age"] == "55-"

    # KU082 has five-year groups up to 6/2020.
    at = run_app(real_db, monkeypatch, area="KU082", start="2019-01", end="2020-06")
    options = at.sidebar.selectbox(key="f_age").options
    assert "55 vuotta täyttäneet" in options
    assert not any(o.endswith(mark) for o in options if o.startswith("55"))
