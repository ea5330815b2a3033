import pytest

from .world import built_once


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The portal of world.py, built once for the module's tests and removed after them."""
    with built_once(django_db_blocker) as world:
        yield world
