"""Fixtures of the integration tests: real processes only (dqgate's launcher, spark-submit, a standalone
Spark cluster, Airflow's CLI), run from the virtualenv that scripts/python-env makes.

The sample feed is small (12 days from 2026-08-10, about 200 rows a weekday, every incident injected on
2026-08-21) and its first ten days are profiled once per session in local mode, so each test starts
with enough history to judge 2026-08-20 (clean) and 2026-08-21 (contaminated).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
DQGATE = PROJECT / "scripts" / "dqgate"
CONF = PROJECT / "conf" / "application.conf"
DATASET = "applications"
FIRST_DAY, LAST_HISTORY_DAY = "2026-08-10", "2026-08-19"
CLEAN_DAY, BAD_DAY = "2026-08-20", "2026-08-21"
MARKER = "_DQGATE_VERDICT.json"


def run(cmd, log: Path, env=None, cwd=PROJECT, timeout=900) -> int:
    """Runs a command with its output in `log`; returns the exit code and echoes the time it took."""
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with open(log, "w") as out:
        rc = subprocess.run([str(c) for c in cmd], stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd,
                            timeout=timeout, stdin=subprocess.DEVNULL).returncode
    print(f"[{time.monotonic() - started:6.1f} s] rc={rc} {' '.join(str(c) for c in cmd)[:160]}")
    return rc


def tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def dataset_args(feed: Path, metrics: Path) -> list[str]:
    return ["--conf", CONF, "--dataset", DATASET,
            "--set", f"datasets.{DATASET}.source.path={feed}",
            "--set", f"repository.path={metrics}"]


def assert_partition_copied(source: Path, copy: Path) -> None:
    """Every data file of the source partition is in the copy with the same bytes, plus dqgate's marker.
    Hidden files (_SUCCESS, the _MANIFEST.json) and .sha256 sidecars are not data: the gate leaves them."""
    source_files = sorted(p.name for p in source.iterdir()
                          if p.is_file() and not p.name.startswith(("_", ".")) and not p.name.endswith(".sha256"))
    assert source_files, f"{source} is empty"
    copied = sorted(p.name for p in copy.iterdir())
    assert copied == sorted(source_files + [MARKER]), f"{copy} holds {copied}"
    match, mismatch, errors = filecmp.cmpfiles(source, copy, source_files, shallow=False)
    assert (mismatch, errors) == ([], []), f"differ from the source: {mismatch} {errors}"


@pytest.fixture(scope="session")
def venv_bin() -> Path:
    return Path(sys.prefix) / "bin"


@pytest.fixture(scope="session")
def history(tmp_path_factory) -> dict[str, Path]:
    """The sample feed and a metrics repository with its days up to 2026-08-19 profiled (local mode)."""
    root = tmp_path_factory.mktemp("history")
    feed = root / "feed" / DATASET
    metrics = root / "metrics"
    logs = root / "logs"
    rc = run([DQGATE, "sample-data", "--out", feed, "--start", FIRST_DAY, "--days", "12",
              "--rows-per-weekday", "200", "--contaminated-day", BAD_DAY], logs / "sample-data.log")
    assert rc == 0, tail(logs / "sample-data.log")
    rc = run([DQGATE, "backfill", *dataset_args(feed, metrics), "--from", FIRST_DAY, "--to", LAST_HISTORY_DAY],
             logs / "backfill.log")
    assert rc == 0, tail(logs / "backfill.log")
    return {"feed": feed, "metrics": metrics}


@pytest.fixture
def workspace(history, tmp_path) -> dict[str, Path]:
    """A test's own copy of the history (runs add days to the repository), and empty gate folders."""
    metrics = tmp_path / "metrics"
    shutil.copytree(history["metrics"], metrics)
    return {"root": tmp_path, "feed": history["feed"], "metrics": metrics,
            "publish": tmp_path / "published", "quarantine": tmp_path / "quarantine",
            "logs": tmp_path / "logs"}


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    """A Spark standalone master and worker on 127.0.0.1 (scripts/spark-cluster, pyspark's Spark), shared
    by the tests that submit to it and stopped at the end of the session."""
    import pyspark

    work = tmp_path_factory.mktemp("spark-cluster")
    script = PROJECT / "scripts" / "spark-cluster"
    env = environment(SPARK_HOME=str(Path(pyspark.__file__).parent))
    log = work / "start.log"
    rc = run([script, "start", "--work-dir", work, "--worker-cores", "2", "--worker-memory", "2g"], log, env=env,
             timeout=300)
    assert rc == 0, tail(log)
    settings = dict(line.split("=", 1) for line in (work / "cluster.env").read_text().splitlines() if "=" in line)
    # Client deploy mode: the driver runs inside spark-submit, whose exit code is dqgate's.
    submit_options = ["--master", settings["SPARK_MASTER_URL"], "--deploy-mode", "client",
                      "--driver-memory", "1g", "--executor-memory", "1g",
                      "--conf", "spark.sql.shuffle.partitions=4"]
    yield {"work": work, "submit_options": submit_options, **settings}
    run([script, "stop", "--work-dir", work], work / "stop.log", env=env, timeout=120)


def environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DQGATE_BUILD"] = "0"  # scripts/test builds first; a test never starts Maven
    env.update(extra)
    return env
