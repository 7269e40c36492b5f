"""Real, human-annotated text for training, beside the generator's sentences.

The generator teaches the shapes of PII in forms, mail and logs; people's own prose (news, interviews, court
transcripts, biographies, travel guides, tweets, Wikipedia, loan agreements) teaches how names, places,
organisations and dates read in running text, and technical documentation teaches what is *not* an organisation.
Corpora come from `piimask.training.corpora` (their train splits, and only documents whose text licence allows
training); their test and dev splits are never read here.

A corpus annotates only some of our types: tweets label people, places and organisations, never dates. Training
those texts as all-O elsewhere would teach the model that "21 March" is nothing, so the characters that could hold a
type the corpus does not annotate (a month or a year, a nationality word, a job title, an age) are left out of the
loss (`ignore`), as are the spans a corpus annotates with labels we do not map (MISC, products...), but for the
nationality, religion and party words among them, which are NRP (`_spans`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from piimask.training import corpora
from piimask.training.data import values
from piimask.training.render import Example

MODEL_TYPES = frozenset(values.ENTITY_TYPES)
_PLO = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})

# name -> the model types its annotators labelled (the rest are masked out of the loss where they may be)
TRAIN_CORPORA: dict[str, frozenset[str]] = {
    # GUM labels NRP nouns ("Americans"); the nationality adjectives it leaves unlabelled are in `dropped` (ignored)
    "gum": frozenset({"PERSON", "LOCATION", "ORGANIZATION", "DATE_TIME", "NRP"}),
    "btc": _PLO,
    "wnut17": _PLO,
    "wikigold": _PLO,
    "sec_filings": _PLO,
    # the English Web Treebank (mail, reviews, newsgroups, answers, blogs): brands and products are not
    # organisations there, and a country acting in a sentence stays a place, as in our own conventions
    "uner_ewt": _PLO,
    "flask_negatives": MODEL_TYPES,  # documentation and code: nothing in it is ours to find
}
# Technical documentation and code come as a few long files: cut into pieces of about NEGATIVE_CHARS and keep a
# sample, enough to unlearn "capitalised = ORGANIZATION" without drowning the prose.
NEGATIVE_CHARS = 1500
NEGATIVE_PIECES = 300
# Documents kept of the largest corpora: the tweets are many, short and noisy (a fifth of their entities are
# @handles), and beside them the generator's mail, forms and logs must keep their weight.
DOCUMENTS_KEPT = {"btc": 4000}

_MONTH_WORDS = "|".join(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
# What could be a date or a time in a text whose annotators did not label dates.
_DATE_LIKE = re.compile(
    rf"(?i)(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+)?\b(?:{_MONTH_WORDS})\b\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?"
    r"|\b(?:1[89]|20)\d\d(?:s)?\b|\b\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?\b"
    r"|\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b"
)
_AGE_LIKE = re.compile(r"(?i)\b\d{1,3}(?=\s*(?:-?\s*years?[\s-]*old|yo\b|y/o))|(?<=\baged\s)\d{1,3}\b")


def _lexicon(words: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(re.escape(w) for w in ordered) + r")(?!\w)")


_NRP_LIKE = _lexicon(
    [
        *values._NATIONALITIES,
        *values._NATIONALITIES_MORE,
        *values._RELIGIONS,
        *values._POLITICAL,
        *values._ETHNIC_GROUPS,
        *values._NATIONALITIES_ADJ,
    ]
)
_TITLE_LIKE = _lexicon([*values._JOB_TITLES, *values._OCCUPATIONS, *values._EXECUTIVE_TITLES])
_GAPS = {"DATE_TIME": (_DATE_LIKE,), "NRP": (_NRP_LIKE,), "AGE": (_AGE_LIKE,), "TITLE": (_TITLE_LIKE,)}


# Labels under which corpora leave nationality and religion adjectives ("the Syrian conflict", "a Catholic school"):
# UNER's OTH, the MISC of CoNLL-style corpora, and GUM's unannotated adjectives with a capitalised lemma.
_NRP_ADJECTIVE_LABELS = frozenset({"uner:OTH", "wikigold:MISC", "sec_filings:MISC", "gum:capitalized-ADJ(unannotated)"})
# OTH and MISC also hold languages ("she speaks French", "in English and Spanish"), which are not NRP: from those
# labels a word is taken only before the noun it qualifies. GUM's spans are adjectives already.
_BEFORE_A_NOUN = re.compile(r"[ \t]+(?!(?:and|or|but|nor|is|are|was|were|in|on|at|to|of|for|with|by|as)\b)[A-Za-z]")


def _nrp_adjective(text: str, dropped: dict) -> bool:
    """A nationality, religion or party word left under a label we do not map ("Iraqi forces" as OTH, "a Catholic
    school" unannotated): ours are NRP, as in Presidio's and spaCy's conventions. Without these the model learned
    NRP adjectives from the generator's templates alone and called them places in real prose."""
    if _NRP_LIKE.fullmatch(text[dropped["start"] : dropped["end"]]) is None:
        return False
    if dropped["label"] == "gum:capitalized-ADJ(unannotated)":
        return True
    return dropped["label"] in _NRP_ADJECTIVE_LABELS and _BEFORE_A_NOUN.match(text, dropped["end"]) is not None


def _spans(doc: dict, annotated: frozenset[str]) -> list[tuple[int, int, str]]:
    """The gold spans a document trains on. A corpus that does not annotate NRP may tag a nationality word as a place
    ("Iraqi forces", "the Russian team" in BTC and UNER): that span is NRP. Tagged as an organisation ("Labour",
    "Tory") it is left out of the loss (the gap covers it) instead of teaching ORGANIZATION."""
    text, spans = doc["text"], []
    for e in doc["entities"]:
        nrp_word = "NRP" not in annotated and _NRP_LIKE.fullmatch(text[e["start"] : e["end"]]) is not None
        if nrp_word and e["type"] == "LOCATION":
            spans.append((e["start"], e["end"], "NRP"))
        elif e["type"] in annotated and not nrp_word:
            spans.append((e["start"], e["end"], e["type"]))
    spans.extend((d["start"], d["end"], "NRP") for d in doc["dropped"] if _nrp_adjective(text, d))
    return sorted(spans)


def gap_spans(text: str, annotated: frozenset[str]) -> list[tuple[int, int]]:
    """Characters that may hold a model type the corpus did not annotate."""
    found = []
    for entity_type, patterns in _GAPS.items():
        if entity_type in annotated:
            continue
        for pattern in patterns:
            found.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
    return found


def _documents(root: Path, name: str) -> Iterator[dict]:
    loader, folder = corpora.LOADERS[name]
    for doc in loader(str(root / folder)):
        if doc["split"] == "train" and doc["train_ok"]:
            yield corpora.conform_to_piimask(doc)


def _pieces(doc: dict) -> Iterator[dict]:
    """A negative document cut at blank lines into pieces of about NEGATIVE_CHARS (it has no spans to keep whole)."""
    text, start = doc["text"], 0
    while start < len(text):
        cut = text.find("\n\n", start + NEGATIVE_CHARS)
        end = len(text) if cut == -1 else cut
        if text[start:end].strip():
            yield {**doc, "id": f"{doc['id']}@{start}", "text": text[start:end], "entities": [], "dropped": []}
        start = end + 2


def missing(root: Path) -> list[str]:
    """The corpus folders a training run needs and `root` lacks (or holds without a file taken from another
    commit)."""
    folders = {corpora.LOADERS[name][1] for name in TRAIN_CORPORA}
    return sorted(
        f
        for f in folders
        if not (root / f).is_dir()
        or any(not (root / f / path).is_file() for _, path in corpora.PINNED_FILES.get(f, []))
    )


def real_examples(root: Path, seed: int) -> tuple[list[Example], dict[str, dict[str, int]]]:
    """Whole training documents of every corpus, with their gold spans and the characters left out of the loss;
    and per corpus the counts the model card records."""
    examples: list[Example] = []
    counts: dict[str, dict[str, int]] = {}
    rng = random.Random(seed)
    for name, annotated in TRAIN_CORPORA.items():
        docs = list(_documents(root, name))
        if name in DOCUMENTS_KEPT and len(docs) > DOCUMENTS_KEPT[name]:
            docs = rng.sample(docs, DOCUMENTS_KEPT[name])
        if name == "flask_negatives":
            pieces = [piece for doc in docs for piece in _pieces(doc)]
            docs = rng.sample(pieces, min(NEGATIVE_PIECES, len(pieces)))
        spans_by_type: dict[str, int] = {}
        for doc in docs:
            spans = _spans(doc, annotated)
            ignore = [(d["start"], d["end"]) for d in doc["dropped"]] + gap_spans(doc["text"], annotated)
            examples.append(Example(doc["text"], spans, f"{name}:{doc['id']}", tuple(ignore)))
            for *_, entity_type in spans:
                spans_by_type[entity_type] = spans_by_type.get(entity_type, 0) + 1
        counts[name] = {"documents": len(docs), "characters": sum(len(d["text"]) for d in docs), **spans_by_type}
    return examples, counts


# The dev splits a training run scores (never trains on), with the types each annotates: GUM (16 genres of prose and
# speech) and UNER's English Web Treebank (mail, reviews, newsgroups, answers, blogs). Test splits stay unread.
DEV_CORPORA: dict[str, frozenset[str]] = {"gum": TRAIN_CORPORA["gum"], "uner_ewt": _PLO}


def real_dev_examples(root: Path) -> dict[str, tuple[list[Example], frozenset[str]]]:
    out = {}
    for name, annotated in DEV_CORPORA.items():
        loader, folder = corpora.LOADERS[name]
        if not (root / folder).is_dir():
            continue
        docs = [corpora.conform_to_piimask(d) for d in loader(str(root / folder)) if d["split"] == "dev"]
        out[name] = (
            [
                Example(
                    d["text"],
                    [(e["start"], e["end"], e["type"]) for e in d["entities"] if e["type"] in annotated],
                    f"{name}:{d['id']}",
                    # unscored, as in bench/detection.py: what the corpus leaves unannotated by its guidelines
                    tuple((x["start"], x["end"]) for x in d["dropped"]),
                )
                for d in docs
            ],
            annotated,
        )
    return out
