package io.dqgate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dqgate.DqgateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the written files, read back with {@link CsvFormat#parse} (no part of the writer), against the brief:
 * every check here is independent of the generator's code except the summary it is compared with.
 */
class SampleFeedGeneratorTest {
  private static final LocalDate CONTAMINATED = LocalDate.of(2026, 8, 21);
  private static final List<String> HEADER = List.of("application_id", "applied_at", "birth_date", "age",
      "gender", "region", "channel", "income", "loan_amount", "employment_years", "credit_score", "email",
      "defaulted");
  private static final DateTimeFormatter DAY_FIRST =
      DateTimeFormatter.ofPattern("dd-MM-uuuu").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter MONTH_FIRST =
      DateTimeFormatter.ofPattern("MM-dd-uuuu").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern MANIFEST = Pattern.compile(
      "\\{\"files\": \\{\"part-00000\\.csv\": \\{\"sha256\": \"([0-9a-f]{64})\", \"bytes\": (\\d+), "
          + "\"rows\": (\\d+)}}}\n");

  @TempDir
  Path root;

  @Test
  void theQuickstartDefaultsAreTheBriefs() {
    SampleFeedGenerator generator = SampleFeedGenerator.builder().build();
    assertThat(generator.start()).isEqualTo(LocalDate.of(2026, 8, 1));
    assertThat(generator.days()).isEqualTo(30);
    assertThat(generator.contaminatedDay()).contains(CONTAMINATED);
    assertThat(generator.summary().seed()).isEqualTo(42);
  }

  @Test
  void theSameSeedWritesByteIdenticalFiles(@TempDir Path other) throws IOException {
    SampleFeedGenerator.builder().seed(7).days(22).build().write(root);
    SampleFeedGenerator.builder().seed(7).days(22).build().write(other);

    Map<String, byte[]> first = filesBelow(root);
    Map<String, byte[]> second = filesBelow(other);
    assertThat(first).hasSize(22 * 3);
    assertThat(second.keySet()).isEqualTo(first.keySet());
    first.forEach((path, bytes) -> assertThat(second.get(path)).as(path).isEqualTo(bytes));
  }

  @Test
  void anotherSeedWritesOtherData() {
    FeedSummary a = SampleFeedGenerator.builder().seed(1).days(3).noContamination().build().summary();
    FeedSummary b = SampleFeedGenerator.builder().seed(2).days(3).noContamination().build().summary();
    for (int i = 0; i < 3; i++) {
      assertThat(a.days().get(i).sha256()).isNotEqualTo(b.days().get(i).sha256());
    }
  }

  @Test
  void eachManifestDescribesItsFileAndSuccessComesWithIt() throws Exception {
    FeedSummary summary = SampleFeedGenerator.builder().build().write(root);

    assertThat(summary.days()).hasSize(30);
    for (DaySummary day : summary.days()) {
      Path folder = root.resolve("dt=" + day.date());
      byte[] csv = Files.readAllBytes(folder.resolve("part-00000.csv"));
      Matcher manifest = MANIFEST.matcher(Files.readString(folder.resolve("_MANIFEST.json")));
      assertThat(manifest.matches()).as("manifest of %s", day.date()).isTrue();
      String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv));
      assertThat(manifest.group(1)).isEqualTo(sha256).isEqualTo(day.sha256());
      assertThat(Long.parseLong(manifest.group(2))).isEqualTo(csv.length).isEqualTo(day.bytes());
      assertThat(Integer.parseInt(manifest.group(3))).isEqualTo(read(csv).size() - 1).isEqualTo(day.rows());
      assertThat(folder.resolve("_SUCCESS")).isRegularFile().isEmptyFile();
    }
  }

  @Test
  void summaryWithoutWritingIsWhatWriteReports() {
    SampleFeedGenerator generator = SampleFeedGenerator.builder().days(21).build();
    assertThat(generator.summary()).isEqualTo(generator.write(root));
  }

  @Test
  void weekendsHaveAboutHalfAWeekdaysVolume() {
    FeedSummary summary = SampleFeedGenerator.builder().build().summary();

    int minWeekday = Integer.MAX_VALUE;
    int maxWeekend = 0;
    for (DaySummary day : summary.days()) {
      double level = switch (day.date().getDayOfWeek()) {
        case SATURDAY -> 0.45;
        case SUNDAY -> 0.35;
        default -> 1.0;
      };
      assertThat(day.rows()).as("rows on %s", day.date()).isBetween(
          (int) Math.floor(2000 * level * 0.95), (int) Math.ceil(2000 * level * 1.05));
      if (day.isWeekend()) {
        maxWeekend = Math.max(maxWeekend, day.rows());
      } else {
        minWeekday = Math.min(minWeekday, day.rows());
      }
    }
    assertThat(maxWeekend).isLessThan(minWeekday);
    assertThat(summary.days().stream().mapToInt(DaySummary::rows).distinct().count())
        .as("volumes vary from day to day").isGreaterThan(20);
  }

  @Test
  void cleanDaysHoldOnlyValidValues() throws IOException {
    FeedSummary summary = SampleFeedGenerator.builder().build().write(root);
    Set<String> ids = new HashSet<>();
    long expectedIdNumber = 1;
    for (DaySummary day : summary.days()) {
      List<List<String>> lines = read(root, day.date());
      assertThat(lines.get(0)).isEqualTo(HEADER);
      if (day.contaminated()) {
        expectedIdNumber += day.rows();
        continue;
      }
      assertThat(day.incidents()).isEmpty();
      for (List<String> r : lines.subList(1, lines.size())) {
        assertThat(r).as("a row of %s", day.date()).hasSize(13);
        String id = r.get(0);
        assertThat(id).isEqualTo(String.format("A%09d", expectedIdNumber++));
        assertThat(ids.add(id)).as("%s is new", id).isTrue();
        LocalDateTime appliedAt = LocalDateTime.parse(r.get(1), TIMESTAMP);
        assertThat(appliedAt.toLocalDate()).isEqualTo(day.date());
        LocalDate birth = LocalDate.parse(r.get(2), DAY_FIRST);
        int age = Integer.parseInt(r.get(3));
        assertThat(age).isBetween(18, 90).isEqualTo(Period.between(birth, day.date()).getYears());
        assertThat(r.get(4)).isIn("Male", "Female", "Undeclared");
        assertThat(r.get(5)).isIn("North", "South", "East", "West", "Central", "Capital", "Coast", "Highlands");
        assertThat(r.get(6)).isIn("web", "branch", "partner", "mobile");
        if (r.get(7) != null) {
          assertThat(r.get(7)).matches("\\d+\\.\\d\\d");
          assertThat(Double.parseDouble(r.get(7))).isPositive();
        }
        assertThat(r.get(8)).matches("\\d+\\.\\d\\d");
        if (r.get(9) != null) {
          assertThat(Integer.parseInt(r.get(9))).isBetween(0, Math.min(45, age));
        }
        assertThat(Integer.parseInt(r.get(10))).isBetween(300, 850);
        assertThat(r.get(11)).contains("@").doesNotContain("\"");
        assertThat(r.get(12)).isIn("0", "1");
      }
    }
  }

  @Test
  void theContaminatedDayCarriesEveryIncidentAtItsRate() throws IOException {
    FeedSummary summary = SampleFeedGenerator.builder().build().write(root);
    DaySummary day = summary.contaminatedDay().orElseThrow();
    assertThat(day.date()).isEqualTo(CONTAMINATED);
    assertThat(summary.days().stream().filter(DaySummary::contaminated)).hasSize(1);
    List<List<String>> rows = dataRows(root, CONTAMINATED);
    double n = rows.size();

    long emptyIncome = rows.stream().filter(r -> r.get(7) == null).count();
    long distinctIds = rows.stream().map(r -> r.get(0)).distinct().count();
    long monthFirstOnly = rows.stream().filter(r -> !parses(r.get(2), DAY_FIRST) && parses(r.get(2), MONTH_FIRST))
        .count();
    long newSpellings = rows.stream().filter(r -> Set.of("male", "F", "M").contains(r.get(4))).count();
    long ageInMonths = rows.stream().filter(r -> Integer.parseInt(r.get(3)) > 200).count();
    long nextYear = rows.stream()
        .filter(r -> LocalDateTime.parse(r.get(1), TIMESTAMP).toLocalDate().equals(CONTAMINATED.plusYears(1)))
        .count();

    assertThat(emptyIncome / n).isCloseTo(0.40, within(0.03));
    assertThat((n - distinctIds) / n).isCloseTo(0.05, within(0.01));
    // Only birth dates with a day above 12 fail dd-MM-yyyy when written month first: a bit over half of 30 %.
    assertThat(monthFirstOnly / n).isBetween(0.14, 0.22);
    assertThat(newSpellings / n).isCloseTo(0.15, within(0.02));
    assertThat(ageInMonths / n).isCloseTo(0.10, within(0.02));
    assertThat(nextYear / n).isCloseTo(0.05, within(0.01));
    assertThat(rows.stream().filter(r -> Integer.parseInt(r.get(3)) > 90))
        .allMatch(r -> Integer.parseInt(r.get(3)) >= 216);

    assertThat(day.incidents()).extracting(InjectedIncident::kind)
        .containsExactlyElementsOf(SampleFeedGenerator.CONTAMINATED_DAY_RATES.keySet());
    for (InjectedIncident incident : day.incidents()) {
      assertThat(incident.column()).isIn(HEADER);
      assertThat(incident.rows() / n).as(incident.kind().name())
          .isCloseTo(rate(incident), within(rate(incident) * 0.25));
    }
    assertThat(day.incident(Incident.DUPLICATE_KEYS).orElseThrow().rows())
        .isEqualTo(day.duplicateKeyCount());
  }

  @Test
  void theSummaryCountsExactlyWhatTheFilesHold() throws IOException {
    FeedSummary summary = SampleFeedGenerator.builder().build().write(root);
    for (DaySummary day : summary.days()) {
      List<List<String>> rows = dataRows(root, day.date());
      assertThat(day.rows()).isEqualTo(rows.size());
      Map<String, Long> nulls = new TreeMap<>();
      for (int c = 0; c < HEADER.size(); c++) {
        int column = c;
        nulls.put(HEADER.get(c), rows.stream().filter(r -> r.get(column) == null).count());
      }
      assertThat(new TreeMap<>(day.nullCounts())).as("nulls on %s", day.date()).isEqualTo(nulls);
      assertThat(day.duplicateKeyCount()).isEqualTo(rows.size() - rows.stream().map(r -> r.get(0)).distinct().count());
      assertThat(day.duplicateRowCount()).isEqualTo(rows.size() - rows.stream().distinct().count());
      assertThat(day.formatMismatchCounts().get("birth_date"))
          .isEqualTo(rows.stream().filter(r -> !parses(r.get(2), DAY_FIRST)).count());
      assertThat(day.formatMismatchCounts().get("applied_at"))
          .isEqualTo(rows.stream().filter(r -> !parses(r.get(1), TIMESTAMP)).count());
      if (!day.contaminated()) {
        assertThat(day.duplicateKeyCount()).isZero();
        assertThat(day.formatMismatchCounts()).containsOnly(Map.entry("birth_date", 0L), Map.entry("applied_at", 0L));
      }
    }
  }

  @Test
  void creditScoreCorrelatesNegativelyWithDefault() throws IOException {
    FeedSummary summary = SampleFeedGenerator.builder().build().write(root);
    List<double[]> pairs = new ArrayList<>();
    for (DaySummary day : summary.days()) {
      if (!day.contaminated()) {
        dataRows(root, day.date()).forEach(
            r -> pairs.add(new double[] {Double.parseDouble(r.get(10)), Double.parseDouble(r.get(12))}));
      }
    }
    double defaultRate = pairs.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    assertThat(defaultRate).isCloseTo(0.08, within(0.015));
    assertThat(pearson(pairs)).isLessThan(-0.15);
  }

  @Test
  void cleanDaysLookLikeALoanFeed() throws IOException {
    FeedSummary summary = SampleFeedGenerator.builder().noContamination().build().write(root);
    Map<String, Integer> genders = new HashMap<>();
    Set<String> regions = new HashSet<>();
    double[] mobile = new double[2];
    double[] all = new double[2];
    double[] loanSum = new double[2];
    double[] loanCount = new double[2];
    long emptyIncome = 0;
    long emptyYears = 0;
    long quotedWithComma = 0;
    long rowCount = 0;
    for (DaySummary day : summary.days()) {
      String text = Files.readString(root.resolve("dt=" + day.date()).resolve("part-00000.csv"));
      quotedWithComma += Pattern.compile(",\"[^\"]*, [^\"]*<[^\"]*>\",").matcher(text).results().count();
      int weekend = day.isWeekend() ? 1 : 0;
      int friday = day.date().getDayOfWeek() == DayOfWeek.FRIDAY ? 1 : 0;
      for (List<String> r : dataRows(root, day.date())) {
        rowCount++;
        genders.merge(r.get(4), 1, Integer::sum);
        regions.add(r.get(5));
        all[weekend]++;
        mobile[weekend] += r.get(6).equals("mobile") ? 1 : 0;
        if (!day.isWeekend()) {
          loanSum[friday] += Double.parseDouble(r.get(8));
          loanCount[friday]++;
        }
        emptyIncome += r.get(7) == null ? 1 : 0;
        emptyYears += r.get(9) == null ? 1 : 0;
      }
    }
    assertThat(genders.get("Male") / (double) rowCount).isCloseTo(0.48, within(0.02));
    assertThat(genders.get("Female") / (double) rowCount).isCloseTo(0.48, within(0.02));
    assertThat(genders.get("Undeclared") / (double) rowCount).isCloseTo(0.04, within(0.01));
    assertThat(regions).hasSize(8);
    assertThat(mobile[1] / all[1]).isGreaterThan(mobile[0] / all[0] + 0.15);
    assertThat(loanSum[1] / loanCount[1]).isGreaterThan(1.1 * loanSum[0] / loanCount[0]);
    assertThat(emptyIncome / (double) rowCount).isCloseTo(0.03, within(0.01));
    assertThat(emptyYears / (double) rowCount).isCloseTo(0.02, within(0.01));
    assertThat(quotedWithComma).as("emails that need RFC 4180 quotes").isPositive();
  }

  @Test
  void theContaminatedDayCanBeGivenByDateOrIndex() {
    FeedSummary byDate = SampleFeedGenerator.builder().days(10).contaminatedDay(LocalDate.of(2026, 8, 4))
        .build().summary();
    FeedSummary byIndex = SampleFeedGenerator.builder().days(10).contaminatedDay(3).build().summary();
    assertThat(byDate).isEqualTo(byIndex);
    assertThat(byDate.contaminatedDay().orElseThrow().date()).isEqualTo(LocalDate.of(2026, 8, 4));
    // A day's clean content does not depend on where the contamination went.
    FeedSummary clean = SampleFeedGenerator.builder().days(10).noContamination().build().summary();
    assertThat(clean.contaminatedDay()).isEmpty();
    assertThat(clean.days().get(5)).isEqualTo(byDate.days().get(5));
  }

  @Test
  void badSettingsAreRejectedWithTheValue() {
    assertThatThrownBy(() -> SampleFeedGenerator.builder().days(0).build())
        .isInstanceOf(DqgateException.class)
        .hasMessage("sample feed: days must be at least 1, cannot be: 0");
    assertThatThrownBy(() -> SampleFeedGenerator.builder().rowsPerWeekday(-3).build())
        .hasMessage("sample feed: rows per weekday must be at least 1, cannot be: -3");
    assertThatThrownBy(() -> SampleFeedGenerator.builder().days(10).build())
        .hasMessage("sample feed: contaminated day index must be within [0, 10) (or choose noContamination()), "
            + "cannot be: 20");
    assertThatThrownBy(() -> SampleFeedGenerator.builder().contaminatedDay(LocalDate.of(2026, 7, 31)).build())
        .hasMessage("sample feed: contaminated day must be within 2026-08-01 to 2026-08-30, cannot be: 2026-07-31");
  }

  // ---- the files read back: RFC 4180, unquoted empty field = null ----

  private static List<List<String>> read(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).as("no carriage returns").doesNotContain("\r");
    assertThat(text).as("the file ends with a line end").endsWith("\n");
    return CsvFormat.parse(text);
  }

  private static List<List<String>> read(Path root, LocalDate date) throws IOException {
    return read(Files.readAllBytes(root.resolve("dt=" + date).resolve("part-00000.csv")));
  }

  private static List<List<String>> dataRows(Path root, LocalDate date) throws IOException {
    List<List<String>> lines = read(root, date);
    return lines.subList(1, lines.size());
  }

  private static Map<String, byte[]> filesBelow(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private static double rate(InjectedIncident incident) {
    return SampleFeedGenerator.CONTAMINATED_DAY_RATES.get(incident.kind());
  }

  private static boolean parses(String value, DateTimeFormatter format) {
    try {
      format.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static double pearson(List<double[]> pairs) {
    double n = pairs.size();
    double mx = pairs.stream().mapToDouble(p -> p[0]).sum() / n;
    double my = pairs.stream().mapToDouble(p -> p[1]).sum() / n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (double[] p : pairs) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
      syy += (p[1] - my) * (p[1] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
