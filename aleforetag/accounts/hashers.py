"""The portal's password hasher: Argon2id at OWASP's recommended minimum.

Django's Argon2 defaults (100 MiB, two passes, eight lanes) cost most of a second per sign-in
on a small two-core server, which is both slow for people and a lever for anyone who wants to
tie the server up with sign-in attempts. OWASP's password storage guidance recommends Argon2id
with at least 19 MiB of memory, two passes and one lane: tens of milliseconds here, and still
memory-hard against guessing on graphics cards. Hashes made with other parameters (Django's
defaults included) are rehashed with these at the next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class PortalArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
