"""Run by test_sqlite_burst in a process of its own, on a fresh SQLite file given by
DATABASE_URL with the portal's own settings for it (WAL, a busy timeout, immediate
transactions): WRITERS business owners, each in a thread with its own connection, released by
one barrier to submit a note through the service at the same moment. Prints what happened as
JSON: the errors, and how many notes were stored and how many distinct texts."""

import json
import sys
import threading

import django


def main(writers: int) -> dict:
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)

    from feedback.models import Note
    from feedback.services.notes import note_submit
    from portal.factories import BusinessOwnerFactory, WorkshopFactory, theme

    workshop = WorkshopFactory()
    owners = BusinessOwnerFactory.create_batch(writers)
    themes = [theme("samarbete")]
    connection.close()
    barrier = threading.Barrier(writers)
    errors: list[str] = []

    def write(index: int, owner) -> None:
        from django.db import connection as own

        try:
            barrier.wait(timeout=30)
            note_submit(
                author=owner, workshop=workshop, text=f"Anteckning {index}", kind="suggestion", themes=themes
            )
        except Exception as error:  # noqa: BLE001 - every failure is reported, none hidden
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            own.close()

    threads = [threading.Thread(target=write, args=(i, owner)) for i, owner in enumerate(owners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    texts = list(Note.objects.filter(workshop=workshop).values_list("text", flat=True))
    return {
        "journal_mode": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0],
        "errors": errors,
        "stored": len(texts),
        "distinct": len(set(texts)),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
