package io.dqgate.report;

import io.dqgate.detect.JudgedHistory.BandPoint;
import java.text.DecimalFormat;
import java.util.Arrays;
import java.util.stream.DoubleStream;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;

/**
 * The value axis of a metric's history chart. When the judged day lies far outside its history (a null
 * fraction of 0.4 after weeks at 0.03, a row count 100 times the usual), an axis spanning both squashes the
 * history into a flat line; then the axis is either logarithmic (every value positive and the history, on a
 * log axis reaching the day, still covers a quarter of it: counts that already vary by a factor of ten) or
 * clipped to the history, the day drawn at the edge and labelled with its value.
 *
 * @param kind how the axis is drawn
 * @param low the axis' lower bound
 * @param high the axis' upper bound
 * @param dayAt where the day's point is drawn (its value, or the edge for a clipped axis)
 */
record HistoryAxis(Kind kind, double low, double high, double dayAt) {
  /** A day further from its history than this many history spans is "far outside" it. */
  static final double FAR = 4;
  /** The least share of a log axis the history must keep for a log axis to be chosen. */
  static final double LOG_HISTORY_SHARE = 0.25;
  /** Values spanning this factor or more span orders of magnitude. */
  static final double ORDERS_OF_MAGNITUDE = 100;

  enum Kind {
    /** Everything on one linear axis: the day is near its history. */
    LINEAR,
    /** A log axis: all values positive, spanning orders of magnitude. */
    LOG,
    /** A linear axis over the history; the day beyond it is drawn at the edge with its value written. */
    CLIPPED_ABOVE,
    CLIPPED_BELOW;

    boolean clipped() {
      return this == CLIPPED_ABOVE || this == CLIPPED_BELOW;
    }
  }

  static HistoryAxis of(DayReport.MetricChart chart) {
    DoubleStream.Builder values = DoubleStream.builder();
    double day = chart.observed();
    for (BandPoint p : chart.points()) {
      if (!p.date().equals(chart.day())) {
        values.add(p.value());
      } else if (Double.isNaN(day)) {
        day = p.value();
      }
    }
    // the day's band, not every day's: a band far wider than the data (a detector's floor on a metric that
    // sits at 0) is clipped rather than squashing the history
    return of(finite(values.build()), finite(DoubleStream.of(chart.expectedLow(), chart.expectedHigh())), day);
  }

  /**
   * @param history the values of the days before the judged one
   * @param bands the bounds of the judged day's expected band
   * @param day the judged day's value (NaN when it has none)
   */
  static HistoryAxis of(double[] history, double[] bands, double day) {
    double[] shown = DoubleStream.concat(Arrays.stream(history), Arrays.stream(bands)).toArray();
    boolean dayFinite = Double.isFinite(day);
    if (shown.length == 0 || history.length == 0 || !dayFinite) {
      double[] all = dayFinite ? DoubleStream.concat(Arrays.stream(shown), DoubleStream.of(day)).toArray() : shown;
      return linear(all, day);
    }
    double low = Arrays.stream(shown).min().getAsDouble();
    double high = Arrays.stream(shown).max().getAsDouble();
    double span = high > low ? high - low : Math.max(Math.abs(high), 1e-9);
    boolean above = day > high + FAR * span;
    boolean below = day < low - FAR * span;
    if (!above && !below) {
      return linear(DoubleStream.concat(Arrays.stream(shown), DoubleStream.of(day)).toArray(), day);
    }
    double valuesLow = Arrays.stream(history).min().getAsDouble();
    double valuesHigh = Arrays.stream(history).max().getAsDouble();
    double smallest = Math.min(valuesLow, day);
    double largest = Math.max(valuesHigh, day);
    if (smallest > 0 && largest / smallest >= ORDERS_OF_MAGNITUDE) {
      double axisLow = smallest / 1.5;
      double axisHigh = largest * 1.5;
      double share = Math.log(valuesHigh / valuesLow) / Math.log(axisHigh / axisLow);
      if (share >= LOG_HISTORY_SHARE) {
        return new HistoryAxis(Kind.LOG, axisLow, axisHigh, day);
      }
    }
    double margin = 0.08 * span;
    // room beyond the history for the day's point and its label
    double headroom = 0.3 * span;
    return above ? new HistoryAxis(Kind.CLIPPED_ABOVE, low - margin, high + headroom, high + 0.8 * headroom)
        : new HistoryAxis(Kind.CLIPPED_BELOW, low - headroom, high + margin, low - 0.8 * headroom);
  }

  /** Every value on one axis, with a margin. */
  private static HistoryAxis linear(double[] values, double day) {
    if (values.length == 0) {
      return new HistoryAxis(Kind.LINEAR, Double.NaN, Double.NaN, day);
    }
    double low = Arrays.stream(values).min().getAsDouble();
    double high = Arrays.stream(values).max().getAsDouble();
    double margin = high > low ? 0.08 * (high - low) : Math.max(0.5 * Math.abs(high), 0.5);
    return new HistoryAxis(Kind.LINEAR, low - margin, high + margin, day);
  }

  private static double[] finite(DoubleStream values) {
    return values.filter(Double::isFinite).toArray();
  }

  /** The JFreeChart axis: logarithmic with a tick per power of ten, or linear over the range. */
  ValueAxis toAxis(String label) {
    if (kind == Kind.LOG) {
      LogAxis log = new LogAxis(label);
      log.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
      log.setTickUnit(new NumberTickUnit(1));
      log.setRange(low, high);
      return log;
    }
    NumberAxis linear = new NumberAxis(label);
    linear.setAutoRangeIncludesZero(false);
    if (hasRange()) {
      linear.setRange(low, high);
    }
    return linear;
  }

  /** Whether the axis has a range of its own (false: no finite value to show; the chart picks one). */
  boolean hasRange() {
    return Double.isFinite(low) && Double.isFinite(high);
  }
}
