"""The held-out evaluation: a checkpoint's model scored on sentences from the held-out templates only, decoded by the
serving decoder (`piimask.model.TokenClassifier.predict`), so `training.json` and the model card measure what the
service runs.

Training calls it on the model it has just trained; `python main.py model evaluate --model DIR [--write]` re-scores
a saved checkpoint on its own held-out draw (the evaluation seed and sentence count its `training.json` records).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from piimask.training.data.templates import HELD_OUT_TEMPLATE_IDS, held_out_templates
from piimask.training.data.values import ENTITY_TYPES
from piimask.training.metrics import entity_metrics, scored_predictions
from piimask.training.real import real_dev_examples
from piimask.training.render import Example, generate

if TYPE_CHECKING:  # the model stack (torch) loads only when a command evaluates
    from piimask.model import TokenClassifier

# Evaluation sentences come from another seed than the training ones, so values are fresh draws too, not only the
# templates.
EVAL_SEED_OFFSET = 100_003

# Said of the figures training wrote before it used the serving decoder (kept beside the re-scored ones).
TRAINING_DECODER = (
    "training's own decoder (decode_spans in the training module, since removed): argmax BIO over one "
    "window of 128 tokens (longer sentences truncated); an I- that does not continue its type starts "
    "a span, a sub-word glued to an open span stays in it; no line-break split, no punctuation "
    "trimming, no date rule"
)


def serving_decoder(classifier: TokenClassifier) -> str:
    """What `held_out["decoder"]` says: the serving decoder, with the classifier's windows."""
    return (
        f"piimask.model.TokenClassifier.predict, the serving decoder: windows of {classifier.max_length} tokens "
        f"with a stride of {classifier.stride}, each token's label from the window where it sits furthest from an "
        "edge, sub-words folded into their word, no entity across a line break, edge punctuation and possessive "
        "'s trimmed, a bare number of 1-3 digits never DATE_TIME; no score threshold"
    )


def eval_seed(seed: int) -> int:
    """The seed of the held-out sentences of a training run with `seed`."""
    return seed + EVAL_SEED_OFFSET


def held_out_examples(sentences: int, seed: int) -> list[Example]:
    """`sentences` generated from the held-out templates with the evaluation seed `seed`."""
    return generate(sentences, seed, template_filter=held_out_templates)


def evaluate(
    classifier: TokenClassifier, examples: Sequence[Example], types: Sequence[str] = ENTITY_TYPES
) -> dict[str, Any]:
    """The `held_out` record: entity-level figures by type (overlap and exact), and how often a sentence with no
    entity at all still gets a prediction (a precision check). Only `types` are scored (a real corpus annotates some
    of ours: a prediction of another type is neither right nor wrong there, and nor is one over what the corpus
    leaves unannotated, an example's `ignore`)."""
    predicted = classifier.predict([e.text for e in examples])
    wanted = set(types)
    gold = [[(t, s, e) for s, e, t in ex.spans if t in wanted] for ex in examples]
    scored = [
        scored_predictions(g, [(sp.type, sp.start, sp.end) for sp in spans if sp.type in wanted], ex.ignore)
        for g, spans, ex in zip(gold, predicted, examples)
    ]
    metrics = entity_metrics(gold, scored, types)
    empty = [i for i, e in enumerate(examples) if not e.spans]
    false_alarm = sum(1 for i in empty if predicted[i]) / len(empty) if empty else 0.0
    return {
        "decoder": serving_decoder(classifier),
        **metrics,
        "no_entity_sentences_with_a_prediction": round(false_alarm, 4),
        "no_entity_sentences": len(empty),
    }


def real_dev_figures(classifier: TokenClassifier, corpora: Path) -> dict[str, Any]:
    """The `real_dev` record: each real corpus's dev documents scored on the types that corpus annotates."""
    figures: dict[str, Any] = {}
    for name, (docs, scored_types) in real_dev_examples(corpora).items():
        scored = evaluate(classifier, docs, sorted(scored_types))
        figures[name] = {
            "documents": len(docs),
            "annotated_types": sorted(scored_types),
            "overlap": scored["overlap"],
            "exact": scored["exact"],
        }
    return figures


def held_out_summary(held_out: dict[str, Any]) -> list[str]:
    """Lines of a table: overlap P/R/F1, exact F1 and gold spans per type, then the entity-free sentences' line."""
    lines = []
    for t in (*ENTITY_TYPES, "micro"):
        o, e = held_out["overlap"][t], held_out["exact"][t]
        lines.append(
            f"  {t:<13} P {o['precision']:.3f}  R {o['recall']:.3f}  F1 {o['f1']:.3f}   "
            f"exact F1 {e['f1']:.3f}   n={o['support']}"
        )
    lines.append(f"  no-entity sentences with a prediction: {held_out['no_entity_sentences_with_a_prediction']:.3f}")
    return lines


class HeldOutDraw(BaseModel):
    """What a checkpoint's `training.json` says of its held-out sentences (under "data"; other keys ignored)."""

    eval_seed: int
    eval_sentences: int
    templates_held_out: list[str]


def rescore(checkpoint: Path, *, threads: int) -> tuple[dict[str, Any], TokenClassifier, dict[str, Any]]:
    """The checkpoint's training record, the classifier that scored it, and its held-out figures now. The saved
    fp16 weights are upcast to float32 and run without autocast, so the figures do not depend on the CPU's bf16
    support."""
    record = json.loads((checkpoint / "training.json").read_text())
    draw = HeldOutDraw.model_validate(record["data"])
    if draw.templates_held_out != sorted(HELD_OUT_TEMPLATE_IDS):
        raise SystemExit(
            f"{checkpoint}: the generator's held-out templates are not those this checkpoint was "
            "scored on; its held-out draw cannot be repeated"
        )
    from piimask.model import TokenClassifier

    classifier = TokenClassifier(str(checkpoint), device="cpu", threads=threads, cpu_dtype="float32")
    return record, classifier, evaluate(classifier, held_out_examples(draw.eval_sentences, draw.eval_seed))


def rescored_record(record: dict[str, Any], held_out: dict[str, Any], command: str) -> dict[str, Any]:
    """`record` with `held_out` replaced by the new figures (and the command that made them). The figures training
    first wrote are kept once under `held_out_training_decoder` when they came from its old decoder."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key == "held_out_training_decoder":
            continue
        if key != "held_out":
            out[key] = value
            continue
        out["held_out"] = {**held_out, "command": command}
        old = record.get("held_out_training_decoder")
        if old is None and "decoder" not in value:  # written by training before it used the serving decoder
            old = {"decoder": TRAINING_DECODER, **value}
        if old is not None:
            out["held_out_training_decoder"] = old
    return out


# --------------------------------------------------------------------------------------------------------------
# Command line: `python main.py model evaluate ...` wires these two.
# --------------------------------------------------------------------------------------------------------------


def add_evaluate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", type=Path, required=True, help="checkpoint folder with its training.json")
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    parser.add_argument(
        "--write",
        action="store_true",
        help="rewrite held_out in the checkpoint's training.json (the first figures are kept)",
    )


def run_evaluate(args: argparse.Namespace) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    record, _, held_out = rescore(args.model, threads=args.threads)
    draw = HeldOutDraw.model_validate(record["data"])
    print(f"{args.model}: {draw.eval_sentences} held-out sentences (seed {draw.eval_seed}), overlap / exact:")
    print("\n".join(held_out_summary(held_out)))
    if args.write:
        command = shlex.join(["python", "main.py", "model", "evaluate", "--model", str(args.model), "--write"])
        path = args.model / "training.json"
        path.write_text(json.dumps(rescored_record(record, held_out, command), indent=2, ensure_ascii=False) + "\n")
        print(f"written to {path}")
    return 0
