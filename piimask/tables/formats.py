"""Table formats: CSV, Parquet and JSON-lines, read and written in record batches so memory stays bounded.

Each reader yields `Chunk`s: `view` is a RecordBatch with every column as strings (what planning and masking see),
`raw` is what the writer needs to write the rows back in the input's own shape (the original Arrow batch, or the
parsed JSON objects). Error messages never quote the data: pyarrow's and json's own messages do, so they are
replaced here.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from piimask.errors import TableError
from piimask.tables.blobstore import BlobStore

FORMATS = ("csv", "parquet", "jsonl")
SNIFF_BYTES = 1 << 16


def detect_format(filename: str | None, declared: str | None) -> str:
    fmt = (declared or "").lower().lstrip(".") or (filename or "").rsplit(".", 1)[-1].lower()
    fmt = {"ndjson": "jsonl", "json": "jsonl", "pq": "parquet", "tsv": "csv"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise TableError(f"unsupported table format {fmt or '(none)'!r}; supported: {', '.join(FORMATS)}")
    return fmt


@dataclass
class Chunk:
    view: pa.RecordBatch  # every column as strings (null where a value is missing or not a scalar)
    raw: Any


def _as_strings(array: pa.Array) -> pa.Array:
    if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
        return array
    if pa.types.is_nested(array.type) or pa.types.is_binary(array.type):
        return pa.nulls(len(array), pa.string())  # not masked: nested and binary values are passed through
    return pc.cast(array, pa.string())


# ---------------------------------------------------------------- CSV


@dataclass(frozen=True)
class CsvDialect:
    encoding: str
    delimiter: str


def sniff_csv(store: BlobStore, path: str) -> CsvDialect:
    with store.open(path) as f:
        head = f.read(SNIFF_BYTES)
    if not head.strip():
        raise TableError("the CSV file is empty (no header row)")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        # a multi-byte character may be cut at the sample's end: decode all but a short tail strictly
        try:
            head[: max(len(head) - 4, 1)].decode("utf-8")
        except UnicodeDecodeError:
            try:
                head.decode("cp1252")
                encoding = "cp1252"
            except UnicodeDecodeError:
                raise TableError("the CSV file is not text in UTF-8, UTF-16 or Windows-1252") from None
    text = head.decode(encoding, errors="ignore")
    try:
        delimiter = csv.Sniffer().sniff(text.split("\n", 20)[0] + "\n", delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    return CsvDialect(encoding, delimiter)


class _BlockTooSmall(TableError):
    pass


def _sanitized(exc: Exception) -> TableError:
    text = str(exc)
    if "straddling" in text or "block size" in text:
        return _BlockTooSmall("the CSV file holds a row larger than the reader's block size")
    if "Empty CSV" in text:
        return TableError("the CSV file is empty (no header row)")
    if "UTF8" in text or "UTF-8" in text or "decode" in text:
        return TableError("the CSV file is not valid text in its encoding (a byte sequence could not be decoded)")
    m = re.search(r"Expected (\d+) columns, got (\d+)", text)
    if m:
        return TableError(f"the CSV file is malformed: a row has {m.group(2)} fields where the header has {m.group(1)}")
    return TableError("the table could not be parsed as CSV")


def _csv_stream(store: BlobStore, path: str, dialect: CsvDialect, block_size: int) -> pacsv.CSVStreamingReader:
    parse = pacsv.ParseOptions(delimiter=dialect.delimiter, newlines_in_values=True)
    read = pacsv.ReadOptions(block_size=block_size, encoding=dialect.encoding)
    try:
        with store.open(path) as f:
            names = pacsv.open_csv(f, read_options=read, parse_options=parse).schema.names
        convert = pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names}, strings_can_be_null=False, quoted_strings_can_be_null=False
        )
        return pacsv.open_csv(store.open(path), read_options=read, parse_options=parse, convert_options=convert)
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise _sanitized(exc) from None


def _csv_batches(reader: pacsv.CSVStreamingReader) -> Iterator[pa.RecordBatch]:
    while True:
        try:
            yield reader.read_next_batch()
        except StopIteration:
            return
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            raise _sanitized(exc) from None


class CsvFormat:
    name = "csv"

    MAX_BLOCK = 1 << 30  # a single row (a field) may be up to this big
    # pyarrow's CSV reader peaks at many times its block size (measured on a 231 MB file: +60 MiB RSS at 256 KiB
    # blocks, +91 at 1 MiB, +214 at 4 MiB, +370 at 16 MiB, at the same speed), so blocks stay at 1 MiB unless a
    # single row needs more.
    BLOCK = 1 << 20

    def __init__(self, store: BlobStore, path: str, dialect: CsvDialect | None = None):
        self.store, self.path = store, path
        self.dialect = dialect or sniff_csv(store, path)
        self.min_block = 1 << 14

    def count_rows(self) -> int:
        """Parse the whole file once; a row larger than a parse block makes the block grow until it fits, and the
        masking pass then uses at least that block size."""
        block = self.BLOCK
        while True:
            try:
                rows = sum(b.num_rows for b in _csv_batches(_csv_stream(self.store, self.path, self.dialect, block)))
                if block > self.BLOCK:
                    self.min_block = block
                return rows
            except _BlockTooSmall:
                if block >= self.MAX_BLOCK:
                    raise TableError("the CSV file holds a row larger than 1 GiB") from None
                block *= 4

    def read(self, batch_rows: int, rows_hint: int | None) -> tuple[list[str], Iterator[Chunk]]:
        # pyarrow cuts CSV batches by bytes: size blocks from the file's bytes per row to get ~batch_rows rows,
        # within the memory bound of BLOCK (wide rows make smaller batches).
        per_row = self.store.size(self.path) / rows_hint if rows_hint else 64
        block = max(self.min_block, min(self.BLOCK, int(per_row * batch_rows * 1.2)))
        reader = _csv_stream(self.store, self.path, self.dialect, block)
        return reader.schema.names, (Chunk(b, b) for b in _csv_batches(reader))

    def writer(self, sink: BinaryIO, header: bool = True) -> CsvWriter:
        return CsvWriter(sink, self.dialect.delimiter, header)

    def describe(self) -> dict:
        return {"encoding_in": self.dialect.encoding, "encoding_out": "utf-8", "delimiter": self.dialect.delimiter}


class CsvWriter:
    def __init__(self, sink: BinaryIO, delimiter: str, header: bool = True):
        self.sink = sink
        self.options = pacsv.WriteOptions(delimiter=delimiter, include_header=header)
        self._writer: pacsv.CSVWriter | None = None

    def write(self, chunk: Chunk, columns: list[pa.Array | None], names: list[str]) -> None:
        out = [chunk.view.column(i) if c is None else c for i, c in enumerate(columns)]
        batch = pa.record_batch(out, names=names)
        if self._writer is None:
            self._writer = pacsv.CSVWriter(self.sink, batch.schema, write_options=self.options)
        self._writer.write_batch(batch)

    def close(self, names: list[str]) -> None:
        if self._writer is None:  # header only
            self._writer = pacsv.CSVWriter(
                self.sink, pa.schema([(n, pa.string()) for n in names]), write_options=self.options
            )
        self._writer.close()


# ---------------------------------------------------------------- Parquet


class ParquetFormat:
    """Masked columns become strings; every other column keeps its type, and the file keeps its column order."""

    name = "parquet"

    def __init__(self, store: BlobStore, path: str, dialect: CsvDialect | None = None):
        self.store, self.path = store, path
        try:
            with store.open(path) as f:
                meta = pq.ParquetFile(f)
                self.schema = meta.schema_arrow
                self.rows = meta.metadata.num_rows
        except (pa.ArrowInvalid, OSError):
            raise TableError("the file is not a valid Parquet file") from None

    def count_rows(self) -> int:
        return self.rows

    def read(self, batch_rows: int, rows_hint: int | None) -> tuple[list[str], Iterator[Chunk]]:
        def chunks() -> Iterator[Chunk]:
            with self.store.open(self.path) as f:
                try:
                    for batch in pq.ParquetFile(f).iter_batches(batch_size=batch_rows):
                        yield Chunk(
                            pa.record_batch([_as_strings(c) for c in batch.columns], names=batch.schema.names), batch
                        )
                except (pa.ArrowInvalid, OSError):
                    raise TableError("the Parquet file is corrupt or truncated") from None

        return self.schema.names, chunks()

    def writer(self, sink: BinaryIO, header: bool = True) -> ParquetWriter:
        return ParquetWriter(sink, self.schema)

    def describe(self) -> dict:
        return {}


class ParquetWriter:
    def __init__(self, sink: BinaryIO, schema: pa.Schema):
        self.sink, self.schema = sink, schema
        self._writer: pq.ParquetWriter | None = None

    def write(self, chunk: Chunk, columns: list[pa.Array | None], names: list[str]) -> None:
        raw: pa.RecordBatch = chunk.raw
        out = [orig if masked is None else masked for orig, masked in zip(raw.columns, columns)]
        batch = pa.record_batch(out, names=names)
        if self._writer is None:
            fields = [self.schema.field(i).with_type(batch.schema.field(i).type) for i in range(len(names))]
            self._writer = pq.ParquetWriter(self.sink, pa.schema(fields, metadata=self.schema.metadata))
        self._writer.write_batch(batch.cast(self._writer.schema))

    def close(self, names: list[str]) -> None:
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.sink, self.schema)
        self._writer.close()


# ---------------------------------------------------------------- JSON lines


class JsonlFormat:
    """One JSON object per line. Keys keep their order, a missing key stays missing, and only top-level scalar
    values are masked (nested objects and arrays pass through unchanged)."""

    name = "jsonl"

    def __init__(self, store: BlobStore, path: str, dialect: CsvDialect | None = None):
        self.store, self.path = store, path

    def _lines(self) -> Iterator[tuple[int, bytes]]:
        with self.store.open(self.path) as f:
            for number, line in enumerate(f, start=1):
                if line.strip():
                    yield number, line

    def count_rows(self) -> int:
        return sum(1 for _ in self._lines())

    def read(self, batch_rows: int, rows_hint: int | None) -> tuple[list[str], Iterator[Chunk]]:
        names: list[str] = []
        first: list[dict] = []
        lines = self._lines()
        for number, line in lines:  # the first batch fixes the columns that planning sees
            first.append(self._parse(number, line))
            if len(first) >= batch_rows:
                break
        for obj in first:
            names.extend(k for k in obj if k not in names)

        def chunks() -> Iterator[Chunk]:
            batch = first
            while batch:
                for obj in batch:
                    names.extend(k for k in obj if k not in names)
                yield Chunk(self._view(batch, names), batch)
                batch = []
                for number, line in lines:
                    batch.append(self._parse(number, line))
                    if len(batch) >= batch_rows:
                        break

        return names, chunks()

    @staticmethod
    def _parse(number: int, line: bytes) -> dict:
        try:
            obj = json.loads(line)
        except (ValueError, UnicodeDecodeError):
            raise TableError(f"line {number} is not valid JSON") from None
        if not isinstance(obj, dict):
            raise TableError(f"line {number} is not a JSON object")
        return obj

    @staticmethod
    def _view(objects: list[dict], names: list[str]) -> pa.RecordBatch:
        def scalar(v: Any) -> str | None:
            if v is None or isinstance(v, (dict, list)):
                return None
            return v if isinstance(v, str) else json.dumps(v)

        return pa.record_batch([pa.array([scalar(o.get(n)) for o in objects], pa.string()) for n in names], names=names)

    def writer(self, sink: BinaryIO, header: bool = True) -> JsonlWriter:
        return JsonlWriter(sink)

    def describe(self) -> dict:
        return {}


class JsonlWriter:
    def __init__(self, sink: BinaryIO):
        self.sink = io.TextIOWrapper(sink, encoding="utf-8", newline="\n", write_through=True)

    def write(self, chunk: Chunk, columns: list[pa.Array | None], names: list[str]) -> None:
        masked = {n: c.to_pylist() for n, c in zip(names, columns) if c is not None}
        for row, obj in enumerate(chunk.raw):
            out = {}
            for key, value in obj.items():
                new = (
                    masked[key][row]
                    if key in masked and not isinstance(value, (dict, list)) and value is not None
                    else None
                )
                out[key] = (
                    value if new is None or new == (value if isinstance(value, str) else json.dumps(value)) else new
                )
            self.sink.write(json.dumps(out, ensure_ascii=False) + "\n")

    def close(self, names: list[str]) -> None:
        self.sink.flush()
        self.sink.detach()


def open_format(store: BlobStore, path: str, fmt: str, dialect: CsvDialect | None = None):
    return {"csv": CsvFormat, "parquet": ParquetFormat, "jsonl": JsonlFormat}[fmt](store, path, dialect)


def concatenate(store: BlobStore, parts: list[str], sink: BinaryIO, fmt: str) -> None:
    """Join masked chunk outputs in order. CSV parts after the first were written without a header, so CSV and
    JSON lines join byte for byte; Parquet parts are re-batched into one file."""
    if fmt == "parquet":
        writer = None
        for part in parts:
            with store.open(part) as f:
                for batch in pq.ParquetFile(f).iter_batches():
                    writer = writer or pq.ParquetWriter(sink, batch.schema)
                    writer.write_batch(batch)
        if writer is not None:
            writer.close()
        return
    for part in parts:
        with store.open(part) as f:
            while block := f.read(1 << 20):
                sink.write(block)
