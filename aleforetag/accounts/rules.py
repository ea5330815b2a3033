"""Role predicates shared by every app's rules."""

import rules

from . import roles


@rules.predicate
def is_business_owner(user):
    return roles.has_role(user, roles.BUSINESS_OWNER)


@rules.predicate
def is_staff_member(user):
    return roles.has_role(user, roles.STAFF, roles.ADMIN)


@rules.predicate
def is_politician(user):
    return roles.has_role(user, roles.POLITICIAN)


@rules.predicate
def is_admin(user):
    return roles.has_role(user, roles.ADMIN)


is_signed_in = rules.is_authenticated

rules.add_perm("accounts.view_own_data", is_signed_in)
rules.add_perm("accounts.manage_users", is_admin)
# Staff, politicians and admins hold accounts the municipality manages: an admin removes them.
rules.add_perm("accounts.delete_own_account", is_business_owner & ~is_staff_member & ~is_politician)
# Mina sidor and its notices: a business owner's own registrations, input and notices.
rules.add_perm("accounts.view_my_pages", is_business_owner)
# Mitt konto's own pages: the password, the e-mail address and the choice of e-mails.
rules.add_perm("accounts.change_own_account", is_signed_in)
