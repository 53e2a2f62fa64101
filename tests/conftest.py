"""Shared test settings."""

from __future__ import annotations

from hypothesis import settings

# CI machines are slower and busier than a laptop: property tests are judged on their
# examples, never on how long one example takes.
# Derandomized: CI must not pass or fail by the luck of the draw. A failure a random run finds is kept
# as a regression test of its own (see tests/kpi/test_engine.py, the xfail on retention with compare).
settings.register_profile("kinerja", deadline=None, derandomize=True)
settings.load_profile("kinerja")
