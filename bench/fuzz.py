"""Fuzz a running piimask service from its own OpenAPI schema with schemathesis; count the requests and the 5xx.

    python bench/fuzz.py http://127.0.0.1:8000 --key <admin key> [--examples 60] [--seed 1] [--skip-heavy]

Every operation in /openapi.json gets `--examples` generated cases in schemathesis's positive mode (inputs that
match the schema) and as many in its negative mode (inputs that violate it), sent with `Authorization: Bearer
<key>`. A 5xx is a bug: the service promises 4xx for anything the caller did wrong. The script prints the number of
requests, the number of 5xx, and a curl command reproducing each distinct 5xx (operation + status + error message;
the key is read from $PIIMASK_KEY);
it exits 1 when there was any. tests/test_fuzz.py runs the same function against the test session's service.

Hypothesis runs with a fixed seed, no example database and no shrinking (to bound the run time); the first case
that produced each distinct 5xx is reported as generated.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from dataclasses import dataclass, field

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

# Operations that enqueue work for the table workers or run the model over up to 256 texts per request: skipped
# with --skip-heavy (the test keeps them all; their generated bodies are small).
HEAVY = {("POST", "/v1/text/mask/batch"), ("POST", "/v1/tables")}


@dataclass
class ServerError:
    operation: str
    status: int
    body: str
    curl: str


@dataclass
class FuzzReport:
    requests: int = 0
    by_status: dict[int, int] = field(default_factory=dict)
    per_operation: dict[str, int] = field(default_factory=dict)
    errors: dict[tuple[str, int, str], ServerError] = field(default_factory=dict)
    server_errors: int = 0
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [
            f"requests: {self.requests}   5xx: {self.server_errors}   distinct 5xx: {len(self.errors)}   "
            f"time: {self.seconds:.1f} s",
            "status counts: " + ", ".join(f"{k}: {v}" for k, v in sorted(self.by_status.items())),
        ]
        if self.skipped:
            lines.append("skipped operations: " + ", ".join(self.skipped))
        for err in self.errors.values():
            lines += [f"--- {err.operation} -> {err.status}: {err.body[:300]}", f"    {err.curl}"]
        return "\n".join(lines)


def _redacted_curl(case, headers: dict[str, str], base_url: str) -> str:
    """schemathesis prints the key as 'Authorization: [Filtered]'; the reproducer takes it from $PIIMASK_KEY."""
    command = case.as_curl_command(headers=headers, base_url=base_url)
    return command.replace("'Authorization: [Filtered]'", '"Authorization: Bearer $PIIMASK_KEY"')


def fuzz(
    base_url: str,
    key: str | None,
    examples: int = 60,
    rng_seed: int = 1,
    skip: set[tuple[str, str]] = frozenset(),
    modes=(GenerationMode.POSITIVE, GenerationMode.NEGATIVE),
    timeout: float = 60.0,
) -> FuzzReport:
    base_url = base_url.rstrip("/")
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json", headers=headers, timeout=30)
    report = FuzzReport()
    session = requests.Session()
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        name = f"{operation.method.upper()} {operation.path}"
        if (operation.method.upper(), operation.path) in skip:
            report.skipped.append(name)
            continue
        for mode in modes:

            @seed(rng_seed)
            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
                print_blob=False,
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case) -> None:  # called below, in this iteration: `name` is this operation's (B023 noqa'd)
                try:
                    response = case.call(base_url=base_url, session=session, headers=headers, timeout=timeout)
                except (requests.RequestException, schemathesis.errors.SerializationNotPossible):
                    return  # nothing was sent, or the connection failed: not counted as a request
                status = response.status_code
                report.requests += 1
                report.per_operation[name] = report.per_operation.get(name, 0) + 1  # noqa: B023
                report.by_status[status] = report.by_status.get(status, 0) + 1
                if status >= 500:
                    report.server_errors += 1
                    code = ""
                    try:
                        code = str(response.json().get("error", {}).get("message", ""))[:80]
                    except Exception:
                        pass
                    key_ = (name, status, code)  # noqa: B023
                    if key_ not in report.errors:
                        curl = _redacted_curl(case, headers, base_url)
                        report.errors[key_] = ServerError(name, status, response.text, curl)  # noqa: B023

            try:
                run()
            except Unsatisfiable:
                pass  # negative mode of an operation without inputs: nothing can be made invalid
    report.seconds = time.monotonic() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the service's base URL, e.g. http://127.0.0.1:8000")
    parser.add_argument("--key", help="an API key with the admin scope (else none is sent)")
    parser.add_argument("--examples", type=int, default=60, help="cases per operation and mode (default 60)")
    parser.add_argument("--seed", type=int, default=1)
    heavy = ", ".join(" ".join(h) for h in sorted(HEAVY))
    parser.add_argument("--skip-heavy", action="store_true", help=f"skip {heavy}")
    args = parser.parse_args(argv)
    report = fuzz(args.url, args.key, args.examples, args.seed, HEAVY if args.skip_heavy else set())
    shown = ["***" if a == args.key else a for a in [sys.executable, *sys.argv]]
    print("command: " + " ".join(shlex.quote(a) for a in shown))
    print(report.summary())
    return 1 if report.server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
