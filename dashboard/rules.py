"""Permissions of the dashboard: politicians and staff read it, nobody else."""

import rules

from aleforetag.accounts.rules import is_politician, is_staff_member

rules.add_perm("dashboard.view_dashboard", is_politician | is_staff_member)
