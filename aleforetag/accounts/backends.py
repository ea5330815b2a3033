"""Authentication backends of the portal."""

from axes.backends import AxesStandaloneBackend


class RequestOptionalAxesBackend(AxesStandaloneBackend):
    """Throttle sign-ins like django-axes, but let request-less sign-ins through.

    Only the test settings use it: Django's ``Client.login`` authenticates without a
    request, which the strict backend refuses. Every sign-in form passes the request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def throttling_username(request, credentials=None) -> str:
    """The e-mail address an attempt is counted against, in lower case, so that changing
    the case of the address does not start a fresh count (AXES_USERNAME_CALLABLE)."""
    if credentials:
        value = credentials.get("username") or credentials.get("email")
    else:
        value = request.POST.get("username") if request is not None else None
    return (value or "").strip().lower()
