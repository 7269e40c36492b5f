"""The text limits of every route that takes texts (v1 and the Presidio-compatible API): one check, one wording."""

from __future__ import annotations

from collections.abc import Sequence

from piimask.http.errors import ApiError
from piimask.settings import Settings


def check_texts(settings: Settings, texts: Sequence[str], *, field: str, listed: bool) -> None:
    """At least one text, at most `max_batch_texts`, each at most `max_text_chars`. An empty or blank text is valid
    (columns and message lists are full of them): it holds no entity and comes back as it is. `field` is the request
    field the texts came in; `listed`: it holds a list, so a problem with one text is named `field[i]`."""
    if not texts:
        raise ApiError(422, "invalid_request", f"{field}: at least one text is required")
    if len(texts) > settings.max_batch_texts:
        raise ApiError(
            413, "too_many_texts", f"{field}: {len(texts)} texts; the limit is {settings.max_batch_texts} per request"
        )
    for i, text in enumerate(texts):
        where = f"{field}[{i}]" if listed else field
        if len(text) > settings.max_text_chars:
            raise ApiError(
                413, "text_too_long", f"{where}: {len(text)} characters; the limit is {settings.max_text_chars}"
            )
