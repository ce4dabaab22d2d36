package io.dqgate.repository;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures shared by the repository tests: a fresh repository per test and record builders. */
@ExtendWith(SparkExtension.class)
abstract class RepositoryTestBase {
  static final String ORDERS = "orders";
  static final String CUSTOMERS = "customers";
  static final String PROFILE_FILE = ParquetMetricsRepository.fileOf(RecordOwner.PROFILE);
  static final LocalDate MAR_1 = LocalDate.parse("2024-03-01");
  static final LocalDate MAR_2 = LocalDate.parse("2024-03-02");
  static final LocalDate MAR_3 = LocalDate.parse("2024-03-03");
  static final LocalDate MAR_5 = LocalDate.parse("2024-03-05");
  static final Instant AT = Instant.parse("2024-03-02T06:15:30.123456Z");

  @TempDir
  Path dir;

  Path root;
  ParquetMetricsRepository repo;

  @BeforeEach
  void open() {
    root = dir.resolve("metrics");
    repo = new ParquetMetricsRepository(root.toString(), new Configuration());
  }

  // ---------------------------------------------------------------------------------------------- helpers

  static MetricRecord record(String dataset, LocalDate date, String runId, Instant at, Entity entity,
      String instance, String metric, double value, String detail) {
    return new MetricRecord(dataset, date, runId, at, entity, instance, metric, value, detail);
  }

  /** {@code n} distinct records m0..m(n-1) whose values depend on the day and run. */
  static List<MetricRecord> sampleDay(String dataset, LocalDate date, String runId, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> record(dataset, date, runId, AT.plusSeconds(date.getDayOfYear()), Entity.COLUMN, "c" + i,
            "m" + i, date.getDayOfMonth() * 100.0 + i + runId.length() / 10.0, i % 2 == 0 ? null : "{\"i\":" + i + "}"))
        .toList();
  }

  static String longUnicodeJson() {
    return IntStream.range(0, 1000)
        .mapToObj(i -> "{\"value\":\"Zürich-東京-" + i + "-😀 \\\"q\\\", c\",\"p\":" + (i / 1000.0) + "}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  @SafeVarargs
  static List<MetricRecord> concat(List<MetricRecord>... lists) {
    return Stream.of(lists).flatMap(List::stream).toList();
  }

  Path dayFile(String dataset, LocalDate date) {
    return root.resolve("dataset=" + dataset).resolve("partition_date=" + date)
        .resolve(PROFILE_FILE);
  }

  /** Every entry of the day's folder, hidden ones included. */
  List<String> dayFiles(String dataset, LocalDate date) throws IOException {
    return list(dayFile(dataset, date).getParent());
  }

  static List<String> list(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static String runAndMetric(Group g) {
    return g.getString("run_id", 0) + "/" + g.getString("metric", 0);
  }

  static List<String> runAndMetric(List<MetricRecord> records) {
    return records.stream().map(r -> r.runId() + "/" + r.metric()).toList();
  }

  static List<Object> values(Row row) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < row.size(); i++) {
      Object v = row.get(i);
      out.add(v instanceof Timestamp t ? t.toInstant() : v);
    }
    return out;
  }
}
