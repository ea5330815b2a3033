"""The texts of django-import-export's admin pages, listed so that ``makemessages`` puts them
in this app's Swedish catalog: the package ships no Swedish translation of its own, and the
admin is otherwise Swedish. Nothing imports this module."""

from django.utils.translation import gettext_noop

IMPORT_EXPORT_TEXTS = [
    gettext_noop("Import finished: {} new, {} updated, {} deleted and {} skipped {}."),
    gettext_noop(
        "%(exc_name)s encountered while trying to read file. "
        "Ensure you have chosen the correct format for the file."
    ),
    gettext_noop("No valid data to import. Ensure your file has the correct headers or data for import."),
    gettext_noop("Resource"),
    gettext_noop("Format"),
    gettext_noop("File to import"),
    gettext_noop("This exporter will export the following fields: "),
    gettext_noop("This importer will import the following fields: "),
    gettext_noop("Submit"),
    gettext_noop(
        "Below is a preview of data to be imported. "
        "If you are satisfied with the results, click 'Confirm import'"
    ),
    gettext_noop("Confirm import"),
    gettext_noop("Errors"),
    gettext_noop("Line number"),
    gettext_noop("Some rows failed to validate"),
    gettext_noop(
        "Please correct these errors in your data where possible, then reupload it using the form above."
    ),
    gettext_noop("Non field specific"),
    gettext_noop("Preview"),
    gettext_noop("New"),
    gettext_noop("Skipped"),
    gettext_noop("Update"),
    gettext_noop("%s through import_export"),
]
