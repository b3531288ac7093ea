"""The data pipeline: the steps that make the database (the forecast step so far)."""
