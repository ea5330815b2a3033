"""Permissions of the pages composed in portal."""

import rules

from aleforetag.accounts.rules import is_staff_member

# Arbetsyta, the staff home: what waits for the business development unit now.
rules.add_perm("portal.view_workspace", is_staff_member)
