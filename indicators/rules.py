"""Permissions of the indicators and the action plan: politicians and staff read them, staff
write them, and everyone reads the published points of the plan and "Ni sa – vi gjorde"."""

import rules

from aleforetag.accounts.rules import is_politician, is_staff_member

# Names differ from Django's model permissions (view_indicator, ...), which only the admin uses.
rules.add_perm("indicators.read_indicators", is_politician | is_staff_member)
rules.add_perm("indicators.manage_indicators", is_staff_member)
# The plan's unpublished points, with their owners.
rules.add_perm("indicators.read_whole_plan", is_politician | is_staff_member)
rules.add_perm("indicators.manage_action_plan", is_staff_member)
