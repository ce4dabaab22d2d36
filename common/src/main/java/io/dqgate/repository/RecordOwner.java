package io.dqgate.repository;

import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;

/**
 * Who writes a record of a day. A write replaces only its owner's records of that day, so re-profiling a
 * day keeps its file checks, its verdict, a person's label, the detection calibration and the audit sample.
 */
public enum RecordOwner {
  /** check-files: file counters, sizes, checksums, the header seen. */
  FILES,
  /** profile (and backfill): the partition's metrics and the static rules. */
  PROFILE,
  /** detect / run: the verdict of the day. */
  VERDICT,
  /** label: a person's word on the day. */
  LABEL,
  /** detection's calibration: the day's detector scores replayed against the days before it. */
  CALIBRATION,
  /** run / detect with a webhook: whether and what the day's verdict announced. */
  NOTIFICATION,
  /** sample (and run --sample-to): the day's audit sample summary. */
  AUDIT;

  /** Metric names the calibration owner writes start with this. */
  public static final String CALIBRATION_PREFIX = "calibration.";

  /** The owner of a record, from its metric name. */
  public static RecordOwner of(MetricRecord record) {
    String metric = record.metric();
    if (MetricNames.FILE_METRICS.contains(metric)) {
      return FILES;
    }
    if (metric.equals(MetricNames.VERDICT_STATUS)) {
      return VERDICT;
    }
    if (metric.equals(MetricNames.LABEL)) {
      return LABEL;
    }
    if (metric.equals(MetricNames.NOTIFICATION)) {
      return NOTIFICATION;
    }
    if (metric.equals(MetricNames.AUDIT_SAMPLE)) {
      return AUDIT;
    }
    if (metric.startsWith(CALIBRATION_PREFIX)) {
      return CALIBRATION;
    }
    return PROFILE;
  }

  /** The owner's name in files and messages: {@code files}, {@code profile}, … */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
