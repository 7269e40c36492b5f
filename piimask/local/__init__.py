"""Local tooling: `python main.py up`, `mask-file`, a local Redis and the process harness that tests and benches
share."""
