"""Shared test settings."""

from __future__ import annotations

from hypothesis import settings

# CI machines are slower and busier than a laptop: property tests are judged on their
# examples, never on how long one example takes.
settings.register_profile("kinerja", deadline=None)
settings.load_profile("kinerja")
