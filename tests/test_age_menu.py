"""The age menu says which groups have no figures for the chosen area and period (real data)."""

from __future__ import annotations

from kohtaanto.i18n import t
from tests.apptest_util import run_app


def test_age_groups_without_figures_are_marked(real_db, monkeypatch):
    mark = f" ({t('filters.age_no_data', 'fi')})"
    at = run_app(real_db, monkeypatch, area="MK12", age="55-")
    options = at.sidebar.selectbox(key="f_age").options
    # Pohjois-Karjala has monthly counts for all ages only.
    assert options[0] == "Kaikki ikäryhmät"
    assert all(o.endswith(mark) for o in options[1:]), options
    assert at.session_state["f_age"] == "55-"

    # KU082 has five-year groups up to 6/2020.
    at = run_app(real_db, monkeypatch, area="KU082", start="2019-01", end="2020-06")
    options = at.sidebar.selectbox(key="f_age").options
    assert "55 vuotta täyttäneet" in options
    assert not any(o.endswith(mark) for o in options if o.startswith("55"))
