"""Re-identification risk for tables: class counting and the report (against hand-computed small tables), the
hierarchies and the lattice search, suppression, the impossible target, date shift per subject, the planner's
handling of quasi-identifiers, and, through the real service and worker, a job and a fanned-out job."""

from __future__ import annotations

import csv
import io
import json
import random
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pytest
from pydantic import ValidationError

from crypto import CryptoManager, Keyring
from piimask.errors import TableError, UnmaskError
from piimask.operators import BoundOperator, date_offset, shift_date
from piimask.policy import Policy
from piimask.tables.blobstore import BlobStore
from piimask.tables.hierarchies import (
    CategoricalHierarchy,
    DateHierarchy,
    NumberHierarchy,
    PrefixHierarchy,
    infer_kind,
)
from piimask.tables.mask import mask_table
from piimask.tables.plan import plan_columns
from piimask.tables.risk import ClassCounter, risk_report
from tests.helpers import submit, wait_job

QI = ["birth_date", "zip", "sex"]


def to_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode())))


def run(engine, tmp_path: Path, data: bytes, policy: dict, fmt: str = "csv", name: str = "out") -> tuple[dict, Path]:
    (tmp_path / f"in.{fmt}").write_bytes(data)
    out = tmp_path / f"{name}.{fmt}"
    report = mask_table(
        engine,
        Policy.model_validate(policy),
        BlobStore(str(tmp_path)),
        str(tmp_path / f"in.{fmt}"),
        str(out),
        fmt,
        batch_rows=7,
    )  # (Parquet and JSON lines: classes span batches)
    return report, out


def classes(rows: list[dict], columns: list[str]) -> Counter:
    return Counter(tuple(r[c] for c in columns) for r in rows)


# ---------------------------------------------------------------- counting and the report, by hand


HAND = [  # (zip, sex, diagnosis, how many rows)
    ("94110", "F", "flu", 3),
    ("94110", "F", "asthma", 1),  # class (94110, F): 4 rows, l = 2
    ("94110", "M", "flu", 2),  # class (94110, M): 2 rows, l = 1
    ("10001", "F", "flu", 1),  # class (10001, F): 1 row, l = 1
    ("10001", "M", "asthma", 5),
    ("10001", "M", "flu", 1),  # class (10001, M): 6 rows, l = 2
]


def hand_rows() -> list[dict]:
    rows = [{"zip": z, "sex": s, "diagnosis": d} for z, s, d, n in HAND for _ in range(n)]
    random.Random(1).shuffle(rows)
    return [{"id": str(i), **r} for i, r in enumerate(rows)]


def test_report_on_a_hand_computed_table():
    rows = hand_rows()
    counter = ClassCounter(3)
    for at in range(0, len(rows), 4):  # in batches, as a job counts
        counter.add([pa.array([r[c] for r in rows[at : at + 4]]) for c in ("zip", "sex", "diagnosis")])
    target = Policy.model_validate(
        {"quasi_identifiers": ["zip", "sex"], "sensitive": ["diagnosis"], "risk": {"k": 3, "l": 2, "generalize": False}}
    ).risk
    report = risk_report(counter.table(), ["zip", "sex"], ["diagnosis"], target)
    assert report["rows"] == 13 and report["classes"] == 4 and report["k"] == 1
    assert report["class_sizes"] == {
        "1": {"classes": 1, "rows": 1},
        "2": {"classes": 1, "rows": 2},
        "3-4": {"classes": 1, "rows": 4},
        "5-9": {"classes": 1, "rows": 6},
    }
    assert report["rows_below_k"] == 3 and report["share_below_k"] == round(3 / 13, 6)
    assert report["prosecutor_risk"] == {"max": 1.0, "average": round(4 / 13, 6)}
    assert report["l_diversity"] == {"diagnosis": {"l": 1, "rows_below_l": 3}}
    assert report["target"] == {"k": 3, "l": 2, "suppress_max": 0.0, "generalize": False}


def test_a_job_that_only_measures_reports_on_its_output_and_changes_nothing(engine, tmp_path):
    rows = hand_rows()
    policy = {"quasi_identifiers": ["zip", "sex"], "sensitive": ["diagnosis"], "risk": {"k": 3, "generalize": False}}
    report, out = run(engine, tmp_path, to_csv(rows), policy)
    risk = report["risk"]
    assert (risk["rows"], risk["classes"], risk["k"], risk["rows_below_k"]) == (13, 4, 1, 3)
    assert risk["l_diversity"] == {"diagnosis": {"l": 1}} and "generalization" not in risk
    assert read_csv(out.read_bytes()) == rows  # measured only: every row as it was (zip and sex not masked)
    plan = {c["name"]: c for c in report["columns"]}
    assert plan["zip"]["mode"] == "keep" and plan["zip"]["reason"] == "quasi-identifier"
    # nothing of a value in the report: counts and column names only
    text = json.dumps(report)
    assert not any(v in text for v in ("94110", "10001", "asthma", "flu"))


def test_the_report_counts_the_masked_output_not_the_input(engine, tmp_path):
    """A quasi-identifier masked by the policy's own column spec is counted as written: every zip becomes one
    placeholder, so the 4 classes become 2 (by sex)."""
    rows = hand_rows()
    policy = {"quasi_identifiers": ["zip", "sex"], "columns": {"zip": {"entity": "ZIP_CODE"}}}
    report, out = run(engine, tmp_path, to_csv(rows), policy)
    assert {r["zip"] for r in read_csv(out.read_bytes())} == {"<ZIP_CODE>"}
    assert (report["risk"]["classes"], report["risk"]["k"]) == (2, 5)  # F: 4 + 1, M: 2 + 6
    assert report["risk"]["target"] is None and "rows_below_k" not in report["risk"]


# ---------------------------------------------------------------- hierarchies


def test_hierarchies_levels_and_nesting():
    assert DateHierarchy().levels("1984-03-12") == ["1984-03-12", "1984-03", "1984", "1980-1989", "*"]
    assert DateHierarchy().levels("12/03/1984")[1] == "1984-03" and DateHierarchy().levels("soon")[1:] == ["*"] * 4
    assert NumberHierarchy().levels("42") == ["42", "40-44", "40-49", "40-59", "0-99", "*"]
    assert NumberHierarchy((2, 6)).levels("7.5") == ["7.5", "6-7", "6-11", "*"]
    assert PrefixHierarchy(5).levels("94110") == ["94110", "9411*", "941**", "94***", "9****", "*"]
    mapping = ({"F": "any", "M": "any"},)
    assert CategoricalHierarchy(mapping).levels("F") == ["F", "any", "*"]
    assert CategoricalHierarchy(mapping).levels("X") == ["X", "*", "*"]  # a value the mapping leaves out
    for h in (DateHierarchy(), NumberHierarchy(), PrefixHierarchy(5), CategoricalHierarchy(mapping)):
        assert h.levels("") == [""] * (h.height + 1)  # a missing value stays missing at every level
    # every level is a function of the level below: raising a level only merges classes
    rng = random.Random(5)
    samples = {
        DateHierarchy(): [
            f"{rng.randint(1900, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" for _ in range(500)
        ],
        NumberHierarchy(): [str(rng.randint(-50, 150)) for _ in range(500)],
        PrefixHierarchy(5): [str(rng.randint(0, 99999)) for _ in range(500)],
    }
    for h, values in samples.items():
        table = [h.levels(v) for v in values]
        for level in range(h.height):
            above: dict[str, str] = {}
            for written in table:
                assert above.setdefault(written[level], written[level + 1]) == written[level + 1], (h, level)
    assert infer_kind("zip", ["94110"]) == "prefix" and infer_kind("birth_date", ["x"]) == "date"
    assert infer_kind("age", ["42", "37"]) == "number" and infer_kind("seen", ["2020-01-02"]) == "date"
    assert infer_kind("sex", ["F", "M"]) == "categorical"


# ---------------------------------------------------------------- generalization and suppression


def k5_rows(outliers: bool = False) -> list[dict]:
    """Four groups of five people. Each group shares a birth month, a 4-digit zip prefix and a sex, but no two
    people share a birth day or a zip: k = 5 needs the month (level 1 of 4) and the zip's last digit masked (1 of
    5), sex as is. By hand, no node of lower height (mean level / height) is 5-anonymous."""
    groups = [("1984-03", "9411", "F"), ("1984-07", "9412", "F"), ("1990-01", "1000", "M"), ("1990-02", "1001", "M")]
    rows = []
    for month, prefix, sex in groups:
        for j in range(5):
            rows.append(
                {
                    "birth_date": f"{month}-{j + 10}",
                    "zip": f"{prefix}{j}",
                    "sex": sex,
                    "diagnosis": ["flu", "asthma"][j % 2],
                }
            )
    if outliers:
        rows += [
            {"birth_date": "2001-06-01", "zip": "60614", "sex": "M", "diagnosis": "flu"},
            {"birth_date": "2003-09-09", "zip": "30301", "sex": "F", "diagnosis": "gout"},
        ]
    random.Random(2).shuffle(rows)
    return [{"id": str(i), **r} for i, r in enumerate(rows)]


def test_generalization_reaches_k5_at_the_lowest_levels(engine, tmp_path):
    rows = k5_rows()
    policy = {"quasi_identifiers": QI, "risk": {"k": 5}}
    report, out = run(engine, tmp_path, to_csv(rows), policy)
    written = read_csv(out.read_bytes())
    assert [r["id"] for r in written] == [r["id"] for r in rows]  # every row, in order
    assert min(classes(written, QI).values()) == 5
    by_id = {r["id"]: r for r in written}
    for row in rows:
        out_row = by_id[row["id"]]
        assert out_row["birth_date"] == row["birth_date"][:7] and out_row["zip"] == row["zip"][:4] + "*"
        assert out_row["sex"] == row["sex"] and out_row["diagnosis"] == row["diagnosis"]  # F/M kept, not <PERSON>
    risk = report["risk"]
    assert risk["k"] == 5 and risk["classes"] == 4 and risk["rows_below_k"] == 0
    assert risk["prosecutor_risk"] == {"max": 0.2, "average": 0.2}
    levels = risk["generalization"]["levels"]
    assert levels["birth_date"] == {"kind": "date", "level": 1, "of": 4, "name": "month"}
    assert levels["zip"] == {"kind": "prefix", "level": 1, "of": 5, "name": "last 1 masked"}
    assert levels["sex"] == {"kind": "categorical", "level": 0, "of": 1, "name": "as is"}
    assert risk["generalization"]["information_loss"] == 0.15  # (1/4 + 1/5 + 0) / 3
    assert risk["generalization"]["rows_suppressed"] == 0
    # deterministic: the same input and policy give the same bytes and report
    again, out_again = run(engine, tmp_path, to_csv(rows), policy, name="again")
    assert out_again.read_bytes() == out.read_bytes() and again["risk"] == risk


def test_suppression_leaves_out_the_rows_no_level_can_hide_cheaply(engine, tmp_path):
    """Two outliers, alone at any level below the top: with 2 of 22 rows allowed (suppress_max 0.1), the month
    and 9411* levels stand, and the two rows are left out (loss 0.15 + 2/22 × 0.85 ≈ 0.227 beats every node
    that suppresses nothing, which needs the birth decade or more)."""
    rows = k5_rows(outliers=True)
    report, out = run(engine, tmp_path, to_csv(rows), {"quasi_identifiers": QI, "risk": {"k": 5, "suppress_max": 0.1}})
    written = read_csv(out.read_bytes())
    outliers = {r["id"] for r in rows if r["zip"] in ("60614", "30301")}
    assert len(written) == 20 and not outliers & {r["id"] for r in written}
    assert [r["id"] for r in written] == [r["id"] for r in rows if r["id"] not in outliers]  # order kept
    assert min(classes(written, QI).values()) == 5
    gen = report["risk"]["generalization"]
    assert gen["rows_suppressed"] == 2 and gen["share_suppressed"] == round(2 / 22, 6)
    assert gen["levels"]["birth_date"]["level"] == 1 and gen["levels"]["zip"]["level"] == 1
    assert gen["information_loss"] == round(0.15 + 2 / 22 * 0.85, 6)
    assert report["rows"] == 22 and report["risk"]["rows"] == 20  # rows read; rows written


def test_l_diversity_is_reached_too(engine, tmp_path):
    """With l = 2 each class must hold both diagnoses; the month classes do (flu, asthma alternate in a group)."""
    rows = k5_rows()
    policy = {"quasi_identifiers": QI, "sensitive": ["diagnosis"], "risk": {"k": 5, "l": 2}}
    report, out = run(engine, tmp_path, to_csv(rows), policy)
    assert report["risk"]["l_diversity"] == {"diagnosis": {"l": 2, "rows_below_l": 0}}
    written = read_csv(out.read_bytes())
    per_class: dict[tuple, set] = {}
    for r in written:
        per_class.setdefault(tuple(r[c] for c in QI), set()).add(r["diagnosis"])
    assert min(len(v) for v in per_class.values()) == 2


@pytest.mark.parametrize(
    "rows, risk, words",
    [
        (k5_rows()[:4], {"k": 5}, ["k=5", "4 of 4 rows"]),  # four rows cannot make a class of five
        (k5_rows(), {"k": 5, "l": 3}, ["k=5 and l=3", "20 of 20 rows"]),  # only two diagnoses in the whole table
    ],
)
def test_an_impossible_target_fails_clearly_and_writes_nothing(engine, tmp_path, rows, risk, words):
    policy = {"quasi_identifiers": QI, "sensitive": ["diagnosis"], "risk": risk}
    with pytest.raises(TableError) as err:
        run(engine, tmp_path, to_csv(rows), policy)
    message = str(err.value)
    assert message.startswith("risk: no generalization") and "suppress_max" in message
    for word in words:
        assert word in message, message
    assert not any(v in message for r in rows for v in (r["zip"], r["birth_date"]))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]  # no output, no temporary file


def test_parquet_and_jsonl_rows_are_left_out_alike(engine, tmp_path):
    import pyarrow.parquet as pq

    rows = k5_rows(outliers=True)
    ages = {r["id"]: 20 + int(r["birth_date"][-2:]) for r in rows}  # 30-34 in each group, an int column
    table = pa.table(
        {
            "id": pa.array([int(r["id"]) for r in rows], pa.int64()),
            "age": pa.array([ages[r["id"]] for r in rows], pa.int64()),
            "zip": [r["zip"] for r in rows],
            "sex": [r["sex"] for r in rows],
        }
    )
    buf = pa.BufferOutputStream()
    pq.write_table(table, buf)
    policy = {"quasi_identifiers": ["age", "zip", "sex"], "risk": {"k": 5, "suppress_max": 0.1}}
    report, out = run(engine, tmp_path, buf.getvalue().to_pybytes(), policy, fmt="parquet")
    back = pq.read_table(out)
    assert back.num_rows == 20 and back.schema.field("id").type == pa.int64()  # untouched column keeps its type
    assert report["risk"]["generalization"]["levels"]["age"]["kind"] == "number"
    assert set(back.column("age").to_pylist()) == {"30-34"}
    assert min(Counter(zip(*(back.column(c).to_pylist() for c in ("age", "zip", "sex")))).values()) >= 5

    lines = "".join(
        json.dumps({"id": int(r["id"]), "age": ages[r["id"]], "zip": r["zip"], "sex": r["sex"], "meta": {"n": i}})
        + "\n"
        for i, r in enumerate(rows)
    )
    jreport, jout = run(engine, tmp_path, lines.encode(), policy, fmt="jsonl")
    objs = [json.loads(line) for line in jout.read_text().splitlines()]
    assert len(objs) == 20 and all(set(o) == {"id", "age", "zip", "sex", "meta"} for o in objs)
    assert jreport["risk"] == report["risk"]


# ---------------------------------------------------------------- the policy and the planner


@pytest.mark.parametrize(
    "policy, message",
    [
        ({"quasi_identifiers": ["zip"], "risk": {"k": 5, "kk": 1}}, "kk"),
        ({"risk": {"k": 5}}, "needs 'quasi_identifiers'"),
        ({"quasi_identifiers": ["zip"], "risk": {"k": 5, "l": 2}}, "needs 'sensitive'"),
        ({"quasi_identifiers": ["zip"], "sensitive": ["zip"]}, "both a quasi-identifier and sensitive"),
        ({"quasi_identifiers": ["zip"], "risk": {"k": 0}}, "greater than or equal to 1"),
        ({"quasi_identifiers": ["zip"], "risk": {"k": 5, "suppress_max": 1.5}}, "less than or equal to 1"),
        (
            {
                "quasi_identifiers": ["age"],
                "risk": {"k": 5, "hierarchies": {"age": {"type": "number", "bands": [5, 12]}}},
            },
            "nest",
        ),
        (
            {"quasi_identifiers": ["age"], "risk": {"k": 5, "hierarchies": {"zip": {"type": "prefix"}}}},
            "not a quasi-identifier",
        ),
        (
            {"quasi_identifiers": ["zip"], "risk": {"k": 5}, "columns": {"zip": {"entity": "ZIP_CODE"}}},
            "generalized, not masked",
        ),
        (
            {"columns": {"d": {"mode": "unmask", "operator": {"type": "date_shift", "max_days": 9}}}},
            "needs the 'subject'",
        ),
    ],
)
def test_policy_fields_are_checked(policy, message):
    with pytest.raises(ValidationError) as err:
        Policy.model_validate(policy)
    assert message in str(err.value)


def test_single_character_columns_are_not_names_and_quasi_identifiers_are_not_masked(engine):
    batch = pa.record_batch(
        [
            pa.array(["F", "M", "M", "F"] * 8),
            pa.array(list("ABCD") * 8),
            pa.array(["Maria Gonzalez", "John Smith"] * 16),
            pa.array(["1984-03-12"] * 32),
            pa.array(["94110"] * 32),
        ],
        names=["sex", "grade", "full_name", "birth_date", "zip"],
    )
    plans = {p.name: p for p in plan_columns(engine, Policy(), batch.schema.names, batch)}
    assert (plans["sex"].mode, plans["grade"].mode) == (
        "keep",
        "keep",
    )  # were PERSON: a lone capital read as an initial
    assert plans["full_name"].entity == "PERSON" and plans["birth_date"].entity == "DATE_TIME"
    policy = Policy.model_validate({"quasi_identifiers": ["birth_date", "zip", "full_name"], "risk": {"k": 2}})
    plans = {p.name: p for p in plan_columns(engine, policy, batch.schema.names, batch)}
    for name in ("birth_date", "zip", "full_name"):  # generalized instead, whatever the header or values say
        assert (plans[name].mode, plans[name].reason) == ("generalize", "quasi-identifier")
    keep = Policy.model_validate({"quasi_identifiers": ["zip"], "risk": {"k": 2}, "columns": {"zip": {"mode": "keep"}}})
    assert {p.name: p.mode for p in plan_columns(engine, keep, ["zip"], batch.select(["zip"]))} == {"zip": "keep"}


# ---------------------------------------------------------------- date shift per subject


def test_date_shift_keeps_the_format_and_each_subjects_intervals():
    crypto = CryptoManager(Keyring.generate())
    shift = BoundOperator.from_spec({"type": "date_shift", "max_days": 30, "subject": "P-17"})
    days = date_offset("P-17", 30, crypto)
    assert 1 <= abs(days) <= 30
    cases = {"2024-03-01": None, "2024-03-01T08:30:00Z": "T08:30:00Z", "01.03.2024": None, "March 1, 2024": None}
    for value, tail in cases.items():
        out = shift.apply(value, "DATE_TIME", crypto)
        assert out == shift_date(value, days) and out != value
        assert shift_date(out, -days) == value  # back exactly
        if tail:
            assert out.endswith(tail)  # the time and zone as written
    a, b = (shift.apply(v, "DATE_TIME", crypto) for v in ("2024-03-01", "2024-04-15"))
    from datetime import date

    assert (date.fromisoformat(b) - date.fromisoformat(a)).days == 45  # the interval is kept
    assert shift.apply("not a date", "DATE_TIME", crypto) == "<DATE_TIME>"
    offsets = {date_offset(f"P-{i}", 30, crypto) for i in range(200)}
    assert 0 not in offsets and len(offsets) > 30 and max(map(abs, offsets)) <= 30
    other = CryptoManager(Keyring.generate())  # another key: other offsets
    assert [date_offset(f"P-{i}", 30, other) for i in range(50)] != [
        date_offset(f"P-{i}", 30, crypto) for i in range(50)
    ]


def test_date_shift_by_subject_column_round_trips_through_unmask(engine, tmp_path):
    rows = [{"patient": f"P-{i // 3}", "visit": f"2024-0{1 + i % 3}-1{i % 10}", "note_id": str(i)} for i in range(30)]
    spec = {"type": "date_shift", "max_days": 60, "subject": "patient"}
    report, out = run(
        engine, tmp_path, to_csv(rows), {"columns": {"visit": {"operator": spec}, "patient": {"mode": "keep"}}}
    )
    shifted = read_csv(out.read_bytes())
    assert all(s["visit"] != r["visit"] for s, r in zip(shifted, rows))
    from datetime import date

    for s, r in zip(shifted, rows):  # one offset per patient: intervals inside a patient kept
        delta = (date.fromisoformat(s["visit"]) - date.fromisoformat(r["visit"])).days
        assert delta == date_offset(r["patient"], 60, engine.crypto)
    # the text operator with the subject's value gives the table's shift (one key, one offset per subject)
    text_op = BoundOperator.from_spec({**spec, "subject": "P-4"})
    assert text_op.apply(rows[12]["visit"], "DATE_TIME", engine.crypto) == shifted[12]["visit"]

    unmask = {
        "columns": {
            "visit": {"mode": "unmask", "operator": spec, "key_id": engine.crypto.active_key_id},
            "patient": {"mode": "keep"},
        }
    }
    report, back = run(engine, tmp_path, out.read_bytes(), unmask, name="back")
    assert read_csv(back.read_bytes()) == rows and report["restored"] == {"DATE_TIME": 30}
    wrong = {"columns": {"visit": {"mode": "unmask", "operator": spec, "key_id": "k-not-in-the-ring"}}}
    with pytest.raises(UnmaskError, match="not in this keyring"):
        run(engine, tmp_path, out.read_bytes(), wrong, name="wrong")


def test_date_shift_needs_its_subject_column(engine, tmp_path):
    policy = {"columns": {"visit": {"operator": {"type": "date_shift", "max_days": 5, "subject": "patient_id"}}}}
    with pytest.raises(TableError, match="subject column 'patient_id' is not in the table"):
        run(engine, tmp_path, b"visit\n2024-01-01\n", policy)


# ---------------------------------------------------------------- through the service and a worker


def people(n: int, seed: int) -> list[dict]:
    """A table a new user would try: a direct identifier (email), the three classic quasi-identifiers, and a
    diagnosis."""
    rng = random.Random(seed)
    zips = [f"{p}{d}" for p in ("9411", "9412", "1000", "6061") for d in range(10)]
    return [
        {
            "id": str(i),
            "email": f"user{i}@example.com",
            "birth_date": f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "zip": rng.choice(zips),
            "sex": rng.choice("FM"),
            "diagnosis": rng.choice(["flu", "asthma", "diabetes", "migraine"]),
        }
        for i in range(n)
    ]


def test_a_table_job_with_k5_comes_back_5_anonymous_with_its_report(client, worker):
    rows = people(600, seed=4)
    policy = {"quasi_identifiers": QI, "sensitive": ["diagnosis"], "risk": {"k": 5, "suppress_max": 0.05}}
    state = wait_job(client, submit(client, to_csv(rows), policy=json.dumps(policy)))
    assert state["status"] == "finished", state
    risk = state["report"]["risk"]
    written = read_csv(client.get(f"/v1/jobs/{state['job_id']}/result").content)
    assert risk["k"] >= 5 and min(classes(written, QI).values()) == risk["k"]
    assert risk["rows"] == len(written) == 600 - risk["generalization"]["rows_suppressed"]
    assert risk["generalization"]["share_suppressed"] <= 0.05
    assert {r["sex"] for r in written} == {"F", "M"}  # kept as analytic value, not <PERSON>
    assert all(r["email"] == "<EMAIL_ADDRESS>" for r in written)  # direct identifiers still masked

    impossible = {"quasi_identifiers": QI, "risk": {"k": 700}}
    state = wait_job(client, submit(client, to_csv(rows), policy=json.dumps(impossible)))
    assert state["status"] == "failed" and state["error"].startswith("risk: no generalization"), state
    assert client.get(f"/v1/jobs/{state['job_id']}/result").status_code == 409


def test_a_fanned_out_job_reports_what_one_job_would(client, worker, engine, tmp_path):
    rows = people(6000, seed=9)
    data = to_csv([{**r, "pad": "x" * 20} for r in rows])
    assert len(data) > 400_000  # above PIIMASK_FANOUT_BYTES in the test environment: parts of 1,000 rows
    policy = {"quasi_identifiers": QI, "sensitive": ["diagnosis"], "risk": {"k": 5, "l": 2, "suppress_max": 0.02}}
    state = wait_job(client, submit(client, data, policy=json.dumps(policy)), timeout=300)
    assert state["status"] == "finished", state
    assert state["report"]["parts"] >= 6
    alone, out = run(engine, tmp_path, data, policy)  # the same table as one job, in-process, same keyring
    assert state["report"]["risk"] == alone["risk"]
    assert client.get(f"/v1/jobs/{state['job_id']}/result").content == out.read_bytes()
    assert alone["risk"]["k"] >= 5 and alone["risk"]["l_diversity"]["diagnosis"]["l"] >= 2
