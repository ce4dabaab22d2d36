package io.dqgate.sample;

import io.dqgate.DqgateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic loan-application feed ("applications") for the quickstart, demos and tests: daily CSV
 * partitions with weekly seasonality, all clean except one contaminated day that carries the six incidents of
 * {@link #CONTAMINATED_DAY_RATES} at once. Every byte is a function of the builder's settings, so a test can
 * regenerate a feed and know exactly what a profile of it must find ({@link #summary()} gives that without
 * writing).
 *
 * <p>Each day is drawn from its own random streams, seeded by the seed and the date: a day's clean content does
 * not depend on which day is contaminated or how many days came before, and the contaminated day is exactly
 * its clean self plus the injected incidents. Only application_id numbers run on across days.
 */
public final class SampleFeedGenerator {
  public static final String DATA_FILE = "part-00000.csv";
  public static final String MANIFEST_FILE = "_MANIFEST.json";
  public static final String SUCCESS_FILE = "_SUCCESS";
  /** The table's columns, in file order. */
  public static final List<String> COLUMNS = ApplicationRow.COLUMNS;
  public static final List<String> GENDERS = ApplicationFactory.GENDERS;
  public static final List<String> REGIONS = ApplicationFactory.REGIONS;
  public static final List<String> CHANNELS = ApplicationFactory.CHANNELS;
  /** The incidents of the contaminated day, each with the share of the day's rows it aims at. */
  public static final Map<Incident, Double> CONTAMINATED_DAY_RATES = Contaminator.RATES;

  public static final long DEFAULT_SEED = 42;
  public static final LocalDate DEFAULT_START = LocalDate.of(2026, 8, 1);
  public static final int DEFAULT_DAYS = 30;
  /** Zero-based: the 21st day, late enough for three weeks of clean history before it. */
  public static final int DEFAULT_CONTAMINATED_DAY_INDEX = 20;
  public static final int DEFAULT_ROWS_PER_WEEKDAY = 2000;

  static final double VOLUME_NOISE = 0.05;
  static final double SATURDAY_VOLUME = 0.45;
  static final double SUNDAY_VOLUME = 0.35;
  // application_id has nine digits.
  private static final long MAX_TOTAL_ROWS = 999_999_999L;

  // Salts keep the streams of one day apart, so adding a draw to one never shifts another.
  private static final long VOLUME_STREAM = 1;
  private static final long ROWS_STREAM = 2;
  private static final long CONTAMINATION_STREAM = 3;

  private final long seed;
  private final LocalDate start;
  private final int days;
  private final Optional<LocalDate> contaminatedDay;
  private final int rowsPerWeekday;

  private SampleFeedGenerator(Builder b) {
    this.seed = b.seed;
    this.start = b.start;
    this.days = b.days;
    this.rowsPerWeekday = b.rowsPerWeekday;
    this.contaminatedDay = b.clean ? Optional.empty()
        : Optional.of(b.contaminatedDate != null ? b.contaminatedDate : start.plusDays(b.contaminatedIndex));
  }

  public static Builder builder() {
    return new Builder();
  }

  public LocalDate start() {
    return start;
  }

  public int days() {
    return days;
  }

  public Optional<LocalDate> contaminatedDay() {
    return contaminatedDay;
  }

  /** The folder of one day below the feed's root, as {@code partitioning = "dt={date}"} expects. */
  public static String partitionFolder(LocalDate date) {
    return "dt=" + date;
  }

  /**
   * Writes every day to {@code root/dt=YYYY-MM-DD/}: the CSV, its manifest, then {@code _SUCCESS} last, so a
   * reader that waits for the marker never sees half a day. Existing files of the same days are replaced;
   * other folders under root are left alone.
   */
  public FeedSummary write(Path root) {
    return generate(root);
  }

  /** What {@link #write} would write, without touching the file system. */
  public FeedSummary summary() {
    return generate(null);
  }

  private FeedSummary generate(Path root) {
    long nextId = 1;
    List<DaySummary> summaries = new ArrayList<>(days);
    for (int i = 0; i < days; i++) {
      LocalDate date = start.plusDays(i);
      int count = rowCount(date);
      List<ApplicationRow> rows =
          new ApplicationFactory(new Random(streamSeed(date, ROWS_STREAM))).day(date, count, nextId);
      nextId += count;
      boolean contaminated = contaminatedDay.isPresent() && contaminatedDay.get().equals(date);
      if (contaminated) {
        new Contaminator(new Random(streamSeed(date, CONTAMINATION_STREAM))).contaminate(rows);
      }
      List<List<String>> lines = rows.stream().map(ApplicationRow::fields).toList();
      byte[] csv = csv(lines);
      String sha256 = sha256(csv);
      if (root != null) {
        writePartition(root.resolve(partitionFolder(date)), csv, sha256, rows.size());
      }
      summaries.add(summarise(date, rows, lines, contaminated, sha256, csv.length));
    }
    return new FeedSummary(seed, summaries);
  }

  /** About rowsPerWeekday on weekdays, less at weekends, each day within ±5 % of its level. */
  int rowCount(LocalDate date) {
    Random random = new Random(streamSeed(date, VOLUME_STREAM));
    double level = date.getDayOfWeek() == DayOfWeek.SATURDAY ? SATURDAY_VOLUME
        : date.getDayOfWeek() == DayOfWeek.SUNDAY ? SUNDAY_VOLUME : 1.0;
    double noise = 1 + VOLUME_NOISE * (2 * random.nextDouble() - 1);
    return (int) Math.max(1, Math.round(rowsPerWeekday * level * noise));
  }

  private long streamSeed(LocalDate date, long stream) {
    return mix(seed ^ mix(date.toEpochDay() * 31 + stream));
  }

  /** SplitMix64's finaliser: nearby inputs (consecutive days, seeds 1, 2, 3) give unrelated seeds. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static byte[] csv(List<List<String>> lines) {
    StringBuilder out = new StringBuilder(lines.size() * 120);
    CsvFormat.appendLine(out, COLUMNS);
    for (List<String> line : lines) {
      CsvFormat.appendLine(out, line);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void writePartition(Path folder, byte[] csv, String sha256, int rows) {
    String manifest = "{\"files\": {\"" + DATA_FILE + "\": {\"sha256\": \"" + sha256 + "\", \"bytes\": "
        + csv.length + ", \"rows\": " + rows + "}}}\n";
    try {
      Files.createDirectories(folder);
      Files.deleteIfExists(folder.resolve(SUCCESS_FILE));
      Files.write(folder.resolve(DATA_FILE), csv);
      Files.write(folder.resolve(MANIFEST_FILE), manifest.getBytes(StandardCharsets.UTF_8));
      Files.write(folder.resolve(SUCCESS_FILE), new byte[0]);
    } catch (IOException e) {
      throw new DqgateException("sample feed: cannot write partition " + folder + ": " + e.getMessage(), e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** Counts what was written, from the written field values, not from what was asked for. */
  private static DaySummary summarise(LocalDate date, List<ApplicationRow> rows, List<List<String>> lines,
      boolean contaminated, String sha256, long bytes) {
    Map<String, Long> nulls = new LinkedHashMap<>();
    COLUMNS.forEach(c -> nulls.put(c, 0L));
    Set<String> ids = new HashSet<>();
    Set<List<String>> distinctRows = new HashSet<>();
    long birthDateMismatches = 0;
    long appliedAtMismatches = 0;
    Map<Incident, Long> incidentRows = new EnumMap<>(Incident.class);
    for (List<String> fields : lines) {
      for (int c = 0; c < COLUMNS.size(); c++) {
        if (fields.get(c) == null) {
          nulls.merge(COLUMNS.get(c), 1L, Long::sum);
        }
      }
      ids.add(fields.get(0));
      distinctRows.add(fields);
      if (!parsesAsBirthDate(fields.get(2))) {
        birthDateMismatches++;
      }
      if (!parsesAsAppliedAt(fields.get(1))) {
        appliedAtMismatches++;
      }
    }
    rows.forEach(row -> row.incidents.forEach(k -> incidentRows.merge(k, 1L, Long::sum)));
    List<InjectedIncident> incidents = new ArrayList<>();
    if (contaminated) {
      for (Incident kind : CONTAMINATED_DAY_RATES.keySet()) {
        incidents.add(new InjectedIncident(kind, kind.column(), incidentRows.getOrDefault(kind, 0L)));
      }
    }
    return new DaySummary(date, rows.size(), contaminated, incidents, nulls, rows.size() - ids.size(),
        rows.size() - distinctRows.size(),
        Map.of("birth_date", birthDateMismatches, "applied_at", appliedAtMismatches), sha256, bytes);
  }

  private static boolean parsesAsBirthDate(String value) {
    try {
      LocalDate.parse(value, ApplicationRow.BIRTH_DATE);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean parsesAsAppliedAt(String value) {
    try {
      LocalDateTime.parse(value, ApplicationRow.APPLIED_AT);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Settings for a feed; every one has the quickstart's value by default. */
  public static final class Builder {
    private long seed = DEFAULT_SEED;
    private LocalDate start = DEFAULT_START;
    private int days = DEFAULT_DAYS;
    private int contaminatedIndex = DEFAULT_CONTAMINATED_DAY_INDEX;
    private LocalDate contaminatedDate;
    private boolean clean;
    private int rowsPerWeekday = DEFAULT_ROWS_PER_WEEKDAY;

    private Builder() {}

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder start(LocalDate start) {
      if (start == null) {
        throw new DqgateException("sample feed: start must be a date, cannot be: null");
      }
      this.start = start;
      return this;
    }

    public Builder days(int days) {
      this.days = days;
      return this;
    }

    /** The contaminated day by date; it must fall within the generated days. */
    public Builder contaminatedDay(LocalDate date) {
      if (date == null) {
        throw new DqgateException("sample feed: contaminated day must be a date, cannot be: null");
      }
      this.contaminatedDate = date;
      this.clean = false;
      return this;
    }

    /** The contaminated day by zero-based index from start (the default, 20, is the 21st day). */
    public Builder contaminatedDay(int index) {
      this.contaminatedIndex = index;
      this.contaminatedDate = null;
      this.clean = false;
      return this;
    }

    /** Every day clean: a history to train on, or a control. */
    public Builder noContamination() {
      this.clean = true;
      return this;
    }

    /** Weekday volume; weekends get 45 % (Saturday) and 35 % (Sunday) of it. */
    public Builder rowsPerWeekday(int rows) {
      this.rowsPerWeekday = rows;
      return this;
    }

    public SampleFeedGenerator build() {
      if (days < 1) {
        throw DqgateException.of("sample feed: days must be at least 1, cannot be: %s", days);
      }
      if (rowsPerWeekday < 1) {
        throw DqgateException.of("sample feed: rows per weekday must be at least 1, cannot be: %s",
            rowsPerWeekday);
      }
      if ((double) rowsPerWeekday * (1 + VOLUME_NOISE) * days > MAX_TOTAL_ROWS) {
        throw DqgateException.of("sample feed: %s days of %s rows would overflow the 9-digit application_id",
            days, rowsPerWeekday);
      }
      if (!clean) {
        LocalDate end = start.plusDays(days - 1L);
        LocalDate day = contaminatedDate != null ? contaminatedDate : start.plusDays(contaminatedIndex);
        if (contaminatedDate == null && (contaminatedIndex < 0 || contaminatedIndex >= days)) {
          throw DqgateException.of("sample feed: contaminated day index must be within [0, %s) "
              + "(or choose noContamination()), cannot be: %s", days, contaminatedIndex);
        }
        if (day.isBefore(start) || day.isAfter(end)) {
          throw DqgateException.of("sample feed: contaminated day must be within %s to %s, cannot be: %s",
              start, end, day);
        }
      }
      return new SampleFeedGenerator(this);
    }
  }
}
