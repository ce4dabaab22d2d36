package io.dqgate.detect;

import io.dqgate.anomaly.LeaveOneOut;
import io.dqgate.vocabulary.Finding;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One detector's score of one thing on a day, and the finding it becomes if it is reported.
 *
 * @param key what was scored, stable across days ("series:income.null_fraction", "pca", "drift:gender");
 *     null for a finding that is reported on the detector's own rule and never calibrated (a signature such
 *     as a fraction jumping to exactly 1)
 * @param family the detector family, which sets the least tail scale of the score ({@link Calibration})
 * @param score the detector's score (larger is stranger)
 * @param finding the finding, its severity set by the fixed rules (used while there is too little history
 *     to calibrate)
 * @param fixedAlarm whether the fixed rules report it
 * @param warnSeverity the config severity of a calibrated warning of this kind
 * @param blockSeverity the config severity of a calibrated block of this kind (the same as
 *     {@code warnSeverity} where the kind may not block)
 * @param withinOwnSpread whether the baseline's own days, scored against each other, move as much as today
 *     ({@link LeaveOneOut}); asked only of a fixed rule's alarm before calibration, so it may be costly
 * @param moved the columns a score over many columns saw move with it, beside its finding's own (the metric
 *     vector's larger contributions); empty for a score of one column
 * @param severeAlarm whether the fixed rule's alarm reaches its detector's severe level (a series score at the
 *     block score, a metric vector past its severe confidence, a drift at its block level); false for the
 *     families that have none
 */
record Scored(String key, String family, double score, Finding finding, boolean fixedAlarm, String warnSeverity,
    String blockSeverity, BooleanSupplier withinOwnSpread, Set<String> moved, boolean severeAlarm) {

  private static final BooleanSupplier UNKNOWN = () -> false;

  Scored(String key, String family, double score, Finding finding, boolean fixedAlarm, String warnSeverity,
      String blockSeverity) {
    this(key, family, score, finding, fixedAlarm, warnSeverity, blockSeverity, UNKNOWN, Set.of(), false);
  }

  Scored(String key, String family, double score, Finding finding, boolean fixedAlarm, String warnSeverity,
      String blockSeverity, BooleanSupplier withinOwnSpread, boolean severeAlarm) {
    this(key, family, score, finding, fixedAlarm, warnSeverity, blockSeverity, withinOwnSpread, Set.of(),
        severeAlarm);
  }

  /** A finding reported by its detector's own rule, outside calibration. */
  static Scored uncalibrated(Finding finding) {
    return new Scored(null, finding.detector(), finding.score(), finding, true, null, null);
  }
}
