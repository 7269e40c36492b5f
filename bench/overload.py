"""Fairness under overload: small text requests beside 1 MB documents, through the real service on loopback.

    python bench/overload.py                       # 600 small requests at c=32, alone and beside 2 senders of 1 MB
    python bench/overload.py --small 300 --large-senders 1 --large-chars 500000

Two phases, each bounded in requests and time: c=32 clients post small texts (40-400 characters) to
`/v1/text/mask`, first alone, then while `--large-senders` clients keep posting documents of `--large-chars`
characters. It prints the small requests' p50/p99, requests/s, and every status seen, and whether the target holds:
the small requests' p99 beside the documents within 3x of their p99 alone, and no status but 200 and 503.
Everything runs on 127.0.0.1; the service gets its own local Redis, keyring and data folder.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shlex
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine_info  # noqa: E402
from crypto import Keyring  # noqa: E402
from piimask.local.processes import start_service  # noqa: E402
from piimask.local.redis_server import LocalRedis, free_port  # noqa: E402
from piimask.training.render import generate  # noqa: E402

API_KEY = "bench-overload-key"


def small_texts(n: int, seed: int) -> list[str]:
    """Short texts of the kinds users send (mail, chat, notes, log lines), 40 to 400 characters."""
    texts = [e.text for e in generate(n * 2, seed)]
    return [t for t in texts if 40 <= len(t) <= 400][:n]


def document(chars: int, seed: int) -> str:
    """A long document: generated paragraphs, one after another, cut at `chars` characters."""
    parts, size, k = [], 0, 0
    while size < chars:
        batch = [e.text for e in generate(200, seed + k)]
        parts.extend(batch)
        size += sum(len(t) + 2 for t in batch)
        k += 1
    return "\n\n".join(parts)[:chars]


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def post(conn: http.client.HTTPConnection, body: bytes) -> tuple[int, float]:
    started = time.perf_counter()
    conn.request(
        "POST",
        "/v1/text/mask",
        body=body,
        headers={"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"},
    )
    response = conn.getresponse()
    response.read()
    return response.status, time.perf_counter() - started


def small_phase(port: int, bodies: list[bytes], concurrency: int, limit_s: float) -> dict:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    todo = iter(bodies)
    stop_at = time.perf_counter() + limit_s

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            while time.perf_counter() < stop_at:
                with lock:
                    body = next(todo, None)
                if body is None:
                    return
                try:
                    status, seconds = post(conn, body)
                except OSError:
                    status, seconds = -1, 0.0
                    conn.close()
                with lock:
                    statuses[status] += 1
                    if status == 200:
                        latencies.append(seconds)
        finally:
            conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(limit_s + 130)
    wall = time.perf_counter() - started
    return {
        "requests": sum(statuses.values()),
        "wall_s": round(wall, 2),
        "rps": round(sum(statuses.values()) / wall, 1),
        "p50_ms": _ms(percentile(latencies, 0.5)),
        "p99_ms": _ms(percentile(latencies, 0.99)),
        "statuses": dict(sorted(statuses.items())),
    }


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


class LargeSenders:
    """Clients that keep posting one long document each until told to stop."""

    def __init__(self, port: int, body: bytes, senders: int):
        self.port, self.body = port, body
        self.stop = threading.Event()
        self.statuses: Counter[int] = Counter()
        self.latencies: list[float] = []
        self.threads = [threading.Thread(target=self._send, daemon=True) for _ in range(senders)]

    def _send(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        while not self.stop.is_set():
            try:
                status, seconds = post(conn, self.body)
            except OSError:
                status, seconds = -1, 0.0
                conn.close()
            self.statuses[status] += 1
            self.latencies.append(seconds)
            if status == 503:
                time.sleep(1)  # as its Retry-After says
        conn.close()

    def __enter__(self) -> LargeSenders:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(330)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=600, help="small requests per phase")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--large-senders", type=int, default=2)
    parser.add_argument("--large-chars", type=int, default=1_000_000)
    parser.add_argument("--phase-limit", type=float, default=300, help="seconds a phase may take at most")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"command: python bench/overload.py {shlex.join(sys.argv[1:] if argv is None else argv)}")
    print(f"machine: {json.dumps(machine_info())}")
    smalls = small_texts(args.small * 2, args.seed)
    random.Random(args.seed).shuffle(smalls)
    bodies = [json.dumps({"text": t}).encode() for t in smalls]
    big = json.dumps({"text": document(args.large_chars, args.seed + 1)}).encode()
    with tempfile.TemporaryDirectory(prefix="piimask-overload-") as tmp:
        root = Path(tmp)
        redis = LocalRedis(root / "redis").start()
        keyring = root / "keyring.json"
        Keyring.generate().save(keyring, overwrite=False)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIIMASK_")}
        env.update(
            {
                "PIIMASK_REDIS_URL": redis.url,
                "PIIMASK_KEYRING": str(keyring),
                "PIIMASK_API_KEYS": json.dumps({API_KEY: ["mask"]}),
                "PIIMASK_DATA_DIR": str(root / "data"),
                "PIIMASK_BLOB_ROOT": str(root / "blobs"),
                "PIIMASK_MAX_TEXT_CHARS": str(args.large_chars + 1000),
                "HF_HUB_OFFLINE": "1",
                "PYTHONUNBUFFERED": "1",
            }
        )
        port = free_port()
        service = start_service(env, port, log=root / "service.log")
        try:
            small_phase(port, bodies[:64], 8, 60)  # warm-up
            alone = small_phase(port, bodies[: args.small], args.concurrency, args.phase_limit)
            print(f"small alone:        {json.dumps(alone)}")
            with LargeSenders(port, big, args.large_senders) as large:
                time.sleep(3)  # the documents are queued and under way
                beside = small_phase(port, bodies[args.small : 2 * args.small], args.concurrency, args.phase_limit)
            print(f"small beside large: {json.dumps(beside)}")
            print(
                f"large ({args.large_chars} chars, {args.large_senders} senders): statuses "
                f"{dict(sorted(large.statuses.items()))}, latencies s {[round(x, 1) for x in large.latencies]}"
            )
        finally:
            service.stop()
            redis.stop()
    ratio = beside["p99_ms"] / alone["p99_ms"] if alone["p99_ms"] and beside["p99_ms"] else None
    statuses = set(alone["statuses"]) | set(beside["statuses"]) | set(large.statuses)
    print(
        f"p99 beside / alone: {ratio and round(ratio, 2)} (target <= 3); statuses seen {sorted(statuses)} "
        f"(target: 200 and 503 only)"
    )
    met = ratio is not None and ratio <= 3 and statuses <= {200, 503}
    print("target met" if met else "target NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
