import rules

from aleforetag.accounts.rules import is_staff_member

rules.add_perm("workshops.manage_workshop", is_staff_member)

# The registration lists, check-in sheet and door check-in: staff only, since they show
# dietary and accessibility needs.
rules.add_perm("workshops.view_registrations", is_staff_member)
rules.add_perm("workshops.check_in_registration", is_staff_member)
