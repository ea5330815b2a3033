"""Permissions of the feedback app as composed predicates."""

import rules  # noqa: F401

from aleforetag.accounts.rules import is_admin, is_business_owner, is_politician, is_staff_member  # noqa: F401

# --- notes ---

# --- summaries and disagreements ---
