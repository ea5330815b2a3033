"""Similar notes, suggested tags and near-duplicates, computed on the server only.

No text leaves the server and no model is downloaded. The method is the same on both
databases, so that both give the same answers for the same data:

- a note's words are Swedish lexemes: lower-cased words, Swedish stop words dropped, the
  rest stemmed by the Snowball Swedish stemmer. PostgreSQL computes them itself with its
  ``swedish`` text search configuration (``to_tsvector``, which is Snowball's stemmer and
  stop words); elsewhere ``lexemes()`` does the same in Python with ``snowballstemmer``;
- a text becomes a TF-IDF vector over its distinct lexemes (binary term frequency, smoothed
  inverse document frequency over the notes compared), normalised, and two texts are as
  similar as the cosine of their vectors;
- near-duplicates are compared by trigram similarity, pg_trgm's: its trigrams (``show_trgm``)
  on PostgreSQL, ``trigrams()`` (the same definition) elsewhere, and the share of trigrams two
  texts have in common (pg_trgm's ``similarity()``) over the pairs an exact prefix filter finds.

Known differences, within the tolerance the tests state: PostgreSQL's parser recognises
e-mail and web addresses and a few other token kinds that the Python tokeniser reads as
plain words, and pg_trgm hashes trigrams with non-ASCII letters (a collision is possible,
not likely).
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import F, Func, QuerySet, TextField

# Snowball's Swedish stop words: the list PostgreSQL's ``swedish`` configuration reads
# (tsearch_data/swedish.stop).
_STOP_WORDS = """och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
    icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något
    från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller
    allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa
    några deras blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje
    vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas"""
SWEDISH_STOP_WORDS = frozenset(_STOP_WORDS.split())

# A word: letters and digits; a hyphenated compound ("e-tjänst") kept whole.
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# pg_trgm's words: runs of letters and digits.
_TRIGRAM_WORD = re.compile(r"[^\W_]+")

_stemmer = snowballstemmer.stemmer("swedish")
_python_only = ContextVar("similarity_python_only", default=False)


def on_postgresql() -> bool:
    """Whether PostgreSQL computes lexemes and trigram similarity (else Python does)."""
    return connection.vendor == "postgresql" and not _python_only.get()


@contextmanager
def python_only():
    """Compute in Python even on PostgreSQL: the tests compare both methods on the same data."""
    token = _python_only.set(True)
    try:
        yield
    finally:
        _python_only.reset(token)


@lru_cache(maxsize=100_000)
def _lexeme(word: str) -> str | None:
    if any(character.isdigit() for character in word):
        return word  # PostgreSQL keeps numbers and words with digits as they are
    if word in SWEDISH_STOP_WORDS:
        return None
    return _stemmer.stemWord(word)


def lexemes(text: str) -> frozenset[str]:
    """The distinct Swedish lexemes of ``text``, as PostgreSQL's
    ``tsvector_to_array(to_tsvector('swedish', text))`` gives them: a hyphenated compound
    gives itself and each of its parts."""
    found = set()
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        parts = word.split("-")
        for each in [word, *parts] if len(parts) > 1 else parts:
            if (lexeme := _lexeme(each)) is not None:
                found.add(lexeme)
    return frozenset(found)


def lexeme_array(*fields: str) -> Func:
    """PostgreSQL: the distinct Swedish lexemes of ``fields`` joined by a space, as an array."""
    return Func(
        SearchVector(*fields, config="swedish"),
        function="tsvector_to_array",
        output_field=ArrayField(TextField()),
    )


def text_lexemes(rows: QuerySet, *fields: str) -> dict[int, frozenset[str]]:
    """Each row's lexemes by primary key, from its ``fields`` (default ``text``) joined by a
    space, in one query: computed by PostgreSQL's ``swedish`` configuration there (the same
    expression as the notes' full-text index), in Python elsewhere."""
    fields = fields or ("text",)
    if on_postgresql():
        found = (
            rows.order_by()
            .annotate(similarity_lexemes=lexeme_array(*fields))
            .values_list("pk", "similarity_lexemes")
        )
        return {pk: frozenset(each or ()) for pk, each in found}
    found = rows.order_by().values_list("pk", *fields)
    return {pk: lexemes(" ".join(part or "" for part in parts)) for pk, *parts in found}


def texts_lexemes(texts: Sequence[str]) -> list[frozenset[str]]:
    """The lexemes of each of ``texts`` (not saved yet): one query on PostgreSQL, none elsewhere."""
    if not texts:
        return []
    if not on_postgresql():
        return [lexemes(text) for text in texts]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(to_tsvector('swedish'::regconfig, t)) "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i",
            # Typed text not validated yet may hold NUL, which PostgreSQL refuses in a string
            # (and which is no part of a word either).
            [[text.replace("\x00", "") for text in texts]],
        )
        return [frozenset(row[0] or ()) for row in cursor.fetchall()]


# --- TF-IDF and cosine ---


Vector = dict[str, float]


def _normalised(weights: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(weight * weight for weight in weights.values()))
    return {term: weight / norm for term, weight in weights.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """The cosine of two normalised vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


# Swedish joins words into compounds ("bygglovsenheten", "bygglov"): a lexeme's first letters
# count as a term of their own too, so that a compound meets the words it is built from.
PREFIX_LENGTH = 5


def features(terms: Iterable[str]) -> frozenset[str]:
    """A text's terms: its lexemes and, for those longer than ``PREFIX_LENGTH``, their start."""
    terms = set(terms)
    return frozenset(terms | {f"~{term[:PREFIX_LENGTH]}" for term in terms if len(term) > PREFIX_LENGTH})


class Index:
    """TF-IDF vectors of a set of documents (each a set of terms), with an inverted index for
    finding a text's nearest documents without comparing it with every one."""

    def __init__(self, documents: Mapping[Hashable, Iterable[str]]):
        self.documents = {key: features(terms) for key, terms in documents.items()}
        count = len(self.documents)
        frequency = Counter(term for terms in self.documents.values() for term in terms)
        self.idf = {term: math.log((1 + count) / (1 + seen)) + 1 for term, seen in frequency.items()}
        self.unseen_idf = math.log(1 + count) + 1
        self.vectors = {key: self.vector(terms) for key, terms in self.documents.items()}
        self.postings: dict[str, list[tuple[Hashable, float]]] = defaultdict(list)
        for key in sorted(self.vectors, key=_sort_key):
            for term, weight in self.vectors[key].items():
                self.postings[term].append((key, weight))

    def vector(self, terms: Iterable[str]) -> Vector:
        """The normalised TF-IDF vector of a set of terms (a term no document has weighs most)."""
        return _normalised({term: self.idf.get(term, self.unseen_idf) for term in features(terms)})

    def nearest(self, vector: Vector, *, limit: int, exclude: Iterable = (), minimum: float = 1e-9):
        """Up to ``limit`` (similarity, key) pairs, most similar first, ties by key."""
        excluded = set(exclude)
        scores: dict[Hashable, float] = defaultdict(float)
        for term, weight in vector.items():
            for key, other in self.postings.get(term, ()):
                scores[key] += weight * other
        ranked = sorted(
            ((round(score, 9), key) for key, score in scores.items() if key not in excluded),
            key=lambda pair: (-pair[0], _sort_key(pair[1])),
        )
        return [(score, key) for score, key in ranked if score >= minimum][:limit]


def _sort_key(key):
    return key if isinstance(key, tuple) else (key,)


# --- tags suggested from the most similar tagged notes ---


SUGGESTION_NEIGHBOURS = 10
SUGGESTION_LIMIT = 3


def vote(
    neighbours: Sequence[tuple[float, Hashable]],
    tags: Mapping[Hashable, Iterable[int]],
    *,
    exclude: Iterable[int] = (),
    limit: int = SUGGESTION_LIMIT,
) -> list[int]:
    """Tag ids ranked by the summed similarity of the neighbours that carry them, ties by id;
    tags in ``exclude`` (those the note already has) left out."""
    excluded = set(exclude)
    score: dict[int, float] = defaultdict(float)
    for similarity, key in neighbours:
        for tag in tags.get(key, ()):
            if tag not in excluded:
                score[tag] += similarity
    ranked = sorted(score.items(), key=lambda item: (-round(item[1], 9), item[0]))
    return [tag for tag, _score in ranked[:limit]]


# --- groups of similar notes ---


GROUP_THRESHOLD = 0.3
# What a group's notes are compared on: their words, and the topics and themes staff gave them.
TEXT_WEIGHT, TOPIC_WEIGHT, THEME_WEIGHT = 0.6, 0.25, 0.15


@dataclass
class Group:
    """Notes that say much the same thing, with the words that mark them out."""

    keys: list = field(default_factory=list)
    label_lexemes: list[str] = field(default_factory=list)


def _combined(text: Vector, topics: Iterable[int], themes: Iterable[int]) -> Vector:
    # Concatenated weighted unit vectors: the dot product of two is the weighted sum of the
    # cosines of their words, topics and themes.
    vector = {f"w:{term}": weight * math.sqrt(TEXT_WEIGHT) for term, weight in text.items()}
    for prefix, tags, share in (("t:", topics, TOPIC_WEIGHT), ("h:", themes, THEME_WEIGHT)):
        tags = sorted(set(tags))
        for tag in tags:
            vector[f"{prefix}{tag}"] = math.sqrt(share / len(tags))
    # A note without topics (or words) is compared on what it has, at full weight.
    return _normalised(vector)


def _add(total: dict[str, float], vector: Vector) -> None:
    for term, weight in vector.items():
        total[term] = total.get(term, 0.0) + weight


def group_similar(
    documents: Mapping[Hashable, frozenset[str]],
    *,
    topics: Mapping[Hashable, Iterable[int]] | None = None,
    themes: Mapping[Hashable, Iterable[int]] | None = None,
    threshold: float = GROUP_THRESHOLD,
    label_size: int = 3,
) -> list[Group]:
    """Group documents (key -> lexemes) that are similar, in the documents' key order.

    Each document joins the group whose centroid it is most similar to (at least
    ``threshold``), else starts one; then every document is assigned once more to its nearest
    final centroid, so an early document is not stuck in a group that later grew away from it.
    Deterministic: the same documents give the same groups. Groups come largest first."""
    topics, themes = topics or {}, themes or {}
    index = Index(documents)
    keys = sorted(documents, key=_sort_key)
    vectors = {key: _combined(index.vectors[key], topics.get(key, ()), themes.get(key, ())) for key in keys}

    centroids: list[dict[str, float]] = []
    for key in keys:
        best = _best_centroid(vectors[key], centroids, threshold)
        if best is None:
            centroids.append(dict(vectors[key]))
        else:
            _add(centroids[best], vectors[key])
    final = [_normalised(centroid) for centroid in centroids]
    members: dict[int, list] = defaultdict(list)
    for key in keys:
        best = _best_centroid(vectors[key], final, threshold=-1.0, normalised=True)
        members[best].append(key)

    groups = []
    for keys_of_group in members.values():
        groups.append(Group(keys=keys_of_group, label_lexemes=_label(index, keys_of_group, label_size)))
    groups.sort(key=lambda group: (-len(group.keys), _sort_key(group.keys[0])))
    return groups


def _best_centroid(vector, centroids, threshold, normalised=False):
    best, best_score = None, threshold
    for position, centroid in enumerate(centroids):
        dot = sum(weight * centroid.get(term, 0.0) for term, weight in vector.items())
        if not normalised:
            norm = math.sqrt(sum(weight * weight for weight in centroid.values()))
            dot = dot / norm if norm else 0.0
        if round(dot, 9) > round(best_score, 9) or (best is None and normalised):
            best, best_score = position, dot
    return best


def _label(index: Index, keys: Sequence, size: int) -> list[str]:
    """The group's most characteristic lexemes: most shared among its notes, rarer elsewhere."""
    weight: dict[str, float] = defaultdict(float)
    for key in keys:
        for term in index.documents[key]:
            weight[term] += index.idf[term]
    # One-letter lexemes (the "e" of "e-tjänst") say nothing; among equals, longer words say more.
    terms = [term for term in weight if len(term) > 1 and not term.startswith("~")]
    shared = [term for term in terms if len(keys) == 1 or weight[term] > index.idf[term]]
    ranked = sorted(shared or terms, key=lambda term: (-round(weight[term], 9), -len(term), term))
    return ranked[:size]


_LABEL_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def readable_label(lexemes_: Sequence[str], texts: Iterable[str]) -> list[str]:
    """Each lexeme as a word that people read: the most frequent word of ``texts`` that
    begins with it (a stem is nearly always the start of its words), else the lexeme."""
    words = Counter(match.group() for text in texts for match in _LABEL_WORD.finditer(text.lower()))
    readable = []
    for lexeme in lexemes_:
        candidates = [(count, word) for word, count in words.items() if word.startswith(lexeme)]
        best = min(candidates, key=lambda item: (-item[0], len(item[1]), item[1])) if candidates else None
        word = best[1] if best else lexeme
        if word not in readable:
            readable.append(word)
    return readable


# --- near-duplicates ---


DUPLICATE_THRESHOLD = 0.6


def trigram_array(field: str) -> Func:
    """PostgreSQL: pg_trgm's trigrams of ``field`` (``show_trgm``), as an array."""
    return Func(F(field), function="show_trgm", output_field=ArrayField(TextField()))


def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams of ``text``: each lower-cased word padded with two spaces before and
    one after, every three consecutive characters."""
    found = set()
    for word in _TRIGRAM_WORD.findall(text.lower()):
        padded = f"  {word} "
        found.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(found)


def trigram_similarity(a: str | frozenset, b: str | frozenset) -> float:
    """pg_trgm's ``similarity()``: shared trigrams over all distinct trigrams of both."""
    a = trigrams(a) if isinstance(a, str) else a
    b = trigrams(b) if isinstance(b, str) else b
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def similar_pairs(sets: Mapping[int, frozenset], *, threshold: float) -> list[tuple[int, int, float]]:
    """(lower key, higher key, similarity) of every pair of ``sets`` whose Jaccard similarity
    (pg_trgm's ``similarity()`` for trigram sets) is at least ``threshold``.

    Exact, without comparing every pair (the "all pairs" prefix filter): with the elements
    ordered rarest first, two sets that similar must share one of the first
    ``len - ceil(threshold * len) + 1`` elements of each."""
    frequency = Counter(element for elements in sets.values() for element in elements)
    postings: dict = defaultdict(list)
    found = []
    for key in sorted(sets, key=lambda k: (len(sets[k]), k)):
        elements = sorted(sets[key], key=lambda element: (frequency[element], element))
        size = len(elements)
        # Rounded so that the prefix is never too short (a longer one only adds candidates).
        prefix = size - math.ceil(threshold * size - 1e-9) + 1
        candidates = set()
        for element in elements[:prefix]:
            candidates.update(postings[element])
            postings[element].append(key)
        for other in candidates:
            if len(sets[other]) >= threshold * size - 1e-9:
                score = trigram_similarity(sets[key], sets[other])
                if score >= threshold:
                    found.append((min(key, other), max(key, other), score))
    return found
