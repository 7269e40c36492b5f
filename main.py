"""piimask's command line: service | worker | up | model train|evaluate|calibrate | keys new|rotate | mask-file."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# Nothing is ever fetched from a model hub at run time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python main.py", description="PII masking service and workers")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("service", help="run the HTTP service (text masking now, table jobs onto Redis)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)

    p = sub.add_parser("worker", help="run an RQ worker that masks tables (pre-loads its own model)")
    p.add_argument("--queue", default=None, help="queue name (default: PIIMASK_QUEUE or 'piimask')")
    p.add_argument("--burst", action="store_true", help="exit when the queue is empty")
    p.add_argument("--lazy", action="store_true", help="load the model on the first job instead of at start-up")

    p = sub.add_parser("up", help="run everything locally: Redis (unless PIIMASK_REDIS_URL), workers, service")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--data-dir", type=Path, default=Path("data"))

    p = sub.add_parser("model", help="build the PII token-classification model")
    model_sub = p.add_subparsers(dest="model_command", required=True)
    train = model_sub.add_parser("train", help="fine-tune the packaged MiniLM encoder on generated sentences")
    from piimask.training.train import add_train_arguments

    add_train_arguments(train)
    evaluate = model_sub.add_parser("evaluate", help="re-score a checkpoint on its own held-out sentences")
    from piimask.training.evaluate import add_evaluate_arguments

    add_evaluate_arguments(evaluate)
    calibrate = model_sub.add_parser("calibrate", help="shift a checkpoint's O logit (recall for precision)")
    from piimask.training.calibrate import add_calibrate_arguments

    add_calibrate_arguments(calibrate)

    p = sub.add_parser("keys", help="manage the keyring (PIIMASK_KEYRING)")
    keys_sub = p.add_subparsers(dest="keys_command", required=True)
    for name, text in (("new", "create a keyring with one key"), ("rotate", "add a key and make it active")):
        k = keys_sub.add_parser(name, help=text)
        k.add_argument("--file", type=Path, default=None, help="key file (default: PIIMASK_KEYRING)")

    p = sub.add_parser("mask-file", help="mask one local table file with the same engine, no Redis needed")
    p.add_argument("input", type=Path)
    p.add_argument("output", type=Path)
    p.add_argument("--policy", type=Path, default=None, help="policy JSON file")
    p.add_argument("--format", default=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from piimask.settings import get_settings

    settings = get_settings()
    if args.command == "service":
        from service import run_service

        return run_service(settings, args.host, args.port)
    if args.command == "worker":
        from worker import run_worker

        return run_worker(settings, queue=args.queue, burst=args.burst, lazy=args.lazy)
    if args.command == "up":
        from piimask.local.launcher import run_up

        return run_up(host=args.host, port=args.port, workers=args.workers, data_dir=args.data_dir)
    if args.command == "model" and args.model_command == "evaluate":
        from piimask.training.evaluate import run_evaluate

        return run_evaluate(args)
    if args.command == "model" and args.model_command == "calibrate":
        from piimask.training.calibrate import run_calibrate

        return run_calibrate(args)
    if args.command == "model":
        from piimask.training.train import run_train

        return run_train(args)
    if args.command == "keys":
        from crypto import Keyring, KeyringError

        path = args.file or settings.keyring
        try:
            if args.keys_command == "new":
                Keyring.generate().save(path, overwrite=False)
            else:
                Keyring.load(path).rotated().save(path, overwrite=True)
            print(f"keyring {path}: active key {Keyring.load(path).active}")
        except KeyringError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 0
    if args.command == "mask-file":
        from piimask.local.mask_file import mask_file

        return mask_file(settings, args.input, args.output, args.policy, args.format)
    return 2


if __name__ == "__main__":
    sys.exit(main())
