"""dqgate example DAG: gate each day's partition before it reaches the feature store.

Copy this file into your DAGs folder and set the Airflow Variables below (or the environment variables
in brackets, read when the DAG file is parsed; a Variable wins):

    dqgate_home          [DQGATE_HOME]          dqgate checkout or install with scripts/dqgate and the jar
    dqgate_conf          [DQGATE_CONF]          HOCON config (default <home>/conf/application.conf)
    dqgate_publish_to    [DQGATE_PUBLISH_TO]    where PASS/WARN days are published (required: the load
                                                task reads from it; also passed to dqgate as --publish-to)
    dqgate_quarantine_to [DQGATE_QUARANTINE_TO] where BLOCKed days go (empty: the config's gate.quarantine-to)
    dqgate_feature_store [DQGATE_FEATURE_STORE] what load_feature_store loads into
    dqgate_spark_submit  [DQGATE_SPARK_SUBMIT]  spark-submit options, e.g. "--master spark://host:7077
                                                --conf spark.executor.memory=4g"; empty: local mode.
                                                Client deploy mode only: in cluster mode spark-submit
                                                does not return dqgate's exit code. spark-submit is
                                                $SPARK_HOME/bin/spark-submit or the one on the PATH of
                                                the Airflow worker
    dqgate_extra_args    [DQGATE_EXTRA_ARGS]    more dqgate options, e.g. "--set repository.path=/m"
    dqgate_notify_webhook [DQGATE_NOTIFY_WEBHOOK] webhook (Slack-compatible) that dqgate posts each judged
                                                day's verdict to (``--notify``; which verdicts: the config's
                                                ``notify.on``, default block and warn); empty: the config's
                                                ``notify.webhook``, if any

Tasks, one run per logical date ({{ ds }} is the partition date):

    dqgate_run ──► load_feature_store

``dqgate_run`` is ``dqgate run`` (check-files → profile → detect → gate) for the day. Its exit code
decides what happens next:

    0  PASS/WARN  the partition was published; load_feature_store runs
    1  error      (unreadable source, bad config, Spark failure): the task fails and Airflow retries it
                  (``retries``, ``retry_delay``); when the retries are used up the run fails
    2  BLOCK      the partition was quarantined: the task is *skipped* (``skip_on_exit_code=2``), never
                  retried, since the same data gives the same verdict; load_feature_store is skipped
                  with it. dqgate itself posts the day's verdict (one message: the summary, the top
                  findings with column and cause) to ``dqgate_notify_webhook``; a failed post never
                  changes the exit code. ``on_skipped_callback`` only logs the skip. After a person looks
                  (``dqgate label --as accepted|rejected``), clear the task to run the day again.

One ``run`` task rather than one task per step (check-files, profile, detect, gate): each dqgate command
is its own Spark application, so four tasks pay Spark's start-up (and on a cluster, executor
allocation) four times a day, and the steps hand over through storage anyway (the metrics repository,
the verdict file). A single task keeps the day atomic: a retry re-runs the whole day, which is safe
because profiling replaces the day's metrics and the gate publishes or quarantines in one rename. What
it costs: the Airflow grid shows one box, so which step failed is in the task log (the last line names
the step), and a retry after a late failure repeats the earlier steps.

``load_feature_store`` here copies the published partition (source files and the
``_DQGATE_VERDICT.json`` marker) into the feature store folder, and refuses a partition without the
marker; replace it with your real loader (Feast materialize, a Spark job, ...) and keep the marker check.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pendulum
from airflow import DAG
from airflow.operators.bash import BashOperator

DATASET = "applications"
# The partition folder dqgate publishes, as in the dataset's source.partitioning.
PARTITION = "dt={{ ds }}"

# Defaults for this checkout: scripts/airflow/ is two levels under the project root.
_PROJECT = str(Path(__file__).resolve().parents[2])
_DEFAULTS = {
    "dqgate_home": os.environ.get("DQGATE_HOME", _PROJECT),
    "dqgate_conf": os.environ.get("DQGATE_CONF", ""),
    "dqgate_publish_to": os.environ.get("DQGATE_PUBLISH_TO", "/data/published"),
    "dqgate_quarantine_to": os.environ.get("DQGATE_QUARANTINE_TO", ""),
    "dqgate_feature_store": os.environ.get("DQGATE_FEATURE_STORE", "/data/feature-store"),
    "dqgate_spark_submit": os.environ.get("DQGATE_SPARK_SUBMIT", ""),
    "dqgate_extra_args": os.environ.get("DQGATE_EXTRA_ARGS", ""),
    "dqgate_notify_webhook": os.environ.get("DQGATE_NOTIFY_WEBHOOK", ""),
}


def _setting(name: str) -> str:
    """A template reading Airflow Variable `name` at run time, falling back to the parse-time default."""
    return "{{ var.value.get(%s, %s) }}" % (json.dumps(name), json.dumps(_DEFAULTS[name]))


# Settings reach the commands as environment variables, so paths are quoted by the shell, not by Jinja.
ENV = {name.upper(): _setting(name) for name in _DEFAULTS}

RUN = f"""
set -u
conf="${{DQGATE_CONF:-$DQGATE_HOME/conf/application.conf}}"
launcher=("$DQGATE_HOME/scripts/dqgate")
if [[ -n "$DQGATE_SPARK_SUBMIT" ]]; then
  launcher+=(--spark-submit $DQGATE_SPARK_SUBMIT --)
fi
args=(run --conf "$conf" --dataset {DATASET} --date {{{{ ds }}}} --publish-to "$DQGATE_PUBLISH_TO")
if [[ -n "$DQGATE_QUARANTINE_TO" ]]; then
  args+=(--quarantine-to "$DQGATE_QUARANTINE_TO")
fi
if [[ -n "$DQGATE_NOTIFY_WEBHOOK" ]]; then
  args+=(--notify "$DQGATE_NOTIFY_WEBHOOK")
fi
cd "$DQGATE_HOME"
exec "${{launcher[@]}}" "${{args[@]}}" $DQGATE_EXTRA_ARGS
"""

LOAD = f"""
set -eu
src="$DQGATE_PUBLISH_TO/{PARTITION}"
dst="$DQGATE_FEATURE_STORE/{PARTITION}"
if [[ ! -f "$src/_DQGATE_VERDICT.json" ]]; then
  echo "load_feature_store: $src has no _DQGATE_VERDICT.json: not published by dqgate, not loading" >&2
  exit 1
fi
mkdir -p "$DQGATE_FEATURE_STORE"
rm -rf "$dst.loading"
cp -R "$src" "$dst.loading"
rm -rf "$dst"
mv "$dst.loading" "$dst"
echo "load_feature_store: loaded $src into $dst"
"""


def report_block(context) -> None:
    """Called when dqgate_run is skipped, i.e. the day was BLOCKed and quarantined. The people are told by
    dqgate's own message to dqgate_notify_webhook (sent once per judged day, with the findings); this
    only leaves a line in Airflow's log."""
    ti = context["ti"]
    print(f"dqgate BLOCK: {DATASET} {context['ds']} quarantined; see the log of {ti.task_id} "
          f"(try {ti.try_number}) for the findings")


with DAG(
    dag_id=f"dqgate_{DATASET}",
    description=f"dqgate: gate each daily partition of {DATASET} before the feature store",
    schedule="@daily",
    start_date=pendulum.datetime(2026, 8, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,  # days are judged against the days before them: one at a time, in order
    default_args={
        "retries": int(os.environ.get("DQGATE_RETRIES", "2")),
        "retry_delay": timedelta(seconds=int(os.environ.get("DQGATE_RETRY_DELAY_SECONDS", "300"))),
    },
    tags=["dqgate", "data-quality"],
    doc_md=__doc__,
) as dag:
    dqgate_run = BashOperator(
        task_id="dqgate_run",
        bash_command=RUN,
        env=ENV,
        append_env=True,
        skip_on_exit_code=2,
        on_skipped_callback=report_block,
    )
    load_feature_store = BashOperator(
        task_id="load_feature_store",
        bash_command=LOAD,
        env=ENV,
        append_env=True,
        skip_on_exit_code=None,
    )
    dqgate_run >> load_feature_store
