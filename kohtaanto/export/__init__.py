"""Files made from what a page shows: images of figures (Kaleido), slide decks and image ZIPs,
and data tables as CSV, Excel and Parquet. Pure: figures and frames in, bytes out.
"""
