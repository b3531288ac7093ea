"""The projects databank and its monitoring: read and check workbooks and exports, the tables
the build writes, the monitoring arithmetic, and the demo projects. No Streamlit inside.
"""
