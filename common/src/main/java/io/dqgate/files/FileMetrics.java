package io.dqgate.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.metrics.MetricSink;
import io.dqgate.vocabulary.FileCheck;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The metrics a file check leaves in the repository, so detection can use their history. */
final class FileMetrics {
  static final ObjectMapper JSON = new ObjectMapper();
  private final MetricSink sink;

  FileMetrics(String dataset, LocalDate date, String runId, Instant computedAt) {
    this.sink = new MetricSink(dataset, date, runId, computedAt);
  }

  List<MetricRecord> of(List<FileScan> scans, List<FileFinding> findings, Map<String, Double> volume) {
    volume.forEach(sink::dataset);
    dataset(MetricNames.ZERO_BYTE_FILE_COUNT, scans.stream().filter(s -> s.bytes() == 0).count());
    dataset(MetricNames.UNREADABLE_FILE_COUNT, scans.stream().filter(s -> s.readError() != null).count());
    dataset(MetricNames.MALFORMED_ROW_COUNT, scans.stream().mapToLong(FileScan::malformedRecords).sum());
    dataset(MetricNames.TRUNCATED_FILE_COUNT, scans.stream().filter(FileScan::truncatedLastLine).count());
    dataset(MetricNames.INVALID_UTF8_COUNT, scans.stream().mapToLong(FileScan::invalidUtf8Sequences).sum());
    dataset(MetricNames.NUL_BYTE_COUNT, scans.stream().mapToLong(FileScan::nulBytes).sum());
    dataset(MetricNames.BOM_FILE_COUNT, scans.stream().filter(FileScan::bom).count());
    dataset(MetricNames.CHECKSUM_MISMATCH_COUNT, count(findings, FileCheck.CHECKSUM_MISMATCH));
    dataset(MetricNames.UNLISTED_FILE_COUNT, count(findings, FileCheck.FILE_NOT_IN_MANIFEST));
    dataset(MetricNames.MISSING_FILE_COUNT, count(findings, FileCheck.FILE_MISSING));
    dataset(MetricNames.MISSING_COLUMN_COUNT,
        count(findings, FileCheck.MISSING_COLUMN) + count(findings, FileCheck.RENAMED_COLUMN));
    dataset(MetricNames.EXTRA_COLUMN_COUNT, count(findings, FileCheck.EXTRA_COLUMN));
    for (FileScan s : scans) {
      String file = FileChecker.name(s.path());
      ObjectNode detail = JSON.createObjectNode()
          .put("path", s.path())
          .put("sha256", s.sha256())
          .put("rows", FileChecker.rowsOf(s));
      if (s.codec() != null) {
        detail.put("codec", s.codec());
      }
      var problems = detail.putArray("findings");
      findings.stream().filter(f -> file.equals(f.file())).forEach(f -> problems.add(f.check().label()));
      add(Entity.FILE, file, MetricNames.FILE_BYTES, s.bytes(), detail.toString());
      add(Entity.FILE, file, MetricNames.FILE_ROWS, FileChecker.rowsOf(s), null);
    }
    FileScan first = scans.stream().filter(s -> !s.columns().isEmpty() && s.readError() == null).findFirst()
        .orElse(null);
    if (first != null) {
      for (String column : first.columns()) {
        add(Entity.COLUMN, column, MetricNames.FILE_COLUMN_PRESENT, 1, null);
      }
      first.columnTypes().forEach((column, type) -> add(Entity.COLUMN, column, MetricNames.FILE_COLUMN_TYPE,
          Double.NaN, type));
    }
    return sink.records();
  }

  private static long count(List<FileFinding> findings, FileCheck check) {
    return findings.stream().filter(f -> f.check() == check).count();
  }

  private void dataset(String metric, double value) {
    sink.dataset(metric, value);
  }

  private void add(Entity entity, String instance, String metric, double value, String detail) {
    sink.add(entity, instance, metric, value, detail);
  }
}
