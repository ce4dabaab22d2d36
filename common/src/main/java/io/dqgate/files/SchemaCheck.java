package io.dqgate.files;

import io.dqgate.config.FilesSpec;
import io.dqgate.vocabulary.FileCheck;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares the columns the files bring with the columns expected (from the config and the last checked
 * day): missing, extra, renamed (a missing and an extra column that look alike), type changes, and files
 * of one partition that disagree with each other.
 */
final class SchemaCheck {
  private SchemaCheck() {}

  /**
   * @param complete whether {@code expected} is the whole column list (known from an earlier day's files)
   *     rather than just the columns the config names; only then is a column the files add "extra".
   */
  static List<FileFinding> check(List<FileScan> scans, Set<String> expected, boolean complete,
      Map<String, String> expectedTypes, FilesSpec spec) {
    List<FileFinding> findings = new ArrayList<>();
    FileScan reference = null;
    for (FileScan scan : scans) {
      if (scan.columns().isEmpty() || scan.readError() != null) {
        continue;
      }
      if (reference == null) {
        reference = scan;
      } else if (!scan.columns().equals(reference.columns())) {
        findings.add(FileFinding.of(FileCheck.HEADER_MISMATCH, spec.severity(FileCheck.HEADER_MISMATCH),
            FileChecker.name(scan.path()), null, scan.columns().size(),
            FileChecker.name(scan.path()) + ": columns " + scan.columns() + " differ from "
                + FileChecker.name(reference.path()) + "'s " + reference.columns()));
      }
    }
    if (reference == null || expected.isEmpty()) {
      return findings;
    }
    String file = FileChecker.name(reference.path());
    Set<String> present = new LinkedHashSet<>(reference.columns());
    List<String> missing = new ArrayList<>(expected.stream().filter(c -> !present.contains(c)).toList());
    List<String> extra = new ArrayList<>(present.stream().filter(c -> !expected.contains(c)).toList());
    List<String> unexplained = new ArrayList<>();
    for (String gone : List.copyOf(missing)) {
      String renamedTo = extra.stream().filter(e -> lookAlike(gone, e)).findFirst().orElse(null);
      if (renamedTo != null) {
        missing.remove(gone);
        extra.remove(renamedTo);
        findings.add(FileFinding.of(FileCheck.RENAMED_COLUMN, spec.severity(FileCheck.RENAMED_COLUMN), file, gone,
            1, "column \"" + gone + "\" renamed to \"" + renamedTo + "\" in " + file));
      }
    }
    for (String gone : missing) {
      findings.add(FileFinding.of(FileCheck.MISSING_COLUMN, spec.severity(FileCheck.MISSING_COLUMN), file, gone, 1,
          "column \"" + gone + "\" missing from " + file));
    }
    for (String added : complete ? extra : unexplained) {
      findings.add(FileFinding.of(FileCheck.EXTRA_COLUMN, spec.severity(FileCheck.EXTRA_COLUMN), file, added, 1,
          "unexpected column \"" + added + "\" in " + file));
    }
    for (Map.Entry<String, String> type : reference.columnTypes().entrySet()) {
      String before = expectedTypes.get(type.getKey());
      if (before != null && !before.equals(type.getValue())) {
        findings.add(FileFinding.of(FileCheck.TYPE_CHANGE, spec.severity(FileCheck.TYPE_CHANGE), file,
            type.getKey(), 1, "column \"" + type.getKey() + "\" changed type from " + before + " to "
                + type.getValue() + " in " + file));
      }
    }
    return findings;
  }

  /** Same name but for case, separators or a small typo: "customerId" ~ "customer_id", "adress" ~ "address". */
  static boolean lookAlike(String a, String b) {
    String x = normalise(a);
    String y = normalise(b);
    if (x.equals(y) || x.isEmpty() || y.isEmpty()) {
      return !x.isEmpty();
    }
    int distance = levenshtein(x, y);
    return distance <= Math.max(1, Math.min(x.length(), y.length()) / 4);
  }

  private static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  static int levenshtein(String a, String b) {
    return org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance().apply(a, b);
  }

}
