package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.testing.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through the command line, one case per kind: each ends with the exit code and the one line
 * it promises, and leaves the metrics repository and the feature store as they were (a failure), or
 * changes only the judged day's own records and never publishes a blocked day (a BLOCK).
 *
 * <p>Every case starts from the same history: one clean day (2026-08-04) checked and profiled once for
 * the whole class; the case lands its own 2026-08-05.
 */
@ExtendWith(SparkExtension.class)
class BadInputCorpusTest {
  static final String DAY = "2026-08-05";
  private static final String HEADER = "id,name,amount,city";

  @TempDir static Path shared;
  static Path baselineRepository;

  @TempDir Path dir;

  /** The clean day's rows: {@code n} rows below {@link #HEADER}. */
  static String rows(int n) {
    StringBuilder out = new StringBuilder();
    String[] cities = {"Oslo", "Bergen", "Trondheim"};
    for (int i = 1; i <= n; i++) {
      out.append(i).append(",name").append(i).append(',').append(10 + i % 7).append('.').append(i % 10).append(',')
          .append(cities[i % 3]).append('\n');
    }
    return out.toString();
  }

  static final String CLEAN = HEADER + "\n" + rows(12);

  @BeforeAll
  static void history(SparkSession spark) throws IOException {
    Path landing = shared.resolve("landing/orders");
    write(landing.resolve("dt=2026-08-04/part-0.csv"), CLEAN);
    baselineRepository = shared.resolve("repository");
    for (String command : List.of("check-files", "profile")) {
      CommandLineTest.Result r = CommandLineTest.run(command, "--source", landing.toString(), "--format", "csv",
          "--repository", baselineRepository.toString(), "--date", "2026-08-04");
      assertThat(r.code()).as(r.err()).isIn(0);
    }
  }

  static void write(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  /** Lands the case's partition: {@code partition} is the day's folder (not yet created). */
  @FunctionalInterface
  interface Landing {
    void into(Path partition) throws IOException;
  }

  /**
   * One bad input: what lands, the command (its arguments after the common ones), the exit code and the
   * line it must print: the whole of stderr on exit 1, one line of stdout otherwise.
   */
  record Case(String name, Landing landing, List<String> command, int code, String line) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case profile(String name, Landing landing, int code, String line, String... extra) {
    List<String> command = new ArrayList<>(List.of("profile"));
    command.addAll(List.of(extra));
    return new Case(name, landing, command, code, line);
  }

  static Case run(String name, Landing landing, int code, String line, String... extra) {
    List<String> command = new ArrayList<>(List.of("run"));
    command.addAll(List.of(extra));
    return new Case(name, landing, command, code, line);
  }

  static Landing csv(String content) {
    return p -> write(p.resolve("part-0.csv"), content);
  }

  static Landing bytes(byte[] content) {
    return p -> write(p.resolve("part-0.csv"), content);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(out)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  static Stream<Case> cases() {
    return Stream.of(
        // ---- the partition itself ----
        profile("missing partition", part -> {}, 1,
            "no partition for 2026-08-05: {partition} not found"),
        profile("empty partition folder", Files::createDirectories, 1,
            "partition for 2026-08-05 is empty: no data files in {partition}"),
        profile("only a completeness marker", part -> write(part.resolve("_SUCCESS"), ""), 1,
            "partition for 2026-08-05 is empty: no data files in {partition}"),
        profile("zero-byte file", csv(""), 1,
            "partition for 2026-08-05 has no data: every file in {partition} is empty (0 bytes): part-0.csv"),
        profile("truncated gzip", part -> {
          byte[] whole = gzip(CLEAN + rows(200));
          write(part.resolve("part-0.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        }, 1, "cannot read file:{partition}/part-0.csv.gz: truncated gzip archive: unexpected end of stream after "
            + "2123 bytes"),
        profile("corrupt parquet", part -> write(part.resolve("part-0.parquet"), "PAR1 not really parquet"), 1,
            "cannot read file:{partition}/part-0.parquet: cannot read Parquet footer: file:{partition}/part-0.parquet "
                + "is not a Parquet file. Expected magic number at tail, but found [113, 117, 101, 116]",
            "--format", "parquet"),
        profile("binary garbage", bytes(garbage()), 1,
            "{partition}: the header is not text (column 1 holds control characters or bytes that are not UTF-8): "
                + "a binary file, or another encoding?"),
        // ---- arguments and config ----
        profile("impossible date", csv(CLEAN), 1, "--date: not a date (YYYY-MM-DD): 2026-02-30",
            "--date", "2026-02-30"),
        profile("dataset name with a space", csv(CLEAN), 1,
            "--dataset: a dataset name is letters, digits, '_' and '-', was \"ord ers\"", "--dataset", "ord ers"),
        profile("dataset name that climbs out", csv(CLEAN), 1,
            "--dataset: a dataset name is letters, digits, '_' and '-', was \"../../etc\"", "--dataset", "../../etc"),
        profile("partitioning that climbs out", csv(CLEAN), 1,
            "datasets.orders.source.partitioning: must stay below source.path (no \"..\"), was \"../../dt={date}\"",
            "--partitioning", "../../dt={date}"),
        profile("NaN in config", csv(CLEAN), 1,
            "datasets.orders.columns.amount.min: must be a finite number, was \"NaN\"",
            "--set", "datasets.orders.columns.amount.min=NaN"),
        run("keep-versions of 0", csv(CLEAN), 1,
            "datasets.orders.gate.keep-versions: must be at least 1 (the live version), was 0",
            "--set", "datasets.orders.gate.keep-versions=0"),
        profile("three-character separator", csv(CLEAN), 1,
            "datasets.orders.source.options.sep: the field separator must be one character, was \";;;\"",
            "--option", "sep=;;;"),
        profile("unknown reader option", csv(CLEAN), 1, "datasets.orders.source.options.seperator: not a Spark csv "
            + "reader option (known: charset, chartoescapequoteescaping, codec, columnnameofcorruptrecord, comment, "
            + "compression, dateformat, delimiter, emptyvalue, enabledatetimeparsingfallback, encoding, enforceschema, "
            + "escape, escapequotes, header, ignorecorruptfiles, ignoreleadingwhitespace, ignoremissingfiles, "
            + "ignoretrailingwhitespace, inferschema, linesep, locale, maxcharspercolumn, maxcolumns, "
            + "mode, modifiedafter, modifiedbefore, multiline, nanvalue, negativeinf, nullvalue, pathglobfilter, "
            + "positiveinf, preferdate, quote, quoteall, recursivefilelookup, samplingratio, sep, timestampformat, "
            + "timestampntzformat, timezone, unescapedquotehandling)", "--option", "seperator=;"),
        profile("unknown command option", csv(CLEAN), 1, "profile: unknown option --dat (options: --conf, --dataset, "
            + "--date, --format, --manifest, --option, --partition-column, --partitioning, --primary-key, "
            + "--repository, --set, --source, --target)", "--dat", DAY),
        // ---- the repository ----
        profile("repository is a file", csv(CLEAN), 1, "repository.path: {dir}/not-a-folder is a file, not a folder",
            "--repository", "{dir}/not-a-folder"),
        new Case("corrupt repository day", csv(CLEAN), List.of("detect", "--corrupt-day"), 1,
            "repository file:{dir}/repository: cannot read "
            + "file:{dir}/repository/dataset=orders/partition_date=2026-08-05/metrics.parquet: "
            + "file:{dir}/repository/dataset=orders/partition_date=2026-08-05/metrics.parquet is not a Parquet file "
            + "(length is too low: 11)"),
        // ---- content: the file checks block, nothing is published ----
        run("latin-1", bytes(concat((HEADER + "\n1,Bj").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xF8},
            ("rn,10.5,Oslo\n" + rows(12)).getBytes(StandardCharsets.UTF_8))), 2, "BLOCK files - part-0.csv: 1 invalid "
            + "UTF-8 sequence(s), first at byte 24 (not UTF-8: latin-1 or another encoding?)"),
        run("byte order mark", bytes(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            CLEAN.getBytes(StandardCharsets.UTF_8))), 0,
            "WARN files - part-0.csv: starts with a UTF-8 byte order mark"),
        run("NUL bytes", csv(HEADER + "\n1,an\u0000na,10.5,Oslo\n" + rows(12)), 2,
            "BLOCK files - part-0.csv: 1 NUL byte(s), first at byte 24"),
        run("truncated CSV", csv(CLEAN + "13,name13,1"), 2, "BLOCK files - part-0.csv: 1 malformed row(s), first at "
            + "line(s) [14] (+1 more on this column: files:truncated-last-line)"),
        run("extra fields", csv(CLEAN + "13,name13,10.5,Oslo,surplus\n"), 2,
            "BLOCK files - part-0.csv: 1 malformed row(s), first at line(s) [14]"),
        run("unterminated quote", csv(CLEAN + "13,\"name13,10.5,Oslo\n14,name14,11.5,Bergen\n"), 2,
            "BLOCK files - part-0.csv: 1 malformed row(s) (unterminated quote), first at line(s) [14]"),
        run("renamed header cell", csv(HEADER.replace("city", "town") + "\n" + rows(12)), 2,
            "BLOCK files city column \"city\" missing from part-0.csv"),
        run("duplicate header cells", csv(HEADER.replace("city", "name") + "\n" + rows(12)), 2,
            "BLOCK files city column \"city\" missing from part-0.csv (+1 more on this column: schema:columns)"),
        run("empty header cell", csv(HEADER.replace("city", "") + "\n" + rows(12)), 2,
            "BLOCK files city column \"city\" renamed to \"\" in part-0.csv"),
        run("non-ASCII rename", csv(HEADER.replace("city", "cité") + "\n" + rows(12)), 2,
            "BLOCK files city column \"city\" renamed to \"cité\" in part-0.csv"),
        run("dotted header cell", csv(HEADER.replace("city", "ci.ty") + "\n" + rows(12)), 2,
            "BLOCK files city column \"city\" renamed to \"ci.ty\" in part-0.csv"),
        run("header only", csv(HEADER + "\n"), 2,
            "BLOCK files - partition for 2026-08-05 has no data rows (1 file(s)) in {partition}"),
        run("all-null column", csv(HEADER + "\n" + rows(12).replaceAll(",[0-9]+\\.[0-9],", ",,")), 2,
            "BLOCK rules amount rule max_null_fraction broken on amount: 100.00% nulls (allowed 0.00%)",
            "--set", "datasets.orders.columns.amount.not-null=true"),
        run("all-garbage column", csv(HEADER + "\n" + rows(12).replaceAll("(Oslo|Bergen|Trondheim)", "#REF!")), 2,
            "BLOCK rules city rule domain broken on city: 100.00% values outside the domain (allowed 0.00%)",
            "--set", "datasets.orders.columns.city.domain=[Oslo,Bergen,Trondheim]"),
        // ---- content dqgate takes as it is: published whole ----
        run("CRLF line ends", csv(CLEAN.replace("\n", "\r\n")), 0,
            "WARN: published version 1 (1 file(s), 283 bytes) to file:{dir}/store/dt=2026-08-05"),
        run("subfolders", part -> {
          write(part.resolve("part-0.csv"), CLEAN);
          write(part.resolve("late/part-1.csv"), HEADER + "\n" + rows(5));
        }, 0, "WARN: published version 1 (2 file(s), 394 bytes) to file:{dir}/store/dt=2026-08-05"));
  }

  /** Bytes that are not text (fixed seed: the same every run). */
  static byte[] garbage() {
    byte[] out = new byte[400];
    new Random(42).nextBytes(out);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputEndsWithOneLineAndLosesNothing(Case c) throws IOException {
    Path landing = dir.resolve("landing/orders");
    Path partition = landing.resolve("dt=" + DAY);
    Path repository = dir.resolve("repository");
    Path store = dir.resolve("store");
    write(landing.resolve("dt=2026-08-04/part-0.csv"), CLEAN);
    copy(baselineRepository, repository);
    c.landing().into(partition);
    Files.writeString(dir.resolve("not-a-folder"), "a file\n");

    List<String> args = new ArrayList<>();
    args.add(c.command().get(0));
    args.addAll(List.of("--source", landing.toString(), "--format", "csv", "--repository", repository.toString(),
        "--date", DAY));
    if (c.command().get(0).equals("run")) {
      args.addAll(List.of("--publish-to", store.toString(), "--quarantine-to", dir.resolve("quarantine").toString()));
    }
    for (String a : c.command().subList(1, c.command().size())) {
      if (a.equals("--corrupt-day")) {
        write(repository.resolve("dataset=orders/partition_date=" + DAY + "/metrics.parquet"), "not parquet");
        continue;
      }
      args.add(a.replace("{dir}", dir.toString()));
    }
    // later options win over the common ones (Args keeps the last value)
    Map<String, String> repositoryBefore = TreeHash.of(repository);
    Map<String, String> storeBefore = TreeHash.of(store);

    CommandLineTest.Result r = CommandLineTest.run(args.toArray(String[]::new));

    String expected = c.line().replace("{partition}", partition.toString()).replace("{dir}", dir.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(c.code());
    if (c.code() == Main.FAILED) {
      assertThat(r.err()).isEqualTo("dqgate " + c.command().get(0) + ": error: " + expected + "\n");
      assertThat(TreeHash.of(repository)).isEqualTo(repositoryBefore);
    } else {
      assertThat(r.out().lines().map(l -> l.strip().replaceAll("\\s+", " "))).contains(expected);
      // only the judged day's own records changed, besides the calibration scores detection stores for an
      // earlier day that had none (derived records, replayed from that day's profile)
      java.util.function.Predicate<String> otherDays = path -> !path.contains("partition_date=" + DAY)
          && !path.endsWith("/" + io.dqgate.repository.RecordOwner.CALIBRATION.label() + ".parquet");
      assertThat(TreeHash.of(repository, otherDays)).isEqualTo(TreeHash.of(baselineRepository, otherDays));
    }
    if (c.code() != Main.OK) {
      assertThat(TreeHash.of(store)).isEqualTo(storeBefore);
    } else {
      Map<String, String> published = TreeHash.of(store.resolve("dt=" + DAY),
          path -> !path.equals(io.dqgate.gate.GateMarker.FILE_NAME));
      assertThat(published).isEqualTo(TreeHash.of(partition));
    }
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void noArgumentsPrintTheUsageOnStderr() {
    CommandLineTest.Result r = CommandLineTest.run();
    assertThat(r.code()).isEqualTo(Main.FAILED);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("usage: dqgate <command> [options]\n");
  }

  @org.junit.jupiter.api.Test
  void aCommandsHelpListsItsOptions() {
    CommandLineTest.Result r = CommandLineTest.run("backfill", "--help");
    assertThat(r.code()).isEqualTo(Main.OK);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith("usage: dqgate backfill [options]\n\n"
        + "  backfill     profile every partition of --from D1 --to D2 in one pass (same options as profile)\n\n"
        + "options:\n  --conf VALUE\n  --dataset VALUE\n  --format VALUE\n  --from VALUE\n");
    assertThat(CommandLineTest.run("help", "backfill").out()).isEqualTo(r.out());
  }

  @org.junit.jupiter.api.Test
  void aMistypedCommandGetsTheClosestOne() {
    CommandLineTest.Result r = CommandLineTest.run("chek-files", "--date", DAY);
    assertThat(r.code()).isEqualTo(Main.FAILED);
    assertThat(r.err()).isEqualTo("dqgate chek-files: error: unknown command \"chek-files\"; did you mean "
        + "\"check-files\"? (see dqgate help)\n");
    assertThat(CommandLineTest.run("frobnicate").err()).isEqualTo("dqgate frobnicate: error: unknown command "
        + "\"frobnicate\" (see dqgate help)\n");
  }
}
