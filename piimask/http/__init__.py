"""The HTTP layer: the FastAPI app of the service (v1 and the Presidio-compatible routes). Imports the engine and
tables; the engine never imports it."""
