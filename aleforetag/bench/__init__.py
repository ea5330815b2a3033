"""The performance benchmark behind ``make bench``: a synthetic municipality, a page harness,
a load phase and a CSV export probe. See ``aleforetag/core/management/commands/bench.py``."""
