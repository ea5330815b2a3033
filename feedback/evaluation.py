"""How well similar notes and suggestions work, on the labelled set (``labelled_notes``).

Leave-one-out: each note is suggested themes and topics from all the other notes, as if it
were the one being transcribed. Follow-ups are suggested from their title, description and
the first three notes of their matter (linked by hand); the other notes are the ones asked
about. Groups are compared with the matters by the adjusted Rand index (1 is the same
grouping, 0 is chance) and purity. Pure Python over lexemes: ``lexemes_of`` gives them (the
Python method by default; the tests pass PostgreSQL's to compare both).
"""

import math
import time
from collections import Counter
from collections.abc import Callable, Sequence

from feedback import similarity
from feedback.labelled_notes import CLUSTERS, labelled_notes

LINKED_PER_FOLLOWUP = 3


def _choose2(n: int) -> float:
    return n * (n - 1) / 2


def adjusted_rand_index(truth: Sequence, found: Sequence) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same items."""
    pairs = Counter(zip(truth, found, strict=True))
    index = sum(_choose2(n) for n in pairs.values())
    rows = sum(_choose2(n) for n in Counter(truth).values())
    columns = sum(_choose2(n) for n in Counter(found).values())
    expected = rows * columns / _choose2(len(truth))
    maximum = (rows + columns) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)


def purity(truth: Sequence, found: Sequence) -> float:
    """The share of items whose group's most common true label is their own."""
    by_group: dict = {}
    for label, group in zip(truth, found, strict=True):
        by_group.setdefault(group, Counter())[label] += 1
    return sum(counts.most_common(1)[0][1] for counts in by_group.values()) / len(truth)


def evaluate(lexemes_of: Callable[[Sequence[str]], list[frozenset[str]]] | None = None) -> dict:
    """The figures, as a dict of floats (and counts and seconds)."""
    notes = labelled_notes()
    texts = [text for text, *_labels in notes]
    started = time.perf_counter()
    documents = dict(enumerate(lexemes_of(texts) if lexemes_of else map(similarity.lexemes, texts)))
    themes = {i: [theme] for i, (_text, theme, _topic, _key) in enumerate(notes)}
    topics = {i: [topic] for i, (_text, _theme, topic, _key) in enumerate(notes)}

    theme_top1 = theme_top3 = topic_top3 = 0
    for i, (_text, theme, topic, _key) in enumerate(notes):
        others = {key: terms for key, terms in documents.items() if key != i}
        index = similarity.Index(others)
        neighbours = index.nearest(index.vector(documents[i]), limit=similarity.SUGGESTION_NEIGHBOURS)
        suggested_themes = similarity.vote(neighbours, themes)
        suggested_topics = similarity.vote(neighbours, topics)
        theme_top1 += suggested_themes[:1] == [theme]
        theme_top3 += theme in suggested_themes
        topic_top3 += topic in suggested_topics

    followup_documents, asked = {}, []
    position = 0
    for key, _theme, _topic, title, description, cluster in CLUSTERS:
        linked = range(position, position + LINKED_PER_FOLLOWUP)
        terms = set(similarity.lexemes(f"{title} {description}"))
        for each in linked:
            terms |= documents[each]
        followup_documents[key] = frozenset(terms)
        asked += [(each, key) for each in range(position + LINKED_PER_FOLLOWUP, position + len(cluster))]
        position += len(cluster)
    followup_index = similarity.Index(followup_documents)
    found_at_3 = sum(
        key in [k for _score, k in followup_index.nearest(followup_index.vector(documents[i]), limit=3)]
        for i, key in asked
    )

    truth = [key for *_rest, key in notes]
    by_text = _labels(similarity.group_similar(documents), len(notes))
    by_text_and_tags = _labels(similarity.group_similar(documents, topics=topics, themes=themes), len(notes))
    count = len(notes)
    return {
        "notes": count,
        "theme_top1": theme_top1 / count,
        "theme_top3": theme_top3 / count,
        "topic_top3": topic_top3 / count,
        "followup_recall_at_3": found_at_3 / len(asked),
        "groups_by_text": len(set(by_text)),
        "ari_by_text": adjusted_rand_index(truth, by_text),
        "purity_by_text": purity(truth, by_text),
        "groups_by_text_and_tags": len(set(by_text_and_tags)),
        "ari_by_text_and_tags": adjusted_rand_index(truth, by_text_and_tags),
        "purity_by_text_and_tags": purity(truth, by_text_and_tags),
        "seconds": time.perf_counter() - started,
    }


def _labels(groups, count: int) -> list[int]:
    labels = [0] * count
    for number, group in enumerate(groups):
        for key in group.keys:
            labels[key] = number
    return labels


def report(figures: dict) -> str:
    """The figures as lines of text, each target beside its figure."""
    targets = {"theme_top3": 0.85, "followup_recall_at_3": 0.7}
    lines = []
    for name, value in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) and not math.isnan(value) else str(value)
        if name in targets:
            shown += f"  (target ≥ {targets[name]}: {'met' if value >= targets[name] else 'NOT met'})"
        lines.append(f"{name:28} {shown}")
    return "\n".join(lines)
