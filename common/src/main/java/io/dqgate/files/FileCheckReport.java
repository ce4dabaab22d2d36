package io.dqgate.files;

import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The outcome of checking one partition's files: per-file scans, findings, and metrics to store. */
public record FileCheckReport(
    String dataset,
    LocalDate date,
    String location,
    List<FileScan> scans,
    List<FileFinding> findings,
    List<MetricRecord> metrics) {

  public FileCheckReport {
    scans = List.copyOf(scans);
    findings = findings.stream()
        .filter(f -> f.severity() != Severity.OFF)
        .sorted(Comparator.comparing(FileFinding::severity).reversed())
        .toList();
    metrics = List.copyOf(metrics);
  }

  public Status status() {
    return Status.of(findings.stream().map(FileFinding::severity).collect(Collectors.toSet()));
  }

  public Verdict verdict() {
    return Verdict.of(dataset, date, findings.stream().map(FileFinding::toFinding).toList());
  }

  public String summary() {
    long rows = scans.stream().mapToLong(FileChecker::rowsOf).sum();
    long bytes = scans.stream().mapToLong(FileScan::bytes).sum();
    String top = findings.isEmpty() ? "no findings"
        : findings.size() + " finding(s), first: " + findings.get(0).message();
    return String.format("check-files %s %s: %s, %d files, %d bytes, %d rows, %s", dataset, date, status(),
        scans.size(), bytes, rows, top);
  }
}
