"""The performance benchmark behind ``make bench``: a synthetic municipality, a page harness,
a load phase and a CSV export probe. See ``portal/management/commands/bench.py``."""
