"""dqgate's shaded jar under real spark-submit on a real Spark standalone cluster (master + one worker on
127.0.0.1, from the pyspark package), submitted through `scripts/dqgate --spark-submit`."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

from conftest import BAD_DAY, CLEAN_DAY, DQGATE, assert_partition_copied, dataset_args, environment, run, tail


def master_status(cluster) -> dict:
    with urllib.request.urlopen(cluster["SPARK_MASTER_WEBUI"] + "/json/", timeout=10) as response:
        return json.load(response)


def submit(cluster, workspace, day: str, name: str) -> tuple[int, Path]:
    log = workspace["logs"] / f"{name}.log"
    env = environment(SPARK_HOME=cluster["SPARK_HOME"], SPARK_LOCAL_IP=cluster["SPARK_LOCAL_IP"])
    rc = run([DQGATE, "--spark-submit", *cluster["submit_options"], "--",
              "run", *dataset_args(workspace["feed"], workspace["metrics"]), "--date", day,
              "--publish-to", workspace["publish"], "--quarantine-to", workspace["quarantine"],
              "--verdict-json", workspace["root"] / f"verdict-{day}.json"],
             log, env=env)
    return rc, log


def test_run_on_standalone_cluster_publishes_clean_day_and_quarantines_contaminated_day(cluster, workspace):
    feed, publish, quarantine = workspace["feed"], workspace["publish"], workspace["quarantine"]

    rc, log = submit(cluster, workspace, CLEAN_DAY, "clean")
    assert rc == 0, tail(log)
    assert json.loads((workspace["root"] / f"verdict-{CLEAN_DAY}.json").read_text())["status"] in ("PASS", "WARN")
    assert_partition_copied(feed / f"dt={CLEAN_DAY}", publish / f"dt={CLEAN_DAY}")
    assert not (quarantine / f"dt={CLEAN_DAY}").exists()

    rc, log = submit(cluster, workspace, BAD_DAY, "contaminated")
    assert rc == 2, tail(log)
    assert json.loads((workspace["root"] / f"verdict-{BAD_DAY}.json").read_text())["status"] == "BLOCK"
    assert_partition_copied(feed / f"dt={BAD_DAY}", quarantine / f"dt={BAD_DAY}")
    assert not (publish / f"dt={BAD_DAY}").exists()
    assert sorted(p.name for p in publish.iterdir() if not p.name.startswith(("_", "."))) == [f"dt={CLEAN_DAY}"]

    # The work ran on the cluster: the master saw both applications finish, and the worker ran their
    # executors (each leaves a folder under the worker's work dir).
    completed = {a["id"]: a for a in master_status(cluster)["completedapps"]}
    for name in ("clean", "contaminated"):
        driver_log = (workspace["logs"] / f"{name}.log").read_text()
        assert f"--master {cluster['SPARK_MASTER_URL']}" in driver_log
        app_id = re.search(r"Connected to Spark cluster with app ID (app-[\w-]+)", driver_log).group(1)
        assert completed[app_id]["state"] == "FINISHED", completed[app_id]
        executors = list((cluster["work"] / "worker" / app_id).iterdir())
        assert executors, f"no executor of {name} ({app_id}) ran on the worker"


def test_error_exit_code_reaches_the_caller(cluster, workspace):
    rc, log = submit(cluster, workspace, "2026-09-30", "missing-day")
    assert rc == 1, tail(log)
    errors = [line for line in log.read_text().splitlines() if line.startswith("dqgate run: error:")]
    assert len(errors) == 1 and "2026-09-30" in errors[0], tail(log)
    assert not workspace["publish"].exists() or not any(workspace["publish"].glob("dt=2026-09-30"))
