from django import template

from aleforetag.accounts.rules import is_business_owner

register = template.Library()


@register.inclusion_tag("portal/components/nav.html", takes_context=True)
def portal_nav(context):
    """The site navigation's links for the signed-in user's roles, composed from the apps
    (notes, summaries, dashboard, follow-ups) and Mitt inflytande; no query of its own."""
    user = context.get("user")
    return {
        "user": user,
        "user_roles": context.get("user_roles"),
        "request": context.get("request"),
        "is_business_owner": bool(user is not None and is_business_owner(user)),
    }
