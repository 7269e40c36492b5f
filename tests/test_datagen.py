"""Synthetic data generator: exact offsets, determinism, held-out split, BIO alignment. No training here."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from piimask.training import render
from piimask.training.data import templates
from piimask.training.data import values as data_values
from piimask.training.data.values import ENTITY_TYPES
from piimask.training.render import Example, generate


def test_spans_are_tight_and_typed() -> None:
    for ex in generate(600, seed=7):
        prev_end = 0
        for start, end, label in ex.spans:
            assert label in ENTITY_TYPES
            assert 0 <= prev_end <= start < end <= len(ex.text), (ex, start, end)
            value = ex.text[start:end]
            assert value == value.strip() and value, (ex.template_id, value)
            prev_end = end


def test_spans_cover_the_inserted_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """Record every value the renderer draws: each span's text is exactly that value (up to the example's
    re-casing), in template order."""
    monkeypatch.setattr(render, "TYPO_RATIO", 0.0)
    drawn: list[str] = []
    patched = {}
    for name, (label, draw) in data_values.PLACEHOLDERS.items():

        def recording(v, c, _draw=draw, _label=label):  # type: ignore[no-untyped-def]
            value = _draw(v, c)
            if _label is not None:
                drawn.append(value.strip())
            return value

        patched[name] = (label, recording)
    monkeypatch.setattr(data_values, "PLACEHOLDERS", patched)
    rng = random.Random(11)
    for i in range(600):
        template = templates.TEMPLATES[i % len(templates.TEMPLATES)]
        drawn.clear()
        ex = render.render(template, rng)
        assert len(ex.spans) == len(drawn), (template.template_id, ex)
        for (start, end, _), value in zip(ex.spans, drawn):
            assert ex.text[start:end] in {value, value.lower(), value.upper()}, (ex.text, value)


def test_labels_follow_the_placeholders() -> None:
    template = templates.Template("t", "test", "Dear {TITLE} {PER}, see you {WEEKDAY} in {CITY}. Call {PHONE}.")
    ex = render.render(template, random.Random(3))
    assert [lab for *_, lab in ex.spans] == ["PERSON", "DATE_TIME", "LOCATION"]
    assert ex.text.lower().startswith("dear ")
    for start, _, _ in ex.spans:
        assert ex.text[start - 1] == " "


def test_deterministic_for_a_seed() -> None:
    a = generate(300, seed=42)
    b = generate(300, seed=42)
    c = generate(300, seed=43)
    assert a == b
    assert a != c


def test_same_data_in_another_process_with_another_hash_seed() -> None:
    """Training reproducibility needs the data to survive a new interpreter (str hashes, set order)."""
    code = (
        "import hashlib; from piimask.training.render import generate; "
        "print(hashlib.sha256(repr(generate(2000, 13)).encode()).hexdigest())"
    )
    root = Path(__file__).resolve().parent.parent
    digests = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(root)}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True, check=True
        )
        digests.append(out.stdout.strip())
    assert digests[0] == digests[1]


def test_generation_does_not_depend_on_earlier_calls() -> None:
    first = generate(50, seed=5)
    generate(77, seed=99, template_filter=templates.held_out_templates)
    assert generate(50, seed=5) == first


def test_held_out_templates_never_in_training_split() -> None:
    assert templates.HELD_OUT_TEMPLATE_IDS
    assert not templates.HELD_OUT_TEMPLATE_IDS & templates.TRAIN_TEMPLATE_IDS
    train = generate(1500, seed=1, template_filter=templates.train_templates)
    assert not {ex.template_id for ex in train} & templates.HELD_OUT_TEMPLATE_IDS
    held = generate(300, seed=2, template_filter=templates.held_out_templates)
    assert {ex.template_id for ex in held} <= templates.HELD_OUT_TEMPLATE_IDS


def test_mix_has_entity_free_sentences_and_every_type() -> None:
    data = generate(1500, seed=3)
    empty = sum(1 for ex in data if not ex.spans) / len(data)
    assert 0.10 <= empty <= 0.20
    assert {lab for ex in data for *_, lab in ex.spans} == set(ENTITY_TYPES)
    assert len(templates.TEMPLATES) >= 150


def test_bio_alignment_of_one_example() -> None:
    training = pytest.importorskip("piimask.training.train")
    from piimask.model import bio_labels, decode_spans

    text = "Call Maria Gonzalez in Nairobi on 3 May."
    ex = Example(text, [(5, 19, "PERSON"), (23, 30, "LOCATION"), (34, 39, "DATE_TIME")], "t")
    # Offsets as the uncased WordPiece tokenizer gives them: gonzalez -> gonzal ##ez, plus [CLS]/[SEP].
    offsets = [
        (0, 0),
        (0, 4),
        (5, 10),
        (11, 17),
        (17, 19),
        (20, 22),
        (23, 30),
        (31, 33),
        (34, 35),
        (36, 39),
        (39, 40),
        (0, 0),
    ]
    got = [training.ID2LABEL.get(i, "IGN") for i in training.align_labels(offsets, ex.spans)]
    assert got == [
        "IGN",
        "O",
        "B-PERSON",
        "I-PERSON",
        "I-PERSON",
        "O",
        "B-LOCATION",
        "O",
        "B-DATE_TIME",
        "I-DATE_TIME",
        "O",
        "IGN",
    ]
    # Decoding the gold labels gives back the character spans.
    ids = [training.LABEL2ID.get(g, 0) for g in got]
    decoded = decode_spans(text, offsets, ids, bio_labels(training.ID2LABEL))
    assert [(s.start, s.end, s.type) for s in decoded] == ex.spans


def test_labels_are_bio_over_the_entity_types() -> None:
    training = pytest.importorskip("piimask.training.train")
    assert training.LABELS[0] == "O"
    assert set(training.LABELS[1:]) == {f"{p}-{t}" for t in ENTITY_TYPES for p in "BI"}


def test_group_looking_words_are_o_and_never_nrp_values() -> None:
    """Styles, diets, instruments, hobbies, topics, animals... are O fillers, and none of them is also an NRP value
    (one word must not carry both labels)."""
    o_words = {
        w.lower()
        for pool in (
            data_values._MUSIC_GENRES,
            data_values._DIETS,
            data_values._INSTRUMENTS,
            data_values._HOBBIES,
            data_values._ART_STYLES,
            data_values._TOPICS,
            data_values._ANIMALS,
            data_values._PRODUCT_CATEGORIES,
            data_values._DESCRIPTIVE,
            data_values._ROLES,
        )
        for w in pool
    }
    nrp_words = {
        w.lower()
        for w in (
            *data_values._NATIONALITIES,
            *data_values._NATIONALITIES_MORE,
            *data_values._ETHNIC_GROUPS,
            *data_values._RELIGIONS,
            *data_values._POLITICAL,
        )
    }
    assert not o_words & nrp_words
    for name in (
        "GENRE",
        "DIET",
        "INSTR",
        "HOBBY",
        "ART",
        "TOPIC",
        "ANIMAL",
        "PRODCAT",
        "ADJ",
        "STYLE",
        "ROLE",
        "LANG",
        "RELTIME",
        "DEPT",
        "OCCPL",
        "SUBJECT",
        "TITLE",
    ):
        assert data_values.PLACEHOLDERS[name][0] is None, name
    for name in ("JOB", "EXEC"):  # stated job titles are TITLE
        assert data_values.PLACEHOLDERS[name][0] == "TITLE", name
    template = templates.Template("t", "test", "A {ADJ} {GENRE} night with {INSTR}, {HOBBY}, {ART} and {TOPIC}.")
    for seed in range(30):
        assert render.render(template, random.Random(seed)).spans == []


def test_nrp_next_to_a_name_are_two_spans_and_nrp_like_names_are_person() -> None:
    template = templates.Template("t", "test", "{NAT} {ROLE} {PER} met {NRPNAME} on {WEEKDAY}.")
    for seed in range(40):
        ex = render.render(template, random.Random(seed))
        labels = [lab for *_, lab in ex.spans]
        assert labels == ["NRP", "PERSON", "PERSON", "DATE_TIME"], (ex.text, ex.spans)
        (_, n_end, _), (p_start, _, _) = ex.spans[0], ex.spans[1]
        between = ex.text[n_end:p_start]
        assert between.strip() and between.strip().lower() in {r.lower() for r in data_values._ROLES}, ex.text


def test_new_genres_are_in_both_splits() -> None:
    genres = {"review", "bio", "forum", "social", "news", "event"}
    train_genres = {t.genre for t in templates.TEMPLATES if not t.held_out}
    held_genres = {t.genre for t in templates.TEMPLATES if t.held_out}
    assert genres <= train_genres
    assert len(genres & held_genres) >= 3
    # The no-entity templates include some with group-looking O words.
    assert any(t.genre == "none" and "{GENRE" in t.text for t in templates.TEMPLATES)


# NRP false positives seen on the project's detection bench (a dev set). They are kept out of the generator's
# vocabulary on purpose, so the bench can tell whether the fix generalises rather than memorises. ("guardian",
# also one of them, was in the original templates already and stays there.)
_BENCH_FP_WORDS = {
    "classical",
    "vegan",
    "mandolin",
    "raccoon",
    "baroque pop",
    "necrophilia",
    "lingo",
    "evil",
    "universal",
    "uncharacteristically",
    "unbridled",
    "satanic felines",
    "civil rights",
}


def test_bench_false_positive_words_are_not_in_the_vocabulary() -> None:
    pools = (
        data_values._MUSIC_GENRES,
        data_values._DIETS,
        data_values._INSTRUMENTS,
        data_values._HOBBIES,
        data_values._ART_STYLES,
        data_values._TOPICS,
        data_values._ANIMALS,
        data_values._PRODUCT_CATEGORIES,
        data_values._DESCRIPTIVE,
        data_values._ROLES,
    )
    vocab = {w.lower() for pool in pools for w in pool}
    assert not vocab & _BENCH_FP_WORDS
    texts = " ".join(t.text.lower() for t in templates.TEMPLATES)
    for w in _BENCH_FP_WORDS:
        assert re.search(rf"\b{re.escape(w)}\b", texts) is None, w


# Values the detection bench reported as misses (TITLE and NRP). Like the false-positive words above, they are kept
# out of the generator, so the bench shows whether the new TITLE and NRP data generalise.
_BENCH_MISSED_NRP = {"greenlander", "chechen", "zairean"}


def test_bench_missed_values_are_not_generated() -> None:
    nrp_vocab = {
        w.lower()
        for pool in (
            data_values._NATIONALITIES,
            data_values._NATIONALITIES_MORE,
            data_values._ETHNIC_GROUPS,
            data_values._CITIZENSHIP_WORDS,
        )
        for w in pool
    }
    nrp_vocab |= {n.lower() for nouns in data_values._NAT_PERSON_NOUNS.values() for n in nouns}
    assert not nrp_vocab & _BENCH_MISSED_NRP
    values = data_values.Values(random.Random(5))
    jobs = {values.job().lower() for _ in range(3000)}
    assert not jobs & data_values._BENCH_SEEN_TITLES
    assert len(jobs) > 1000  # many distinct titles, not a short list


def test_job_titles_are_title_spans_and_honorifics_and_prose_roles_are_o() -> None:
    template = templates.Template("t", "test", "{TITLE} {PER}, {JOB} at {ORG}, met our {ROLE} {PER2}.")
    for seed in range(40):
        ex = render.render(template, random.Random(seed))
        assert [lab for *_, lab in ex.spans] == ["PERSON", "TITLE", "ORGANIZATION", "PERSON"]
    values = data_values.Values(random.Random(9))
    roles = {r.lower() for r in data_values._ROLES}
    assert not {values.job().lower() for _ in range(2000)} & roles  # one word, one label


def test_organisation_before_a_possessive_and_after_of_stays_apart_from_the_person() -> None:
    template = templates.Template("t", "test", "{ORG}'s {PER} and {PER2} of {CORP} bought {FUND}.")
    for seed in range(40):
        ex = render.render(template, random.Random(seed))
        assert [lab for *_, lab in ex.spans] == ["ORGANIZATION", "PERSON", "PERSON", "ORGANIZATION", "ORGANIZATION"]
        (_, org_end, _), (per_start, _, _) = ex.spans[:2]
        assert ex.text[org_end:per_start].lower() == "'s ", ex.text


def test_nationality_forms() -> None:
    template = templates.Template("t", "test", "A {NATN} and the {NATP}: {NATCIT} citizens.")
    for seed in range(40):
        ex = render.render(template, random.Random(seed))
        assert [lab for *_, lab in ex.spans] == ["NRP", "NRP", "NRP"], ex.text
