package io.dqgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.detect.JudgedHistory.BandPoint;
import io.dqgate.vocabulary.Severity;
import io.dqgate.testing.HeadlessChromium;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A metric's history chart with the judged day far outside it, drawn by a real browser (headless
 * {@code chromium}): the history must stay readable. Measured on the screenshot: how many pixel rows the
 * history's line covers inside the plot, and where the day's point is. Pages and screenshots are kept in
 * {@code target/chart-browser-test}.
 */
class ChartReadabilityBrowserTest {
  static final Path CHROMIUM = HeadlessChromium.BINARY;
  static final LocalDate DAY = LocalDate.of(2026, 8, 21);
  /** The value line's colour ({@code Charts.VALUE}) and the BLOCK colour of the day's point. */
  static final int VALUE = 0x1f5f99;
  static final int BLOCK = 0xc62828;

  @TempDir
  Path dir;

  @Test
  void aDayAHundredTimesItsHistoryLeavesTheHistoryReadable() throws Exception {
    double[] history = {9, 10, 11, 10, 9, 11, 10, 10, 9, 11, 10, 9, 11, 10, 10, 9, 11, 10, 10, 11};
    Picture far = draw("narrow-100x", chart(history, 1000, 8.5, 11.5));
    Picture near = draw("narrow-near", chart(history, 10.5, 8.5, 11.5));
    // the history covers about as much height as beside an ordinary day, not a flat line at the bottom
    assertThat(far.valueRows()).isGreaterThanOrEqualTo(near.valueRows() * 7 / 10).isGreaterThan(80);
    assertThat(far.dom()).contains("1000 off scale");
    // the day's point is drawn at the top edge of the plot, above every history point
    assertThat(far.dayTop()).isLessThan(far.valueTop());
  }

  @Test
  void aHistoryAtZeroStaysVisibleBesideADayFarAbove() throws Exception {
    double[] zeros = new double[20];
    Picture far = draw("zeros", chart(zeros, 365, -6, 6));
    assertThat(far.dom()).contains("365 off scale");
    assertThat(far.dayTop()).isLessThan(far.valueTop());
    assertThat(far.valueTop() - far.dayTop()).as("the day's point sits well above the history's line")
        .isGreaterThan(40);
  }

  @Test
  void countsThatVaryByADecadeAndADayAHundredTimesHigherGetALogAxis() throws Exception {
    double[] counts = new double[21];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = i % 7 >= 5 ? 100 + i : 1000 + 10 * i;
    }
    Picture far = draw("decade-log", chart(counts, 110_000, 50, 1500));
    assertThat(far.valueRows()).isGreaterThan(50);
    assertThat(far.dayTop()).isLessThan(far.valueTop());
  }

  private static DayReport.MetricChart chart(double[] history, double day, double low, double high) {
    List<BandPoint> points = new ArrayList<>();
    LocalDate first = DAY.minusDays(history.length);
    for (int i = 0; i < history.length; i++) {
      points.add(new BandPoint(first.plusDays(i), history[i], low, high, false));
    }
    points.add(new BandPoint(DAY, day, low, high, false));
    return new DayReport.MetricChart("metric-x", "x: history", "x.metric", points, DAY, day, low, high,
        Severity.BLOCK);
  }

  /** What the browser drew: the page's DOM and, on the screenshot, where the value line and the day are. */
  record Picture(String dom, int valueTop, int valueRows, int dayTop) {}

  private Picture draw(String name, DayReport.MetricChart chart) throws Exception {
    assertThat(Files.isExecutable(CHROMIUM))
        .as("the browser test needs Debian's chromium at " + CHROMIUM + ": `apt-get install chromium`").isTrue();
    Path artifacts = Files.createDirectories(Path.of("target", "chart-browser-test"));
    Path page = artifacts.resolve(name + ".html");
    // the chart without its legend's rows below the plot: the page crops the figure to the plot area
    Files.writeString(page, Html.page(name, "<main><section id=\"metrics\"><figure>" + Charts.metric(chart)
        + "</figure></section></main>"), StandardCharsets.UTF_8);
    String dom = chromium(page, "--dump-dom");
    Path png = artifacts.resolve(name + ".png");
    Files.deleteIfExists(png);
    chromium(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=840,420");
    BufferedImage image = ImageIO.read(png.toFile());
    int legendTop = legendTop(image);
    int valueTop = Integer.MAX_VALUE;
    int dayTop = Integer.MAX_VALUE;
    java.util.Set<Integer> valueRows = new java.util.TreeSet<>();
    for (int y = 0; y < legendTop; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        if (close(rgb, VALUE)) {
          valueRows.add(y);
          valueTop = Math.min(valueTop, y);
        }
        if (close(rgb, BLOCK) && isBlob(image, x, y)) {
          dayTop = Math.min(dayTop, y);
        }
      }
    }
    return new Picture(dom, valueTop, valueRows.size(), dayTop);
  }

  /** The first pixel row, from the bottom up, above which the legend (a row of text and swatches) starts. */
  private static int legendTop(BufferedImage image) {
    // the plot's frame is the lowest long horizontal grey line; the legend lies below it
    for (int y = image.getHeight() - 1; y >= 0; y--) {
      int run = 0;
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        run = rgb != 0xffffff && !close(rgb, 0xf4f6f8) && gray(rgb) ? run + 1 : 0;
        if (run > image.getWidth() / 2) {
          return y;
        }
      }
    }
    return image.getHeight();
  }

  /** A filled shape, not the day's thin vertical marker line: BLOCK-coloured pixels 4 wide. */
  private static boolean isBlob(BufferedImage image, int x, int y) {
    if (x + 3 >= image.getWidth()) {
      return false;
    }
    for (int dx = 1; dx <= 3; dx++) {
      if (!close(image.getRGB(x + dx, y) & 0xffffff, BLOCK)) {
        return false;
      }
    }
    return true;
  }

  private static boolean gray(int rgb) {
    int r = rgb >> 16 & 0xff;
    int g = rgb >> 8 & 0xff;
    int b = rgb & 0xff;
    return Math.abs(r - g) < 8 && Math.abs(g - b) < 8 && r < 235;
  }

  private static boolean close(int a, int b) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)) > 24) {
        return false;
      }
    }
    return true;
  }

  private String chromium(Path page, String... args) throws Exception {
    return HeadlessChromium.run(page, dir, args);
  }
}
