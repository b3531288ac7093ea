"""kohtaanto: labour-market matching indicators for experienced workers (55+) in Finland."""

__version__ = "0.1.0"
