"""Background work of the exports app: large imports, run by Django's tasks framework."""

from django.tasks import task


@task
def run_import_job(job_id: int) -> str:
    """Run one background import (once: a second run finds the job taken and does nothing)."""
    from .services import import_job_run

    return import_job_run(job_id=job_id)
