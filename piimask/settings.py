"""All settings in one place. Every field can be set from the environment with the prefix `PIIMASK_`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = str(PROJECT_ROOT / "models" / "piimask-pii")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PIIMASK_", extra="ignore")

    # Where things live
    # redis://[user:password@]host[:port][/db], rediss:// (TLS) or redis+sentinel://[user:password@]host[:port][,...]
    # /service_name[/db]; see piimask/redisconn.py. It may hold a password, so it is never shown whole.
    redis_url: str = Field(default="redis://127.0.0.1:6379/0", repr=False)
    # rediss:// only: the CA bundle that signed the server's certificate (else the system's trust store), and a
    # client certificate with its key for servers that ask for one (tls-auth-clients)
    redis_ca_file: Path | None = None
    redis_cert_file: Path | None = None
    redis_key_file: Path | None = None
    redis_sentinel_password: SecretStr | None = None  # redis+sentinel://: the Sentinels' own password, if they ask one
    # how long a Redis command keeps retrying a lost connection: a Sentinel failover (down-after-milliseconds plus a
    # few seconds) or a restart is ridden out; wrong credentials or certificates are never retried
    redis_retry_s: float = Field(default=60, ge=1)
    data_dir: Path = Path("data")
    blob_root: str = "data/blobs"  # a folder, or any fsspec URL (s3://bucket/prefix, ...)
    keyring: Path = Path("data/keyring.json")
    keyring_json: SecretStr | None = (
        None  # the key file's content itself (a secret store's env var); wins over `keyring`
    )

    # The model: a Hugging Face token-classification checkpoint, by local path or by name (local cache only)
    model: str = DEFAULT_MODEL
    table_model: str | None = None  # the workers' checkpoint; defaults to `model`
    device: Literal["auto", "cpu", "cuda"] = "auto"
    # 0: automatic. A worker takes this host's cores (torch's default, one per physical core) divided by the workers
    # registered on this host, counted again at each table job: alone it uses them all, several split them. The
    # service keeps torch's default. Containers have hostnames of their own: give each its share explicitly.
    torch_threads: int = Field(default=0, ge=0)
    model_batch_size: int = Field(default=32, ge=1)
    # auto: bfloat16 (weights and autocast) on CPUs with native bf16 instructions, else float32
    cpu_dtype: Literal["auto", "float32", "bfloat16"] = "auto"
    # torch.compile (inductor, dynamic shapes), compiled and warmed before the process reports ready. auto: the
    # service's text model on CPU only, where it was measured (1.2-1.4x the texts/s in bench/text.py, for 20-50 s
    # more at start); not the workers' (large batches: about 1.15x) and not CUDA (never measured).
    # on: every model. If compiling fails under auto, the model runs uncompiled and the log says so.
    compile: Literal["auto", "on", "off"] = "auto"
    # Tokens per window (longer texts are scanned in windows) and tokens shared by neighbouring windows: the length
    # the model was trained at. With 256-token windows the model found fewer names, places and groups in long
    # documents (positions it never trained on), e.g. recall of NRP on GUM dev 0.05 instead of 0.26.
    model_max_length: int = Field(default=128, ge=16)
    model_stride: int = Field(default=32, ge=0)
    # pack windows side by side into rows of model_max_length tokens (first fit by decreasing length), each seeing
    # only itself (same results): fewer, fuller rows are cheaper per token on a CPU (see model.pack_rows)
    model_pack: bool = True
    # under concurrent load, how long a forward pass waits for more requests (5 ms: 1.15x the texts/s at
    # concurrency 8 in bench/text.py); a lone request never waits
    batch_wait_ms: float = Field(default=5.0, ge=0, le=1000)

    # Access: key -> scopes ("mask", "unmask", "tables", "admin"); auth "off" only for local development
    api_keys: dict[str, list[str]] = Field(default_factory=dict, repr=False)  # key or "sha256:<hex>" → scopes
    api_keys_file: Path | None = None  # the same JSON object in a file
    auth: Literal["on", "off"] = "on"

    # Queue and workers
    queue: str = "piimask"
    job_timeout_s: int = Field(default=3600, ge=10)
    job_retries: int = Field(default=3, ge=0)
    result_ttl_s: int = Field(default=7 * 24 * 3600, ge=60)
    worker_ttl_s: int = Field(default=60, ge=20)  # short: a killed worker's job is requeued within about one TTL
    maintenance_interval_s: int = Field(default=30, ge=5)
    lazy_models: bool = False

    # Limits
    max_text_chars: int = Field(default=1_000_000, ge=1)
    # the text model's queue: a request whose characters would take the queued total past this gets 503 at once
    max_queued_chars: int = Field(default=8_000_000, ge=1)
    # a text request's deadline: past it, its model work still queued is dropped and it gets 503 (Retry-After)
    request_timeout_s: float = Field(default=60, gt=0)
    max_batch_texts: int = Field(default=256, ge=1)
    max_upload_bytes: int = Field(default=2 * 1024**3, ge=1)
    max_body_bytes: int = Field(default=32 * 1024**2, ge=1)  # JSON requests
    max_table_rows: int = Field(default=0, ge=0)  # 0: no limit
    table_batch_rows: int = Field(default=8192, ge=1)
    fanout_bytes: int = Field(default=256 * 1024**2, ge=1)  # inputs larger than this are split into parts
    part_rows: int = Field(default=250_000, ge=1)  # rows per part of a split input (at most)
    # A table is split by the model's work too: when the free text it holds (distinct "text"-mode characters, as
    # piimask/tables/fanout.py estimates them from the first batch) is above fanout_text_chars, into at least two
    # parts of at most about part_text_chars each, as many as the queue's workers or a multiple of them. 2,000,000
    # characters are about 22,000 notes of 90 characters: some 70 s of model time for a worker with one thread
    # on the 2-core machine, against a few seconds for the split and the merge.
    fanout_text_chars: int = Field(default=2_000_000, ge=1)
    part_text_chars: int = Field(default=3_000_000, ge=1)

    log_level: str = "INFO"
    # every unmask (text or table) appends one JSON record here: who (key id), when, how many values of each type;
    # default <data_dir>/audit.jsonl, "-" for standard error
    audit_log: str | None = None

    @property
    def audit_target(self) -> str:
        return self.audit_log or str(self.data_dir / "audit.jsonl")

    @property
    def table_checkpoint(self) -> str:
        return self.table_model or self.model

    @property
    def table_compile(self) -> str:
        """Workers and `mask-file` compile only when told to: `auto` means the service's model (see `compile`)."""
        return "on" if self.compile == "on" else "off"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
