"""Benchmarks: measured ratios, never run by the unit tests."""
