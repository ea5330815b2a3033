"""Selectors of the feedback app, one module per half: notes, and summaries with disagreements."""
