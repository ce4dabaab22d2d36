package io.dqgate.drift;

import java.util.Locale;

/**
 * How one cell moved: a categorical value (or {@link CategoricalDistribution#OTHER}) or a numeric bin such as
 * {@code (1.5, 2.25]}. {@code psiTerm} is the cell's share of the PSI, so cells can be ranked either by how far
 * they moved or by how much they drove the index.
 */
public record Shift(String cell, double baseline, double current, double psiTerm) {
  public double change() {
    return current - baseline;
  }

  /** For example {@code gender: 'male' 0% → 12.0%}; numeric bins are written without quotes. */
  public String describe(String column, boolean quoted) {
    String name = quoted && !cell.equals(CategoricalDistribution.OTHER) ? "'" + cell + "'" : cell;
    return column + ": " + name + " " + percent(baseline) + " → " + percent(current);
  }

  static String percent(double p) {
    if (Double.isNaN(p)) {
      return "n/a";
    }
    if (p == 0) {
      return "0%";
    }
    double pct = 100 * p;
    // Small shares keep two significant digits, so a new value at 0.04% does not read as 0.0%.
    return pct < 1 ? String.format(Locale.ROOT, "%.2g%%", pct) : String.format(Locale.ROOT, "%.1f%%", pct);
  }
}
