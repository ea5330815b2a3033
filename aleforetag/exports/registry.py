"""Every exportable table, in the order a restore must import them (referenced rows first)."""

from django.utils.module_loading import import_string

RESOURCE_PATHS = [
    "aleforetag.accounts.resources.UserResource",
    "workshops.resources.OrganisationResource",
    "feedback.resources.ThemeResource",
    "feedback.resources.TopicResource",
    "workshops.resources.WorkshopResource",
    "workshops.resources.DiscussionGroupResource",
    "workshops.resources.ParticipationResource",
    "workshops.resources.RegistrationResource",
    "feedback.resources.NoteResource",
    "feedback.resources.SummaryResource",
    "feedback.resources.SummaryPointResource",
    "feedback.resources.DisagreementResource",
    "followups.resources.ConferenceResource",
    "followups.resources.FollowUpResource",
    "followups.resources.StatusChangeResource",
]


def resource_classes():
    """The resource classes of every table, in import order."""
    return [import_string(path) for path in RESOURCE_PATHS]


def resource_for_table(table_name):
    """The resource class whose ``table_name`` (or model label) is ``table_name``."""
    for resource_class in resource_classes():
        if table_name in (resource_class.table_name, resource_class._meta.model._meta.label_lower):
            return resource_class
    raise LookupError(table_name)
