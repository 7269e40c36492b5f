"""Table masking bench: a generated table through real RQ workers (1 and 2), beside Presidio over each cell.

    python bench/tables.py [--rows 1000000] [--distinct-notes 20000] [--workers 1,2] [--formats csv,parquet]
    python bench/tables.py --rows 100000 --distinct-notes 30000 --workers 1,2 --formats csv --presidio-rows 0

What it does, in one run:
- generates a table: id, first/last name, email, phone, SSN, card, city, signup date, amount (structured columns)
  and `notes` (free text holding names, emails and phones); `--distinct-notes` bounds how many different notes there
  are, since on a CPU each distinct note costs one pass through the model;
- starts a Redis and N `python main.py worker` processes, enqueues the production task for the file (inputs above
  PIIMASK_FANOUT_BYTES, or with more free text than PIIMASK_FANOUT_TEXT_CHARS, are split into parts that the workers
  share), waits for the merge, and reports rows/s, MB/s, the parts and why, and each worker's peak RSS (sampled
  every 0.2 s); with several worker counts, each count's time against the first's;
- checks the output: every row, in order; no value of a PII column survives verbatim; non-PII columns untouched;
- runs Presidio the way its users mask a table without presidio-structured: AnalyzerEngine + AnonymizerEngine over
  each cell, on the first `--presidio-rows` rows (it is far slower), and prints the rows/s ratio.
Figures on a noisy 2-core machine: read the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
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
from crypto import Keyring  # noqa: E402
from piimask.local.processes import start_workers, stop_processes  # noqa: E402
from piimask.local.redis_server import LocalRedis  # noqa: E402
from piimask.tables.jobs import TableJobSpec, enqueue_table_job, job_state  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PII_COLUMNS = ["first_name", "last_name", "email", "phone", "ssn", "card", "city"]
KEPT_COLUMNS = ["id", "amount"]


def generate(rows: int, distinct_notes: int, seed: int) -> pa.Table:
    from faker import Faker

    fake = Faker(["en_US", "en_GB", "de_DE", "fr_FR", "es_ES"])
    fake.seed_instance(seed)
    rng = random.Random(seed)
    pool = 5000  # distinct structured values per column; repeated like real customer tables
    firsts = [fake.first_name() for _ in range(pool)]
    lasts = [fake.last_name() for _ in range(pool)]
    cities = [fake.city() for _ in range(pool)]
    notes = [
        f"{rng.choice(firsts)} {rng.choice(lasts)} called about order {rng.randint(1000, 99999)}; "
        f"reply to {fake.email()} or {fake.phone_number()}."
        for _ in range(distinct_notes)
    ]
    columns = {
        "id": [str(i) for i in range(rows)],
        "first_name": [firsts[rng.randrange(pool)] for _ in range(rows)],
        "last_name": [lasts[rng.randrange(pool)] for _ in range(rows)],
        "email": [f"user{i}.{rng.randrange(10**6)}@example.com" for i in range(rows)],
        "phone": [f"+1 415-555-{rng.randrange(10000):04d}" for _ in range(rows)],
        "ssn": [f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}" for _ in range(rows)],
        "card": ["4111 1111 1111 1111" if i % 2 else "5500 0000 0000 0004" for i in range(rows)],
        "city": [cities[rng.randrange(pool)] for _ in range(rows)],
        "amount": [f"{rng.randrange(10**6) / 100:.2f}" for _ in range(rows)],
        "notes": [notes[rng.randrange(distinct_notes)] for _ in range(rows)],
    }
    return pa.table(columns)


def write(table: pa.Table, path: Path, fmt: str) -> None:
    if fmt == "csv":
        pacsv.write_csv(table, path)
    else:
        pq.write_table(table, path, row_group_size=100_000)


def read(path: Path, fmt: str) -> pa.Table:
    if fmt == "csv":
        names = pacsv.open_csv(path).schema.names
        return pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names}))
    return pq.read_table(path)


class RssSampler:
    """Each worker's peak RSS, and the CPU seconds it spent from here on: on a shared machine the busiest worker's
    CPU seconds tell how the work was spread when wall times are disturbed by other processes."""

    def __init__(self, pids: list[int]):
        self.procs = [psutil.Process(p) for p in pids]
        self.peak = {p.pid: 0 for p in self.procs}
        self.cpu_start = {p.pid: self._cpu(p) for p in self.procs}
        self.cpu = dict(self.cpu_start)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _cpu(p: psutil.Process) -> float:
        times = p.cpu_times()
        return times.user + times.system

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            for p in self.procs:
                try:
                    self.peak[p.pid] = max(self.peak[p.pid], p.memory_info().rss)
                    self.cpu[p.pid] = self._cpu(p)
                except psutil.NoSuchProcess:
                    pass

    def cpu_seconds(self) -> list[float]:
        return [round(self.cpu[p] - self.cpu_start[p], 1) for p in self.cpu]

    def stop(self) -> dict[int, int]:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_piimask(src: Path, fmt: str, workers: int, args, workdir: Path, redis: LocalRedis) -> dict:
    from redis import Redis
    from rq import Queue

    blobs = workdir / "blobs"
    env = {
        **os.environ,
        "PIIMASK_REDIS_URL": redis.url,
        "PIIMASK_BLOB_ROOT": str(blobs),
        "PIIMASK_KEYRING": str(workdir / "keys.json"),
        "PIIMASK_QUEUE": f"bench{workers}{fmt}",
        "PIIMASK_TORCH_THREADS": str(args.threads),
        "PIIMASK_FANOUT_BYTES": str(args.fanout_bytes),
        "PIIMASK_PART_ROWS": str(args.part_rows),
        "HF_HUB_OFFLINE": "1",
    }
    if args.fanout_text_chars is not None:
        env["PIIMASK_FANOUT_TEXT_CHARS"] = str(args.fanout_text_chars)
    if args.part_text_chars is not None:
        env["PIIMASK_PART_TEXT_CHARS"] = str(args.part_text_chars)
    procs = start_workers(env, redis.url, [workdir / f"worker-{workers}-{fmt}-{i}.log" for i in range(workers)])
    connection = Redis.from_url(redis.url)
    try:
        sampler = RssSampler([p.pid for p in procs])
        key = f"in/{src.name}"
        (blobs / "in").mkdir(parents=True, exist_ok=True)
        target = blobs / key
        if not target.exists():
            os.link(src, target)
        spec = TableJobSpec(source=key, destination=f"out/{workers}-{src.name}", format=fmt)
        started = time.perf_counter()
        job = enqueue_table_job(
            Queue(env["PIIMASK_QUEUE"], connection=connection),
            f"bench-{workers}-{fmt}",
            spec,
            timeout=24 * 3600,
            retries=0,
            ttl=3600,
        )
        while (state := job_state(job))["status"] not in ("finished", "failed", "canceled"):
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
        peaks = sampler.stop()
        fanout = job.get_meta(refresh=True).get("fanout") or {}
    finally:
        stop_processes((p.popen for p in procs), timeout=60)
    if state["status"] != "finished":
        raise SystemExit(f"the job ended {state['status']}: {state['error']}")
    return {
        "workers": workers,
        "format": fmt,
        "seconds": round(elapsed, 1),
        "rows": state["report"]["rows"],
        "rows_per_s": round(state["report"]["rows"] / elapsed),
        "mb_per_s": round(src.stat().st_size / 1e6 / elapsed, 2),
        "parts": state["report"].get("parts", 1),
        "fanout_reason": fanout.get("reason", ""),  # bytes, text (the model's work) or both; empty: one job
        "text_chars_estimate": fanout.get("text_chars"),
        "peak_rss_mib": [round(v / 2**20) for v in peaks.values()],
        "cpu_s_per_worker": sampler.cpu_seconds(),  # from the enqueue to the merge
        "load_avg_1_5_15_after": [round(v, 2) for v in os.getloadavg()],
        "output": str(blobs / spec.destination),
    }


def verify(original: pa.Table, out_path: Path, fmt: str) -> dict:
    masked = read(out_path, fmt)
    assert masked.num_rows == original.num_rows, "row count changed"
    assert masked.column("id").to_pylist() == original.column("id").to_pylist(), "rows out of order"
    for name in KEPT_COLUMNS:
        assert masked.column(name).to_pylist() == original.column(name).to_pylist(), f"{name} changed"
    survivors = {}
    for name in PII_COLUMNS:
        same = sum(a == b for a, b in zip(masked.column(name).to_pylist(), original.column(name).to_pylist()))
        survivors[name] = same
    assert not any(survivors.values()), f"PII values survived verbatim: {survivors}"
    leaked_notes = sum(
        "@" in m for m in masked.column("notes").to_pylist()[:10_000]
    )  # every note holds an email address
    assert leaked_notes == 0, f"{leaked_notes} notes kept an email address"
    return {"rows_in_order": True, "pii_values_surviving": 0, "non_pii_untouched": True}


def run_presidio(table: pa.Table, rows: int) -> dict:
    from presidio_anonymizer import AnonymizerEngine

    from bench.common import PresidioSystem

    system = PresidioSystem()
    anonymizer = AnonymizerEngine()
    sample = table.slice(0, rows).to_pylist()
    started = time.perf_counter()
    for record in sample:
        for name, value in record.items():
            if name in KEPT_COLUMNS:
                continue
            results = system.analyzer.analyze(text=value, language="en")
            anonymizer.anonymize(text=value, analyzer_results=results)
    elapsed = time.perf_counter() - started
    return {"rows": rows, "seconds": round(elapsed, 1), "rows_per_s": round(rows / elapsed, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--distinct-notes", type=int, default=20_000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--formats", default="csv,parquet")
    parser.add_argument(
        "--threads", type=int, default=1, help="torch threads per worker (0: the workers share the host's cores)"
    )
    parser.add_argument("--part-rows", type=int, default=250_000)
    parser.add_argument("--fanout-bytes", type=int, default=32 * 2**20)
    parser.add_argument("--fanout-text-chars", type=int, help="PIIMASK_FANOUT_TEXT_CHARS (default: the setting's)")
    parser.add_argument("--part-text-chars", type=int, help="PIIMASK_PART_TEXT_CHARS (default: the setting's)")
    parser.add_argument("--presidio-rows", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    command = "python bench/tables.py " + shlex.join(sys.argv[1:])
    print(f"command: {command}\nmachine: {json.dumps(machine_info())}", flush=True)

    workdir = Path(tempfile.mkdtemp(prefix="piimask-tables-"))
    Keyring.generate().save(workdir / "keys.json", overwrite=False)
    started = time.perf_counter()
    table = generate(args.rows, args.distinct_notes, args.seed)
    print(
        f"generated {table.num_rows:,} rows x {table.num_columns} columns in {time.perf_counter() - started:.1f} s "
        f"({args.distinct_notes:,} distinct notes)",
        flush=True,
    )
    results: dict = {"command": command, "rows": args.rows, "distinct_notes": args.distinct_notes, "piimask": []}
    redis = LocalRedis(workdir / "redis").start()
    try:
        for fmt in args.formats.split(","):
            src = workdir / f"table.{fmt}"
            write(table, src, fmt)
            print(f"\n{fmt}: {src.stat().st_size / 1e6:.1f} MB", flush=True)
            for workers in (int(w) for w in args.workers.split(",")):
                run = run_piimask(src, fmt, workers, args, workdir, redis)
                run["checks"] = verify(table, Path(run.pop("output")), fmt)
                results["piimask"].append(run)
                why = (
                    f" ({run['fanout_reason']}, ~{run['text_chars_estimate']:,} chars of free text)"
                    if run["parts"] > 1
                    else ""
                )
                print(
                    f"  piimask, {workers} worker(s): {run['rows_per_s']:,} rows/s, {run['mb_per_s']} MB/s, "
                    f"{run['seconds']} s, {run['parts']} part(s){why}, peak RSS per worker {run['peak_rss_mib']} "
                    f"MiB, CPU s per worker {run['cpu_s_per_worker']}, load average after "
                    f"{run['load_avg_1_5_15_after']}; checks passed",
                    flush=True,
                )
            runs = [r for r in results["piimask"] if r["format"] == fmt]
            for run in runs[1:]:
                ratio = run["seconds"] / runs[0]["seconds"]
                busiest = max(run["cpu_s_per_worker"]) / max(runs[0]["cpu_s_per_worker"])
                run[f"time_vs_{runs[0]['workers']}_workers"] = round(ratio, 3)
                run[f"busiest_cpu_vs_{runs[0]['workers']}_workers"] = round(busiest, 3)
                print(
                    f"  {run['workers']} worker(s) took {ratio:.2f}x the time of {runs[0]['workers']}; their busiest "
                    f"worker {busiest:.2f}x the CPU seconds",
                    flush=True,
                )
    finally:
        redis.stop()
    if args.presidio_rows:
        presidio = run_presidio(table, args.presidio_rows)
        results["presidio"] = presidio
        print(
            f"\npresidio, analyzer + anonymizer over each cell, first {presidio['rows']:,} rows: "
            f"{presidio['rows_per_s']:,} rows/s ({presidio['seconds']} s)"
        )
        for run in results["piimask"]:
            print(
                f"  ratio piimask {run['format']} {run['workers']} worker(s) / presidio: "
                f"{run['rows_per_s'] / presidio['rows_per_s']:.0f}x"
            )
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=1))
    print(f"\ntotal {time.perf_counter() - started:.0f} s; command: {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
