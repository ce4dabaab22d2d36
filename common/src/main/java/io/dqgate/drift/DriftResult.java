package io.dqgate.drift;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One column's drift against its baseline: every distance, which ones crossed their thresholds, and the cells
 * that moved most, so a caller can say what changed ("gender: 'male' 0% → 12.0%").
 *
 * <p>{@code lInfinity} is the largest change of a category's proportion for categoricals and the
 * Kolmogorov–Smirnov distance sup |F1 - F2| for numerics; {@code jsDivergence} is the divergence (log2, [0, 1]),
 * {@link #jsDistance()} its square root. {@code chiSquare} is {@link ChiSquareResult#NOT_APPLICABLE} for
 * numerics. When a side is empty or unusable the distances are NaN, nothing crosses, and {@code note} says why;
 * {@code note} is empty otherwise, or mentions values folded into other because a list was truncated.
 */
public record DriftResult(
    String column,
    Kind kind,
    long baselineCount,
    long currentCount,
    double psi,
    double jsDivergence,
    double lInfinity,
    ChiSquareResult chiSquare,
    List<Shift> topShifts,
    List<Crossing> crossings,
    String note) {

  public enum Kind {
    CATEGORICAL,
    NUMERIC
  }

  public enum Measure {
    PSI("psi"),
    JS_DIVERGENCE("js_divergence"),
    L_INFINITY("l_infinity"),
    KS("ks"),
    CHI_SQUARE("chi_square");

    private final String label;

    Measure(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * A measure at or over its threshold. For χ² {@code value} is Cramér's V and {@code threshold} the V limit (the
   * p-value was below its own limit too). {@code blockWorthy} marks PSI at or above its block level.
   */
  public record Crossing(Measure measure, double value, double threshold, boolean blockWorthy) {}

  public DriftResult {
    topShifts = List.copyOf(topShifts);
    crossings = List.copyOf(crossings);
  }

  /** sqrt of the JS divergence: the Jensen–Shannon distance, a metric in [0, 1]. */
  public double jsDistance() {
    return Math.sqrt(jsDivergence);
  }

  /** False when a side was empty or unusable, so no distance could be computed. */
  public boolean comparable() {
    return !Double.isNaN(psi);
  }

  public boolean drifted() {
    return !crossings.isEmpty();
  }

  public boolean blockWorthy() {
    return crossings.stream().anyMatch(Crossing::blockWorthy);
  }

  /**
   * One line for a finding, e.g. {@code gender: psi 0.854 >= 0.25, l_infinity 0.120 >= 0.1; gender: 'male' 0%
   * → 12.0%, gender: 'female' 50.0% → 44.0%}; a column without drift says so.
   */
  public String explain() {
    if (!comparable()) {
      return column + ": not compared (" + note + ")";
    }
    String crossed = crossings.isEmpty() ? "no drift"
        : crossings.stream()
            .map(c -> String.format(Locale.ROOT, "%s %.3f >= %s", c.measure().label(), c.value(), c.threshold()))
            .collect(Collectors.joining(", "));
    boolean quoted = kind == Kind.CATEGORICAL;
    String moves = topShifts.stream().map(s -> s.describe(column, quoted)).collect(Collectors.joining(", "));
    return column + ": " + crossed + (moves.isEmpty() ? "" : "; " + moves);
  }
}
