"""The journeys' frame: language × viewport, a screenshot per step, and a check of every page.

A journey test takes the ``journey`` fixture, parametrised indirectly with ``matrix()``::

    @pytest.mark.parametrize("journey", matrix(full=True), indirect=True)
    def test_business_owner(journey): ...

Every page a journey's browser loads passes through :meth:`Journey.check` (the page-visit
hook): a full-page screenshot ``NN-step.png`` in
``var/test-screenshots/<run>/<journey>-<lang>-<viewport>/``, axe-core (no serious or
critical violation), no sideways scrolling (``scrollWidth`` within the window's width), no
console error and no uncaught JavaScript error. The HTML the server
sent for each page (not the DOM after scripts ran) is kept and, at :meth:`Journey.finish`,
validated by the Nu HTML checker (``vnu-jar`` from npm, on the machine's Java) in one batch,
once per distinct URL, language and actor in the whole run. ``finish`` fails with every
finding of the journey at once, and also names any page the browser loaded that no step checked.
"""

import datetime
import json
import os
import re
import shutil
import subprocess
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.factories import PASSWORD

REPO = Path(__file__).resolve().parents[3]
RUN = os.environ.get("ALE_JOURNEY_RUN") or datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
RUN_DIR = Path(os.environ.get("ALE_SCREENSHOT_DIR", REPO / "var" / "test-screenshots")) / RUN
VNU_JAR = Path(
    os.environ.get("ALE_VNU_JAR", REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
)

LANGUAGES = ("sv", "en")
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "mobile": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}

# (language, actor, path and query) of every document already sent to the checker in this run.
_VALIDATED: set[tuple[str, str, str]] = set()


# What has the focus, and whether it is drawn: an outline, or a shadow (Bootstrap's form controls).
_FOCUS_PROBE = """() => {
  const element = document.activeElement;
  const drawn = (el) => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== "none";
  };
  return {
    element: element.outerHTML.slice(0, 120),
    visible: element !== document.body && drawn(element),
  };
}"""


def matrix(*, full: bool):
    """The (language, viewport) combinations: all four, or Swedish on a desktop and English
    on a phone (every language and every viewport once, at half the time)."""
    combos = (
        [(lang, viewport) for lang in LANGUAGES for viewport in VIEWPORTS]
        if full
        else [("sv", "desktop"), ("en", "mobile")]
    )
    return [pytest.param(combo, id=f"{combo[0]}-{combo[1]}") for combo in combos]


@dataclass
class Document:
    actor: str
    url: str
    html: str
    checked: bool = False


@dataclass
class Actor:
    """One person's browser (its own context, so its own cookies)."""

    label: str
    page: object
    documents: list[Document] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


def vnu_command() -> list[str] | None:
    """The command line that runs the Nu HTML checker; None (with a warning) only when node or
    Java is missing, a failure when both are there but `npm ci` has not installed it."""
    java = shutil.which("java")
    if java and VNU_JAR.exists():
        # Client compiler only: the checker runs once per journey, so start-up time dominates.
        return [java, "-XX:TieredStopAtLevel=1", "-Xss4m", "-jar", str(VNU_JAR)]
    if java and shutil.which("npm"):
        pytest.fail(
            f"The Nu HTML checker is not installed ({VNU_JAR}): run `npm ci --ignore-scripts`"
            " (make test does)."
        )
    warnings.warn(
        "HTML validation skipped: vnu-jar needs node (npm) and Java 17+, and one is missing.", stacklevel=2
    )
    return None


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Journey:
    """A journey in one language at one viewport: actors, steps and the checks on every page."""

    def __init__(self, *, name, lang, viewport, live_server, new_context):
        self.name, self.lang, self.viewport = name, lang, viewport
        self.live_server = live_server
        self._new_context = new_context
        self.folder = RUN_DIR / f"{name}-{lang}-{viewport}"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.step_number = 0
        self.actors: list[Actor] = []
        self.axe_findings: list[str] = []
        self.layout_findings: list[str] = []
        self.page = self.actor("visitor")

    # --- language and viewport ---

    @property
    def mobile(self) -> bool:
        return self.viewport == "mobile"

    def _(self, msgid: str, *, same: bool = False, **values) -> str:
        """The interface text for ``msgid`` in the journey's language, from the shipped catalogues.

        In Swedish, a text that comes back untranslated fails the journey (unless ``same``:
        the word is the same in both languages), so a missing translation is found too."""
        with translation.override(self.lang):
            text = translation.gettext(msgid)
        if self.lang == "sv" and text == msgid and not same:
            pytest.fail(f"No Swedish translation of {msgid!r}")
        return text % values if values else text

    def label(self, msgid: str, *, same: bool = False, **values) -> re.Pattern:
        """A field's label, exactly, allowing the required-field asterisk crispy-forms adds."""
        return re.compile(rf"^\s*{re.escape(self._(msgid, same=same, **values))}\s*\*?\s*$")

    def field_label(self, model, name: str) -> re.Pattern:
        """The label a model form gives a model field: its verbose name, capitalised."""
        with translation.override(self.lang):
            text = capfirst(str(model._meta.get_field(name).verbose_name))
        return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")

    def label_of(self, choice) -> str:
        """A model choice's label (e.g. a status) in the journey's language."""
        with translation.override(self.lang):
            return str(choice.label)

    def tag_name(self, obj) -> str:
        """A theme's or topic's name as the journey's language shows it."""
        return obj.name_sv if self.lang == "sv" else obj.name_en

    def url(self, path: str) -> str:
        return self.live_server.url + path

    # --- actors ---

    def actor(self, label: str):
        """A new browser (own cookies) for another person, in the journey's language and viewport.

        Each actor's first page is opened in Swedish; the journey's ``start`` switches language
        the way a visitor does, later actors get the language cookie directly."""
        context = self._new_context(
            locale="sv-SE", timezone_id="Europe/Stockholm", **VIEWPORTS[self.viewport]
        )
        if self.lang != "sv" and self.actors:
            context.add_cookies(
                [{"name": settings.LANGUAGE_COOKIE_NAME, "value": self.lang, "url": self.url("/")}]
            )
        page = context.new_page()
        person = Actor(label=label, page=page)
        self.actors.append(person)
        page.on("response", lambda response: self._keep_document(person, response))
        page.on("console", lambda msg: self._console(person, msg))
        page.on("pageerror", lambda error: person.console.append(f"{_path_of(page.url)}: uncaught {error}"))
        page.actor = person
        return page

    def _keep_document(self, person: Actor, response) -> None:
        request = response.request
        if request.resource_type != "document" or response.frame.parent_frame is not None:
            return
        if response.status != 200 or "text/html" not in (response.headers.get("content-type") or ""):
            return
        person.documents.append(Document(actor=person.label, url=response.url, html=response.text()))

    def _console(self, person: Actor, msg) -> None:
        if msg.type == "error":
            source = (msg.location or {}).get("url") or ""
            where = f" ({source})" if source and source != msg.page.url else ""
            person.console.append(f"{_path_of(msg.page.url)}: {msg.text}{where}")

    def became(self, page, label: str) -> None:
        """Record that the person in this browser now acts as ``label`` (e.g. after signing in)."""
        page.actor.label = label

    # --- navigation helpers ---

    def open(self, path: str, step: str, page=None):
        """Go to a page by its address (as from a bookmark or an e-mail link) and check it."""
        page = page or self.page
        page.goto(self.url(path) if path.startswith("/") else path)
        self.check(step, page)
        return page

    def menu(self, page=None):
        """On a phone the main menu is folded behind the menu button: open it."""
        page = page or self.page
        if self.mobile:
            toggler = page.locator(".navbar-toggler")
            if toggler.get_attribute("aria-expanded") != "true":
                toggler.click()
                # Wait until Bootstrap's opening animation is over, so nothing moves under a click.
                expect(page.locator("#main-menu")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
                expect(page.locator("#main-menu.collapsing")).to_have_count(0)
        return page.locator("#main-menu")

    def menu_item(self, name, role: str = "link", page=None):
        """A main-menu link (or button), with its group opened first when it sits in one (the
        groups are <details> menus: Input, the signed-in person's menu), as a person does."""
        page = page or self.page
        menu = self.menu(page)
        item = menu.get_by_role(role, name=name, exact=True, include_hidden=True).first
        if not item.is_visible():
            group = item.locator("xpath=ancestor::details[contains(@class, 'nav-group')]")
            if group.count() and group.first.get_attribute("open") is None:
                group.first.locator("summary").click()
        expect(item).to_be_visible()
        return item

    def nav(self, name: str, step: str, page=None):
        """Follow a main-menu link, as a person does, and check the page."""
        page = page or self.page
        self.menu_item(name, page=page).click()
        page.wait_for_load_state()
        self.check(step, page)

    def start(self, step: str = "home", page=None):
        """Open the home page and, for an English journey, switch language with the switch."""
        page = page or self.page
        self.open("/", step, page)
        if self.lang != "sv":
            self.menu(page).get_by_role("button", name="English").click()
            expect(page.locator("html")).to_have_attribute("lang", self.lang)
            self.check(f"{step}-{self.lang}", page)

    def sign_in(self, user, label: str, page=None, password: str = PASSWORD):
        """Sign in through the menu's link and the real form."""
        page = page or self.page
        self.menu(page).get_by_role("link", name=self._("Sign in"), exact=True).click()
        self.check("sign-in", page)
        self.fill_sign_in(user.email, password, page)
        self.became(page, label)
        self.check(f"signed-in-{label}", page)

    def fill_sign_in(self, email: str, password: str, page=None):
        """Fill in and send the sign-in form that is on the page."""
        page = page or self.page
        form = page.locator("main form")
        form.get_by_label(self.label("E-mail address")).fill(email)
        form.get_by_label(self.label("Password")).fill(password)
        form.get_by_role("button", name=self._("Sign in")).click()
        sign_out = re.compile("^" + re.escape(self._("Sign out %(name)s", name="")))
        expect(
            page.locator("#main-menu").get_by_role("button", name=sign_out, include_hidden=True)
        ).to_be_attached()

    # --- the keyboard ---

    def tab_to(self, target, page=None, limit: int = 80):
        """Press Tab until ``target`` has the focus, as a keyboard user does; every element the
        focus passes must show that it has it (an outline or a shadow)."""
        page = page or self.page
        for _ in range(limit):
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUS_PROBE)
            assert focused["visible"], f"No visible focus on {focused['element']} at {_path_of(page.url)}"
            if target.evaluate("element => element === document.activeElement"):
                return target
        pytest.fail(f"Tab never reached {target} on {_path_of(page.url)}")

    # --- the page-visit hook ---

    def check(self, step: str, page=None) -> Path:
        """Screenshot the page as step NN, run axe on it and note its console errors."""
        page = page or self.page
        page.wait_for_load_state()
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        self.step_number += 1
        safe = re.sub(r"[^a-zA-Z0-9_.-]+", "-", step).strip("-")
        path = self.folder / f"{self.step_number:02d}-{safe}.png"
        page.screenshot(path=str(path), full_page=True)
        for problem in axe_violations(page):
            self.axe_findings.append(f"{_path_of(page.url)} [{step}]: {problem}")
        # No page may scroll sideways (at 390 px on a phone, or anywhere else).
        scroll_width, window_width = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        if scroll_width > window_width:
            self.layout_findings.append(
                f"{_path_of(page.url)} [{step}]: scrolls sideways ({scroll_width} > {window_width} px)"
            )
        # The page as the server sent it is validated under the name of who looks at it now.
        here = _path_of(page.url)
        for document in reversed(page.actor.documents):
            if _path_of(document.url) == here:
                document.actor, document.checked = page.actor.label, True
                break
        return path

    # --- the end of the journey ---

    def _validate_html(self) -> list[str]:
        documents = {}
        for person in self.actors:
            for document in person.documents:
                key = (self.lang, document.actor, _path_of(document.url))
                if not document.checked:
                    continue
                if key not in _VALIDATED and key not in documents:
                    documents[key] = document
        if not documents:
            return []
        command = vnu_command()
        if command is None:
            return []
        folder = self.folder / "html"
        folder.mkdir(exist_ok=True)
        files = {}
        for number, (key, document) in enumerate(documents.items(), start=1):
            file = folder / f"{number:02d}-{document.actor}.html"
            file.write_text(document.html, encoding="utf-8")
            files[file.name] = key
        result = subprocess.run(
            [
                *command,
                "--format",
                "json",
                "--errors-only",
                "--exit-zero-always",
                *(str(folder / f) for f in files),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        problems = []
        for message in json.loads(result.stderr or result.stdout)["messages"]:
            _lang, actor, path = files.get(
                message.get("url", "").rsplit("/", 1)[-1], ("", "?", message["url"])
            )
            problems.append(
                f"{path} (as {actor}), line {message.get('lastLine')}: {message.get('message')}"
                f" «{message.get('extract', '').strip()}»"
            )
        _VALIDATED.update(documents)
        return problems

    def finish(self):
        """Validate the journey's HTML and fail with every finding of the journey at once."""
        findings = []
        documents = [d for person in self.actors for d in person.documents]
        checked = {_path_of(d.url) for d in documents if d.checked}
        unchecked = sorted({_path_of(d.url) for d in documents} - checked)
        findings += [f"loaded but never checked: {path}" for path in unchecked]
        (self.folder / "pages.txt").write_text(
            "".join(f"{path}\n" for path in sorted(checked)), encoding="utf-8"
        )
        findings += [f"axe: {finding}" for finding in self.axe_findings]
        findings += [f"layout: {finding}" for finding in self.layout_findings]
        findings += [f"console: {line}" for person in self.actors for line in person.console]
        findings += [f"HTML: {problem}" for problem in self._validate_html()]
        assert not findings, f"{self.name} ({self.lang}, {self.viewport}):\n" + "\n".join(findings)


@pytest.fixture
def journey(request, live_server, new_context):
    """A journey in the language and at the viewport of the test's parameter."""
    lang, viewport = request.param
    name = getattr(request.module, "JOURNEY", request.node.originalname.removeprefix("test_"))
    # A journey's pages come from a live server on a busy machine (2 shared cores in CI): give
    # each expectation more than Playwright's 5 seconds before it counts as failed.
    expect.set_options(timeout=15_000)
    yield Journey(name=name, lang=lang, viewport=viewport, live_server=live_server, new_context=new_context)
    expect.set_options(timeout=5_000)
