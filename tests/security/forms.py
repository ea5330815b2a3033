"""Reading the forms of a rendered page, and hostile values for their fields."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.apps import apps
from django.db import connection
from hypothesis import strategies as st

# Rows written whatever the input: sessions, throttling records, the task queue.
NOT_USER_DATA = {"sessions", "axes", "django_tasks_database", "django_tasks_db"}


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> offered values (select, radio)


class _FormParser(HTMLParser):
    def __init__(self, page_path):
        super().__init__()
        self.page_path = page_path
        self.forms: list[Form] = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urlsplit(attrs.get("action") or self.page_path).path
            self._form = Form(action=action, method=(attrs.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select", "button"):
            name = attrs.get("name")
            if not name or name == "csrfmiddlewaretoken":
                return
            values = self._form.fields.setdefault(name, [])
            if tag == "select":
                self._select = name
            elif tag == "input" and attrs.get("type") in ("radio", "checkbox", "hidden", "submit"):
                values.append(attrs.get("value", "on"))
            elif tag == "button" and attrs.get("value") is not None:
                values.append(attrs["value"])
        elif tag == "option" and self._form is not None and self._select:
            self._form.fields[self._select].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_on(html: str, page_path: str) -> list[Form]:
    parser = _FormParser(page_path)
    parser.feed(html)
    return parser.forms


def user_data_counts() -> dict[str, int]:
    """Rows per model of everything people and staff enter (not sessions or security logs)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and model._meta.app_label not in NOT_USER_DATA
    }


# SQLite stores at most 64-bit integers and Django's model choice fields pass a larger id
# straight to it (OverflowError, a server error on SQLite only; PostgreSQL answers "no such
# row"). Development runs SQLite, production PostgreSQL: on SQLite the ids stay in range.
MAX_ID = 2**70 if connection.vendor == "postgresql" else 2**63 - 1

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
hostile_value = st.one_of(
    _text,
    _text.map(lambda s: s + "\x00"),  # NUL bytes
    st.builds(lambda s, n: (s or "å") * n, _text, st.integers(min_value=100, max_value=12_000)),  # very long
    st.integers(min_value=-MAX_ID, max_value=MAX_ID).map(str),  # wrong types, out of range
    st.sampled_from(
        ["", " ", "-1", "0", "1.5", "1e309", "NaN", "null", "[]", "{}", "true", "2017-02-30", "../../etc"]
    ),
    st.sampled_from(
        ["<script>alert(1)</script>", "' OR 1=1 --", '=HYPERLINK("http://x")', "\u202e\u200b", "😀" * 50]
    ),
)


def nul_form_data(form: Form) -> dict[str, str]:
    """The offered value of each field that offers one, a NUL byte inside every typed one: the
    value PostgreSQL refuses in a string, which a view reading the raw POST would pass on."""
    return {name: offered[0] if offered else "text\x00text" for name, offered in form.fields.items()}


@st.composite
def hostile_form_data(draw, form: Form):
    """A POST body for ``form``: each field missing, repeated or given a hostile or offered value."""
    data = {}
    for name, offered in form.fields.items():
        choice = draw(st.integers(min_value=0, max_value=9))
        if choice == 0:
            continue  # missing field
        if offered and choice <= 4:
            data[name] = draw(st.sampled_from(offered))
        elif choice == 5:
            data[name] = draw(st.lists(hostile_value, min_size=2, max_size=3))
        else:
            data[name] = draw(hostile_value)
    return data
