"""No e-mail is lost or sent twice when the worker is killed (SIGKILL) while it sends.

A real worker process (``manage.py worker``, production settings from the deploy/ environment
template) sends to a local SMTP sink. It is killed at the three moments that matter: before it
sends, in the middle of the SMTP conversation, and after the server has accepted the message
but before the outbox marks it sent. A new worker then takes over.
"""

import time

import pytest

from .production import SilentServer, Sink, Site, wait_for


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    sink = Sink()
    sink.controller.start()
    site = Site(tmp_path_factory.mktemp("production"), sink)
    yield site
    site.stop_all()
    sink.controller.stop()
    site.drop_database()


def _settle(site, address, *, copies=1):
    return wait_for(lambda: len(site.sink.to(address)) >= copies, timeout=30, what=f"e-mail to {address}")


def _next_worker_sends_it_once(site, pk, address):
    """The killed worker left the message "being sent" and nothing arrived; the next worker
    takes it up once the cut-short sending is 2 s old, and it arrives once."""
    assert site.outbox_status(pk) == "sending"
    assert site.sink.to(address) == []
    worker = site.start_worker()
    _settle(site, address)
    wait_for(lambda: site.outbox_status(pk) == "sent", what="the mark")
    site.kill(worker)
    assert len(site.sink.to(address)) == 1


def test_killed_before_sending_the_message_is_sent_once_by_the_next_worker(site):
    """Killed while waiting for a mail server that accepted the connection and never answered
    (before any message was handed over): the next worker sends it, once."""
    address = "before@example.se"
    silent = SilentServer()
    worker = site.start_worker(DJANGO_EMAIL_PORT=str(silent.port))
    try:
        pk = site.queue(address)
        wait_for(silent.connected.is_set, what="the worker to reach the mail server")
    finally:
        site.kill(worker)
        silent.close()
    _next_worker_sends_it_once(site, pk, address)


def test_killed_in_the_middle_of_the_conversation_the_message_is_sent_once(site):
    address = "during@example.se"
    site.sink.in_conversation.clear()
    site.sink.hold_rcpt.set()
    worker = site.start_worker()
    pk = site.queue(address)
    try:
        wait_for(site.sink.in_conversation.is_set, what="the worker to start sending")
    finally:
        site.kill(worker)
        site.sink.hold_rcpt.clear()
    _next_worker_sends_it_once(site, pk, address)


def test_killed_after_the_server_accepted_a_repeat_carries_the_same_message_id(site):
    """The one window left: accepted by the server, not yet marked sent. The next worker
    sends it again, with the same Message-ID, which mail clients show once."""
    address = "after@example.se"
    held = {}

    def hold_the_mark(message_id):
        held["release"] = site.lock(message_id=message_id)

    worker = site.start_worker()
    site.sink.before_accept = hold_the_mark
    try:
        pk = site.queue(address)
        _settle(site, address)
        time.sleep(1)  # the worker now waits to mark the message sent
    finally:
        site.sink.before_accept = None
        site.kill(worker)
        held["release"]()
    assert site.outbox_status(pk) == "sending"
    worker = site.start_worker()
    _settle(site, address, copies=2)
    wait_for(lambda: site.outbox_status(pk) == "sent", what="the mark")
    site.kill(worker)
    copies = site.sink.to(address)
    assert len(copies) == 2
    assert len({message_id for message_id, *_rest in copies}) == 1
    assert site.query("SELECT message_id FROM core_outboxemail WHERE id = ?", (pk,))[0][0] == copies[0][0]


def test_the_health_page_answers_503_with_the_worker_stopped(site):
    """Measured on gunicorn with production settings: 200 while the worker beats, 503 once
    its heartbeat is older than DJANGO_WORKER_STALE_SECONDS."""
    import json
    import urllib.error
    import urllib.request

    site.env["DJANGO_WORKER_STALE_SECONDS"] = "3"
    site.start_web()
    url = f"http://127.0.0.1:{site.web_port}/health/"

    def status():
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)

    worker = site.start_worker()
    wait_for(lambda: status()[0] == 200, timeout=60, what="a healthy answer")
    site.kill(worker)
    _code, body = wait_for(lambda: (s := status())[0] == 503 and s, timeout=15, what="503")
    assert body["worker"] == "stale" and body["database"] == "ok"
