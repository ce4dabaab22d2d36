package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.testing.SparkExtension;
import io.dqgate.testing.HeadlessChromium;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a blocked day, written through the command line and opened in a real browser: Debian's
 * {@code chromium}, headless, with no network. Checks the sections and charts the browser parsed and that
 * the screenshot shows a page. The page and screenshot are kept in {@code target/report-browser-test} for
 * a person (or a CI artifact) to look at.
 */
@ExtendWith(SparkExtension.class)
class ReportBrowserTest {
  static final Path CHROMIUM = HeadlessChromium.BINARY;
  /**
   * 20 days before the blocked one: enough for the PCA baseline (14 clean days) with a few to spare, days that
   * warned (out of baselines until confirmed) included.
   */
  static final LocalDate START = LocalDate.of(2026, 8, 1);
  static final LocalDate BLOCKED_DAY = LocalDate.of(2026, 8, 21);
  static final Pattern EXTERNAL = Pattern.compile("(?:src|href)\\s*=\\s*[\"']?\\s*(?:https?:)?//",
      Pattern.CASE_INSENSITIVE);

  @TempDir
  Path dir;

  @Test
  void blockedDayReportRendersInHeadlessChromium() throws Exception {
    assertThat(Files.isExecutable(CHROMIUM))
        .as("the browser test needs Debian's chromium at " + CHROMIUM + ": install it with "
            + "`apt-get install chromium` (.ci/run does this when it is missing)")
        .isTrue();
    Path feed = dir.resolve("feed").resolve("applications");
    // A seed no other test uses: partitions written only here.
    SampleFeedGenerator.builder().seed(20260821).start(START).days(21).contaminatedDay(BLOCKED_DAY)
        .rowsPerWeekday(300).build().write(feed);
    breakOneFile(feed.resolve(SampleFeedGenerator.partitionFolder(BLOCKED_DAY)));
    String[] dataset = {"--conf", "../conf/application.conf", "--dataset", "applications",
        "--set", "datasets.applications.source.path=" + feed, "--repository", dir.resolve("repo").toString()};
    LocalDate end = BLOCKED_DAY;
    run(dataset, "backfill", "--from", START.toString(), "--to", end.toString());
    run(dataset, "backtest", "--from", START.toString(), "--to", end.toString());

    CommandLineTest.Result sample = run(dataset, "sample", "--date", BLOCKED_DAY.toString(), "--out",
        dir.resolve("audit").toString(), "--out-format", "csv");
    assertThat(sample.out()).startsWith("audit sample applications " + BLOCKED_DAY + ": ");

    Path artifacts = Files.createDirectories(Path.of("target", "report-browser-test"));
    Path page = artifacts.resolve("report-" + BLOCKED_DAY + ".html");
    CommandLineTest.Result report = run(dataset, "report", "--date", BLOCKED_DAY.toString(), "--out", page.toString());
    assertThat(report.out()).contains("BLOCK");
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertSelfContained(html);

    String dom = chromium(page, "--dump-dom");
    assertThat(dom).contains("class=\"verdict BLOCK\"").contains(">BLOCK<");
    assertThat(svgsIn(dom, "findings")).isZero();
    assertThat(rowsIn(dom, "findings")).isGreaterThanOrEqualTo(4);
    assertThat(svgsIn(dom, "metrics")).as("one history chart per finding's metric").isGreaterThanOrEqualTo(3);
    assertThat(svgsIn(dom, "pca")).as("T²/SPE over time and the contributions").isEqualTo(2);
    assertThat(svgsIn(dom, "categoricals")).as("gender, region, channel, ...").isGreaterThanOrEqualTo(2);
    assertThat(section(dom, "files")).contains("part-00000.csv").contains("checksum-mismatch");
    for (String anchor : anchors(dom)) {
      assertThat(dom).as("a finding links to #" + anchor).contains("id=\"" + anchor + "\"");
    }
    assertThat(section(dom, "metrics")).contains("outside the band");
    // the audit sample beside the findings: its strata and its first rows, each with why it was drawn
    String audit = section(dom, "audit");
    assertThat(audit).contains("income is null or blank").contains("key (application_id) occurs more than once")
        .contains("<th>_dq_reason</th>").contains("ordinary row, drawn at random");
    assertThat(count(audit, "<tr>")).as("a header and 20 sample rows, plus the strata table").isGreaterThan(21);
    assertThat(dom.indexOf("<section id=\"audit\"")).isGreaterThan(dom.indexOf("<section id=\"findings\""))
        .isLessThan(dom.indexOf("<section id=\"metrics\""));

    Path screenshot = artifacts.resolve("report-" + BLOCKED_DAY + ".png");
    Files.deleteIfExists(screenshot);
    chromium(page, "--screenshot=" + screenshot.toAbsolutePath(), "--window-size=1280,3000");
    assertNotBlank(screenshot, true);

    Path overview = artifacts.resolve("overview.html");
    run(dataset, "report", "--from", START.toString(), "--to", end.toString(), "--out", overview.toString());
    assertSelfContained(Files.readString(overview, StandardCharsets.UTF_8));
    String overviewDom = chromium(overview, "--dump-dom");
    assertThat(overviewDom).contains("class=\"cell BLOCK\" data-date=\"" + BLOCKED_DAY + "\"");
    assertThat(svgsIn(overviewDom, "volume")).isEqualTo(1);
    Path overviewShot = artifacts.resolve("overview.png");
    Files.deleteIfExists(overviewShot);
    chromium(overview, "--screenshot=" + overviewShot.toAbsolutePath(), "--window-size=1280,1200");
    assertNotBlank(overviewShot, false);
  }

  /** A row with one field too many, appended after the manifest was written: malformed and checksum off. */
  private static void breakOneFile(Path partition) throws IOException {
    Path csv = partition.resolve(SampleFeedGenerator.DATA_FILE);
    Files.writeString(csv, "x,y,z,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static CommandLineTest.Result run(String[] dataset, String... command) {
    String[] argv = java.util.Arrays.copyOf(command, command.length + dataset.length);
    System.arraycopy(dataset, 0, argv, command.length, dataset.length);
    CommandLineTest.Result result = CommandLineTest.run(argv);
    assertThat(result.code()).as(String.join(" ", command) + ": " + result.err()).isEqualTo(Main.OK);
    return result;
  }

  private static void assertSelfContained(String html) {
    Matcher external = EXTERNAL.matcher(html);
    if (external.find()) {
      throw new AssertionError("the page references something outside itself: "
          + html.substring(external.start(), Math.min(html.length(), external.start() + 80)));
    }
    assertThat(html).doesNotContain("<script").doesNotContain("@import").doesNotContain("<img")
        .doesNotContain("<link");
    // SVG clip paths refer to ids in the page (url(#...)); nothing else may be fetched
    assertThat(html.replace("url(#", "")).doesNotContain("url(");
  }

  private String chromium(Path page, String... args) throws Exception {
    return HeadlessChromium.run(page, dir, args);
  }

  /** The text of {@code <section id="name">} up to its closing tag (sections do not nest). */
  static String section(String dom, String id) {
    int start = dom.indexOf("<section id=\"" + id + "\"");
    assertThat(start).as("section #" + id).isGreaterThanOrEqualTo(0);
    int end = dom.indexOf("</section>", start);
    return dom.substring(start, end);
  }

  static int svgsIn(String dom, String id) {
    return count(section(dom, id), "<svg");
  }

  static int rowsIn(String dom, String id) {
    return count(section(dom, id), "<tr id=\"finding-");
  }

  static Set<String> anchors(String dom) {
    Set<String> out = new HashSet<>();
    Matcher m = Pattern.compile("href=\"#([^\"]+)\"").matcher(section(dom, "findings"));
    while (m.find()) {
      out.add(m.group(1));
    }
    assertThat(out).as("findings link to their charts").isNotEmpty();
    return out;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /** Not a blank page: many colours, much non-white, and (for a blocked day) the red banner on top. */
  private static void assertNotBlank(Path png, boolean blockedBanner) throws IOException {
    assertThat(Files.size(png)).as("screenshot " + png).isGreaterThan(10_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("a PNG at " + png).isNotNull();
    Set<Integer> colours = new HashSet<>();
    long nonWhite = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (rgb != 0xffffff) {
          nonWhite++;
        }
      }
    }
    long sampled = (long) ((image.getHeight() + 1) / 2) * ((image.getWidth() + 1) / 2);
    assertThat(colours.size()).as("distinct colours in " + png).isGreaterThan(50);
    assertThat((double) nonWhite / sampled).as("share of non-white pixels in " + png).isGreaterThan(0.05);
    if (blockedBanner) {
      // inside the banner's top padding, above its text
      int banner = image.getRGB(image.getWidth() / 2, 6) & 0xffffff;
      assertThat(banner).as("the BLOCK banner's red at the top, was #%06x", banner).isEqualTo(0xc62828);
    }
  }
}
