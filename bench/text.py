"""Text-masking speed bench: the real service over HTTP beside Presidio in-process, on the same texts.

    python bench/text.py                                   # defaults: 1,000 generator sentences, seed 42
    python bench/text.py --n 400 --concurrency 1,8 --json-out text.json
    python bench/text.py --device cuda                     # a GPU machine: the service on CUDA, Presidio on CPU
    python bench/text.py --systems piimask --threads 2 --batch-wait-ms 1

What runs
---------
* piimask: the real service, `python main.py service --port <free>`, started by the bench as a subprocess with
  its own temporary keyring, an API key in `PIIMASK_API_KEYS`, and a local Redis (piimask.local.redis_server.LocalRedis)
  in a temporary folder; all three are stopped (and the folder removed) at the end, on errors too. The bench waits
  for /readyz, warms up, then drives it from client threads at each `--concurrency`, one keep-alive connection per
  thread (the standard library's `http.client`: lighter on the shared cores than httpx):
    - `POST /v1/text/mask`, one text per request, every text once;
    - `POST /v1/text/mask/batch`, `--batch-size` texts per request, at each `--batch-concurrency`;
    - the same batches at concurrency 1 with a policy of pattern types only ("patterns only"): the model is
      skipped, so the row is the ceiling of everything else (HTTP, JSON, recognizers, operators), i.e. what is
      left once a GPU makes the forward pass nearly free.
  Latency is measured by the client, per request: connection, JSON, auth, queueing and the service's
  micro-batching wait included. The client runs on the same cores as the service; its CPU time is printed.
* Presidio (in-process, CPU): AnalyzerEngine with conf/default.yaml (spaCy's small English model, see
  bench/common.py) + AnonymizerEngine with its defaults:
    - one text per call, analyze then anonymize, as its users run it. This favours Presidio: it pays no HTTP,
      JSON or auth cost while piimask pays all of them. It runs before and again after piimask's phases, and the
      targets use the mean of the two: these machines drift, and one figure taken a minute earlier is not a fair
      base for the other's;
    - BatchAnalyzerEngine (spaCy's nlp.pipe) in calls of `--presidio-batch` texts, then anonymize per text.
* Both use their default policy / operators (replace by `<TYPE>`). Data: `--n` sentences of presidio-evaluator's
  generator (seed `--seed`, about 90 characters each), the detection bench's dev set (bench/common.py).

Targets (issue "Speed: one forward pass for many requests"), each printed PASS/FAIL:
  (1) /v1/text/mask/batch (one client, `--batch-size` texts per request) texts/s >= 3x Presidio one-at-a-time
      analyze+anonymize texts/s;
  (2) /v1/text/mask at concurrency 8 texts/s >= 1.5x the same Presidio figure;
  (3) p50 latency of /v1/text/mask at concurrency 1 for ~100-character texts (80-120 characters) <= 20 ms.

Only 127.0.0.1 is contacted; the Hugging Face hub is forced offline.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shlex
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PresidioSystem, chunks, generator_dataset, machine_info  # noqa: E402
from piimask.entities import KNOWN_ENTITY_TYPES  # noqa: E402
from piimask.local.processes import Child, start_service  # noqa: E402

SYSTEMS = ("piimask", "presidio")
API_KEY = "bench-key"
TARGETS = {"batch_vs_presidio": 3.0, "c8_vs_presidio": 1.5, "p50_ms": 20.0}
NEAR_100 = (80, 120)  # characters: "a single ~100-character request"


# ------------------------------------------------------------------------------------------------------------------
# Figures
# ------------------------------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summarize(name: str, texts: Sequence[str], wall: float, latencies: Sequence[float], **extra) -> dict:
    chars = sum(len(t) for t in texts)
    return {
        "name": name,
        "texts": len(texts),
        "requests": len(latencies),
        "wall_s": round(wall, 3),
        "texts_per_s": round(len(texts) / wall, 1) if wall else None,
        "chars_per_s": round(chars / wall) if wall else None,
        "p50_ms": _ms(percentile(latencies, 50)),
        "p99_ms": _ms(percentile(latencies, 99)),
        "mean_ms": _ms(statistics.fmean(latencies)) if latencies else None,
        **extra,
    }


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 2)


# ------------------------------------------------------------------------------------------------------------------
# The service
# ------------------------------------------------------------------------------------------------------------------


def _proc_cpu_seconds(pid: int) -> float | None:
    """utime + stime of a process (all its threads), from /proc; None where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class Service:
    """`python main.py service` with a temporary keyring and API key and its own local Redis."""

    def __init__(self, workdir: Path, args: argparse.Namespace):
        self.workdir = workdir
        self.args = args
        self.redis = None
        self.child: Child | None = None
        self.log_path = workdir / "service.log"
        self.base_url = ""
        self.env: dict[str, str] = {}

    def start(self, timeout: float = 300.0) -> dict:
        from crypto import Keyring
        from piimask.local.redis_server import LocalRedis, free_port

        self.redis = LocalRedis(self.workdir / "redis").start()
        keyring = self.workdir / "keyring.json"
        Keyring.generate().save(keyring, overwrite=False)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIIMASK_")}
        env.update(
            {
                "PIIMASK_REDIS_URL": self.redis.url,
                "PIIMASK_KEYRING": str(keyring),
                "PIIMASK_API_KEYS": json.dumps({API_KEY: ["mask"]}),
                "PIIMASK_DATA_DIR": str(self.workdir / "data"),
                "PIIMASK_BLOB_ROOT": str(self.workdir / "blobs"),
                "PIIMASK_QUEUE": "bench",
                "PIIMASK_DEVICE": self.args.device,
                "HF_HUB_OFFLINE": "1",
                "TRANSFORMERS_OFFLINE": "1",
                "PYTHONUNBUFFERED": "1",
            }
        )
        if self.args.model:
            env["PIIMASK_MODEL"] = self.args.model
        if self.args.threads is not None:
            env["PIIMASK_TORCH_THREADS"] = str(self.args.threads)
        if self.args.batch_wait_ms is not None:
            env["PIIMASK_BATCH_WAIT_MS"] = str(self.args.batch_wait_ms)
        if self.args.cpu_dtype is not None:
            env["PIIMASK_CPU_DTYPE"] = self.args.cpu_dtype
        if self.args.compile is not None:
            env["PIIMASK_COMPILE"] = self.args.compile
        self.env = {k: v for k, v in env.items() if k.startswith("PIIMASK_") and k not in ("PIIMASK_API_KEYS",)}
        started = time.monotonic()
        self.child = start_service(env, free_port(), log=self.log_path, timeout=timeout)
        self.base_url = self.child.base_url
        return {**self.child.ready_body, "_ready_after_s": round(time.monotonic() - started, 1)}

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def cpu_seconds(self) -> float | None:
        return _proc_cpu_seconds(self.child.pid) if self.child else None

    def stop(self) -> None:
        try:
            if self.child:
                self.child.stop()
        finally:
            if self.redis:
                self.redis.stop()


_METRIC = re.compile(r"^(piimask_inference_(?:batch_texts|seconds)_(?:sum|count))\s+([0-9.eE+-]+)$", re.M)


def inference_metrics(base_url: str) -> dict[str, float]:
    """Forward passes, texts through them and seconds in them so far (the service's /metrics)."""
    import httpx

    try:
        text = httpx.get(f"{base_url}/metrics", headers={"Authorization": f"Bearer {API_KEY}"}, timeout=10).text
    except httpx.HTTPError:
        return {}
    return {name: float(value) for name, value in _METRIC.findall(text)}


def drive(
    base_url: str, path: str, bodies: Sequence[bytes], concurrency: int, timeout_s: float, deadline_s: float
) -> tuple[float, list[float | None], list[dict | None], list[str]]:
    """POST every body once from `concurrency` client threads (each with its own keep-alive connection).

    Returns wall seconds, the latencies and parsed answers by body index (None: failed or not sent) and errors. A thread takes no new
    request once `deadline_s` has passed since the start, so a stuck service cannot hold the bench for ever.
    """
    from urllib.parse import urlsplit

    # The standard library's client, not httpx: the client shares the service's cores here, and httpx costs about
    # 1.8 ms of CPU per request where http.client costs a fraction of that (printed per phase as "client CPU").
    host = urlsplit(base_url)
    headers = {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"}
    answers: list[dict | None] = [None] * len(bodies)
    latencies: list[float | None] = [None] * len(bodies)  # by body index
    errors: list[str] = []
    lock = threading.Lock()
    next_index = iter(range(len(bodies)))
    barrier = threading.Barrier(concurrency + 1)

    def post(conn: http.client.HTTPConnection, body: bytes) -> tuple[int, bytes]:
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()

    def worker() -> None:
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=timeout_s)
        try:
            conn.request("GET", "/healthz")  # open the connection before the clock starts
            conn.getresponse().read()
            barrier.wait()
            stop_at = time.perf_counter() + deadline_s
            while time.perf_counter() < stop_at:
                with lock:
                    i = next(next_index, None)
                if i is None:
                    return
                started = time.perf_counter()
                try:
                    status, raw = post(conn, bodies[i])
                    elapsed = time.perf_counter() - started
                    if status != 200:
                        raise RuntimeError(f"HTTP {status}: {raw[:300].decode(errors='replace')}")
                    answer = json.loads(raw)
                except Exception as exc:  # noqa: BLE001 - counted and printed, never fatal mid-phase
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}")
                    conn.close()  # the next request reconnects
                    continue
                latencies[i] = elapsed
                answers[i] = answer
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, name=f"client-{k}", daemon=True) for k in range(concurrency)]
    for t in threads:
        t.start()
    barrier.wait(timeout=60)
    start = time.perf_counter()
    for t in threads:
        t.join(deadline_s + timeout_s + 10)
    wall = time.perf_counter() - start
    if any(t.is_alive() for t in threads):
        errors.append("a client thread was still running after the phase's deadline")
    return wall, latencies, answers, errors


def run_piimask(texts: list[str], args: argparse.Namespace) -> dict:
    single_bodies = [json.dumps({"text": t}).encode() for t in texts]
    parts = list(chunks(texts, args.batch_size))
    batch_bodies = [json.dumps({"texts": list(p)}).encode() for p in parts]
    results: dict = {"phases": []}
    with tempfile.TemporaryDirectory(prefix="piimask-bench-text-") as tmp:
        service = Service(Path(tmp), args)
        try:
            print("starting the service (python main.py service) with a local Redis ...", flush=True)
            ready = service.start()
            model = ready.get("models", {}).get("text_masking") or {}
            results["readyz_model"] = model
            results["service_env"] = service.env
            results["ready_after_s"] = ready.get("_ready_after_s")
            print(
                f"service ready after {ready.get('_ready_after_s')} s: model {model.get('checkpoint')} on "
                f"{model.get('device')} ({model.get('dtype')}, compiled: {model.get('compiled')}), loaded in "
                f"{model.get('load_seconds')} s",
                flush=True,
            )

            # Warm-up: first-request costs (lazy imports, allocator growth, regex compilation) stay out of the figures
            warm_single = single_bodies[: min(len(single_bodies), 24)]
            drive(service.base_url, "/v1/text/mask", warm_single, 1, args.request_timeout, args.phase_timeout)
            drive(
                service.base_url,
                "/v1/text/mask",
                warm_single,
                min(8, len(warm_single)),
                args.request_timeout,
                args.phase_timeout,
            )
            drive(
                service.base_url, "/v1/text/mask/batch", batch_bodies[:2], 1, args.request_timeout, args.phase_timeout
            )

            plan = [("/v1/text/mask", c, single_bodies, 1, True) for c in args.concurrency]
            plan += [("/v1/text/mask/batch", c, batch_bodies, args.batch_size, True) for c in args.batch_concurrency]
            # The same batches with a policy of pattern types only: the model is skipped, so this is the ceiling of
            # everything else (HTTP, JSON, recognizers, operators): what a GPU that made the model free would leave.
            pattern_only = sorted(KNOWN_ENTITY_TYPES - set(model.get("entity_types") or KNOWN_ENTITY_TYPES))
            if pattern_only:
                no_model_bodies = [
                    json.dumps({"texts": list(p), "policy": {"entities": pattern_only}}).encode() for p in parts
                ]
                plan.append(("/v1/text/mask/batch", 1, no_model_bodies, args.batch_size, False))
            answers_by_phase = {}
            for path, concurrency, bodies, per_request, with_model in plan:
                name = f"piimask {path} c={concurrency}" + (f" ({per_request}/req)" if per_request > 1 else "")
                name += "" if with_model else ", patterns only"
                before_m, before_cpu = inference_metrics(service.base_url), service.cpu_seconds()
                client_cpu = time.process_time()
                wall, lat, answers, errors = drive(
                    service.base_url, path, bodies, concurrency, args.request_timeout, args.phase_timeout
                )
                client_cpu = time.process_time() - client_cpu
                after_cpu, after_m = service.cpu_seconds(), inference_metrics(service.base_url)
                done = [
                    t
                    for i, p in enumerate(parts if per_request > 1 else [[t] for t in texts])
                    if answers[i] is not None
                    for t in p
                ]
                passes = after_m.get("piimask_inference_batch_texts_count", 0) - before_m.get(
                    "piimask_inference_batch_texts_count", 0
                )
                through = after_m.get("piimask_inference_batch_texts_sum", 0) - before_m.get(
                    "piimask_inference_batch_texts_sum", 0
                )
                inf_s = after_m.get("piimask_inference_seconds_sum", 0) - before_m.get(
                    "piimask_inference_seconds_sum", 0
                )
                service_cpu = (after_cpu - before_cpu) if None not in (after_cpu, before_cpu) else None
                row = summarize(
                    name,
                    done,
                    wall,
                    [x for x in lat if x is not None],
                    path=path,
                    concurrency=concurrency,
                    texts_per_request=per_request,
                    errors=len(errors),
                    error_samples=errors[:3],
                    forward_passes=int(passes),
                    texts_per_pass=round(through / passes, 1) if passes else None,
                    inference_s=round(inf_s, 3),
                    inference_share=round(inf_s / wall, 3) if wall else None,
                    service_cpu_s=round(service_cpu, 3) if service_cpu is not None else None,
                    service_cpu_ms_per_text=round(1000 * service_cpu / len(done), 3) if service_cpu and done else None,
                    client_cpu_s=round(client_cpu, 3),
                    model=with_model,
                )
                if path == "/v1/text/mask" and concurrency == 1:
                    near = [
                        lat_i
                        for lat_i, t in zip(lat, texts)
                        if lat_i is not None and NEAR_100[0] <= len(t) <= NEAR_100[1]
                    ]
                    row["p50_ms_80_120_chars"] = _ms(percentile(near, 50))
                    row["requests_80_120_chars"] = len(near)
                results["phases"].append(row)
                if with_model:
                    answers_by_phase[(path, concurrency)] = answers
                _print_row(row)
                if errors:
                    print(f"    {len(errors)} errors, e.g. {errors[0]}", flush=True)
            results["consistency"] = _consistency(texts, parts, answers_by_phase)
            results["entities_per_text"] = _entities_per_text(answers_by_phase)
        except BaseException:
            print("---- service log (tail) ----\n" + service.log_tail(), file=sys.stderr)
            raise
        finally:
            service.stop()
    return results


def _flatten(path: str, answers: list, parts) -> list[dict | None]:
    if path == "/v1/text/mask":
        return list(answers)
    flat: list[dict | None] = []
    for a, part in zip(answers, parts):
        flat.extend(a["results"] if a else [None] * len(part))
    return flat


def _consistency(texts: list[str], parts, answers_by_phase: dict) -> dict:
    """Do /v1/text/mask (alone, at concurrency 1) and /v1/text/mask/batch mask every text the same way?"""
    single = answers_by_phase.get(("/v1/text/mask", 1))
    out = {}
    for (path, c), answers in answers_by_phase.items():
        if single is None or (path, c) == ("/v1/text/mask", 1):
            continue
        other = _flatten(path, answers, parts)
        pairs = [(a, b) for a, b in zip(single, other) if a is not None and b is not None]
        same = sum(a["masked_text"] == b["masked_text"] for a, b in pairs)
        out[f"{path} c={c}"] = {"compared": len(pairs), "same_masked_text": same}
    return out


def _entities_per_text(answers_by_phase: dict) -> float | None:
    single = answers_by_phase.get(("/v1/text/mask", 1))
    if not single:
        return None
    counted = [len(a["entities"]) for a in single if a is not None]
    return round(statistics.fmean(counted), 2) if counted else None


# ------------------------------------------------------------------------------------------------------------------
# Presidio
# ------------------------------------------------------------------------------------------------------------------


def _presidio_single(
    analyzer, anonymizer, texts: list[str], args: argparse.Namespace, name: str, kind: str = "single"
) -> dict:
    """One call at a time, analyze then anonymize, as Presidio's users run it."""
    latencies, entities = [], 0
    cpu, start = time.process_time(), time.perf_counter()
    for t in texts:
        if time.perf_counter() - start > args.phase_timeout:
            break
        t0 = time.perf_counter()
        found = analyzer.analyze(text=t, language="en")
        anonymizer.anonymize(text=t, analyzer_results=found)
        latencies.append(time.perf_counter() - t0)
        entities += len(found)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    done = texts[: len(latencies)]
    row = summarize(
        name,
        done,
        wall,
        latencies,
        kind=kind,
        cpu_s=round(cpu, 3),
        entities_per_text=round(entities / max(1, len(done)), 2),
    )
    _print_row(row)
    return row


def run_presidio(texts: list[str], args: argparse.Namespace) -> tuple[dict, Callable[[], dict]]:
    """Presidio's phases, and a function that measures its one-at-a-time phase again (after piimask's)."""
    from presidio_anonymizer import AnonymizerEngine

    print("loading Presidio (AnalyzerEngine + AnonymizerEngine, spaCy en_core_web_sm) ...", flush=True)
    system = PresidioSystem(batch_size=max(args.presidio_batch))
    analyzer, anonymizer = system.analyzer, AnonymizerEngine()
    results: dict = {"describe": system.describe(), "load_s": round(system.load_seconds, 2), "phases": []}

    for t in texts[:24]:  # warm-up
        anonymizer.anonymize(text=t, analyzer_results=analyzer.analyze(text=t, language="en"))
    list(system.batch.analyze_iterator(texts[:64], language="en", batch_size=64))

    results["phases"].append(
        _presidio_single(analyzer, anonymizer, texts, args, "presidio analyze+anonymize, 1 text/call")
    )

    def again() -> dict:
        return _presidio_single(
            analyzer, anonymizer, texts, args, "presidio 1 text/call, again after piimask", kind="single_again"
        )

    # BatchAnalyzerEngine in calls of `size` texts (spaCy's nlp.pipe), then anonymize each text.
    for size in args.presidio_batch:
        latencies, done = [], []
        cpu, start = time.process_time(), time.perf_counter()
        for part in chunks(texts, size):
            if time.perf_counter() - start > args.phase_timeout:
                break
            t0 = time.perf_counter()
            found = list(system.batch.analyze_iterator(list(part), language="en", batch_size=size))
            for t, f in zip(part, found):
                anonymizer.anonymize(text=t, analyzer_results=f)
            latencies.append(time.perf_counter() - t0)
            done.extend(part)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        row = summarize(
            f"presidio BatchAnalyzer+anonymize, {size} texts/call",
            done,
            wall,
            latencies,
            kind="batch",
            batch_size=size,
            cpu_s=round(cpu, 3),
        )
        results["phases"].append(row)
        _print_row(row)
    return results, again


# ------------------------------------------------------------------------------------------------------------------
# Printing
# ------------------------------------------------------------------------------------------------------------------

HEADER = f"{'':58} {'texts/s':>8} {'chars/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'err':>4}  notes"


def _fmt(x, spec: str = ".1f") -> str:
    return "-" if x is None else format(x, spec)


def _print_row(row: dict) -> None:
    notes = []
    if row.get("forward_passes"):
        notes.append(f"{row['texts_per_pass']} texts/pass, model {_fmt(100 * row['inference_share'], '.0f')}% of wall")
    if row.get("service_cpu_ms_per_text") is not None:
        notes.append(
            f"service CPU {row['service_cpu_ms_per_text']:.2f} ms/text, client CPU {row['client_cpu_s']:.1f} s"
        )
    if row.get("p50_ms_80_120_chars") is not None:
        notes.append(f"p50 at 80-120 chars {row['p50_ms_80_120_chars']} ms (n={row['requests_80_120_chars']})")
    if row.get("cpu_s") is not None:
        notes.append(f"CPU {row['cpu_s']:.1f} s")
    print(
        f"{row['name']:58} {_fmt(row['texts_per_s']):>8} {_fmt(row['chars_per_s'], '.0f'):>8} "
        f"{_fmt(row['p50_ms']):>8} {_fmt(row['p99_ms']):>8} {row.get('errors', 0):>4}  {'; '.join(notes)}",
        flush=True,
    )


def _find(phases: list[dict], **match) -> dict | None:
    return next((p for p in phases if all(p.get(k) == v for k, v in match.items())), None)


def presidio_rate(phases: list[dict]) -> float | None:
    """Presidio's one-at-a-time texts/s: the mean of its runs before and after piimask's phases."""
    rates = [p["texts_per_s"] for p in phases if p.get("kind") in ("single", "single_again") and p.get("texts_per_s")]
    return round(statistics.fmean(rates), 1) if rates else None


def targets(piimask: dict | None, presidio: dict | None, args: argparse.Namespace) -> list[dict]:
    out = []
    pii = (piimask or {}).get("phases", [])
    pre = (presidio or {}).get("phases", [])
    base_rate = presidio_rate(pre)
    batch = _find(pii, path="/v1/text/mask/batch", concurrency=1, model=True) or _find(
        pii, path="/v1/text/mask/batch", model=True
    )
    c8 = _find(pii, path="/v1/text/mask", concurrency=8)
    c1 = _find(pii, path="/v1/text/mask", concurrency=1)

    def ratio(row):
        return round(row["texts_per_s"] / base_rate, 2) if row and base_rate and row.get("texts_per_s") else None

    r1 = ratio(batch)
    out.append(
        {
            "target": f"(1) /v1/text/mask/batch ({args.batch_size}/req, c={batch['concurrency'] if batch else '?'})"
            f" texts/s >= {TARGETS['batch_vs_presidio']}x Presidio 1-at-a-time",
            "value": r1,
            "unit": "x",
            "pass": None if r1 is None else r1 >= TARGETS["batch_vs_presidio"],
        }
    )
    r2 = ratio(c8)
    out.append(
        {
            "target": f"(2) /v1/text/mask c=8 texts/s >= {TARGETS['c8_vs_presidio']}x Presidio 1-at-a-time",
            "value": r2,
            "unit": "x",
            "pass": None if r2 is None else r2 >= TARGETS["c8_vs_presidio"],
        }
    )
    p50 = None
    if c1:
        p50 = c1.get("p50_ms_80_120_chars") if (c1.get("requests_80_120_chars") or 0) >= 20 else c1.get("p50_ms")
    out.append(
        {
            "target": f"(3) /v1/text/mask c=1 p50 for {NEAR_100[0]}-{NEAR_100[1]}-char texts <= "
            f"{TARGETS['p50_ms']:.0f} ms",
            "value": p50,
            "unit": "ms",
            "pass": None if p50 is None else p50 <= TARGETS["p50_ms"],
        }
    )
    return out


# ------------------------------------------------------------------------------------------------------------------
# Main
# ------------------------------------------------------------------------------------------------------------------


def _ints(text: str) -> list[int]:
    values = [int(x) for x in text.split(",") if x.strip()]
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"expected positive integers separated by commas, got {text!r}")
    return values


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--systems", default="piimask,presidio", help="comma-separated: piimask, presidio")
    ap.add_argument("--n", type=int, default=1000, help="generator sentences (each is sent once per phase)")
    ap.add_argument("--seed", type=int, default=42, help="generator seed")
    ap.add_argument(
        "--threads",
        type=int,
        default=None,
        help="PIIMASK_TORCH_THREADS for the service (default: unset, torch's default)",
    )
    ap.add_argument(
        "--batch-wait-ms",
        type=float,
        default=None,
        help="PIIMASK_BATCH_WAIT_MS for the service (default: unset, the service's default)",
    )
    ap.add_argument(
        "--cpu-dtype",
        choices=("auto", "float32", "bfloat16"),
        default=None,
        help="PIIMASK_CPU_DTYPE for the service (default: unset, the service's default)",
    )
    ap.add_argument(
        "--compile",
        choices=("auto", "on", "off"),
        default=None,
        help="PIIMASK_COMPILE for the service (default: unset, the service's default)",
    )
    ap.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto", help="PIIMASK_DEVICE for the service")
    ap.add_argument("--model", default=None, help="PIIMASK_MODEL for the service (default: the service's default)")
    ap.add_argument("--concurrency", type=_ints, default=[1, 8, 32], help="client threads for /v1/text/mask")
    ap.add_argument("--batch-concurrency", type=_ints, default=[1, 8], help="client threads for /v1/text/mask/batch")
    ap.add_argument("--batch-size", type=int, default=64, help="texts per /v1/text/mask/batch request")
    ap.add_argument("--presidio-batch", type=_ints, default=[64, 128], help="texts per BatchAnalyzerEngine call")
    ap.add_argument("--request-timeout", type=float, default=120.0, help="seconds per HTTP request")
    ap.add_argument("--phase-timeout", type=float, default=600.0, help="no new request after this many seconds")
    ap.add_argument("--json-out", metavar="PATH", help="write all figures as JSON")
    args = ap.parse_args(argv)
    args.systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = set(args.systems) - set(SYSTEMS)
    if unknown or not args.systems:
        ap.error(f"--systems: unknown {sorted(unknown)}; choose from {', '.join(SYSTEMS)}")
    if args.n < 1:
        ap.error("--n must be at least 1")
    if args.threads is not None and args.threads < 0:
        ap.error("--threads must be >= 0 (0: torch's default)")
    return args


def gpu_info() -> dict:
    try:
        import torch
    except ImportError:
        return {"cuda": False}
    if not torch.cuda.is_available():
        return {"cuda": False, "torch": torch.__version__}
    return {
        "cuda": True,
        "torch": torch.__version__,
        "cuda_version": torch.version.cuda,
        "gpus": [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())],
    }


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    command = "python " + shlex.join(
        [os.path.relpath(sys.argv[0]) if argv is None else "bench/text.py", *(sys.argv[1:] if argv is None else argv)]
    )
    args = parse_args(argv)
    machine = machine_info()
    machine["gpu"] = gpu_info()
    machine["packages"].update({p: _version(p) for p in ("fastapi", "uvicorn", "httpx", "presidio-anonymizer")})

    print("=" * 120)
    print("piimask text-masking speed bench: the service over HTTP vs Presidio in-process (bench/text.py)")
    print(f"command: {command}")
    print(
        f"machine: {machine['cpu']}, {machine['cores']} cores ({machine['usable_cores']} usable), "
        f"{machine['mem_gib']} GiB, load average at start {machine.get('load_avg_1_5_15')}"
    )
    gpu = machine["gpu"]
    print(f"GPU: {', '.join(gpu['gpus']) + ' (CUDA ' + str(gpu['cuda_version']) + ')' if gpu.get('cuda') else 'none'}")
    print("packages: " + ", ".join(f"{k} {v}" for k, v in machine["packages"].items()))
    print(f"python {machine['python']}, {machine['platform']}")

    dataset = generator_dataset(args.n, args.seed)
    texts = dataset.texts
    lengths = [len(t) for t in texts]
    print(
        f"texts: {len(texts)} presidio-evaluator generator sentences, seed {args.seed}; characters mean "
        f"{statistics.fmean(lengths):.0f}, median {statistics.median(lengths):.0f}, min {min(lengths)}, max "
        f"{max(lengths)}; {sum(NEAR_100[0] <= n <= NEAR_100[1] for n in lengths)} of {NEAR_100[0]}-{NEAR_100[1]}"
    )
    print(
        f"service settings: device {args.device}, torch threads "
        f"{args.threads if args.threads is not None else 'unset (torch default)'}, batch wait "
        f"{args.batch_wait_ms if args.batch_wait_ms is not None else 'unset (service default)'} ms, cpu dtype "
        f"{args.cpu_dtype or 'unset (service default)'}, compile {args.compile or 'unset (service default)'}, model "
        f"{args.model or 'service default'}; /v1/text/mask at concurrency {args.concurrency}, "
        f"/v1/text/mask/batch of {args.batch_size} at concurrency {args.batch_concurrency}"
    )
    print(
        "note: Presidio runs in this process with no HTTP, JSON or auth cost (which favours it); piimask is "
        "measured end to end through HTTP from client threads sharing the same cores"
    )
    print("-" * 120)
    print(HEADER, flush=True)

    report: dict = {
        "command": command,
        "seed": args.seed,
        "n": args.n,
        "machine": machine,
        "args": {k: v for k, v in vars(args).items() if k != "json_out"},
    }
    presidio = piimask = None
    if "presidio" in args.systems:
        presidio, presidio_again = run_presidio(texts, args)
        report["presidio"] = presidio
    if "piimask" in args.systems:
        piimask = report["piimask"] = run_piimask(texts, args)
    if presidio and piimask:  # the machine's speed drifts: Presidio's figure is taken on both sides of piimask's
        presidio["phases"].append(presidio_again())

    print("-" * 120)
    if piimask:
        m = piimask["readyz_model"]
        print(
            f"service /readyz model: {m.get('checkpoint')}, device {m.get('device')}, dtype {m.get('dtype')}, "
            f"compiled {m.get('compiled')}, loaded in {m.get('load_seconds')} s; environment: "
            + ", ".join(
                f"{k}={v}"
                for k, v in sorted(piimask["service_env"].items())
                if k not in ("PIIMASK_KEYRING", "PIIMASK_DATA_DIR", "PIIMASK_BLOB_ROOT")
            )
        )
        print(
            "consistency (/v1/text/mask c=1 vs other phases, same masked text): "
            + ", ".join(f"{k}: {v['same_masked_text']}/{v['compared']}" for k, v in piimask["consistency"].items())
        )
        pre_e = _find(presidio["phases"], kind="single")["entities_per_text"] if presidio else None
        print(
            f"entities per text: piimask {piimask['entities_per_text']}, Presidio {pre_e} "
            f"(Presidio reports overlapping types on one value; piimask's are resolved)"
        )
    if piimask and presidio:
        base_rate = presidio_rate(presidio["phases"])
        pb = [p for p in presidio["phases"] if p["kind"] == "batch"]
        print(f"ratios piimask / Presidio (texts/s; Presidio 1-at-a-time: {base_rate}/s, the mean of its two runs):")
        for p in piimask["phases"]:
            line = f"  {p['name']:56} {p['texts_per_s'] / base_rate:5.2f}x Presidio 1-at-a-time"
            for b in pb:
                line += f", {p['texts_per_s'] / b['texts_per_s']:5.2f}x Presidio batch {b['batch_size']}"
            print(line)
        report["targets"] = targets(piimask, presidio, args)
    elif piimask:
        report["targets"] = [t for t in targets(piimask, None, args) if t["target"].startswith("(3)")]
    for t in report.get("targets", []):
        verdict = "n/a" if t["pass"] is None else ("PASS" if t["pass"] else "FAIL")
        print(f"{verdict:5} {t['target']}: {_fmt(t['value'], '.2f')} {t['unit']}")
    report["wall_s"] = round(time.perf_counter() - started, 1)
    with_load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    report["load_avg_at_end"] = with_load
    print(f"wall time {report['wall_s']} s; load average at end {with_load}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2, default=str))
        print(f"figures written to {args.json_out}")
    return 0


def _version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


if __name__ == "__main__":
    sys.exit(main())
