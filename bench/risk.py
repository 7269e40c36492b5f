"""Risk report bench: what measuring (and reaching) k-anonymity costs on a table, beside masking it without.

    python bench/risk.py [--rows 1000000] [--format csv] [--k 5] [--suppress-max 0.01] [--repeat 2]

In-process (`mask_table`, the function the workers run), one fresh process per configuration so that each peak
RSS is its own, on one generated table: id, email (a direct identifier, masked), birth_date, zip, sex (the
quasi-identifiers), diagnosis (sensitive) and amount. Configurations:
- `mask`: the policy masks the email and keeps the rest (the quasi-identifiers too, as `report` writes them):
  the baseline;
- `report`: the same, plus `quasi_identifiers` and `sensitive`: the risk report counted on every written row;
- `k`: plus `risk: {k, l: 2, suppress_max}`: a planning pass over the table, the lattice search, the generalized
  columns and the suppressed rows, and the report.
Prints the command, the machine, and per configuration the wall time (model load excluded), rows/s, the ratio to
`mask`, peak RSS, and the risk figures. Figures on a noisy 2-core machine: read the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import machine_info  # noqa: E402

QI = ["birth_date", "zip", "sex"]
CONFIGS = ("mask", "report", "k")


def generate(rows: int, seed: int) -> pa.Table:
    rng = random.Random(seed)
    zips = [f"{rng.randint(10000, 99999)}" for _ in range(2000)]
    days = [f"{y}-{m:02d}-{d:02d}" for y in range(1930, 2010) for m in range(1, 13) for d in range(1, 29)]
    return pa.table(
        {
            "id": [str(i) for i in range(rows)],
            "email": [f"user{i}@example.com" for i in range(rows)],
            "birth_date": [days[rng.randrange(len(days))] for _ in range(rows)],
            "zip": [zips[min(int(rng.paretovariate(1.2)) - 1, len(zips) - 1)] for _ in range(rows)],  # a few big towns
            "sex": [rng.choice("FM") for _ in range(rows)],
            "diagnosis": [rng.choice(("flu", "asthma", "diabetes", "migraine", "gout", "copd")) for _ in range(rows)],
            "amount": [f"{rng.randrange(10**6) / 100:.2f}" for _ in range(rows)],
        }
    )


def policy_of(config: str, k: int, suppress_max: float) -> dict:
    policy: dict = {
        "columns": {
            "email": {"entity": "EMAIL_ADDRESS"},
            "amount": {"mode": "keep"},
            "id": {"mode": "keep"},
            "diagnosis": {"mode": "keep"},
        }
    }
    if config == "mask":  # what `report` writes, without the counting: the quasi-identifiers as they are
        policy["columns"].update({name: {"mode": "keep"} for name in QI})
    if config in ("report", "k"):
        policy.update(quasi_identifiers=QI, sensitive=["diagnosis"])
    if config == "k":
        policy["risk"] = {"k": k, "l": 2, "suppress_max": suppress_max}
    return policy


def run_one(path: Path, fmt: str, policy: dict) -> dict:
    """One configuration, in this process: mask `path` and return the timings and report."""
    from crypto import CryptoManager, Keyring
    from piimask.engine import MaskingEngine
    from piimask.model import TokenClassifier
    from piimask.policy import Policy
    from piimask.settings import Settings
    from piimask.tables.blobstore import BlobStore
    from piimask.tables.mask import mask_table

    settings = Settings()
    engine = MaskingEngine(TokenClassifier(settings.model, device="cpu", threads=1), CryptoManager(Keyring.generate()))
    process = psutil.Process()
    base = process.memory_info().rss
    peak = [base]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], process.memory_info().rss)

    threading.Thread(target=sample, daemon=True).start()
    start = time.perf_counter()
    report = mask_table(
        engine,
        Policy.model_validate(policy),
        BlobStore("/"),
        str(path),
        str(path.with_suffix(".out")),
        fmt,
        batch_rows=settings.table_batch_rows,
    )
    wall = time.perf_counter() - start
    done.set()
    return {
        "wall_s": round(wall, 2),
        "rss_before_mib": base >> 20,
        "peak_rss_mib": peak[0] >> 20,
        "risk": report.get("risk"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--suppress-max", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=1, help="runs per configuration; the fastest is reported")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: CONFIG:PATH, run in a fresh process
    args = parser.parse_args()
    if args.one:
        config, path = args.one.split(":", 1)
        print(json.dumps(run_one(Path(path), args.format, policy_of(config, args.k, args.suppress_max))))
        return

    print("command:", shlex.join([sys.executable, *sys.argv]))
    print("machine:", json.dumps(machine_info()))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"table.{args.format}"
        table = generate(args.rows, args.seed)
        pacsv.write_csv(table, path) if args.format == "csv" else pq.write_table(table, path)
        print(f"table: {args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB {args.format}")
        results: dict[str, dict] = {}
        for _ in range(args.repeat):  # configurations interleaved, so that a busy spell hits them alike
            for config in CONFIGS:
                cmd = [
                    sys.executable,
                    __file__,
                    "--one",
                    f"{config}:{path}",
                    "--format",
                    args.format,
                    "--k",
                    str(args.k),
                    "--suppress-max",
                    str(args.suppress_max),
                ]
                done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
                if done.returncode:
                    sys.exit(f"{config} failed:\n{done.stderr[-3000:]}")
                result = json.loads(done.stdout.strip().splitlines()[-1])
                if config not in results or result["wall_s"] < results[config]["wall_s"]:
                    results[config] = result
    base = results["mask"]["wall_s"]
    print("\n| configuration | wall | rows/s | × mask | peak RSS |\n|---|---|---|---|---|")
    for config, r in results.items():
        print(
            f"| {config} | {r['wall_s']:.1f} s | {args.rows / r['wall_s']:,.0f} | {r['wall_s'] / base:.2f} | "
            f"{r['peak_rss_mib']} MiB |"
        )
    for config in ("report", "k"):
        risk = results[config]["risk"]
        gen = risk.get("generalization", {})
        print(
            f"\n{config}: classes {risk['classes']:,}, k {risk['k']}, prosecutor max {risk['prosecutor_risk']['max']}, "
            f"average {risk['prosecutor_risk']['average']}, l {risk['l_diversity']['diagnosis']['l']}"
        )
        if gen:
            levels = ", ".join(f"{n} {v['name']}" for n, v in gen["levels"].items())
            print(
                f"  levels: {levels}; information loss {gen['information_loss']}; suppressed {gen['rows_suppressed']:,} "
                f"({gen['share_suppressed']:.2%}); nodes evaluated {gen['nodes_evaluated']} of {gen['lattice_nodes']}"
            )


if __name__ == "__main__":
    main()
