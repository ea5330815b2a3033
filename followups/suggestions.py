"""Follow-ups suggested for the inputs in the triage inbox, never linked by themselves.

Each waiting note or disagreement is compared (``feedback.similarity``: Swedish lexemes,
TF-IDF, cosine) with each follow-up the inbox offers, read as its title, description and the
texts of the inputs already linked to it; the three most similar are suggested, each linked
with one button that a person presses.
"""

from feedback import similarity
from feedback.models import Disagreement, Note

from . import selectors
from .models import FollowUp

SUGGESTED_FOLLOWUPS = 3
# Below this cosine a follow-up shares too little with the input to be worth suggesting.
MINIMUM_SIMILARITY = 0.05


def followup_documents(followups: list[FollowUp]) -> dict[int, frozenset[str]]:
    """Each follow-up's lexemes: its title and description and its linked notes' and
    disagreements' texts. Five queries, whatever the number of follow-ups and links."""
    pks = [followup.pk for followup in followups]
    documents = {
        pk: set(found) for pk, found in _lexemes(FollowUp.objects.filter(pk__in=pks), "title", "description")
    }
    for link, model, field in (
        (selectors.NoteLink, Note, "note"),
        (selectors.DisagreementLink, Disagreement, "disagreement"),
    ):
        links = link.objects.filter(followup__in=pks)
        texts = dict(_lexemes(model.objects.filter(pk__in=links.values(field))))
        for input_pk, followup_pk in links.values_list(field, "followup"):
            documents[followup_pk] |= texts.get(input_pk, frozenset())
    return {pk: frozenset(terms) for pk, terms in documents.items()}


def _lexemes(rows, *fields):
    return similarity.text_lexemes(rows, *fields).items()


def attach_suggested_followups(*, notes, disagreements, conference=None) -> None:
    """Give each of ``notes`` and ``disagreements`` (a page of each) ``suggested_followups``:
    up to three of the follow-ups the inbox offers, most similar first. Only read: nothing is
    linked. Eight queries when notes and disagreements wait and follow-ups are offered (one
    fewer for a kind with nothing on its page, one in all when no follow-up is offered, none
    when no input waits), whatever their numbers."""
    notes, disagreements = list(notes), list(disagreements)
    for item in [*notes, *disagreements]:
        item.suggested_followups = []
    if not (notes or disagreements):
        return
    followups = list(selectors.followups_offered_for_linking(conference=conference))
    if not followups:
        return
    by_pk = {followup.pk: followup for followup in followups}
    index = similarity.Index(followup_documents(followups))
    for items, model in ((notes, Note), (disagreements, Disagreement)):
        found = similarity.text_lexemes(model.objects.filter(pk__in=[item.pk for item in items]))
        for item in items:
            vector = index.vector(found.get(item.pk, frozenset()))
            nearest = (
                index.nearest(vector, limit=SUGGESTED_FOLLOWUPS, minimum=MINIMUM_SIMILARITY) if vector else []
            )
            item.suggested_followups = [by_pk[pk] for _score, pk in nearest]
