"""Distillation: a student cut from a real checkpoint trains, saves, and loads through the production path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from piimask.model import TokenClassifier
from piimask.settings import PROJECT_ROOT
from piimask.training.train import cut_layers, train_model

TEACHER = PROJECT_ROOT / "models" / "piimask-pii"


def test_cut_layers_keeps_first_and_last_spread_evenly() -> None:
    from transformers import AutoModelForTokenClassification

    model = AutoModelForTokenClassification.from_pretrained(str(TEACHER), local_files_only=True)
    first = model.base_model.encoder.layer[0]
    last = model.base_model.encoder.layer[5]
    assert cut_layers(model, 4) == [0, 2, 3, 5]
    assert len(model.base_model.encoder.layer) == model.config.num_hidden_layers == 4
    assert model.base_model.encoder.layer[0] is first and model.base_model.encoder.layer[3] is last
    with pytest.raises(ValueError, match="between 1 and 4"):
        cut_layers(model, 5)


def test_a_distilled_student_saves_and_serves(tmp_path: Path) -> None:
    out = tmp_path / "student"
    record = train_model(
        out, sentences=48, epochs=1, eval_sentences=16, threads=1, progress=False, teacher=TEACHER, layers=2
    )
    assert record["distilled_from"]["kept_layers"] == [0, 5]
    assert json.loads((out / "training.json").read_text())["distilled_from"]["teacher_layers"] == 6
    student = TokenClassifier(str(out), device="cpu")
    assert student.model.config.num_hidden_layers == 2
    assert student.entity_types == TokenClassifier(str(TEACHER), device="cpu").entity_types
    spans = student.predict(["Call Maria Gonzalez at the Berlin office on 3 May 2024."])
    assert len(spans) == 1 and all(0 <= s.start < s.end <= 55 for s in spans[0])


def test_hidden_state_loss_is_zero_for_the_teacher_itself_and_not_for_a_cut_student() -> None:
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from piimask.training.train import _distil_loss

    teacher = AutoModelForTokenClassification.from_pretrained(str(TEACHER), local_files_only=True).eval()
    student = AutoModelForTokenClassification.from_pretrained(str(TEACHER), local_files_only=True).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(TEACHER), local_files_only=True)
    batch = dict(tokenizer(["Call Maria Gonzalez in Berlin.", "no pii"], padding=True, return_tensors="pt"))
    with torch.no_grad():
        kl, hidden = _distil_loss(teacher, batch, student(**batch, output_hidden_states=True), list(range(6)))
        assert float(kl) < 1e-6 and float(hidden) < 1e-10
        kept = cut_layers(student, 5)
        kl, hidden = _distil_loss(teacher, batch, student(**batch, output_hidden_states=True), kept)
        assert float(hidden) > 1e-3  # the layer after the cut sees another input than in the teacher
        _, logits_only = _distil_loss(teacher, batch, student(**batch), None)
        assert float(logits_only) == 0.0


def test_calibrate_shifts_the_outside_logit_and_rescores(tmp_path: Path) -> None:
    """`python main.py model calibrate` (a real process) writes a copy whose O bias is lower by the offset, adds up
    offsets over runs, re-scores the held-out figures, and leaves the source checkpoint as it was."""
    import subprocess
    import sys

    from safetensors.torch import load_file

    source, shifted = tmp_path / "student", tmp_path / "shifted"
    train_model(source, sentences=48, epochs=1, eval_sentences=16, threads=1, progress=False, teacher=TEACHER, layers=2)
    before = load_file(str(source / "model.safetensors"))["classifier.bias"].float()

    def calibrate(*args: str) -> subprocess.CompletedProcess:
        command = [
            sys.executable,
            "main.py",
            "model",
            "calibrate",
            "--threads",
            "1",
            "--corpora",
            str(tmp_path / "none"),
        ]
        return subprocess.run([*command, *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)

    done = calibrate("--model", str(source), "--outside-offset", "2", "--output", str(shifted))
    assert done.returncode == 0, done.stderr
    assert "O logit -2" in done.stdout
    after = load_file(str(shifted / "model.safetensors"))["classifier.bias"].float()
    assert abs(float(after[0] - before[0]) + 2.0) < 1e-2  # fp16 storage rounds
    assert bool((after[1:] == before[1:]).all())  # only the O label moves
    assert bool((load_file(str(source / "model.safetensors"))["classifier.bias"].float() == before).all())
    record = json.loads((shifted / "training.json").read_text())
    assert record["calibration"]["outside_logit_offset"] == 2.0
    assert "calibrate" in record["held_out"]["command"] and record["real_dev"] == {}
    assert "calibration" not in json.loads((source / "training.json").read_text())

    assert calibrate("--model", str(shifted), "--outside-offset", "0.5").returncode == 0  # in place: offsets add up
    assert json.loads((shifted / "training.json").read_text())["calibration"]["outside_logit_offset"] == 2.5

    # a type offset moves that type's B- and I- biases only, and adds up like the O offset
    label2id = json.loads((shifted / "config.json").read_text())["label2id"]
    org = [label2id["B-ORGANIZATION"], label2id["I-ORGANIZATION"]]
    for _ in range(2):
        assert calibrate("--model", str(shifted), "--type-offset", "ORGANIZATION=0.75").returncode == 0
    typed = load_file(str(shifted / "model.safetensors"))["classifier.bias"].float()
    assert all(abs(float(typed[i] - before[i]) + 1.5) < 1e-2 for i in org)
    others = [i for i in range(1, len(before)) if i not in org]
    assert bool((typed[others] == before[others]).all())
    calibration = json.loads((shifted / "training.json").read_text())["calibration"]
    assert calibration["type_logit_offsets"] == {"ORGANIZATION": 1.5} and calibration["outside_logit_offset"] == 2.5
    unknown = calibrate("--model", str(shifted), "--type-offset", "PLANET=1")
    assert unknown.returncode != 0 and "PLANET" in unknown.stderr
    malformed = calibrate("--model", str(shifted), "--type-offset", "ORGANIZATION")
    assert malformed.returncode != 0 and "TYPE=NATS" in malformed.stderr
    refused = calibrate("--model", str(source), "--outside-offset", "1", "--output", str(shifted))
    assert refused.returncode != 0 and "exists" in refused.stderr

    text = "Call Maria Gonzalez at the Berlin office of Acme Logistics on 3 May 2024, or ask Kwame in Accra."
    covered = lambda model: {i for s in model.predict([text])[0] for i in range(s.start, s.end)}  # noqa: E731
    # a lower O logit only turns O tokens into entity tokens, never the reverse
    assert covered(TokenClassifier(str(shifted), device="cpu")) >= covered(TokenClassifier(str(source), device="cpu"))


def test_nationality_words_train_as_nrp_and_languages_stay_out() -> None:
    from piimask.training.real import _PLO, _spans

    text = "Iraqi forces met the Labour MP; she speaks French. The Russian team flew to Paris for a Catholic mass."
    at = lambda word: (text.index(word), text.index(word) + len(word))  # noqa: E731
    doc = {
        "text": text,
        "entities": [
            {"type": "LOCATION", "start": at("Russian")[0], "end": at("Russian")[1]},  # a PLO corpus's place tag
            {"type": "ORGANIZATION", "start": at("Labour")[0], "end": at("Labour")[1]},
            {"type": "LOCATION", "start": at("Paris")[0], "end": at("Paris")[1]},
        ],
        "dropped": [
            {"label": "uner:OTH", "start": at("Iraqi")[0], "end": at("Iraqi")[1]},  # before its noun: NRP
            {"label": "uner:OTH", "start": at("French")[0], "end": at("French")[1]},  # a language: left out
            {"label": "uner:OTH", "start": at("Catholic")[0], "end": at("Catholic")[1]},
        ],
    }
    assert _spans(doc, _PLO) == sorted(
        [(*at("Iraqi"), "NRP"), (*at("Russian"), "NRP"), (*at("Paris"), "LOCATION"), (*at("Catholic"), "NRP")]
    )
    # a corpus that annotates NRP itself keeps its own place and organisation tags
    assert (*at("Russian"), "LOCATION") in _spans(doc, _PLO | {"NRP"})


def test_a_prediction_over_what_the_corpus_leaves_unannotated_counts_neither_way() -> None:
    from piimask.training.metrics import scored_predictions

    gold = [("PERSON", 0, 5)]
    predicted = [("PERSON", 0, 5), ("NRP", 10, 16), ("NRP", 20, 25), ("PERSON", 3, 12)]
    # NRP 10-16 lies on an unannotated adjective: dropped; NRP 20-25 is a plain false positive; PERSON 3-12 is
    # right (it overlaps its gold span) although it touches the unannotated region
    assert scored_predictions(gold, predicted, [(10, 16)]) == [("PERSON", 0, 5), ("NRP", 20, 25), ("PERSON", 3, 12)]
    assert scored_predictions(gold, predicted, []) == predicted
