"""Shift a checkpoint's label logits: a recall-for-precision trade set on dev sets, after training.

`python main.py model calibrate --model DIR --outside-offset B [--type-offset TYPE=C ...] [--output OUT]`
subtracts B from the classifier's bias for the label O, so every token leans B nats towards being part of an
entity, and C from the biases of B-TYPE and I-TYPE, so tokens lean C nats away from that type. For a masking
service a missed name costs more than an over-masked word, and a distilled student ends up a little more cautious
than its teacher: B = 1.0 on the 5-layer student of v4 lowered the character leak on every dev set. A type the
model over-calls (ORGANIZATION on capitalised product names and acronyms) gets a positive C instead: the model
card has the offsets of the default checkpoint, the dev figures they were chosen on and the command.

The shift lives in the weights rather than in a setting, so the service, the table workers, the benches and
`model evaluate` all run the very model that was measured; the checkpoint's training.json records the total shift
and its figures (held-out generator sentences, real dev documents) are re-scored on the shifted weights.
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
from pathlib import Path
from typing import Any

from piimask.training.evaluate import real_dev_figures, rescore, rescored_record
from piimask.training.train import DEFAULT_CORPORA

OUTSIDE_LABEL = "O"
WEIGHTS_FILE = "model.safetensors"
BIAS_KEY = "classifier.bias"


def shift_logits(checkpoint: Path, outside: float, types: dict[str, float]) -> None:
    """Subtract `outside` from the O label's classifier bias and each `types[T]` from B-T's and I-T's, in
    `checkpoint`'s weights (in place)."""
    from safetensors.torch import load_file, save_file

    label2id = json.loads((checkpoint / "config.json").read_text())["label2id"]
    unknown = sorted(t for t in types if f"B-{t}" not in label2id)
    if unknown:
        raise SystemExit(f"{checkpoint}: no labels for {', '.join(unknown)}; its types: {_types(label2id)}")
    weights = load_file(str(checkpoint / WEIGHTS_FILE))
    if BIAS_KEY not in weights:
        raise SystemExit(f"{checkpoint}: no {BIAS_KEY} in {WEIGHTS_FILE}; not a token-classification checkpoint")
    bias = weights[BIAS_KEY]
    shifted = bias.float()
    shifted[int(label2id[OUTSIDE_LABEL])] -= outside
    for entity_type, offset in types.items():
        for prefix in ("B-", "I-"):
            shifted[int(label2id[prefix + entity_type])] -= offset
    weights[BIAS_KEY] = shifted.to(bias.dtype)
    save_file(weights, str(checkpoint / WEIGHTS_FILE), metadata={"format": "pt"})
    (checkpoint / WEIGHTS_FILE).chmod(0o644)


def _types(label2id: dict[str, int]) -> str:
    return ", ".join(sorted(label[2:] for label in label2id if label.startswith("B-")))


def parse_type_offset(value: str) -> tuple[str, float]:
    """`TYPE=C` from the command line."""
    entity_type, sep, offset = value.partition("=")
    try:
        if not sep or not entity_type:
            raise ValueError
        return entity_type.strip().upper(), float(offset)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected TYPE=NATS, e.g. ORGANIZATION=1.5; got {value!r}") from None


def calibrated_record(record: dict[str, Any], outside: float, types: dict[str, float], command: str) -> dict[str, Any]:
    """`record` with its calibration block set to the total shifts (its earlier ones plus these) and the command
    that made the last one."""
    earlier = record.get("calibration", {})
    total_types = dict(earlier.get("type_logit_offsets", {}))
    for entity_type, offset in types.items():
        total_types[entity_type] = round(total_types.get(entity_type, 0.0) + offset, 6)
    return {
        **record,
        "calibration": {
            "outside_logit_offset": round(float(earlier.get("outside_logit_offset", 0.0)) + outside, 6),
            "type_logit_offsets": dict(sorted(total_types.items())),
            "meaning": "subtracted after training from the classifier's bias for the label O, and for each type "
            "from its B- and I- labels' biases",
            "command": command,
        },
    }


def add_calibrate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", type=Path, required=True, help="checkpoint folder with its training.json")
    parser.add_argument(
        "--outside-offset",
        type=float,
        default=0.0,
        help="nats subtracted from the O label's logit (positive: more tokens become entities)",
    )
    parser.add_argument(
        "--type-offset",
        type=parse_type_offset,
        action="append",
        default=[],
        metavar="TYPE=NATS",
        help="nats subtracted from a type's B- and I- logits (positive: fewer tokens of that type); repeatable",
    )
    parser.add_argument("--output", type=Path, default=None, help="write a calibrated copy here (default: in place)")
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads for the re-scoring")
    parser.add_argument(
        "--corpora",
        type=Path,
        default=DEFAULT_CORPORA,
        help="the corpus work trees, to re-score the real dev documents (absent: those figures are dropped)",
    )


def run_calibrate(args: argparse.Namespace) -> int:
    types = dict(args.type_offset)
    if args.outside_offset == 0 and not any(types.values()):
        raise SystemExit("nothing to shift: give --outside-offset and/or --type-offset TYPE=NATS")
    target = args.output or args.model
    if target != args.model:
        if target.exists():
            raise SystemExit(f"{target} exists; give a new folder or calibrate in place (no --output)")
        shutil.copytree(args.model, target)
    command = shlex.join(
        ["python", "main.py", "model", "calibrate", "--model", str(args.model)]
        + (["--outside-offset", str(args.outside_offset)] if args.outside_offset else [])
        + [f"--type-offset={t}={c:g}" for t, c in types.items()]
        + (["--output", str(args.output)] if args.output else [])
    )
    shift_logits(target, args.outside_offset, types)
    record, classifier, held_out = rescore(target, threads=args.threads)
    record = rescored_record(calibrated_record(record, args.outside_offset, types, command), held_out, command)
    # the training run's real dev figures describe the unshifted weights: re-score them, or drop them
    record["real_dev"] = real_dev_figures(classifier, args.corpora) if args.corpora.is_dir() else {}
    (target / "training.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    micro = held_out["overlap"]["micro"]
    calibration = record["calibration"]
    shifts = [f"O logit -{calibration['outside_logit_offset']:g}"] + [
        f"{t} logits -{c:g}" for t, c in calibration["type_logit_offsets"].items()
    ]
    print(
        f"{target}: shifted in all: {', '.join(shifts)}; held-out overlap micro P {micro['precision']:.3f} "
        f"R {micro['recall']:.3f} F1 {micro['f1']:.3f}"
    )
    return 0
