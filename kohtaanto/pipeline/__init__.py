"""Making the database: fetch the sources, build them into one DuckDB file, or build demo data.

Nothing here imports the app (Streamlit, panels, charts): the pipeline runs from the command
line and from ``make run`` before any page exists.
"""
