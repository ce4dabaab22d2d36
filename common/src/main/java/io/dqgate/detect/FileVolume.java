package io.dqgate.detect;

import io.dqgate.metrics.MetricNames;
import io.dqgate.vocabulary.FileCheck;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The file check's volume warning, read beside the series detectors' judgement of the same volume. The file
 * check holds a day to a fixed bound around its weekday's median (±50 % by default); the series detectors
 * judge rows and bytes against the feed's own variation, with a weekly pattern, and once there is history
 * against the alarm budget. Where they judged the day's volume and none of them alarmed, the file check's
 * warning is kept as INFO: one quantity, one verdict, from the judge that knows the feed.
 */
final class FileVolume {
  /** Series that judge how much data the day holds. */
  static final Set<String> AMOUNT_METRICS = Set.of(MetricNames.ROW_COUNT, MetricNames.TOTAL_ROWS,
      MetricNames.TOTAL_BYTES);
  /** Series whose alarm is about the day's volume. */
  static final Set<String> VOLUME_METRICS = Set.of(MetricNames.ROW_COUNT, MetricNames.TOTAL_ROWS,
      MetricNames.TOTAL_BYTES, MetricNames.FILE_COUNT);

  private FileVolume() {}

  /**
   * {@code findings} with each file volume WARN as INFO when a series of the day's rows or bytes was scored
   * and no volume series reported at WARN or above.
   */
  static List<Finding> deferToSeries(List<Finding> findings, List<Scored> scores) {
    Optional<Scored> judged = scores.stream()
        .filter(s -> s.key() != null && AMOUNT_METRICS.stream().anyMatch(m -> s.key().equals("series:" + m)))
        .max(Comparator.comparingDouble(Scored::score));
    if (judged.isEmpty() || findings.stream().anyMatch(FileVolume::seriesVolumeAlarm)) {
      return findings;
    }
    Scored s = judged.get();
    String note = String.format(Locale.ROOT, "; within the feed's own variation by the %s series (score %.1f)",
        s.key().substring("series:".length()), s.score());
    return findings.stream().map(f -> fileVolumeWarning(f) ? f.withSeverity(Severity.INFO, f.message() + note) : f)
        .toList();
  }

  private static boolean fileVolumeWarning(Finding f) {
    return "files".equals(f.detector()) && FileCheck.VOLUME.label().equals(f.metric())
        && f.severity() == Severity.WARN;
  }

  private static boolean seriesVolumeAlarm(Finding f) {
    return "series".equals(f.detector()) && f.column() == null && VOLUME_METRICS.contains(f.metric())
        && f.severity().compareTo(Severity.WARN) >= 0;
  }
}
