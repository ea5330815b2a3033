"""Builders shared by the summary and disagreement tests."""

from django.utils import timezone

from feedback.models import Summary
from feedback.services import summaries as services
from tests import factories


def draft_summary(*, workshop, editor, theme_slug="service-och-leverans", points=1, notes_per_point=0):
    """A draft summary written through the services, so it has its revisions and version."""
    summary = services.summary_create(
        workshop=workshop, theme=factories.theme(theme_slug), introduction="Det här hörde vi.", editor=editor
    )
    inputs = []
    for number in range(points):
        notes = [
            factories.NoteFactory(workshop=workshop, themes=[factories.theme(theme_slug)])
            for _ in range(notes_per_point)
        ]
        inputs.append(
            services.PointInput(text=f"Punkt {number + 1}", order=number + 1, note_ids=[n.pk for n in notes])
        )
    if inputs:
        summary = services.summary_save(
            summary=summary,
            editor=editor,
            expected_version=summary.version,
            introduction=summary.introduction,
            points=inputs,
        )
    return summary


def published_summary(*, workshop, editor, checker, **kwargs):
    """A summary written by ``editor``, checked and published by ``checker``."""
    summary = draft_summary(workshop=workshop, editor=editor, **kwargs)
    summary = services.summary_submit_for_review(
        summary=summary, actor=editor, expected_version=summary.version
    )
    return services.summary_check_and_publish(
        summary=summary, checker=checker, expected_version=summary.version
    )


def fast_published_summary(*, workshop, theme_slug, points, checker, notes_per_point=1):
    """A published summary built with factories only, for query-count tests with many rows."""
    summary = factories.SummaryFactory(
        workshop=workshop,
        theme=factories.theme(theme_slug),
        status=Summary.Status.PUBLISHED,
        checked_by=checker,
        checked_at=timezone.now(),
        published_at=timezone.now(),
    )
    for number in range(points):
        point = factories.SummaryPointFactory(summary=summary, order=number)
        point.notes.set(factories.NoteFactory.create_batch(notes_per_point, workshop=workshop))
    return summary
