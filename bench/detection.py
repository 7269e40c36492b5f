"""Detection bench: piimask and Presidio side by side, on the same gold, under the same rules.

    python bench/detection.py                                  # 1,000 generator sentences, seed 42, both systems
    python bench/detection.py --jsonl my.jsonl --json-out r.json
    python bench/detection.py --systems piimask --model /path/to/checkpoint --n 300

Data sets
---------
(a) `--n` sentences from presidio-evaluator's generator, `PresidioSentenceFaker(locale="en_US",
    lower_case_ratio=0.05, random_seed=SEED)` (its 210 default templates; none are used in piimask's training).
    Labels → Presidio's names: STREET_ADDRESS and GPE → LOCATION, DOMAIN_NAME → URL, the rest keep theirs (AGE,
    TITLE, ZIP_CODE have no Presidio recognizer). Quirks fixed: the lower-cased samples carry original-case text
    with lower-cased span values, so their text is lowered; a literal backslash-n in a template becomes a newline
    (offsets remapped). Every gold span is checked against its value; the fixes are counted and printed.
(b) every `--jsonl PATH`: `{"text": ..., "entities": [{"type"|"label"|"entity_type", "start", "end"}]}` per line
    (and optionally `"dropped": [{"start", "end"}]`: regions the corpus leaves unannotated by its own guidelines,
    such as GUM's nationality adjectives or labels we do not map; a prediction only there counts neither way, and
    their characters are out of the over-masking figure).
(c) `--real`: real documents at their real length. Two corpora no piimask model trained on — GENTLE (GUM's
    out-of-domain test genres: dictionaries, esports, legal, medical, poetry, proof, syllabus, threat) and re3d
    (defence and foreign-policy reports, press releases and Wikipedia pages; all of it, kept for evaluation) —
    and the test split of UNER's English Web Treebank (mail, reviews, newsgroups, answers, blogs), whose train
    split the default model learned from; as written by `python -m piimask.training.corpora --conform` into
    `--corpora-jsonl`. `--real-dev` adds the dev splits (GUM and
    UNER): tune on those, never on the test splits. After each data set a verdict line says whether piimask's
    overlap F1 is at or above Presidio's on every shared type and its character leak rate lower.
Gold and predicted spans are whitespace-trimmed; duplicate (type, start, end) triples count once.

Matching rules (identical for both systems; `piimask.training.metrics`, shared with training's held-out scores)
---------------------------------------------------------------------------------------------------------------
* Per type. A prediction is compared only with gold spans of its own type. Presidio reports several types on one
  number (a card as CREDIT_CARD and US_DRIVER_LICENSE...); each is judged separately under its own type.
* Exact: a prediction is a true positive when a gold span has the same (type, start, end). P = TP / predicted,
  R = TP / gold.
* Overlap: a prediction is correct when it shares at least one character with a gold span of its type; a gold
  span is found when at least one prediction of its type shares a character with it. P = correct predictions /
  predictions, R = found gold spans / gold spans. (Not one-to-one: an address labelled as three adjacent spans
  and predicted as one span counts as three found gold spans and one correct prediction.)
* Types in the gold get a row each. A type a system predicts but the gold never labels in that data set is listed
  apart ("predicted, not in gold") with its count and is in no P/R/F1 figure, for either system: the gold cannot
  say whether those spans are right.
* Micro-F1 (the headline) is summed over the **shared types**: the gold's types that Presidio's default
  configuration can report (its recognizers' entities minus the NER labels its default.yaml ignores, which
  include ORGANIZATION). For the generator: PERSON, LOCATION, DATE_TIME, NRP, PHONE_NUMBER, CREDIT_CARD,
  EMAIL_ADDRESS, URL, IP_ADDRESS, US_SSN, IBAN_CODE, US_DRIVER_LICENSE; the list is printed with the figures.
  A second micro-F1 over all gold types (ORGANIZATION, AGE, TITLE, ZIP_CODE included) is printed beside it.
* Character leak rate (the masking view, type-agnostic): the fraction of non-whitespace characters inside gold
  spans (any type; overlapping gold spans count once) covered by no predicted span of any type. Printed for all
  gold types and for the shared types only, and per gold type in the tables.
* Over-masking: the fraction of non-whitespace characters outside every gold span that some prediction covers.
* Each system is used as shipped: piimask's `MaskingEngine.analyze` with the default Policy (score threshold
  0.5; its output is already overlap-resolved, exactly what would be masked); Presidio's AnalyzerEngine with
  conf/default.yaml (model swapped for spaCy's small one) and its default recognizers and score threshold (0),
  through BatchAnalyzerEngine.
* Speed: texts/s = texts / wall seconds of the analyze calls on the whole data set, after a warm-up call, one
  system at a time, model loading excluded (reported apart). Both systems get the texts in calls of
  `--batch-size` texts (default 64, like a client's batch request); piimask's model sorts each call's windows by
  length, so larger calls favour it (1,000 texts in one call is about twice as fast as calls of 64). piimask runs
  torch on `--threads` threads (default 1: Presidio's spaCy pipeline uses one core, so the default compares per
  core). The machine line shows the load average at start: other busy processes distort wall-clock figures, so
  texts per CPU-second of the bench process is printed beside them (comparable across loads at 1 thread).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    Dataset,
    Doc,
    GoldSpan,
    PiimaskSystem,
    PresidioSystem,
    System,
    analyze_in_calls,
    generator_dataset,
    jsonl_dataset,
    machine_info,
)
from piimask.training.metrics import (  # noqa: E402
    MatchCounts,
    add_counts,
    count_matches,
    overlaps,
    scored_predictions,
    summed,
)

SYSTEMS = ("piimask", "presidio")
REAL_TEST = ("gum.test2.jsonl", "re3d.test.jsonl", "uner_ewt.test.jsonl")  # never trained on: GENTLE, re3d
REAL_DEV = ("gum.dev.jsonl", "uner_ewt.dev.jsonl")


# ------------------------------------------------------------------------------------------------------------------
# Scoring
# ------------------------------------------------------------------------------------------------------------------


def _trim(text: str, spans: Sequence[GoldSpan]) -> list[GoldSpan]:
    out = set()
    for t, s, e in spans:
        s, e = max(0, s), min(len(text), e)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.add((t, s, e))
    return sorted(out, key=lambda x: (x[1], x[2], x[0]))


def score(docs: Sequence[Doc], predictions: Sequence[Sequence[GoldSpan]], shared_types: Sequence[str]) -> dict:
    gold_types = {t for d in docs for t, _, _ in d.spans}
    c: dict[str, MatchCounts] = {}  # type -> counts
    leak = Counter()  # per gold type: chars, leaked
    chars = Counter()  # all / shared: gold chars, leaked; outside: chars, masked
    predicted_not_in_gold = Counter()
    errors = []
    for doc, raw in zip(docs, predictions):
        text, gold = doc.text, doc.spans
        pred = _trim(text, raw)
        pred = scored_predictions(gold, pred, doc.unscored)
        predicted_not_in_gold.update(t for t, _, _ in pred if t not in gold_types)
        add_counts(c, count_matches(gold, [p for p in pred if p[0] in gold_types]))
        missed, boundary = [], []
        for g in gold:
            hits = [p for p in pred if p[0] == g[0] and overlaps(p, g)]
            if hits:
                if g not in set(pred):
                    boundary.append((g, hits))
            else:
                missed.append(g)
        # Characters: the masking view, type-agnostic.
        covered = bytearray(len(text))
        for _, s, e in pred:
            covered[s:e] = b"\x01" * (e - s)
        gold_any = bytearray(len(text))
        gold_shared = bytearray(len(text))
        unscored = bytearray(len(text))
        for s, e in doc.unscored:
            unscored[s:e] = b"\x01" * (e - s)
        for t, s, e in gold:
            for i in range(s, e):
                if text[i].isspace():
                    continue
                gold_any[i] = 1
                if t in shared_types:
                    gold_shared[i] = 1
                leak[(t, "chars")] += 1
                leak[(t, "leaked")] += not covered[i]
        for i, ch in enumerate(text):
            if ch.isspace():
                continue
            if gold_any[i]:
                chars["gold"] += 1
                chars["gold_leaked"] += not covered[i]
                if gold_shared[i]:
                    chars["shared"] += 1
                    chars["shared_leaked"] += not covered[i]
            elif not unscored[i]:
                chars["outside"] += 1
                chars["outside_masked"] += covered[i]
        spurious = [p for p in pred if p[0] in gold_types and not any(g[0] == p[0] and overlaps(g, p) for g in gold)]
        if missed or boundary or spurious:
            errors.append(
                {
                    "doc_id": doc.doc_id,
                    "text": text,
                    "gold": [[t, s, e, text[s:e]] for t, s, e in gold],
                    "pred": [[t, s, e, text[s:e]] for t, s, e in pred],
                    "missed": [[t, s, e, text[s:e]] for t, s, e in missed],
                    "spurious": [[t, s, e, text[s:e]] for t, s, e in spurious],
                    "boundary": [
                        [[t, s, e, text[s:e]], [[ht, hs, he, text[hs:he]] for ht, hs, he in hits]]
                        for (t, s, e), hits in boundary
                    ],
                }
            )

    per_type = {}
    for t in sorted(gold_types):
        k = c.get(t, MatchCounts())
        per_type[t] = {
            "gold": k.gold,
            "pred": k.predicted,
            "exact": k.exact(),
            "overlap": k.overlap(),
            "leak_rate": round(leak[(t, "leaked")] / leak[(t, "chars")], 4) if leak[(t, "chars")] else None,
        }

    def micro(types) -> dict:
        s = summed(c, types)
        return {"types": sorted(types), "gold": s.gold, "pred": s.predicted, "exact": s.exact(), "overlap": s.overlap()}

    return {
        "per_type": per_type,
        "micro_shared": micro([t for t in shared_types if t in gold_types]),
        "micro_all_gold": micro(sorted(gold_types)),
        "predicted_not_in_gold": dict(predicted_not_in_gold.most_common()),
        "leak_rate": round(chars["gold_leaked"] / chars["gold"], 4) if chars["gold"] else None,
        "leak_rate_shared": round(chars["shared_leaked"] / chars["shared"], 4) if chars["shared"] else None,
        "over_mask_rate": round(chars["outside_masked"] / chars["outside"], 4) if chars["outside"] else None,
        "gold_chars": chars["gold"],
        "gold_chars_leaked": chars["gold_leaked"],
        "_errors": errors,
    }


# ------------------------------------------------------------------------------------------------------------------
# Printing
# ------------------------------------------------------------------------------------------------------------------


def _pct(x) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def _f(x) -> str:
    return f"{x:.3f}"


def print_system_table(name: str, res: dict, shared: Sequence[str]) -> None:
    print(f"\n-- {name} --")
    head = (
        f"{'type':<18} {'gold':>5} {'pred':>5} | {'exact P':>7} {'R':>5} {'F1':>5} | "
        f"{'overlap P':>9} {'R':>5} {'F1':>5} | {'leak':>6}"
    )
    print(head)
    print("-" * len(head))
    for t, r in res["per_type"].items():
        mark = "*" if t in shared else " "
        e, o = r["exact"], r["overlap"]
        print(
            f"{t + mark:<18} {r['gold']:>5} {r['pred']:>5} | {_f(e['precision']):>7} {_f(e['recall']):>5} "
            f"{_f(e['f1']):>5} | {_f(o['precision']):>9} {_f(o['recall']):>5} {_f(o['f1']):>5} | "
            f"{_pct(r['leak_rate']):>6}"
        )
    print("-" * len(head))
    for key, label in (
        ("micro_shared", f"micro, {len(res['micro_shared']['types'])} shared*"),
        ("micro_all_gold", "micro, all gold"),
    ):
        m = res[key]
        e, o = m["exact"], m["overlap"]
        print(
            f"{label:<18} {m['gold']:>5} {m['pred']:>5} | {_f(e['precision']):>7} {_f(e['recall']):>5} "
            f"{_f(e['f1']):>5} | {_f(o['precision']):>9} {_f(o['recall']):>5} {_f(o['f1']):>5} |"
        )
    extra = ", ".join(f"{t} {n}" for t, n in res["predicted_not_in_gold"].items()) or "none"
    print(f"predicted, not in gold (in no figure): {extra}")
    print(
        f"character leak rate: {_pct(res['leak_rate'])} of {res['gold_chars']} gold PII chars (all gold types); "
        f"{_pct(res['leak_rate_shared'])} (shared types)   over-masking: {_pct(res['over_mask_rate'])} of "
        f"non-PII chars"
    )
    sp = res["speed"]
    print(
        f"speed: {sp['texts_per_s']:.1f} texts/s ({sp['wall_s']:.2f} s wall, {sp['chars_per_s']:.0f} chars/s); "
        f"{sp['texts_per_cpu_s']:.1f} texts per CPU-second ({sp['cpu_s']:.2f} s CPU)"
    )


def print_side_by_side(ds_res: dict, systems: Sequence[str], shared: Sequence[str]) -> None:
    if len(systems) < 2:
        return
    print("\n-- side by side (F1 exact / F1 overlap / leak) --")
    head = f"{'type':<18} {'gold':>5} | " + " | ".join(f"{s:^24}" for s in systems)
    print(head)
    print("-" * len(head))
    first = ds_res[systems[0]]
    for t, r in first["per_type"].items():
        cells = []
        for s in systems:
            x = ds_res[s]["per_type"][t]
            cells.append(f"{_f(x['exact']['f1'])} / {_f(x['overlap']['f1'])} / {_pct(x['leak_rate'])}")
        print(f"{t + ('*' if t in shared else ' '):<18} {r['gold']:>5} | " + " | ".join(f"{c:^24}" for c in cells))
    print("-" * len(head))
    for key, label in (("micro_shared", "micro, shared*"), ("micro_all_gold", "micro, all gold")):
        cells = [
            f"{_f(ds_res[s][key]['exact']['f1'])} / {_f(ds_res[s][key]['overlap']['f1'])} /       " for s in systems
        ]
        print(f"{label:<18} {first[key]['gold']:>5} | " + " | ".join(f"{c:^24}" for c in cells))
    print(f"{'char leak, all':<18} {'':>5} | " + " | ".join(f"{_pct(ds_res[s]['leak_rate']):^24}" for s in systems))
    print(
        f"{'char leak, shared':<18} {'':>5} | "
        + " | ".join(f"{_pct(ds_res[s]['leak_rate_shared']):^24}" for s in systems)
    )
    print(f"{'over-masking':<18} {'':>5} | " + " | ".join(f"{_pct(ds_res[s]['over_mask_rate']):^24}" for s in systems))
    print(f"{'texts/s':<18} {'':>5} | " + " | ".join(f"{ds_res[s]['speed']['texts_per_s']:^24.1f}" for s in systems))
    print(
        f"{'texts/CPU-s':<18} {'':>5} | "
        + " | ".join(f"{ds_res[s]['speed']['texts_per_cpu_s']:^24.1f}" for s in systems)
    )


# ------------------------------------------------------------------------------------------------------------------
# Main
# ------------------------------------------------------------------------------------------------------------------


def verdict(ours: dict, theirs: dict, shared: Sequence[str]) -> str:
    """Whether piimask's overlap F1 is at or above Presidio's on every shared type, and its leak rate lower."""
    behind = [
        t
        for t in shared
        if t in ours["per_type"] and ours["per_type"][t]["overlap"]["f1"] < theirs["per_type"][t]["overlap"]["f1"]
    ]
    leak_lower = ours["leak_rate"] is not None and ours["leak_rate"] < theirs["leak_rate"]
    ok = not behind and leak_lower
    return (
        f"verdict: {'piimask at or above Presidio on every shared type' if not behind else 'Presidio higher on ' + ', '.join(behind)}"
        f"; leak {_pct(ours['leak_rate'])} vs {_pct(theirs['leak_rate'])} ({'lower' if leak_lower else 'NOT lower'})"
        f" -> {'met' if ok else 'NOT met'}"
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    from piimask.settings import DEFAULT_MODEL

    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--systems", default="piimask,presidio", help="comma-separated: piimask, presidio")
    ap.add_argument("--n", type=int, default=1000, help="generator sentences (0: skip the generator)")
    ap.add_argument("--seed", type=int, default=42, help="generator seed")
    ap.add_argument("--model", default=DEFAULT_MODEL, help="piimask checkpoint (a local path)")
    ap.add_argument("--jsonl", action="append", default=[], metavar="PATH", help="extra gold set (repeatable)")
    ap.add_argument("--real", action="store_true", help="the real-document test sets (see (c) above)")
    ap.add_argument("--real-dev", action="store_true", help="the real-document dev sets (GUM and UNER dev)")
    ap.add_argument(
        "--corpora-jsonl",
        type=Path,
        default=Path(".cache/corpora/jsonl-conform"),
        help="where `python -m piimask.training.corpora --conform` wrote the corpora",
    )
    ap.add_argument("--json-out", metavar="PATH", help="write all figures as JSON")
    ap.add_argument("--errors-out", metavar="PATH", help="write each system's errors per text as JSON lines")
    ap.add_argument(
        "--batch-size",
        type=int,
        default=64,
        help="texts per analyze call, the same for both systems (a client's request size)",
    )
    ap.add_argument("--threads", type=int, default=1, help="torch threads for piimask (spaCy runs on one)")
    ap.add_argument(
        "--cpu-dtype",
        choices=["auto", "float32", "bfloat16"],
        help="piimask's CPU inference dtype (default: the service's PIIMASK_CPU_DTYPE setting)",
    )
    args = ap.parse_args(argv)
    args.systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = set(args.systems) - set(SYSTEMS)
    if unknown or not args.systems:
        ap.error(f"--systems: unknown {sorted(unknown)}; choose from {', '.join(SYSTEMS)}")
    for flag, names in (("real", REAL_TEST), ("real_dev", REAL_DEV)):
        if getattr(args, flag):
            paths = [args.corpora_jsonl / name for name in names]
            absent = [str(p) for p in paths if not p.exists()]
            if absent:
                ap.error(
                    f"--{flag.replace('_', '-')}: missing {', '.join(absent)}; make them with `python -m "
                    f"piimask.training.corpora --root .cache/corpora --out {args.corpora_jsonl} --conform` "
                    "after fetching the corpora (piimask.training.corpora.SOURCES)"
                )
            args.jsonl += [str(p) for p in paths]
    if args.n <= 0 and not args.jsonl:
        ap.error("nothing to measure: --n 0 and no --jsonl")
    return args


def load_system(name: str, args: argparse.Namespace) -> System:
    if name == "piimask":
        return PiimaskSystem(args.model, batch_size=args.batch_size, threads=args.threads, cpu_dtype=args.cpu_dtype)
    return PresidioSystem(batch_size=args.batch_size)


# What presidio_default_types() answers with presidio-analyzer 2.2.366; used only when it is not installed.
PRESIDIO_DEFAULT_TYPES_2_2_366 = frozenset(
    {
        "CREDIT_CARD",
        "CRYPTO",
        "DATE_TIME",
        "EMAIL_ADDRESS",
        "IBAN_CODE",
        "IP_ADDRESS",
        "LOCATION",
        "MAC_ADDRESS",
        "MEDICAL_LICENSE",
        "NRP",
        "PERSON",
        "PHONE_NUMBER",
        "UK_NHS",
        "URL",
        "US_BANK_NUMBER",
        "US_DRIVER_LICENSE",
        "US_ITIN",
        "US_PASSPORT",
        "US_SSN",
        "UUID",
    }
)


def presidio_default_types() -> set[str]:
    """Types Presidio's default configuration can report: its English recognizers' entities and its NER mapping,
    minus the labels its conf/default.yaml ignores (ORGANIZATION among them)."""
    try:
        import presidio_analyzer
        import yaml
        from presidio_analyzer import RecognizerRegistry
    except ImportError:
        return set(PRESIDIO_DEFAULT_TYPES_2_2_366)

    conf = yaml.safe_load((Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml").read_text())
    ner = conf.get("ner_model_configuration", {})
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"])
    types = set()
    for rec in registry.recognizers:
        types |= set(rec.supported_entities)
    types |= set(ner.get("model_to_presidio_entity_mapping", {}).values())
    return types - set(ner.get("labels_to_ignore") or [])


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    command = "python " + shlex.join(
        [
            os.path.relpath(sys.argv[0]) if argv is None else "bench/detection.py",
            *(sys.argv[1:] if argv is None else argv),
        ]
    )
    args = parse_args(argv)
    machine = machine_info()

    datasets: list[Dataset] = []
    if args.n > 0:
        datasets.append(generator_dataset(args.n, args.seed))
    datasets.extend(jsonl_dataset(p) for p in args.jsonl)
    presidio_types = presidio_default_types()

    systems: dict[str, System] = {}
    for name in args.systems:
        systems[name] = load_system(name, args)
        warm = datasets[0].texts[: min(8, len(datasets[0].texts))]
        systems[name].analyze(warm)  # warm-up: first-call costs stay out of the timing

    report = {
        "command": command,
        "seed": args.seed,
        "n": args.n,
        "machine": machine,
        "systems": {n: {"load_s": round(s.load_seconds, 2), **s.describe()} for n, s in systems.items()},
        "presidio_default_types": sorted(presidio_types),
        "datasets": [],
    }
    all_errors = []
    printed = []

    for ds in datasets:
        shared = sorted(ds.gold_types() & presidio_types)
        ds_res = {}
        for name, system in systems.items():
            texts = ds.texts
            wall, cpu = time.perf_counter(), time.process_time()
            preds = analyze_in_calls(system, texts, args.batch_size)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            res = score(ds.docs, preds, shared)
            res["speed"] = {
                "texts": len(texts),
                "wall_s": round(wall, 3),
                "cpu_s": round(cpu, 3),
                "texts_per_s": round(len(texts) / wall, 1) if wall else None,
                "texts_per_cpu_s": round(len(texts) / cpu, 1) if cpu else None,
                "chars_per_s": round(sum(map(len, texts)) / wall) if wall else None,
            }
            for e in res.pop("_errors"):
                all_errors.append({"dataset": ds.name, "system": name, **e})
            ds_res[name] = res
        gold_counts = Counter(t for d in ds.docs for t, _, _ in d.spans)
        report["datasets"].append(
            {
                "name": ds.name,
                "texts": len(ds.docs),
                "gold_spans": sum(gold_counts.values()),
                "gold_counts": dict(gold_counts.most_common()),
                "cleaning": ds.notes,
                "shared_types": shared,
                "results": ds_res,
            }
        )
        printed.append((ds, shared, ds_res, gold_counts))

    # ---- print ----
    print("=" * 100)
    print("piimask detection bench: piimask vs Presidio (bench/detection.py)")
    print(f"command: {command}")
    print(f"seed: {args.seed}   N: {args.n}   batch size: {args.batch_size}")
    print(
        f"machine: {machine['cpu']}, {machine['cores']} cores ({machine['usable_cores']} usable), "
        f"{machine['mem_gib']} GiB, Python {machine['python']}, load avg at start "
        f"{machine.get('load_avg_1_5_15')}"
    )
    print("packages: " + ", ".join(f"{k} {v}" for k, v in machine["packages"].items()))
    for name, info in report["systems"].items():
        print(f"system {name}: " + ", ".join(f"{k}={v}" for k, v in info.items()))
    for ds, shared, ds_res, gold_counts in printed:
        print("\n" + "=" * 100)
        print(f"data set: {ds.name}: {len(ds.docs)} texts, {sum(gold_counts.values())} gold spans")
        print("gold: " + ", ".join(f"{t} {n}" for t, n in gold_counts.most_common()))
        if ds.notes:
            print("cleaning: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in ds.notes.items()))
        print(f"shared types* (gold ∩ Presidio default types, micro-F1): {', '.join(shared)} ({len(shared)})")
        for name in systems:
            print_system_table(name, ds_res[name], shared)
        print_side_by_side(ds_res, list(systems), shared)
        if {"piimask", "presidio"} <= set(ds_res):
            print(verdict(ds_res["piimask"], ds_res["presidio"], shared))
    elapsed = time.perf_counter() - started
    report["elapsed_s"] = round(elapsed, 1)
    print(f"\ntotal run time: {elapsed:.1f} s")

    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures written to {args.json_out}")
    if args.errors_out:
        with open(args.errors_out, "w", encoding="utf-8") as fh:
            for e in all_errors:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
        print(f"errors written to {args.errors_out} ({len(all_errors)} text/system pairs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
