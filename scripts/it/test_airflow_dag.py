"""The example DAG (scripts/airflow/dqgate_dag.py) run by Apache Airflow itself: `airflow dags test` for a
clean day, a contaminated day and a day with no data, against a local feed, with the metadata in SQLite.
The DAG submits dqgate with spark-submit to the standalone cluster, as a deployment would, so dqgate's
exit code travels driver → spark-submit → launcher → BashOperator."""

from __future__ import annotations

import json
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import BAD_DAY, CLEAN_DAY, DATASET, PROJECT, assert_partition_copied, environment, run, tail

DAG_ID = f"dqgate_{DATASET}"
MISSING_DAY = "2026-09-30"


@pytest.fixture
def webhook():
    """A webhook on the loopback interface that keeps every JSON body posted to it."""
    received: list[dict] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (the name http.server calls)
            length = int(self.headers.get("Content-Length", "0"))
            received.append(json.loads(self.rfile.read(length)))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_address[1]}/hook", "received": received}
    server.shutdown()


@pytest.fixture
def airflow(venv_bin, workspace, cluster, webhook):
    home = workspace["root"] / "airflow-home"
    feature_store = workspace["root"] / "feature-store"
    env = environment(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(PROJECT / "scripts" / "airflow"),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION="False",
        DQGATE_HOME=str(PROJECT),
        DQGATE_PUBLISH_TO=str(workspace["publish"]),
        DQGATE_QUARANTINE_TO=str(workspace["quarantine"]),
        DQGATE_FEATURE_STORE=str(feature_store),
        DQGATE_EXTRA_ARGS=f"--set datasets.{DATASET}.source.path={workspace['feed']}"
                          f" --set repository.path={workspace['metrics']}",
        DQGATE_SPARK_SUBMIT=" ".join(cluster["submit_options"]),
        SPARK_HOME=cluster["SPARK_HOME"],
        SPARK_LOCAL_IP=cluster["SPARK_LOCAL_IP"],
        DQGATE_RETRIES="1",
        DQGATE_RETRY_DELAY_SECONDS="1",
        DQGATE_NOTIFY_WEBHOOK=webhook["url"],
        PATH=f"{venv_bin}:{environment()['PATH']}",
    )
    logs = workspace["logs"]
    airflow_cli = venv_bin / "airflow"
    assert run([airflow_cli, "db", "migrate"], logs / "db-migrate.log", env=env) == 0, tail(logs / "db-migrate.log")
    assert run([airflow_cli, "dags", "list-import-errors"], logs / "import-errors.log", env=env) == 0
    assert "No data found" in (logs / "import-errors.log").read_text(), tail(logs / "import-errors.log")

    def dags_test(day: str) -> int:
        return run([airflow_cli, "dags", "test", DAG_ID, day], logs / f"dags-test-{day}.log", env=env, timeout=1200)

    return {"home": home, "feature_store": feature_store, "dags_test": dags_test, "logs": logs}


def task_states(home: Path, day: str) -> dict[str, tuple[str, int]]:
    """task_id -> (state, try_number) of the DAG run for the logical date `day`, from Airflow's SQLite DB."""
    with sqlite3.connect(home / "airflow.db") as db:
        rows = db.execute(
            "select ti.task_id, ti.state, ti.try_number from task_instance ti"
            " join dag_run dr on dr.dag_id = ti.dag_id and dr.run_id = ti.run_id"
            " where ti.dag_id = ? and date(dr.execution_date) = ?", (DAG_ID, day)).fetchall()
    return {task: (state, tries) for task, state, tries in rows}


def dags_test_log(logs: Path, day: str) -> str:
    """What `airflow dags test` printed: it runs the tasks in-process and logs them to its own output."""
    return (logs / f"dags-test-{day}.log").read_text(errors="replace")


def test_dag_publishes_clean_day_skips_contaminated_day_and_retries_errors(airflow, workspace, cluster, webhook):
    home, feature_store, logs = airflow["home"], airflow["feature_store"], airflow["logs"]

    assert airflow["dags_test"](CLEAN_DAY) == 0, tail(logs / f"dags-test-{CLEAN_DAY}.log")
    assert (f"spark-submit --class io.dqgate.jobs.Main --master {cluster['SPARK_MASTER_URL']}"
            in dags_test_log(logs, CLEAN_DAY)), "the task did not go through spark-submit"
    assert task_states(home, CLEAN_DAY) == {"dqgate_run": ("success", 1), "load_feature_store": ("success", 1)}

    # BLOCK: the gate task is skipped (exit 2), not retried, and the load is skipped with it; the run
    # itself ends successfully, since nothing went wrong: the gate did its job.
    assert airflow["dags_test"](BAD_DAY) == 0, tail(logs / f"dags-test-{BAD_DAY}.log")
    assert task_states(home, BAD_DAY) == {"dqgate_run": ("skipped", 1), "load_feature_store": ("skipped", 0)}
    block_log = dags_test_log(logs, BAD_DAY)
    assert "Bash command returned exit code 2. Skipping." in block_log
    assert "UP_FOR_RETRY" not in block_log
    assert "dqgate BLOCK: applications 2026-08-21 quarantined" in block_log  # on_skipped_callback
    assert (workspace["quarantine"] / f"dt={BAD_DAY}").is_dir()
    # dqgate told the webhook itself: one message for the blocked day, with its findings and the verdict.
    blocked = [m for m in webhook["received"] if m["partition_date"] == BAD_DAY]
    assert len(blocked) == 1, blocked
    assert blocked[0]["status"] == "BLOCK" and blocked[0]["verdict"]["status"] == "BLOCK"
    assert blocked[0]["text"].startswith(f"BLOCK {DATASET} {BAD_DAY}: ")

    # An error (no such partition: exit 1) is retried (DQGATE_RETRIES=1), then fails the run; the load
    # never runs.
    assert airflow["dags_test"](MISSING_DAY) != 0, tail(logs / f"dags-test-{MISSING_DAY}.log")
    assert task_states(home, MISSING_DAY) == {"dqgate_run": ("failed", 2),
                                              "load_feature_store": ("upstream_failed", 0)}
    error_log = dags_test_log(logs, MISSING_DAY)
    assert "Marking task as UP_FOR_RETRY. dag_id=dqgate_applications, task_id=dqgate_run" in error_log
    assert "Marking task as FAILED. dag_id=dqgate_applications, task_id=dqgate_run" in error_log
    assert "dqgate run: error:" in error_log
    assert not [m for m in webhook["received"] if m["partition_date"] == MISSING_DAY]  # never judged

    # Only the clean day reached the feature store, byte for byte as published.
    assert sorted(p.name for p in feature_store.iterdir()) == [f"dt={CLEAN_DAY}"]
    assert_partition_copied(workspace["feed"] / f"dt={CLEAN_DAY}", feature_store / f"dt={CLEAN_DAY}")
    assert not (workspace["publish"] / f"dt={BAD_DAY}").exists()
