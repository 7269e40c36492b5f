"""Process separation: the service holds only the text model, each worker only its own table model, loaded once."""

from __future__ import annotations

from piimask.tables.jobs import worker_registrations
from tests.helpers import make_csv, submit, wait_job


def test_service_holds_the_text_model_only(client, service):
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["process"] == "service" and ready["redis"] == "ok"
    assert list(ready["models"]) == ["text_masking"]
    assert ready["models"]["text_masking"]["device"] == "cpu"
    assert "PERSON" in ready["models"]["text_masking"]["entity_types"]
    assert ready["models"]["text_masking"]["compiled"] is True  # PIIMASK_COMPILE=auto compiles the service's CPU model
    assert ready["crypto"]["active_key_id"] and "keys" not in ready["crypto"]


def test_worker_holds_its_table_model_and_loads_it_once(client, worker, redis_conn, service):
    for i in range(5):
        data, _ = make_csv(20, seed=100 + i, notes=True)
        assert wait_job(client, submit(client, data))["status"] == "finished"
    mine = [r for r in worker_registrations(redis_conn) if r["pid"] == worker.pid]
    assert len(mine) == 1
    reg = mine[0]
    assert reg["process"] == "worker" and list(reg["models"]) == ["table_masking"]
    assert reg["models"]["table_masking"]["device"] == "cpu"
    assert reg["models"]["table_masking"]["compiled"] is False  # ... and leaves the workers' alone
    assert reg["model_loads"] == 1  # five jobs, one load: every job ran in the process that loaded the model
    assert reg["pid"] != service.pid
    # the service reports the same registrations on /readyz
    assert any(w["pid"] == worker.pid for w in client.get("/readyz").json()["workers"])
    # same keyring, same key id in both processes
    assert reg["crypto"]["active_key_id"] == client.get("/readyz").json()["crypto"]["active_key_id"]
