"""Permissions of the follow-ups as composed predicates."""

import rules

from aleforetag.accounts.rules import is_business_owner, is_staff_member

# Conferences, follow-ups, the board and the triage inbox: the business development unit.
rules.add_perm("followups.manage_followups", is_staff_member)
# "Mitt inflytande": a business owner's own input and where it went.
rules.add_perm("followups.view_own_influence", is_business_owner)
