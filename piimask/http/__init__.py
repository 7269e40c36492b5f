"""The HTTP layer: the FastAPI app of the service (v1 and the Presidio-compatible routes). Imports the engine and
tables; the engine never imports it.

`app` builds the app; `deps` holds the typed dependencies the routes take (and `Services`, what they read);
`access` the API keys and scopes; `errors` the error shape and handlers; `limits` the text limits; `middleware`
and `metrics` what wraps and counts every request; `schemas` the v1 models; `routes/` the v1 routes by area;
`presidio/` the Presidio-compatible API.
"""
