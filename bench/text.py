"""Text-masking speed bench: the real service over HTTP beside Presidio in-process, on the same texts of real lengths.

    python bench/text.py                                   # defaults: all three corpora, both systems
    python bench/text.py --corpora generator --n 400 --concurrency 1,8 --json-out text.json
    python bench/text.py --corpora mixed,long --systems piimask --split off
    python bench/text.py --device cuda                     # a GPU machine: the service on CUDA, Presidio on CPU

Corpora (`--corpora`, any of them, in this order)
-------------------------------------------------
* `generator`: `--n` sentences of presidio-evaluator's generator (seed `--seed`, about 90 characters each), the
  detection bench's dev set (bench/common.py).
* `mixed`: short and mid-length texts, `--mixed-chars` (50-500) characters: every document of that length in UNER's
  English Web Treebank dev split (real web text: mail, reviews, newsgroups, questions and answers, blogs), and
  `--mixed-n` texts from the generator's held-out templates (sentence shapes no model trained on) of its mail, chat,
  log and notes genres, each a run of one genre's sentences joined as that genre is (a mail thread, a chat, a log
  excerpt, a note) up to a drawn length (`bench.common.mixed_generated_texts`).
* `long`: the real-document dev sets the detection work scores (`bench/detection.py --real-dev`; read from the
  corpora cache `--corpora-root` by `piimask.training.real.real_dev_examples`), the documents of at least
  `--long-min-chars` (1,000) characters, whole: GUM dev (16 genres of prose and speech, 3,000-6,000 characters)
  and the longer UNER English Web Treebank dev documents.

What runs
---------
* piimask: the real service, `python main.py service --port <free>`, started by the bench as a subprocess with
  its own temporary keyring, an API key in `PIIMASK_API_KEYS`, and a local Redis (piimask.local.redis_server.LocalRedis)
  in a temporary folder; all three are stopped (and the folder removed) at the end, on errors too. The bench waits
  for /readyz, warms up, then drives it from client threads, one keep-alive connection per thread (the standard
  library's `http.client`: lighter on the shared cores than httpx). Short corpora (generator, mixed):
    - `POST /v1/text/mask`, one text per request, every text once, at each `--concurrency`;
    - `POST /v1/text/mask/batch`, `--batch-size` texts per request, at each `--batch-concurrency`;
    - the same batches at concurrency 1 with a policy of pattern types only ("patterns only"): the model is
      skipped, so the row is the ceiling of everything else (HTTP, JSON, recognizers, operators), i.e. what is
      left once a GPU makes the forward pass nearly free.
  Long documents: `POST /v1/text/analyze`, one document per request, at each `--long-concurrency`.
  Latency is measured by the client, per request: connection, JSON, auth, queueing and the service's
  micro-batching wait included. The client runs on the same cores as the service; its CPU time is printed.
* Presidio (in-process, CPU): AnalyzerEngine with conf/default.yaml (spaCy's small English model, see
  bench/common.py) + AnonymizerEngine with its defaults:
    - short corpora: one text per call, analyze then anonymize, as its users run it; long documents: analyze only,
      one document per call (what /v1/text/analyze does). This favours Presidio: it pays no HTTP, JSON or auth
      cost while piimask pays all of them. It runs before and again after piimask's phases, and the ratios use the
      mean of the two: these machines drift, and one figure taken a minute earlier is not a fair base;
    - short corpora: BatchAnalyzerEngine (spaCy's nlp.pipe) in calls of `--presidio-batch` texts, then anonymize.
* Both use their default policy / operators (replace by `<TYPE>`).
* The time split (`--split on`, after the service has stopped, so nothing else shares the cores): the service's
  own model settings rebuilt in this process (same checkpoint, dtype, threads and compile setting), and each
  corpus run through the same code the service runs, one stage at a time — tokenize (`TokenClassifier.windows`),
  forward passes (`run`), decode (`spans`), recognizers (`RecognizerSet.analyze`), merge and operators (the rest of
  `MaskingEngine.mask`) — in calls of `--batch-size` texts (short corpora) or one document (long); HTTP/JSON and
  scheduling is what the service's batch phase (long: analyze phase) took per text beyond that sum. With it the
  tokens per character: of the text itself, and as fed to the model ([CLS]/[SEP] and window overlap included).

Targets, each printed PASS/FAIL (ratios of chars/s, the same texts on both sides, so equal to ratios of texts/s):
  issue 11 (generator sentences, against Presidio one at a time, analyze+anonymize):
  (1) /v1/text/mask/batch (`--batch-size` texts a request, 4 clients) >= 3x, also issue 18's figure for generator sentences;
  (2) /v1/text/mask at concurrency 8 >= 1.5x;
  (3) p50 latency of /v1/text/mask at concurrency 1 for ~100-character texts (80-120 characters) <= 20 ms;
  issue 18 (real lengths):
  (4) mixed: /v1/text/mask/batch (the same) >= 2x Presidio one at a time;
  (5) mixed: /v1/text/mask at concurrency 8 >= 1.5x;
  (6) long: /v1/text/analyze at concurrency 1 >= 1.5x Presidio's analyze, one document at a time.

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
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    CORPORA_ROOT,
    MIXED_CHARS,
    PresidioSystem,
    chunks,
    generator_dataset,
    machine_info,
    mixed_generated_texts,
    real_dev_texts,
)
from piimask.entities import KNOWN_ENTITY_TYPES  # noqa: E402
from piimask.local.processes import Child, start_service  # noqa: E402

SYSTEMS = ("piimask", "presidio")
CORPORA = ("generator", "mixed", "long")
API_KEY = "bench-key"
NEAR_100 = (80, 120)  # characters: "a single ~100-character request"


@dataclass
class Corpus:
    key: str  # generator | mixed | long
    title: str
    texts: list[str]

    @property
    def long(self) -> bool:
        """Long documents are analyzed one at a time (/v1/text/analyze beside Presidio's analyze)."""
        return self.key == "long"

    @property
    def chars(self) -> int:
        return sum(len(t) for t in self.texts)


def load_corpora(args: argparse.Namespace) -> list[Corpus]:
    out: list[Corpus] = []
    real: dict[str, list[str]] | None = None
    for key in args.corpora:
        if key == "generator":
            texts = generator_dataset(args.n, args.seed).texts
            out.append(Corpus(key, f"{len(texts)} presidio-evaluator generator sentences, seed {args.seed}", texts))
            continue
        if real is None:
            real = real_dev_texts(args.corpora_root)
        if key == "mixed":
            low, high = args.mixed_chars
            web = [t for t in real.get("uner_ewt", []) if low <= len(t) <= high]
            made = mixed_generated_texts(args.mixed_n, args.seed, (low, high))
            texts = [t for pair in _interleave(web, made) for t in pair]
            out.append(
                Corpus(
                    key,
                    f"{len(texts)} short and mid-length texts of {low}-{high} characters: {len(web)} UNER English Web "
                    f"Treebank dev documents + {len(made)} of the generator's held-out mail, chat, log and notes "
                    f"templates (seed {args.seed})",
                    texts,
                )
            )
        else:
            by_corpus = {name: [t for t in docs if len(t) >= args.long_min_chars] for name, docs in real.items()}
            texts = [t for docs in by_corpus.values() for t in docs]
            out.append(
                Corpus(
                    key,
                    f"{len(texts)} real dev documents of >= {args.long_min_chars} characters ("
                    + ", ".join(f"{name} {len(docs)}" for name, docs in by_corpus.items())
                    + ")",
                    texts,
                )
            )
        if not out[-1].texts:
            raise SystemExit(
                f"corpus {key!r} is empty: are the corpora in {args.corpora_root}? (piimask.training.corpora fetches "
                "them; bench/detection.py --real-dev reads the same)"
            )
    return out


def _interleave(a: list[str], b: list[str]) -> list[tuple[str, ...]]:
    """a[0], b[0], a[1], b[1], ...: real and generated texts alternate, so any prefix (a phase cut short) holds both."""
    n = max(len(a), len(b))
    return [tuple(x[i] for x in (a, b) if i < len(x)) for i in range(n)]


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
        for item in self.args.env:  # any other setting, e.g. a window size under trial
            name, _, value = item.partition("=")
            env[name] = value
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


@dataclass
class Phase:
    corpus: Corpus
    path: str
    concurrency: int
    bodies: list[bytes]
    groups: list[list[str]]  # the texts of each body, by body index
    with_model: bool = True

    @property
    def per_request(self) -> int:
        return len(self.groups[0]) if self.path.endswith("/batch") and self.groups else 1

    @property
    def name(self) -> str:
        per = f" ({self.per_request}/req)" if self.path.endswith("/batch") else ""
        return f"piimask {self.path} c={self.concurrency}{per}" + ("" if self.with_model else ", patterns only")


def piimask_phases(corpus: Corpus, args: argparse.Namespace, model_types: set[str]) -> list[Phase]:
    singles = [[t] for t in corpus.texts]
    if corpus.long:
        bodies = [json.dumps({"text": t}).encode() for t in corpus.texts]
        return [Phase(corpus, "/v1/text/analyze", c, bodies, singles) for c in args.long_concurrency]
    bodies = [json.dumps({"text": t}).encode() for t in corpus.texts]
    plan = [Phase(corpus, "/v1/text/mask", c, bodies, singles) for c in args.concurrency]
    parts = [list(p) for p in chunks(corpus.texts, args.batch_size)]
    batch_bodies = [json.dumps({"texts": p}).encode() for p in parts]
    plan += [Phase(corpus, "/v1/text/mask/batch", c, batch_bodies, parts) for c in args.batch_concurrency]
    # The same batches with a policy of pattern types only: the model is skipped, so this is the ceiling of
    # everything else (HTTP, JSON, recognizers, operators): what a GPU that made the model free would leave.
    pattern_only = sorted(KNOWN_ENTITY_TYPES - model_types)
    if pattern_only:
        no_model = [json.dumps({"texts": p, "policy": {"entities": pattern_only}}).encode() for p in parts]
        plan.append(Phase(corpus, "/v1/text/mask/batch", 1, no_model, parts, with_model=False))
    return plan


def run_phase(service: Service, phase: Phase, args: argparse.Namespace) -> tuple[dict, list]:
    before_m, before_cpu = inference_metrics(service.base_url), service.cpu_seconds()
    client_cpu = time.process_time()
    wall, lat, answers, errors = drive(
        service.base_url, phase.path, phase.bodies, phase.concurrency, args.request_timeout, args.phase_timeout
    )
    client_cpu = time.process_time() - client_cpu
    after_cpu, after_m = service.cpu_seconds(), inference_metrics(service.base_url)
    done = [t for i, group in enumerate(phase.groups) if answers[i] is not None for t in group]

    def delta(name: str) -> float:
        return after_m.get(name, 0) - before_m.get(name, 0)

    passes = delta("piimask_inference_batch_texts_count")
    through = delta("piimask_inference_batch_texts_sum")
    inf_s = delta("piimask_inference_seconds_sum")
    service_cpu = (after_cpu - before_cpu) if None not in (after_cpu, before_cpu) else None
    row = summarize(
        phase.name,
        done,
        wall,
        [x for x in lat if x is not None],
        corpus=phase.corpus.key,
        path=phase.path,
        concurrency=phase.concurrency,
        texts_per_request=phase.per_request,
        errors=len(errors),
        error_samples=errors[:3],
        forward_passes=int(passes),
        texts_per_pass=round(through / passes, 1) if passes else None,
        inference_s=round(inf_s, 3),
        inference_share=round(inf_s / wall, 3) if wall else None,
        service_cpu_s=round(service_cpu, 3) if service_cpu is not None else None,
        service_cpu_ms_per_text=round(1000 * service_cpu / len(done), 3) if service_cpu and done else None,
        client_cpu_s=round(client_cpu, 3),
        model=phase.with_model,
    )
    if phase.corpus.key == "generator" and phase.path == "/v1/text/mask" and phase.concurrency == 1:
        texts = phase.corpus.texts
        near = [x for x, t in zip(lat, texts) if x is not None and NEAR_100[0] <= len(t) <= NEAR_100[1]]
        row["p50_ms_80_120_chars"] = _ms(percentile(near, 50))
        row["requests_80_120_chars"] = len(near)
    _print_row(row)
    if errors:
        print(f"    {len(errors)} errors, e.g. {errors[0]}", flush=True)
    return row, answers


def run_piimask(corpora: list[Corpus], args: argparse.Namespace) -> dict:
    results: dict = {"phases": [], "consistency": {}, "entities_per_text": {}}
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
            model_types = set(model.get("entity_types") or KNOWN_ENTITY_TYPES)
            for corpus in corpora:
                print(f"[{corpus.key}] piimask", flush=True)
                plan = piimask_phases(corpus, args, model_types)
                _warm_up(service, plan, args)
                answers_by_phase = {}
                for phase in plan:
                    row, answers = run_phase(service, phase, args)
                    results["phases"].append(row)
                    if phase.with_model:
                        answers_by_phase[(phase.path, phase.concurrency)] = (phase, answers)
                results["consistency"][corpus.key] = _consistency(answers_by_phase)
                results["entities_per_text"][corpus.key] = _entities_per_text(answers_by_phase)
        except BaseException:
            print("---- service log (tail) ----\n" + service.log_tail(), file=sys.stderr)
            raise
        finally:
            service.stop()
    return results


def _warm_up(service: Service, plan: list[Phase], args: argparse.Namespace) -> None:
    """First-request costs (lazy imports, allocator growth, regex compilation, a compiled graph's first shapes) stay
    out of the figures: a few requests of each path the corpus's phases use, at 1 and at 8 clients."""
    seen = set()
    for phase in plan:
        if phase.path in seen or not phase.with_model:
            continue
        seen.add(phase.path)
        few = phase.bodies[: 2 if phase.path.endswith("/batch") else 16]
        for c in (1, min(8, len(few))):
            drive(service.base_url, phase.path, few, c, args.request_timeout, args.phase_timeout)


def _flat_results(phase: Phase, answers: list) -> list[dict | None]:
    """Per text: the entities and masked text the service answered (None where a request failed)."""
    flat: list[dict | None] = []
    for a, group in zip(answers, phase.groups):
        if a is None:
            flat.extend([None] * len(group))
        else:
            flat.extend(a["results"] if "results" in a else [a])
    return flat


def _consistency(answers_by_phase: dict) -> dict:
    """Do the corpus's phases give every text the same entities (and masked text) as its first phase (one request at
    a time)? Micro-batching and windowing must not change results."""
    out = {}
    items = list(answers_by_phase.items())
    if not items:
        return out
    (_, (first_phase, first_answers)), rest = items[0], items[1:]
    base = _flat_results(first_phase, first_answers)
    for (path, c), (phase, answers) in rest:
        pairs = [(a, b) for a, b in zip(base, _flat_results(phase, answers)) if a is not None and b is not None]
        same = sum(_outcome(a) == _outcome(b) for a, b in pairs)
        out[f"{path} c={c} vs {first_phase.path} c={first_phase.concurrency}"] = {"compared": len(pairs), "same": same}
    return out


def _outcome(answer: dict) -> tuple:
    """What a caller gets of one text: the masked text and each entity's type and offsets (scores may differ in the
    last digits: bf16 results depend slightly on what else shares a forward pass)."""
    return answer.get("masked_text"), [(e["type"], e["start"], e["end"]) for e in answer["entities"]]


def _entities_per_text(answers_by_phase: dict) -> float | None:
    if not answers_by_phase:
        return None
    phase, answers = next(iter(answers_by_phase.values()))
    counted = [len(a["entities"]) for a in _flat_results(phase, answers) if a is not None]
    return round(statistics.fmean(counted), 2) if counted else None


# ------------------------------------------------------------------------------------------------------------------
# Presidio
# ------------------------------------------------------------------------------------------------------------------


def _presidio_single(system, anonymizer, corpus: Corpus, args: argparse.Namespace, again: bool = False) -> dict:
    """One call at a time, as Presidio's users run it: analyze then anonymize (long documents: analyze only)."""
    analyzer = system.analyzer
    latencies, entities = [], 0
    cpu, start = time.process_time(), time.perf_counter()
    for t in corpus.texts:
        if time.perf_counter() - start > args.phase_timeout:
            break
        t0 = time.perf_counter()
        found = analyzer.analyze(text=t, language="en")
        if not corpus.long:
            anonymizer.anonymize(text=t, analyzer_results=found)
        latencies.append(time.perf_counter() - t0)
        entities += len(found)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    done = corpus.texts[: len(latencies)]
    what = "analyze" if corpus.long else "analyze+anonymize"
    row = summarize(
        f"presidio {what}, 1 text/call" + (", again after piimask" if again else ""),
        done,
        wall,
        latencies,
        corpus=corpus.key,
        kind="single_again" if again else "single",
        cpu_s=round(cpu, 3),
        entities_per_text=round(entities / max(1, len(done)), 2),
    )
    _print_row(row)
    return row


def _presidio_batch(system, anonymizer, corpus: Corpus, size: int, args: argparse.Namespace) -> dict:
    """BatchAnalyzerEngine in calls of `size` texts (spaCy's nlp.pipe), then anonymize each text."""
    latencies, done = [], []
    cpu, start = time.process_time(), time.perf_counter()
    for part in chunks(corpus.texts, size):
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
        corpus=corpus.key,
        kind="batch",
        batch_size=size,
        cpu_s=round(cpu, 3),
    )
    _print_row(row)
    return row


def run_presidio(corpora: list[Corpus], args: argparse.Namespace) -> tuple[dict, Callable[[], None]]:
    """Presidio's phases on every corpus, and a function that measures its one-at-a-time phases again (after
    piimask's) and adds them to the same results."""
    from presidio_anonymizer import AnonymizerEngine

    print("loading Presidio (AnalyzerEngine + AnonymizerEngine, spaCy en_core_web_sm) ...", flush=True)
    system = PresidioSystem(batch_size=max(args.presidio_batch))
    anonymizer = AnonymizerEngine()
    results: dict = {"describe": system.describe(), "load_s": round(system.load_seconds, 2), "phases": []}
    for t in corpora[0].texts[:24]:  # warm-up
        anonymizer.anonymize(text=t, analyzer_results=system.analyzer.analyze(text=t, language="en"))
    list(system.batch.analyze_iterator(corpora[0].texts[:64], language="en", batch_size=64))
    for corpus in corpora:
        print(f"[{corpus.key}] presidio", flush=True)
        results["phases"].append(_presidio_single(system, anonymizer, corpus, args))
        if not corpus.long:
            for size in args.presidio_batch:
                results["phases"].append(_presidio_batch(system, anonymizer, corpus, size, args))

    def again() -> None:
        for corpus in corpora:
            print(f"[{corpus.key}] presidio, again", flush=True)
            results["phases"].append(_presidio_single(system, anonymizer, corpus, args, again=True))

    return results, again


# ------------------------------------------------------------------------------------------------------------------
# The time split, in this process
# ------------------------------------------------------------------------------------------------------------------


def time_split(corpora: list[Corpus], args: argparse.Namespace, piimask: dict | None) -> dict:
    """Seconds per text in each stage of the service's own code, run here one stage at a time (see the module
    docstring), and tokens per character."""
    import torch

    from crypto import CryptoManager, Keyring
    from piimask.engine import MaskingEngine
    from piimask.model import TokenClassifier
    from piimask.policy import Policy
    from piimask.settings import Settings

    # the very settings the service ran with (the bench's flags and --env), read the way the service reads them
    env = dict((piimask or {}).get("service_env") or {})
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        settings = Settings()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    print(
        f"time split: the service's model settings in this process ({settings.model}, compile {settings.compile}, "
        f"torch threads {settings.torch_threads or 'default'}) ...",
        flush=True,
    )
    classifier = TokenClassifier.from_settings(settings, settings.model, settings.compile)
    classifier.warm_up()
    in_forward = [0.0]
    forward = classifier._forward

    def timed_forward(sequences):  # the model call alone; run() around it also records each token's vote
        t = time.perf_counter()
        try:
            return forward(sequences)
        finally:
            in_forward[0] += time.perf_counter() - t

    classifier._forward = timed_forward
    engine = MaskingEngine(classifier, CryptoManager(Keyring.generate()))
    policy = Policy()
    floor = min([policy.score_threshold, *policy.thresholds.values()])
    out: dict = {"model": classifier.describe(), "torch_threads": torch.get_num_threads(), "corpora": {}}
    service_rows = (piimask or {}).get("phases", [])
    for corpus in corpora:
        calls = [[t] for t in corpus.texts] if corpus.long else [list(p) for p in chunks(corpus.texts, args.batch_size)]
        classifier.predict(calls[0])  # this corpus's first shapes stay out of the figures
        seconds = dict.fromkeys(("tokenize", "forward", "votes_decode", "recognizers", "merge_operators"), 0.0)
        fed_tokens = 0
        for texts in calls:
            t0 = time.perf_counter()
            in_forward[0] = 0.0
            windows = classifier.windows(texts)
            t1 = time.perf_counter()
            classifier.run([(windows, w) for w in range(len(windows))])
            t2 = time.perf_counter()
            found = classifier.spans(windows)
            t3 = time.perf_counter()
            recognized = [engine.recognizers.analyze(text, None, floor) for text in texts]
            t4 = time.perf_counter()
            MaskingEngine(
                classifier, engine.crypto, _Found(engine.recognizers, recognized), _answer(texts, found)
            ).mask(texts, policy)
            t5 = time.perf_counter()
            seconds["tokenize"] += t1 - t0
            seconds["forward"] += in_forward[0]
            seconds["votes_decode"] += (t2 - t1 - in_forward[0]) + (t3 - t2)
            seconds["recognizers"] += t4 - t3
            seconds["merge_operators"] += t5 - t4
            fed_tokens += sum(len(ids) for ids in windows.input_ids)
        text_tokens = sum(
            len(ids) for ids in classifier.tokenizer(corpus.texts, add_special_tokens=False, verbose=False)["input_ids"]
        )
        n = len(corpus.texts)
        row = {
            "texts": n,
            "chars": corpus.chars,
            "tokens_per_char": round(text_tokens / corpus.chars, 4),
            "fed_tokens_per_char": round(fed_tokens / corpus.chars, 4),
            "ms_per_text": {k: round(1000 * v / n, 3) for k, v in seconds.items()},
            "calls": "1 document" if corpus.long else f"{args.batch_size} texts",
        }
        in_process = sum(seconds.values()) / n
        service = _find(
            service_rows,
            corpus=corpus.key,
            path="/v1/text/analyze" if corpus.long else "/v1/text/mask/batch",
            concurrency=args.long_concurrency[0] if corpus.long else target_batch_concurrency(args),
            model=True,
        )
        if service and service.get("wall_s") and service.get("texts"):
            per_text = service["wall_s"] / service["texts"]
            row["service_phase"] = service["name"]
            row["service_ms_per_text"] = round(1000 * per_text, 3)
            row["ms_per_text"]["http_json_scheduling"] = round(1000 * max(0.0, per_text - in_process), 3)
        out["corpora"][corpus.key] = row
        _print_split(corpus.key, row)
    return out


class _Found:
    """A recognizer set that answers what the real one found already, so that timing mask() leaves it out."""

    def __init__(self, real, found: list):
        self.supported_entities = real.supported_entities
        self._found = iter(found)

    def analyze(self, text, wanted=None, floor=0.0):
        return next(self._found)


def _answer(texts: Sequence[str], found: list) -> Callable[[Sequence[str]], list]:
    """A `predict` that answers what the model has already found: mask() then times only the rest of its work."""
    by_text = dict(zip(texts, found))
    return lambda asked: [by_text[t] for t in asked]


def _print_split(key: str, row: dict) -> None:
    ms = row["ms_per_text"]
    total = sum(ms.values())
    parts = ", ".join(f"{k} {v:.2f} ms ({100 * v / total:.0f}%)" for k, v in ms.items()) if total else "-"
    print(
        f"  [{key}] tokens/char {row['tokens_per_char']:.3f} in the text, {row['fed_tokens_per_char']:.3f} fed to the "
        f"model; per text ({row['calls']} per call): {parts}"
        + (
            f"; the service's {row['service_phase']}: {row['service_ms_per_text']:.2f} ms"
            if "service_phase" in row
            else ""
        ),
        flush=True,
    )


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


def presidio_rate(phases: list[dict], corpus: str) -> float | None:
    """Presidio's one-at-a-time chars/s on a corpus: the mean of its runs before and after piimask's phases."""
    rates = [
        p["chars_per_s"]
        for p in phases
        if p.get("corpus") == corpus and p.get("kind") in ("single", "single_again") and p.get("chars_per_s")
    ]
    return round(statistics.fmean(rates), 1) if rates else None


def target_batch_concurrency(args: argparse.Namespace) -> int:
    """The batch phase the targets read: 4 clients, as issue 18 measured it, where that phase ran."""
    return 4 if 4 in args.batch_concurrency else args.batch_concurrency[0]


def targets(piimask: dict | None, presidio: dict | None, args: argparse.Namespace) -> list[dict]:
    pii = (piimask or {}).get("phases", [])
    pre = (presidio or {}).get("phases", [])
    batch_c = target_batch_concurrency(args)
    out = []

    def ratio_target(label: str, corpus: str, goal: float, **match) -> None:
        if corpus not in args.corpora:
            return
        row, base = _find(pii, corpus=corpus, model=True, **match), presidio_rate(pre, corpus)
        value = round(row["chars_per_s"] / base, 2) if row and base and row.get("chars_per_s") else None
        out.append(
            {
                "target": f"{label} >= {goal}x Presidio 1-at-a-time",
                "corpus": corpus,
                "value": value,
                "unit": "x",
                "pass": None if value is None else value >= goal,
            }
        )

    batch = {"path": "/v1/text/mask/batch", "concurrency": batch_c}
    ratio_target(f"(1) generator: /v1/text/mask/batch ({args.batch_size}/req, c={batch_c})", "generator", 3.0, **batch)
    ratio_target("(2) generator: /v1/text/mask c=8", "generator", 1.5, path="/v1/text/mask", concurrency=8)
    c1 = _find(pii, corpus="generator", path="/v1/text/mask", concurrency=1)
    if "generator" in args.corpora:
        p50 = None
        if c1:
            enough = (c1.get("requests_80_120_chars") or 0) >= 20
            p50 = c1.get("p50_ms_80_120_chars") if enough else c1.get("p50_ms")
        out.append(
            {
                "target": f"(3) generator: /v1/text/mask c=1 p50 for {NEAR_100[0]}-{NEAR_100[1]}-char texts <= 20 ms",
                "corpus": "generator",
                "value": p50,
                "unit": "ms",
                "pass": None if p50 is None else p50 <= 20.0,
            }
        )
    ratio_target(f"(4) mixed: /v1/text/mask/batch ({args.batch_size}/req, c={batch_c})", "mixed", 2.0, **batch)
    ratio_target("(5) mixed: /v1/text/mask c=8", "mixed", 1.5, path="/v1/text/mask", concurrency=8)
    ratio_target(
        f"(6) long: /v1/text/analyze c={args.long_concurrency[0]}",
        "long",
        1.5,
        path="/v1/text/analyze",
        concurrency=args.long_concurrency[0],
    )
    if presidio is None:
        out = [t for t in out if t["unit"] == "ms"]
    return out


# ------------------------------------------------------------------------------------------------------------------
# Main
# ------------------------------------------------------------------------------------------------------------------


def _ints(text: str) -> list[int]:
    values = [int(x) for x in text.split(",") if x.strip()]
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"expected positive integers separated by commas, got {text!r}")
    return values


def _range(text: str) -> tuple[int, int]:
    low, _, high = text.partition("-")
    try:
        bounds = int(low), int(high)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LOW-HIGH characters, got {text!r}") from None
    if not 0 < bounds[0] <= bounds[1]:
        raise argparse.ArgumentTypeError(f"expected 0 < LOW <= HIGH, got {text!r}")
    return bounds


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--systems", default="piimask,presidio", help="comma-separated: piimask, presidio")
    ap.add_argument("--corpora", default=",".join(CORPORA), help="comma-separated: generator, mixed, long")
    ap.add_argument("--n", type=int, default=1000, help="generator sentences (each is sent once per phase)")
    ap.add_argument("--seed", type=int, default=42, help="generator seed (also the mixed set's)")
    ap.add_argument("--mixed-n", type=int, default=200, help="generated texts in the mixed set (beside the real ones)")
    ap.add_argument(
        "--mixed-chars",
        type=_range,
        default=MIXED_CHARS,
        help=f"the mixed set's lengths, LOW-HIGH characters (default {MIXED_CHARS[0]}-{MIXED_CHARS[1]})",
    )
    ap.add_argument("--long-min-chars", type=int, default=1000, help="the shortest real document in the long set")
    ap.add_argument("--corpora-root", type=Path, default=CORPORA_ROOT, help="the corpora cache (real dev documents)")
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
    ap.add_argument("--env", action="append", default=[], metavar="NAME=VALUE", help="another PIIMASK_ setting")
    ap.add_argument("--concurrency", type=_ints, default=[1, 8], help="client threads for /v1/text/mask")
    ap.add_argument("--batch-concurrency", type=_ints, default=[1, 4], help="client threads for /v1/text/mask/batch")
    ap.add_argument("--batch-size", type=int, default=32, help="texts per /v1/text/mask/batch request")
    ap.add_argument("--long-concurrency", type=_ints, default=[1], help="client threads for /v1/text/analyze (long)")
    ap.add_argument("--presidio-batch", type=_ints, default=[64], help="texts per BatchAnalyzerEngine call")
    ap.add_argument("--split", choices=("on", "off"), default="on", help="the in-process time split (see above)")
    ap.add_argument("--request-timeout", type=float, default=120.0, help="seconds per HTTP request")
    ap.add_argument("--phase-timeout", type=float, default=600.0, help="no new request after this many seconds")
    ap.add_argument("--json-out", metavar="PATH", help="write all figures as JSON")
    args = ap.parse_args(argv)
    args.systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = set(args.systems) - set(SYSTEMS)
    if unknown or not args.systems:
        ap.error(f"--systems: unknown {sorted(unknown)}; choose from {', '.join(SYSTEMS)}")
    wanted = {c.strip() for c in args.corpora.split(",") if c.strip()}
    if wanted - set(CORPORA) or not wanted:
        ap.error(f"--corpora: unknown {sorted(wanted - set(CORPORA))}; choose from {', '.join(CORPORA)}")
    args.corpora = [c for c in CORPORA if c in wanted]
    if args.n < 1 or args.mixed_n < 0:
        ap.error("--n must be at least 1 and --mixed-n at least 0")
    if args.threads is not None and args.threads < 0:
        ap.error("--threads must be >= 0 (0: torch's default)")
    for item in args.env:
        name, eq, _ = item.partition("=")
        if not eq or not name.startswith("PIIMASK_"):
            ap.error(f"--env: expected PIIMASK_NAME=VALUE, got {item!r}")
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

    corpora = load_corpora(args)
    for corpus in corpora:
        lengths = [len(t) for t in corpus.texts]
        print(
            f"corpus {corpus.key}: {corpus.title}; characters mean {statistics.fmean(lengths):.0f}, median "
            f"{statistics.median(lengths):.0f}, min {min(lengths)}, max {max(lengths)}, total {sum(lengths)}"
        )
    print(
        f"service settings: device {args.device}, torch threads "
        f"{args.threads if args.threads is not None else 'unset (torch default)'}, batch wait "
        f"{args.batch_wait_ms if args.batch_wait_ms is not None else 'unset (service default)'} ms, cpu dtype "
        f"{args.cpu_dtype or 'unset (service default)'}, compile {args.compile or 'unset (service default)'}, model "
        f"{args.model or 'service default'}{'; ' + ', '.join(args.env) if args.env else ''}; /v1/text/mask at "
        f"concurrency {args.concurrency}, /v1/text/mask/batch of {args.batch_size} at concurrency "
        f"{args.batch_concurrency}, long documents through /v1/text/analyze at concurrency {args.long_concurrency}"
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
        "machine": machine,
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items() if k != "json_out"},
        "corpora": {
            c.key: {
                "title": c.title,
                "texts": len(c.texts),
                "chars": c.chars,
                "mean_chars": round(c.chars / len(c.texts)),
            }
            for c in corpora
        },
    }
    presidio = piimask = None
    if "presidio" in args.systems:
        presidio, presidio_again = run_presidio(corpora, args)
        report["presidio"] = presidio
    if "piimask" in args.systems:
        piimask = report["piimask"] = run_piimask(corpora, args)
    if presidio and piimask:  # the machine's speed drifts: Presidio's figure is taken on both sides of piimask's
        presidio_again()
    if "piimask" in args.systems and args.split == "on":
        print("-" * 120)
        report["split"] = time_split(corpora, args, piimask)

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
        for key, checks in piimask["consistency"].items():
            print(
                f"consistency [{key}] (same entities and masked text per text): "
                + (", ".join(f"{k}: {v['same']}/{v['compared']}" for k, v in checks.items()) or "one phase only")
            )
        pre_e = {
            c.key: (_find(presidio["phases"], corpus=c.key, kind="single") or {}).get("entities_per_text")
            for c in corpora
        }
        print(
            f"entities per text: piimask {piimask['entities_per_text']}, Presidio {pre_e if presidio else None} "
            "(Presidio reports overlapping types on one value; piimask's are resolved)"
        )
    if piimask and presidio:
        for corpus in corpora:
            base = presidio_rate(presidio["phases"], corpus.key)
            pb = [p for p in presidio["phases"] if p["kind"] == "batch" and p["corpus"] == corpus.key]
            what = "analyze" if corpus.long else "analyze+anonymize"
            print(
                f"[{corpus.key}] ratios piimask / Presidio (chars/s; Presidio {what} 1-at-a-time {base:.0f}/s, mean of two runs):"
            )
            for p in piimask["phases"]:
                if p["corpus"] != corpus.key or not p.get("chars_per_s") or not base:
                    continue
                line = f"  {p['name']:56} {p['chars_per_s'] / base:5.2f}x Presidio 1-at-a-time"
                for b in pb:
                    line += f", {p['chars_per_s'] / b['chars_per_s']:5.2f}x Presidio batch {b['batch_size']}"
                print(line)
    report["targets"] = targets(piimask, presidio, args) if piimask else []
    for t in report["targets"]:
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
