"""One English word, several Swedish ones: each "Cancelled" reads right in its own place."""

from django.utils import translation

from indicators.models import ActionPoint
from workshops.models import Registration, Workshop


def test_each_cancelled_has_its_own_swedish_word():
    with translation.override("sv"):
        assert str(Registration.Status.CANCELLED.label) == "Avbokad"
        assert str(Workshop.Status.CANCELLED.label) == "Inställd"
        assert str(ActionPoint.Status.CANCELLED.label) == "Avbruten"
    with translation.override("en"):
        assert str(ActionPoint.Status.CANCELLED.label) == "Cancelled"
