"""gunicorn's settings for the portal (aleforetag-web.service: gunicorn --config deploy/gunicorn.conf.py).

Every value can be overridden without editing this file: GUNICORN_CMD_ARGS in the environment
file, e.g. GUNICORN_CMD_ARGS=--workers=5 (gunicorn reads it after this file).
"""

import multiprocessing

wsgi_app = "aleforetag.wsgi:application"

# Only the TLS proxy on the same server talks to gunicorn (deploy/nginx/aleforetag.conf).
bind = "127.0.0.1:8000"
# Trust X-Forwarded-Proto only from that proxy (Django reads it: SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = "127.0.0.1,::1"

# Two processes per core and one more, at most 9: each holds a database connection and about
# 100 MB of memory. Sync workers: the pages are short and the proxy buffers slow clients.
workers = min(multiprocessing.cpu_count() * 2 + 1, 9)
# A request still running after 30 s is stopped (its worker restarted); the database gives up
# on a statement before that (DJANGO_DB_STATEMENT_TIMEOUT) and no request sends e-mail.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, so memory a long-lived process gathers is returned.
max_requests = 2000
max_requests_jitter = 200
# The workers' heartbeat files in memory, not on disk.
worker_tmp_dir = "/dev/shm"  # noqa: S108 (a memory file system, not a shared temp file)

# No control socket (gunicornc): nothing on the server needs it, and it is one less way in.
control_socket_disable = True

# Logs go to the journal: the access log to standard output, one line per request,
#   [29/Nov/2026:09:30:01 +0100] "GET /workshoppar/ HTTP/1.0" 200 5123 12ms
# (time, method, path without the query string, protocol, status, bytes sent, duration).
# No client address, query string or user agent: the proxy's own log has the address for as
# long as the privacy notice allows, and query strings may carry what people typed.
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
# gunicorn's own messages (start, stop, a worker timed out) to standard error.
errorlog = "-"
loglevel = "info"
proc_name = "aleforetag-web"
