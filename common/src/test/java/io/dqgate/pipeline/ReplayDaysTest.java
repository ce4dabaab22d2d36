package io.dqgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import io.dqgate.Provenance;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.repository.RecordOwner;
import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.testing.SparkExtension;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A range of days replayed at once (history read once, every day's files scanned in one Spark job) against
 * the same days replayed one by one: the same verdicts and the same stored records, day for day.
 */
@ExtendWith(SparkExtension.class)
class ReplayDaysTest {
  private static final LocalDate START = SampleFeedGenerator.DEFAULT_START;
  private static final LocalDate END = START.plusDays(13);
  private static final LocalDate MISSING = START.plusDays(5);
  private static final LocalDate RENAMED = START.plusDays(8);
  private static final LocalDate BAD = START.plusDays(11);

  @TempDir
  Path dir;
  Path feed;

  @BeforeEach
  void feedAndItsProfiles(SparkSession spark) throws IOException {
    feed = dir.resolve("landing").resolve("applications");
    SampleFeedGenerator.builder().days(14).contaminatedDay(BAD).rowsPerWeekday(300).build().write(feed);
    deleteTree(feed.resolve(SampleFeedGenerator.partitionFolder(MISSING)));
    Path csv = feed.resolve(SampleFeedGenerator.partitionFolder(RENAMED)).resolve(SampleFeedGenerator.DATA_FILE);
    String text = Files.readString(csv);
    int eol = text.indexOf('\n');
    Files.writeString(csv, text.substring(0, eol).replace("email", "e_mail") + text.substring(eol));
    pipeline(spark, dir.resolve("one-by-one")).backfill(START, END);
    copyTree(dir.resolve("one-by-one"), dir.resolve("range"));
  }

  private DatasetSpec dataset(Path metrics) {
    return DqgateConfig.load(Path.of("../conf/application.conf").toFile(), Map.of(
        "datasets.applications.source.path", feed.toString(),
        "repository.path", metrics.toString())).dataset("applications");
  }

  private DayPipeline pipeline(SparkSession spark, Path metrics) {
    DatasetSpec dataset = dataset(metrics);
    Provenance provenance = new Provenance("replay-test", "0.1.0", "c0ffee", dataset.configSha256());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    return new DayPipeline(dataset, new ParquetMetricsRepository(metrics.toString(), hadoop, provenance),
        () -> spark, hadoop, provenance);
  }

  @Test
  void aRangeReplayedAtOnceGivesTheVerdictsAndRecordsOfTheDaysReplayedOneByOneWithOneSparkJob(SparkSession spark)
      throws TimeoutException {
    DayPipeline oneByOne = pipeline(spark, dir.resolve("one-by-one"));
    List<Verdict> expected = new ArrayList<>();
    int dayJobs = sparkJobs(spark, () -> {
      for (LocalDate d = START; !d.isAfter(END); d = d.plusDays(1)) {
        expected.add(oneByOne.replay(d));
      }
    });
    List<Verdict> replayed = new ArrayList<>();
    int rangeJobs = sparkJobs(spark, () -> pipeline(spark, dir.resolve("range")).replay(START, END, replayed::add));

    assertThat(expected.stream().map(Verdict::status)).containsExactly(
        Status.WARN, Status.WARN, Status.WARN, Status.WARN, Status.WARN, Status.BLOCK, Status.WARN,
        Status.WARN, Status.BLOCK, Status.PASS, Status.PASS, Status.BLOCK, Status.PASS, Status.PASS);
    assertThat(findingsOf(expected, MISSING)).isEqualTo("files partition-missing");
    assertThat(findingsOf(expected, RENAMED))
        .isEqualTo("files renamed-column; files checksum-mismatch; schema columns");
    assertThat(findingsOf(expected, BAD)).isEqualTo("signature max_date; signature format_match_fraction; "
        + "signature max; signature value_proportions; signature null_fraction; signature duplicate_row_fraction; "
        + "signature duplicate_key_count; series duplicate_row_fraction");
    assertThat(replayed.stream().map(Verdict::toJson).toList())
        .containsExactlyElementsOf(expected.stream().map(Verdict::toJson).toList());
    assertThat(dayJobs).isEqualTo(13); // one file scan a day that has files
    assertThat(rangeJobs).isEqualTo(1);
    for (LocalDate d = START; !d.isAfter(END); d = d.plusDays(1)) {
      assertThat(stored(dir.resolve("range"), d)).as("records of %s", d)
          .containsExactlyElementsOf(stored(dir.resolve("one-by-one"), d));
    }
  }

  @Test
  void aRangeThatFailsOnADayLeavesTheDaysBeforeItReplayedAndNothingOfThatDayOrLaterWritten(SparkSession spark) {
    Path metrics = dir.resolve("range");
    ParquetMetricsRepository repository = new ParquetMetricsRepository(metrics.toString(), new Configuration());
    List<MetricRecord> profile = new ArrayList<>();
    for (MetricRecord m : repository.loadDay("applications", BAD)) {
      boolean broken = m.metric().equals(MetricNames.VALUE_PROPORTIONS) && m.instance().equals("gender");
      profile.add(broken ? new MetricRecord(m.dataset(), m.partitionDate(), m.runId(), m.computedAt(), m.entity(),
          m.instance(), m.metric(), m.value(), "not JSON") : m);
    }
    repository.replaceOwned(RecordOwner.PROFILE, "applications", BAD, profile);
    List<Verdict> replayed = new ArrayList<>();

    assertThatThrownBy(() -> pipeline(spark, metrics).replay(START, END, replayed::add))
        .isInstanceOf(DqgateException.class)
        .hasMessageStartingWith("unreadable value_proportions detail: not JSON");

    assertThat(replayed).hasSize((int) (BAD.toEpochDay() - START.toEpochDay()));
    for (LocalDate d = START; d.isBefore(BAD); d = d.plusDays(1)) {
      assertThat(repository.provenance("applications", d).keySet()).as("owners of %s", d)
          .contains(RecordOwner.FILES, RecordOwner.VERDICT);
    }
    for (LocalDate d = BAD; !d.isAfter(END); d = d.plusDays(1)) {
      assertThat(repository.provenance("applications", d).keySet()).as("owners of %s", d)
          .containsExactly(RecordOwner.PROFILE);
    }
  }

  private static String findingsOf(List<Verdict> verdicts, LocalDate day) {
    Verdict v = verdicts.get((int) (day.toEpochDay() - START.toEpochDay()));
    return String.join("; ", v.findings().stream().map(f -> f.detector() + " " + f.metric()).toList());
  }

  /** A day's stored records without what differs between any two runs (run id, time of computing). */
  private static List<String> stored(Path metrics, LocalDate day) {
    return new ParquetMetricsRepository(metrics.toString(), new Configuration()).loadDay("applications", day).stream()
        .map(m -> m.entity() + " " + m.instance() + " " + m.metric() + " = " + m.value() + " " + m.detail())
        .toList();
  }

  private static int sparkJobs(SparkSession spark, Runnable work) throws TimeoutException {
    AtomicInteger jobs = new AtomicInteger();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
      }
    };
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().addSparkListener(listener);
    try {
      work.run();
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    return jobs.get();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
