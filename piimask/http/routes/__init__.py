"""The v1 routes, one module per area: `text`, `tables` (submitting a job), `jobs` (its state and result), `ops`."""
