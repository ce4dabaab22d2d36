"""Every command the product jar lists, submitted through `scripts/dqgate --spark-submit` to the standalone
cluster (client mode), each with real arguments on the sample feed. The commands share one repository and
one feature store, in the order a person would use them: check, profile and judge a day, gate it twice,
read its versions and roll back, replay the contaminated day, label, inspect, suggest, report, sample,
compare, then the two commands that make their own feed. `run` is submitted by test_cluster.py."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import time
from pathlib import Path

from conftest import BAD_DAY, CLEAN_DAY, DATASET, DQGATE, FIRST_DAY, MARKER, assert_partition_copied, \
    dataset_args, environment

SUBMITTED_ELSEWHERE = {"run"}  # test_cluster.py: a clean day published, a contaminated one quarantined


class Submitter:
    """Submits dqgate commands to the cluster, one spark-submit each; keeps each one's stdout (dqgate's
    output) and stderr (spark-submit's and Spark's log, dqgate's log lines) apart under the logs folder."""

    def __init__(self, cluster, workspace):
        self.cluster, self.workspace = cluster, workspace
        self.env = environment(SPARK_HOME=cluster["SPARK_HOME"], SPARK_LOCAL_IP=cluster["SPARK_LOCAL_IP"])
        self.logs = workspace["logs"]
        self.logs.mkdir(parents=True, exist_ok=True)
        self.submitted: list[str] = []

    def __call__(self, command: str, *args, expect: int = 0) -> list[str]:
        """Runs `dqgate <command> <args>` under spark-submit; asserts the exit code, returns stdout's lines."""
        step = f"{len(self.submitted):02d}-{command}"
        out, err = self.logs / f"{step}.out", self.logs / f"{step}.err"
        started = time.monotonic()
        with open(out, "w") as stdout, open(err, "w") as stderr:
            rc = subprocess.run([str(a) for a in [DQGATE, "--spark-submit", *self.cluster["submit_options"], "--",
                                                  command, *args]],
                                stdout=stdout, stderr=stderr, env=self.env, timeout=600,
                                stdin=subprocess.DEVNULL).returncode
        print(f"[{time.monotonic() - started:6.1f} s] rc={rc} dqgate {command}")
        self.submitted.append(command)
        log = err.read_text(errors="replace")
        assert f"--class io.dqgate.jobs.Main --master {self.cluster['SPARK_MASTER_URL']}" in log, log[-3000:]
        assert rc == expect, f"dqgate {command} exited {rc}, expected {expect}\n{log[-3000:]}"
        return out.read_text().splitlines()

    def dataset(self, *extra) -> list:
        return [*dataset_args(self.workspace["feed"], self.workspace["metrics"]), *extra]


def day_folder(metrics: Path, day: str) -> Path:
    return metrics / f"dataset={DATASET}" / f"partition_date={day}"


def rows_in(partition: Path) -> int:
    return sum(sum(1 for _ in csv.reader(f.open())) - 1 for f in partition.glob("*.csv"))


def test_every_product_command_runs_under_spark_submit_on_the_cluster(cluster, workspace):
    dqgate = Submitter(cluster, workspace)
    root, feed, metrics = workspace["root"], workspace["feed"], workspace["metrics"]
    store = ["--publish-to", workspace["publish"], "--quarantine-to", workspace["quarantine"]]
    clean_folder, live = feed / f"dt={CLEAN_DAY}", workspace["publish"] / f"dt={CLEAN_DAY}"

    usage = dqgate("help")
    listed = [m.group(1) for m in map(re.compile(r"^  ([a-z][a-z-]*) {2,}").match, usage) if m]
    assert {"check-files", "profile", "backfill", "detect", "gate", "history", "rollback", "metrics"} <= set(listed)

    # A clean day checked, profiled and judged, step by step.
    out = dqgate("check-files", *dqgate.dataset("--date", CLEAN_DAY, "--verdict-json", root / "files.json"))
    assert f"PASS {DATASET} {CLEAN_DAY}: 0 finding(s)" in out
    assert json.loads((root / "files.json").read_text())["status"] == "PASS"
    assert (day_folder(metrics, CLEAN_DAY) / "files.parquet").is_file()

    dqgate("profile", *dqgate.dataset("--date", CLEAN_DAY))
    assert (day_folder(metrics, CLEAN_DAY) / "profile.parquet").is_file()

    dqgate("backfill", *dqgate.dataset("--from", BAD_DAY, "--to", BAD_DAY))
    assert (day_folder(metrics, BAD_DAY) / "profile.parquet").is_file()

    out = dqgate("detect", *dqgate.dataset("--date", CLEAN_DAY, "--verdict-json", root / "detect.json"))
    verdict = json.loads((root / "detect.json").read_text())
    assert verdict["status"] in ("PASS", "WARN") and out[0].startswith(f"{verdict['status']} {DATASET} {CLEAN_DAY}: ")
    judged = verdict["provenance"]
    assert re.fullmatch(r"[0-9a-f]{64}", judged["config_sha256"]) and judged["dqgate_version"] != "unknown"

    # Published as the judged files, then as Parquet rows (a second version); rollback makes the first live again.
    out = dqgate("gate", *dqgate.dataset("--date", CLEAN_DAY, *store))
    assert out[0].startswith(f"{verdict['status']}: published version 1 (1 file(s), "), out
    assert_partition_copied(clean_folder, live)
    out = dqgate("gate", *dqgate.dataset("--date", CLEAN_DAY, *store,
                                         "--set", f"datasets.{DATASET}.gate.publish-as=parquet"))
    assert out[0].startswith(f"{verdict['status']}: published version 2 ("), out
    published = [p.suffix for p in live.iterdir() if not p.name.startswith(("_", "."))]  # Spark's _SUCCESS, .crc
    assert published and set(published) == {".parquet"}, published

    out = dqgate("history", *dqgate.dataset("--date", CLEAN_DAY, *store))
    judged_by = (f"run {judged['run_id']}, dqgate {judged['dqgate_version']} (commit {judged['dqgate_commit'][:12]}),"
                 f" config {judged['config_sha256'][:12]}")
    versions = [line.split()[:2] for line in out[1:]]
    assert versions == [["2", "*"], ["1", verdict["status"]]], out
    assert all(line.endswith(judged_by) for line in out[1:]), out

    out = dqgate("rollback", *dqgate.dataset("--date", CLEAN_DAY, *store))
    assert out == [f"rolled back to version 1 at file:{live}"]
    assert_partition_copied(clean_folder, live)

    # The days replayed as they would have been judged live: the contaminated one blocks.
    out = dqgate("backtest", *dqgate.dataset("--from", BAD_DAY, "--to", BAD_DAY, "--verdict-dir", root / "bt"))
    assert [line.split()[:3] for line in out[1:]] == [[BAD_DAY, "Fri", "BLOCK"]], out
    assert json.loads((root / "bt" / f"{BAD_DAY}.json").read_text())["status"] == "BLOCK"

    dqgate("label", *dqgate.dataset("--date", BAD_DAY, "--as", "rejected"))
    assert (day_folder(metrics, BAD_DAY) / "label.parquet").is_file()

    stored = json.loads("\n".join(dqgate("metrics", *dqgate.dataset("--date", CLEAN_DAY, "--format", "json"))))
    row_count = [m["value"] for m in stored if m["metric"] == "row_count"]
    assert row_count == [float(rows_in(clean_folder))]

    dqgate("suggest", *dqgate.dataset("--from", FIRST_DAY, "--to", CLEAN_DAY, "--out", root / "suggested.conf"))
    suggested = (root / "suggested.conf").read_text()
    assert suggested.startswith(f"# Suggested by dqgate from the metrics of ") and f"{DATASET} {{" in suggested

    out = dqgate("report", *dqgate.dataset("--date", BAD_DAY, "--out", root / "bad.html"))
    assert out[0].startswith(f"report {DATASET} {BAD_DAY}: BLOCK, "), out
    assert "<html" in (root / "bad.html").read_text()

    out = dqgate("sample", *dqgate.dataset("--date", CLEAN_DAY, "--out", root / "audit"))
    assert out[0].startswith(f"audit sample {DATASET} {CLEAN_DAY}: "), out
    audit = json.loads((root / "audit" / "_DQ_AUDIT.json").read_text())
    assert (audit["partition_date"], audit["rows"]) == (CLEAN_DAY, rows_in(clean_folder)) and audit["sample_rows"] > 0

    # Every stored day of the two names its owners and the build and config that wrote them.
    out = dqgate("metrics", *dqgate.dataset("--from", CLEAN_DAY, "--to", BAD_DAY))
    assert out[0].split() == ["date", "owner", "run", "dqgate", "commit", "config"]
    listing = [line.split() for line in out[1:]]
    assert {(r[0], r[1]) for r in listing} >= {(CLEAN_DAY, "files"), (CLEAN_DAY, "profile"), (CLEAN_DAY, "verdict"),
                                               (CLEAN_DAY, "audit"), (BAD_DAY, "files"), (BAD_DAY, "profile"),
                                               (BAD_DAY, "verdict"), (BAD_DAY, "label")}
    assert all(r[3:] == [judged["dqgate_version"], judged["dqgate_commit"][:12], judged["config_sha256"][:12]]
               for r in listing), out

    out = dqgate("skew", *dqgate.dataset("--date", CLEAN_DAY, "--reference", f"{DATASET}@{CLEAN_DAY}"))
    assert out[0] == f"PASS {DATASET} {CLEAN_DAY}: no findings", out

    # The commands that write their own feed.
    out = dqgate("sample-data", "--out", root / "feed2", "--start", "2026-09-01", "--days", "2",
                 "--rows-per-weekday", "20")
    assert [line.split()[0] for line in out] == ["2026-09-01", "2026-09-02"], out
    assert sorted(p.name for p in (root / "feed2").iterdir()) == ["dt=2026-09-01", "dt=2026-09-02"]

    out = dqgate("quickstart", "--out", root / "quickstart", "--days", "4", "--rows-per-weekday", "40",
                 "--contaminated-day", "2026-08-04")
    assert any(line.startswith(f"BLOCK {DATASET} 2026-08-04: ") for line in out), out
    assert len(list((root / "quickstart" / "metrics" / f"dataset={DATASET}").iterdir())) == 4

    assert sorted(set(dqgate.submitted) | SUBMITTED_ELSEWHERE) == sorted(listed)
