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
