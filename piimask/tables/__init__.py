"""Tables: the column plan, masking record batches, the formats (CSV, Parquet, JSON lines), the blob store and the
RQ job specs that the service enqueues and the workers run."""
