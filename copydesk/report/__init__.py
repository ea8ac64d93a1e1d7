"""Reporters: the report JSON (DESIGN.md §4), the terminal text summary, and (later) HTML
and JUnit. Each reporter reads the same stream of results and the same summary."""
