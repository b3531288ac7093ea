"""Real-data tests of i18n (the rest: tests/app/test_i18n.py)."""

from __future__ import annotations

from kohtaanto.i18n import t


def test_elinvoimakeskus_is_named_as_statistics_finland_names_its_areas():
    """The 2026 centres that replaced the ELY centres: "livskraftscentral" in Swedish and
    "Economic Development Centre" in English, as the municipality key (and the ministry, TEM)
    names them; the level's words in the menus must be those, not a translation of our own."""
    import csv

    from tests.conftest import shared_raw

    key = shared_raw() / "classifications" / "municipality_key_2026.csv"
    with key.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["evk_code"]]
    assert len({r["evk_code"] for r in rows}) == 10
    for lang in ("fi", "sv", "en"):
        word = t("level.elinvoimakeskus", lang).lower()
        plural = t("alueet.plural.elinvoimakeskus", lang).lower()
        names = {r[f"evk_name_{lang}"].strip().lower() for r in rows}
        assert all(name.endswith(word) for name in names), (lang, word, names)
        assert plural.startswith(word[:-2]), (lang, plural)
