"""Who may take tables out of the portal and put them back in: admins (and whoever an
admin grants the model permission of the same name)."""

import rules

from aleforetag.accounts.rules import is_admin

rules.add_perm("exports.export_data", is_admin)
rules.add_perm("exports.export_personal_data", is_admin)
rules.add_perm("exports.import_data", is_admin)
rules.add_perm("exports.view_exportlog", is_admin)
