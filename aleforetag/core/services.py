from django.db.models import Model

from .models import AuditEntry


def audit_record(*, actor, action: str, target: Model | None = None, **details) -> AuditEntry:
    """Record one action in the audit log; call it inside the action's own transaction."""
    entry = AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        details=details,
    )
    if target is not None:
        entry.target_type = target._meta.label_lower
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:200]
    entry.save()
    return entry
