package io.dqgate.report;

import io.dqgate.detect.JudgedHistory.BandPoint;
import io.dqgate.detect.JudgedHistory.PcaPoint;
import io.dqgate.vocabulary.Status;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The report's charts: JFreeChart plots drawn onto JFreeSVG's Graphics2D and returned as inline
 * {@code <svg>} elements that scale with the page (a viewBox, no fixed size).
 */
final class Charts {
  static final Color PASS = new Color(0x2e7d32);
  static final Color WARN = new Color(0xe08a00);
  static final Color BLOCK = new Color(0xc62828);
  static final Color NOT_JUDGED = new Color(0xbdbdbd);
  private static final Color VALUE = new Color(0x1f5f99);
  private static final Color BAND_FILL = new Color(0x9ecae1);
  private static final Color EXCLUDED = new Color(0x9e9e9e);
  private static final Color GRID = new Color(0xdddddd);
  private static final Font TITLE = new Font("SansSerif", Font.BOLD, 13);
  private static final long DAY_MILLIS = 86_400_000L;
  static final int WIDTH = 760;
  static final int HALF_WIDTH = 540;

  private Charts() {}

  static Color color(Status status) {
    return switch (status) {
      case PASS -> PASS;
      case WARN -> WARN;
      case BLOCK -> BLOCK;
    };
  }

  /**
   * A metric's history: the value line, the expected band each day, blocked days grey, the day in red. A day
   * far outside its history gets a log axis or a clipped one with the day at the edge ({@link HistoryAxis}).
   */
  static String metric(DayReport.MetricChart chart) {
    HistoryAxis axis = HistoryAxis.of(chart);
    boolean log = axis.kind() == HistoryAxis.Kind.LOG;
    YIntervalSeries band = new YIntervalSeries("expected band");
    XYSeries clean = new XYSeries("value");
    XYSeries excluded = new XYSeries("left out of baselines");
    XYSeries day = new XYSeries(chart.day().toString()
        + (axis.kind().clipped() ? " (off the axis: drawn at its edge)" : ""));
    for (BandPoint p : chart.points()) {
      double x = millis(p.date());
      boolean isDay = p.date().equals(chart.day());
      double low = isDay && !Double.isNaN(chart.expectedLow()) ? chart.expectedLow() : p.expectedLow();
      double high = isDay && !Double.isNaN(chart.expectedHigh()) ? chart.expectedHigh() : p.expectedHigh();
      if (log) { // a band reaching 0 or below ends at the axis' floor
        low = Math.max(low, axis.low());
        high = Math.max(high, axis.low());
      }
      if (!Double.isNaN(low) && !Double.isNaN(high) && !Double.isInfinite(low) && !Double.isInfinite(high)) {
        band.add(x, (low + high) / 2, low, high);
      }
      if (isDay) {
        day.add(x, axis.kind().clipped() ? axis.dayAt() : Double.isNaN(chart.observed()) ? p.value()
            : chart.observed());
      } else if (p.excluded()) {
        excluded.add(x, p.value());
      } else {
        clean.add(x, p.value());
      }
    }
    XYPlot plot = new XYPlot();
    plot.setDomainAxis(dateAxis());
    ValueAxis range = axis.toAxis(chart.metricName() + (log ? " (log scale)" : ""));
    plot.setRangeAxis(range);
    DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
    bandRenderer.setSeriesFillPaint(0, BAND_FILL);
    bandRenderer.setSeriesPaint(0, BAND_FILL);
    bandRenderer.setAlpha(0.45f);
    YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
    bands.addSeries(band);
    plot.setDataset(2, bands);
    plot.setRenderer(2, bandRenderer);
    XYSeriesCollection points = new XYSeriesCollection();
    points.addSeries(clean);
    points.addSeries(excluded);
    points.addSeries(day);
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer();
    lines.setSeriesPaint(0, VALUE);
    lines.setSeriesStroke(0, new BasicStroke(1.8f));
    lines.setSeriesShape(0, dot(5));
    lines.setSeriesPaint(1, EXCLUDED);
    lines.setSeriesLinesVisible(1, false);
    lines.setSeriesShape(1, dot(7));
    lines.setSeriesPaint(2, color(chart.severity()));
    lines.setSeriesLinesVisible(2, false);
    lines.setSeriesShape(2, axis.kind() == HistoryAxis.Kind.CLIPPED_ABOVE ? triangle(14, true)
        : axis.kind() == HistoryAxis.Kind.CLIPPED_BELOW ? triangle(14, false) : dot(12));
    plot.setDataset(0, points);
    plot.setRenderer(0, lines);
    ValueMarker marker = dayMarker(chart.day(), chart.severity());
    plot.addDomainMarker(marker);
    if (axis.kind().clipped()) {
      // the edge the day is drawn at carries its value; the marker's date goes to the other end
      boolean above = axis.kind() == HistoryAxis.Kind.CLIPPED_ABOVE;
      marker.setLabelAnchor(above ? org.jfree.chart.ui.RectangleAnchor.BOTTOM_LEFT
          : org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
      marker.setLabelTextAnchor(above ? TextAnchor.BOTTOM_RIGHT : TextAnchor.TOP_RIGHT);
      XYTextAnnotation label = new XYTextAnnotation(Html.number(chart.observed()) + " off scale    ",
          millis(chart.day()), axis.dayAt());
      label.setFont(new Font("SansSerif", Font.BOLD, 12));
      label.setPaint(color(chart.severity()));
      label.setTextAnchor(TextAnchor.CENTER_RIGHT);
      plot.addAnnotation(label);
    }
    // The band's own legend entry would be blank (no line, no shape): a filled swatch instead.
    LegendItemCollection legend = new LegendItemCollection();
    for (java.util.Iterator<?> it = plot.getLegendItems().iterator(); it.hasNext(); ) {
      LegendItem item = (LegendItem) it.next();
      legend.add(item.getLabel().equals(band.getKey()) ? new LegendItem(item.getLabel(), BAND_FILL) : item);
    }
    plot.setFixedLegendItems(legend);
    return svg(styled(new JFreeChart(chart.title(), TITLE, plot, true)), WIDTH, 300, chart.anchor());
  }

  /** A triangle pointing up (the day lies above the axis) or down, centred on the point. */
  private static java.awt.Shape triangle(double size, boolean up) {
    java.awt.geom.Path2D.Double t = new java.awt.geom.Path2D.Double();
    double h = size / 2;
    t.moveTo(0, up ? -h : h);
    t.lineTo(h, up ? h : -h);
    t.lineTo(-h, up ? h : -h);
    t.closePath();
    return t;
  }

  /** T² above, SPE below, each with its control limit (dashed), on log scales; the day marked. */
  static String pca(DayReport.PcaSection pca, Status status) {
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(dateAxis());
    combined.setGap(12);
    combined.add(pcaPlot("Hotelling T²", pca, PcaPoint::t2, PcaPoint::t2Limit, status), 1);
    combined.add(pcaPlot("SPE", pca, PcaPoint::spe, PcaPoint::speLimit, status), 1);
    JFreeChart chart = new JFreeChart("Metric vector (PCA): T² and SPE against their control limits", TITLE,
        combined, true);
    return svg(styled(chart), WIDTH, 420, DayReport.PCA_ANCHOR);
  }

  private static XYPlot pcaPlot(String name, DayReport.PcaSection pca, Function<PcaPoint, Double> value,
      Function<PcaPoint, Double> limit, Status status) {
    XYSeries values = new XYSeries(name);
    XYSeries limits = new XYSeries(name + " limit");
    XYSeries day = new XYSeries(name + " on " + pca.day());
    double smallestLimit = pca.points().stream().mapToDouble(limit::apply)
        .filter(v -> v > 0 && !Double.isInfinite(v)).min().orElse(1);
    // A log scale keeps a clean day readable beside a contaminated one a thousand times higher; a zero
    // statistic is drawn at the floor instead of minus infinity.
    double floor = smallestLimit / 100;
    for (PcaPoint p : pca.points()) {
      double x = millis(p.date());
      double v = Math.max(floor, value.apply(p));
      (p.date().equals(pca.day()) ? day : values).add(x, v);
      if (!Double.isInfinite(limit.apply(p))) {
        limits.add(x, Math.max(floor, limit.apply(p)));
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(values);
    data.addSeries(limits);
    data.addSeries(day);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    renderer.setSeriesPaint(0, VALUE);
    renderer.setSeriesShape(0, dot(5));
    renderer.setSeriesPaint(1, BLOCK);
    // a short dash per day, so a limit shows even where only one day could be scored
    renderer.setSeriesShape(1, new Rectangle(-5, -1, 10, 2));
    renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
        new float[] {6, 4}, 0));
    renderer.setSeriesPaint(2, color(status));
    renderer.setSeriesLinesVisible(2, false);
    renderer.setSeriesShape(2, dot(12));
    LogAxis axis = new LogAxis(name);
    axis.setSmallestValue(floor);
    axis.setBase(10);
    // Ticks on whole powers of ten, over at least one decade, read as plain numbers (100, 1,000).
    double lowest = Double.MAX_VALUE;
    double highest = 0;
    for (XYSeries series : List.of(values, limits, day)) {
      for (int i = 0; i < series.getItemCount(); i++) {
        lowest = Math.min(lowest, series.getY(i).doubleValue());
        highest = Math.max(highest, series.getY(i).doubleValue());
      }
    }
    if (highest > 0) {
      double lower = Math.pow(10, Math.floor(Math.log10(lowest)));
      double upper = Math.pow(10, Math.ceil(Math.log10(highest * 1.05)));
      axis.setRange(lower, Math.max(upper, lower * 10));
    }
    axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
    axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###"));
    XYPlot plot = new XYPlot(data, null, axis, renderer);
    plot.addDomainMarker(dayMarker(pca.day(), status));
    return plot;
  }

  /** The day's PCA hit shared out over columns, largest first (at most 12 bars). */
  static String contributions(Map<String, Double> byColumn) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    byColumn.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(12)
        .forEach(e -> data.addValue(100 * e.getValue(), "share of T² and SPE", e.getKey()));
    return svg(horizontalBars("Contribution per column on the day (%)", "share (%)", data, 1,
        new Color[] {VALUE}), WIDTH, 60 + 26 * Math.max(3, data.getColumnCount()), DayReport.PCA_ANCHOR + "-contrib");
  }

  /** Today's proportions beside the baseline's, per value. */
  static String categorical(DayReport.CategoricalComparison c, Status status) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (DayReport.Share s : c.shares()) {
      data.addValue(100 * s.today(), "the day", s.value());
      data.addValue(100 * s.baseline(), "baseline (" + c.baselineDays() + " days)", s.value());
    }
    Color today = c.drifted() ? color(status) : VALUE;
    // Drawn narrower than the other charts: two sit side by side, and text must not shrink below legible.
    return svg(horizontalBars(c.column() + ": share of non-null rows (%)", "%", data, 2,
        new Color[] {today, EXCLUDED}), HALF_WIDTH, 80 + 30 * Math.max(2, c.shares().size()), c.anchor());
  }

  /** A drifted numeric column: today's quantiles beside the baseline's. */
  static String numeric(DayReport.NumericComparison n, Status status) {
    XYSeries today = new XYSeries("the day");
    XYSeries baseline = new XYSeries("baseline (" + n.baselineDays() + " days)");
    for (int i = 0; i < n.probabilities().length; i++) {
      today.add(100 * n.probabilities()[i], n.today()[i]);
      baseline.add(100 * n.probabilities()[i], n.baseline()[i]);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(today);
    data.addSeries(baseline);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    renderer.setSeriesPaint(0, color(status));
    renderer.setSeriesShape(0, dot(6));
    renderer.setSeriesPaint(1, EXCLUDED);
    renderer.setSeriesShape(1, dot(5));
    NumberAxis y = new NumberAxis(n.column());
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, new NumberAxis("percentile"), y, renderer);
    return svg(styled(new JFreeChart(n.column() + ": quantiles of the day and the baseline", TITLE, plot, true)),
        WIDTH, 300, n.anchor());
  }

  /** Rows per day over the overview's range, each bar coloured by the day's verdict. */
  static String volume(Overview overview) {
    XYSeries rows = new XYSeries("rows");
    List<Overview.Day> days = overview.days();
    for (Overview.Day d : days) {
      rows.add(millis(d.date()), Double.isNaN(d.rowCount()) ? 0 : d.rowCount());
    }
    XYBarRenderer renderer = new XYBarRenderer(0.15) {
      @Override
      public Paint getItemPaint(int series, int item) {
        return days.get(item).status().map(Charts::color).orElse(NOT_JUDGED);
      }
    };
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    XYSeriesCollection data = new XYSeriesCollection(rows);
    data.setIntervalWidth(DAY_MILLIS); // a bar per day, not a hairline
    XYPlot plot = new XYPlot(data, dateAxis(), new NumberAxis("rows"), renderer);
    JFreeChart chart = new JFreeChart("Rows per day, coloured by verdict", TITLE, plot, false);
    return svg(styled(chart), WIDTH, 260, "overview-volume");
  }

  private static JFreeChart horizontalBars(String title, String valueLabel, DefaultCategoryDataset data,
      int series, Color[] colors) {
    CategoryAxis categories = new CategoryAxis();
    categories.setMaximumCategoryLabelWidthRatio(0.35f);
    NumberAxis values = new NumberAxis(valueLabel);
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.05);
    for (int i = 0; i < series; i++) {
      renderer.setSeriesPaint(i, colors[i]);
    }
    CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeGridlinePaint(GRID);
    plot.setBackgroundPaint(Color.WHITE);
    JFreeChart chart = new JFreeChart(title, TITLE, plot, series > 1);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static JFreeChart styled(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setTitle(new TextTitle(chart.getTitle().getText(), TITLE));
    if (chart.getPlot() instanceof XYPlot plot) {
      plot.setBackgroundPaint(Color.WHITE);
      plot.setDomainGridlinePaint(GRID);
      plot.setRangeGridlinePaint(GRID);
      if (plot instanceof CombinedDomainXYPlot combined) {
        for (XYPlot sub : combined.getSubplots()) {
          sub.setBackgroundPaint(Color.WHITE);
          sub.setDomainGridlinePaint(GRID);
          sub.setRangeGridlinePaint(GRID);
        }
      }
    }
    return chart;
  }

  private static ValueAxis dateAxis() {
    DateAxis axis = new DateAxis();
    axis.setTimeZone(TimeZone.getTimeZone("UTC"));
    // Whole days at least: partitions are days, and hour ticks would repeat a day's label.
    TickUnits units = new TickUnits();
    for (int days : new int[] {1, 2, 7, 14, 28, 56, 91, 182, 364}) {
      units.add(new DateTickUnit(DateTickUnitType.DAY, days));
    }
    axis.setStandardTickUnits(units);
    SimpleDateFormat format = new SimpleDateFormat("MMM d", Locale.ENGLISH);
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
    axis.setDateFormatOverride(format);
    axis.setLowerMargin(0.02);
    axis.setUpperMargin(0.02);
    return axis;
  }

  private static ValueMarker dayMarker(LocalDate day, Paint paint) {
    ValueMarker marker = new ValueMarker(millis(day));
    marker.setPaint(paint);
    marker.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {3, 3}, 0));
    marker.setLabel(day.toString());
    marker.setLabelFont(new Font("SansSerif", Font.PLAIN, 11));
    marker.setLabelPaint(paint);
    marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
    marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
    marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_RIGHT);
    return marker;
  }

  private static ValueMarker dayMarker(LocalDate day, io.dqgate.vocabulary.Severity severity) {
    return dayMarker(day, color(severity));
  }

  private static ValueMarker dayMarker(LocalDate day, Status status) {
    return dayMarker(day, (Paint) color(status));
  }

  static Color color(io.dqgate.vocabulary.Severity severity) {
    return switch (severity) {
      case BLOCK -> BLOCK;
      case WARN -> WARN;
      default -> VALUE;
    };
  }

  private static Ellipse2D dot(double size) {
    return new Ellipse2D.Double(-size / 2, -size / 2, size, size);
  }

  private static double millis(LocalDate date) {
    return date.toEpochDay() * DAY_MILLIS;
  }

  /**
   * Draws a chart as an inline SVG element. {@code id} prefixes the element's own clip-path ids, so that
   * many charts share one HTML document without clashing.
   */
  static String svg(JFreeChart chart, int width, int height, String id) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix(id + "-");
    chart.draw(g, new Rectangle(0, 0, width, height));
    return g.getSVGElement(id + "-chart", false, new ViewBox(0, 0, width, height), PreserveAspectRatio.XMID_YMID,
        MeetOrSlice.MEET);
  }
}
