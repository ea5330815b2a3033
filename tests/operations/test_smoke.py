"""Production smoke test: gunicorn, the worker and a local mail server, started from the
deploy/ environment template with production settings (on loopback, over plain HTTP).

A business owner signs up, confirms the address from the e-mail, signs in and registers for
a workshop; each e-mail arrives once."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import pytest

from .production import Sink, Site, wait_for


class Forms(HTMLParser):
    """The POST forms of a page: action and their inputs' values."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}})
        elif tag in ("input", "button") and self.forms and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind not in ("checkbox", "radio") or "checked" in attrs:
                self.forms[-1]["fields"].setdefault(attrs["name"], attrs.get("value") or "")


class Browser:
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def open(self, path, data=None):
        url = path if path.startswith("http") else self.base + path
        body = None if data is None else urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(url, body, timeout=60) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, url, error.read().decode()

    def submit(self, path, fields, *, having=None):
        """Open the page, fill in the POST form that has the field ``having`` (or else the last
        POST form, after the header's language switch) and send it."""
        status, url, html = self.open(path)
        assert status == 200, (status, url)
        parser = Forms()
        parser.feed(html)
        forms = [f for f in parser.forms if having is None or having in f["fields"]]
        assert forms, f"no form with {having} on {url}"
        form = forms[-1]
        action = urllib.parse.urljoin(url, form["action"] or url)
        return self.open(action, {**form["fields"], **fields})


@pytest.fixture
def site(tmp_path):
    sink = Sink()
    sink.controller.start()
    site = Site(tmp_path, sink)
    yield site
    site.stop_all()
    sink.controller.stop()
    site.drop_database()


def test_sign_up_confirm_register_each_e_mail_arrives_once(site):
    site.manage(
        code=(
            "from portal.factories import WorkshopFactory\n"
            "WorkshopFactory(title='Lunch med kommunstyrelsen', slug='lunch', capacity=30,\n"
            "                registration_open=True)\n"
        )
    )
    site.start_web()
    site.start_worker()
    browser = Browser(f"http://127.0.0.1:{site.web_port}")
    address = "nora@example.se"

    status, url, _html = browser.submit(
        "/konto/skapa-konto/",
        {
            "full_name": "Nora Nystartad",
            "email": address,
            "organisation_name": "Nystart AB",
            "password1": "ett-bra-losenord-1",
            "password2": "ett-bra-losenord-1",
        },
        having="password1",
    )
    assert status == 200 and "skickat" in url
    [(_id, _to, _subject, body)] = wait_for(lambda: site.sink.to(address), what="the confirmation e-mail")
    link = re.search(r"http://\S+/konto/bekrafta/\S+/", body)
    assert link, body
    link = link.group(0)
    status, _url, html = browser.open(link)
    assert status == 200
    if "<form" in html and "bekrafta" in html:  # confirmed with a button, not by opening the link
        browser.submit(link, {})
    status, url, _html = browser.submit(
        "/konto/logga-in/", {"username": address, "password": "ett-bra-losenord-1"}, having="password"
    )
    assert status == 200 and "logga-in" not in url

    status, url, html = browser.submit("/workshoppar/lunch/anmal/", {})
    assert status == 200, html[:500]
    wait_for(lambda: len(site.sink.to(address)) >= 2, what="the registration e-mail")
    time.sleep(3)  # several sweeps later: nothing more arrives
    received = site.sink.to(address)
    assert len(received) == 2
    assert len({message_id for message_id, *_rest in received}) == 2
    assert site.query("SELECT COUNT(*) FROM core_outboxemail WHERE status = 'sent'")[0][0] == 2
    assert "POST /workshoppar/lunch/anmal/" in site.log("web.log")  # the access log
