"""The time to suggest at scale (``make eval-suggestions``, issue 21), measured at two tiny sizes
so it never rots. No timing assertions: what must hold at any size is asserted (both
suggestions timed for the notes asked, the same queries at both sizes, the verdict printed
beside the floor view)."""

import pytest

from portal.bench import builder, pages, suggestions
from portal.management.commands.eval_suggestions import report_at_scale
from tests.bench.measure import measured_at


def _measured_at(size) -> dict:
    return measured_at(
        size, lambda: suggestions.measure_suggestions(notes=3, repeats=1, log=lambda line: None)
    )


@pytest.mark.django_db
def test_suggesting_at_scale_is_timed_beside_the_floor_view_with_queries_that_do_not_grow():
    small, large = _measured_at(builder.SIZES["tiny"]), _measured_at(builder.SIZES["tiny2"])

    for key in ("tags", "followups"):
        assert small[key]["items"] == large[key]["items"] == 3
        assert small[key]["queries"] == large[key]["queries"], key
        assert set(large[key]["floors"]) == {pages.STAFF, pages.ANONYMOUS}
        for floor in large[key]["floors"].values():
            assert floor["met"] == (floor["floor_ratio"] <= suggestions.MAX_FLOOR)
    assert large["counts"]["notes"] == builder.SIZES["tiny2"].notes
    table = report_at_scale(large | {"engine": "sqlite"})
    assert "Themes and topics suggested for one waiting note" in table
    assert "Follow-ups suggested for one inbox input" in table
    assert table.count("met") == 4
