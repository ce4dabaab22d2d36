package io.dqgate.anomaly;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Judges one metric's value for a day against the same metric's earlier days. */
public interface SeriesDetector {

  /**
   * @param history values strictly before {@code today}, ascending by date, one per date, no NaN; days may
   *     be missing
   * @return empty when the history is too short for this detector to say anything (cold start) — a caller
   *     must then warn that the metric was not judged, never treat it as a pass
   */
  Optional<SeriesVerdict> judge(List<SeriesPoint> history, LocalDate today, double observed);
}
