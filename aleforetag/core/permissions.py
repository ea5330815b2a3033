"""The portal's one way for a view to declare its permission.

Every permission is a ``rules`` predicate registered in its app's ``rules.py``. Function views
declare it with ``permission_required``; class views with ``rules.contrib.views.
PermissionRequiredMixin`` (its default, ``raise_exception = False``, behaves the same). Either
way an anonymous visitor is sent to sign in, and a signed-in user without the right gets 403.
A view that must load its object before it can ask (and whose method check comes first) is
wrapped in Django's ``login_required`` and asks ``require_permission`` once it has it.

Superusers get no shortcut past these permissions (``accounts.User.has_perm``): an admin acts
through the admin role, and nobody acts as the author of another person's note."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def permission_required(perm: str, fn=None):
    """Anonymous visitors go to sign-in; signed-in users without ``perm`` get 403.
    ``fn(request, *args, **kwargs)``, when given, returns the object the permission is about
    (it may raise Http404)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = fn(request, *args, **kwargs) if fn is not None else None
            if not request.user.has_perm(perm, obj):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def require_permission(user, perm: str, obj=None) -> None:
    """403 unless ``user`` holds ``perm`` (on ``obj``): ``permission_required`` for a view that
    has just loaded the object the permission is about."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied
