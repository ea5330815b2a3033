"""Who may change the site's identity and contact facts: admins."""

import rules

from aleforetag.accounts.rules import is_admin

rules.add_perm("core.edit_site_settings", is_admin)
