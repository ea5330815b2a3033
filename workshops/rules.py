import rules

from aleforetag.accounts.rules import is_staff_member

rules.add_perm("workshops.manage_workshop", is_staff_member)
