"""What the reliability scripts share (scripts/crash-test, scripts/soak, scripts/secrets-scan):
free ports, the example applications and their varied copies, one-shot HTTP requests, and
read-only queries on either database. Python 3 standard library only."""

import csv
import http.client
import io
import json
import os
import random
import socket
import sqlite3
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def templates():
    """Valid example applications (lines that `policy eval` accepts), as parsed JSON."""
    out = []
    with open(os.path.join(ROOT, "examples", "applications.jsonl")) as f:
        for line in f:
            doc = json.loads(line)
            if doc["customer"]["crm_id"] == "CRM-1009":  # the deliberately broken example
                continue
            out.append(doc)
    return out


def application_body(label, run, n, tmpl):
    """The n-th application of a run: a template with its own crm_id (`LABEL-RUN-N`) and
    varied numbers.

    Deterministic in (run, n), so a retry sends the same bytes (a different body under the
    same key would be refused 422 idempotency-key-reused)."""
    r = random.Random(f"{run}-{n}")
    doc = json.loads(json.dumps(tmpl[r.randrange(len(tmpl))]))
    doc["customer"]["crm_id"] = f"{label}-{run}-{n}"
    doc["customer"]["legal_name"] = f"{doc['customer']['legal_name']} #{n}"
    a = doc["applicant"]
    a["annual_revenue"] = max(0, int(a["annual_revenue"] * r.uniform(0.5, 1.5)))
    a["years_in_business"] = round(max(0.0, float(a["years_in_business"]) * r.uniform(0.5, 1.5)), 2)
    b = doc["bureau"]
    b["score"] = min(850, max(300, b["score"] + r.randint(-60, 60)))
    b["paydex"] = min(100, max(0, b["paydex"] + r.randint(-15, 15)))
    b["derogatory_marks"] = max(0, b.get("derogatory_marks", 0) + r.randint(-1, 1))
    doc["requested"]["credit_limit"] = max(1000, int(doc["requested"]["credit_limit"] * r.uniform(0.3, 2.0)))
    return json.dumps(doc, separators=(",", ":")).encode()


def request(port, method, path, body=None, headers=None, timeout=30):
    """One HTTP request on a fresh connection; (status, body bytes), or (None, error text)
    for a connection error."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    except (OSError, http.client.HTTPException) as e:
        return None, repr(e)
    finally:
        conn.close()


class SQLiteDB:
    """A Creditgate SQLite file, read only; `url` is what `--database` takes."""
    kind = "sqlite"

    def __init__(self, path):
        self.path = path
        self.url = path

    def rows(self, sql):
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            return [tuple("" if v is None else str(v) for v in row) for row in con.execute(sql)]
        finally:
            con.close()


class PostgresDB:
    """A Creditgate PostgreSQL database, read through psql; `url` is what `--database` takes."""
    kind = "postgres"

    def __init__(self, url, psql):
        self.url = url
        self.psql = psql

    def rows(self, sql):
        out = subprocess.run(
            [self.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url, "-c", f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"],
            check=True, capture_output=True, text=True).stdout
        return [tuple(row) for row in csv.reader(io.StringIO(out))]
