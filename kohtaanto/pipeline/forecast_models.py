"""The forecast step's two models, on one series' values: point forecasts 1..h months ahead.

Both work in logs (``log1p``, so zeros are fine) and return counts clipped at zero:

- ``holt_winters``: exponential smoothing with an additive damped trend and additive
  seasonality of 12 months (statsmodels' ``ExponentialSmoothing``) on ``log1p(y)``. Logs make a
  spring peak a share of the level, so the pattern scales with it after a level shift (2020);
  the damped trend stops a recent slope from running on for a year. Its parameters are fitted
  by statsmodels' optimiser from the heuristic start (``use_brute=False``): 14 ms of CPU per fit
  against 142 ms with the brute-force start grid, and the same accuracy on the mirror.
- ``seasonal_naive``: the same month a year earlier, the benchmark.

Intervals are not the models' own: ``forecast.py`` calibrates them on the backtest's errors.
"""

from __future__ import annotations

import warnings

import numpy as np

HOLT_WINTERS = "holt_winters"
SEASONAL_NAIVE = "seasonal_naive"
MODELS = (HOLT_WINTERS, SEASONAL_NAIVE)
SEASON = 12


class ModelError(RuntimeError):
    """A model gave no usable forecast for a series (the fit failed or is not finite)."""


def import_library() -> None:
    """Import statsmodels now: once in the parent, not once in every forked worker. (It is
    imported lazily so that a step with nothing to fit, the tiny test database's, never pays.)"""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing  # noqa: F401


def seasonal_naive(y: np.ndarray, horizon: int) -> np.ndarray:
    """The value of the same month a year before each forecast month (``len(y) >= 12``)."""
    last_year = np.asarray(y, dtype=float)[-SEASON:]
    return np.clip(last_year[np.arange(horizon) % SEASON], 0.0, None)


def holt_winters(y: np.ndarray, horizon: int) -> np.ndarray:
    """Damped additive trend and additive seasonality on ``log1p(y)``; ``len(y) >= 24``."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    z = np.log1p(np.clip(np.asarray(y, dtype=float), 0.0, None))
    if np.ptp(z) == 0.0:
        # A constant series (all zeros, say) has nothing to fit; its forecast is itself.
        return np.full(horizon, float(np.expm1(z[-1])))
    with warnings.catch_warnings():
        # Convergence notes of the optimiser: the forecast is checked below instead.
        warnings.simplefilter("ignore")
        try:
            fit = ExponentialSmoothing(
                z,
                trend="add",
                damped_trend=True,
                seasonal="add",
                seasonal_periods=SEASON,
                initialization_method="heuristic",
            ).fit(use_brute=False)
            forecast = np.asarray(fit.forecast(horizon), dtype=float)
        except (ValueError, np.linalg.LinAlgError, ArithmeticError) as exc:
            raise ModelError(f"holt_winters: {exc}") from exc
    if not np.all(np.isfinite(forecast)):
        raise ModelError("holt_winters: the forecast is not finite")
    # A log forecast far beyond anything seen is a runaway fit, not an outlook.
    if forecast.max() > z.max() + np.log(10.0):
        raise ModelError("holt_winters: the forecast is ten times the series' maximum")
    return np.clip(np.expm1(forecast), 0.0, None)


def forecast(model: str, y: np.ndarray, horizon: int) -> np.ndarray:
    """The point forecast of ``model`` (one of ``MODELS``) for ``horizon`` months after ``y``."""
    if model == HOLT_WINTERS:
        return holt_winters(y, horizon)
    if model == SEASONAL_NAIVE:
        return seasonal_naive(y, horizon)
    raise ValueError(f"unknown model {model!r}")
