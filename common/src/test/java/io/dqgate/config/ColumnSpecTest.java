package io.dqgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnSpecTest {
  private static final String KEY = "datasets.applications.columns.c.";

  @TempDir Path dir;

  private DatasetSpec dataset(String columns) {
    Path file = dir.resolve("application.conf");
    try {
      Files.writeString(file, "datasets.applications {\n  source.path = \"/data/applications\"\n  columns {\n"
          + columns + "\n  }\n}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DqgateConfig.load(file.toFile(), Map.of()).dataset("applications");
  }

  /** The column {@code c} configured with the given body. */
  private ColumnSpec column(String body) {
    return dataset("c { " + body + " }").column("c");
  }

  private void assertColumnFails(String body, String message) {
    assertThatThrownBy(() -> column(body)).isInstanceOf(DqgateException.class).hasMessage(message);
  }

  @Test
  void numericRange() {
    ColumnSpec age = dataset("age { kind = numeric, min = 0, max = 120 }").column("age");

    assertThat(age.name()).isEqualTo("age");
    assertThat(age.kind()).hasValue(ColumnKind.NUMERIC);
    assertThat(age.min()).hasValue(0.0);
    assertThat(age.max()).hasValue(120.0);
    assertThat(age.hasRange()).isTrue();
    assertThat(age.maxOutOfRangeFraction()).isEqualTo(0.0);
  }

  @Test
  void maxNotAboveMinNamesTheKeyAndBothValues() {
    assertThatThrownBy(() -> dataset("age { kind = numeric, min = 0, max = -5 }"))
        .isInstanceOf(DqgateException.class)
        .hasMessage("datasets.applications.columns.age.max: must be > min (0), was -5");
    assertColumnFails("min = 10, max = 10", KEY + "max: must be > min (10), was 10");
    assertColumnFails("min = 0.5, max = 0.25", KEY + "max: must be > min (0.5), was 0.25");
  }

  @Test
  void wrongTypes() {
    assertColumnFails("min = abc", KEY + "min: must be a number, was \"abc\"");
    assertColumnFails("max = true", KEY + "max: must be a number, was true");
    assertColumnFails("not-null = maybe", KEY + "not-null: must be true or false, was \"maybe\"");
    assertColumnFails("domain { a = 1 }", KEY + "domain: must be a list of strings, was an object");
    assertColumnFails("domain = [a, null]", KEY + "domain[1]: must be a string, was null");
    assertColumnFails("format = [dd-MM-yyyy]", KEY + "format: must be a string, was a list [\"dd-MM-yyyy\"]");
    assertColumnFails("floor = 1900", KEY + "floor: must be a date YYYY-MM-DD, was \"1900\"");
    assertThatThrownBy(() -> dataset("c = 5"))
        .isInstanceOf(DqgateException.class)
        .hasMessage("datasets.applications.columns.c: must be an object { ... }, was 5");
  }

  @Test
  void kindIsImpliedByRangeDomainOrFormat() {
    assertThat(column("min = 0").kind()).hasValue(ColumnKind.NUMERIC);
    assertThat(column("max = 1").kind()).hasValue(ColumnKind.NUMERIC);
    assertThat(column("domain = [Male, Female]").kind()).hasValue(ColumnKind.CATEGORICAL);
    assertThat(column("format = \"dd-MM-yyyy\"").kind()).hasValue(ColumnKind.DATE);
    assertThat(column("format = \"yyyy-MM-dd'T'HH:mm:ss\"").kind()).hasValue(ColumnKind.TIMESTAMP);
    assertThat(column("not-null = true").kind()).isEmpty();
  }

  @Test
  void explicitKindIsKept() {
    assertThat(column("kind = ID").kind()).hasValue(ColumnKind.ID);
    assertThat(column("kind = text").kind()).hasValue(ColumnKind.TEXT);
    assertThat(column("kind = timestamp, format = \"dd-MM-yyyy\"").kind()).hasValue(ColumnKind.TIMESTAMP);
  }

  @Test
  void rangeNeedsNumericKind() {
    assertColumnFails("kind = categorical, min = 0",
        KEY + "min: a range needs kind = numeric, was kind = categorical");
    assertColumnFails("kind = date, max = 10", KEY + "max: a range needs kind = numeric, was kind = date");
  }

  @Test
  void domainNeedsCategoricalKind() {
    assertColumnFails("kind = numeric, domain = [1, 2]",
        KEY + "domain: a domain needs kind = categorical, was kind = numeric");
  }

  @Test
  void formatNeedsTemporalKind() {
    assertColumnFails("kind = numeric, format = \"yyyy-MM-dd\"",
        KEY + "format: a format needs kind = date or timestamp, was kind = numeric");
  }

  @Test
  void badDatePattern() {
    assertColumnFails("format = \"dd-MM-yyyb\"",
        KEY + "format: not a date/time pattern: \"dd-MM-yyyb\" (Unknown pattern letter: b)");
    assertColumnFails("format = \"dd-MM\"", KEY + "format: a date pattern needs a year (yyyy), was \"dd-MM\"");
  }

  @Test
  void domainAndFormatDetails() {
    ColumnSpec gender = column("domain = \"Male, Female\", max-out-of-domain-fraction = 0.01");
    assertThat(gender.domain()).containsExactly("Male", "Female");
    assertThat(gender.maxOutOfDomainFraction()).isEqualTo(0.01);

    ColumnSpec birth = column("format = \"dd-MM-yyyy\", min-format-match-fraction = 0.99, floor = \"1920-01-01\"");
    assertThat(birth.format()).hasValue("dd-MM-yyyy");
    assertThat(birth.minFormatMatchFraction()).isEqualTo(0.99);
    assertThat(birth.floor()).hasValue(LocalDate.of(1920, 1, 1));
  }

  @Test
  void fractionDefaults() {
    ColumnSpec c = column("kind = numeric");
    assertThat(c.maxOutOfRangeFraction()).isEqualTo(0.0);
    assertThat(c.maxOutOfDomainFraction()).isEqualTo(0.0);
    assertThat(c.minFormatMatchFraction()).isEqualTo(1.0);
    assertThat(c.maxNullFraction()).isEmpty();
    assertThat(c.floor()).isEmpty();
    assertThat(c.domain()).isEmpty();
    assertThat(c.hasRange()).isFalse();
  }

  @Test
  void fractionsOutsideZeroToOne() {
    assertColumnFails("min = 0, max-out-of-range-fraction = 1.5",
        KEY + "max-out-of-range-fraction: must be a fraction between 0 and 1, was 1.5");
    assertColumnFails("max-null-fraction = -0.1",
        KEY + "max-null-fraction: must be a fraction between 0 and 1, was -0.1");
    assertColumnFails("domain = [a], max-out-of-domain-fraction = 2",
        KEY + "max-out-of-domain-fraction: must be a fraction between 0 and 1, was 2.0");
    assertColumnFails("format = \"yyyy-MM-dd\", min-format-match-fraction = most",
        KEY + "min-format-match-fraction: must be a number, was \"most\"");
  }

  @Test
  void notNullMeansNoNullsAllowed() {
    assertThat(column("not-null = true").maxNullFraction()).hasValue(0.0);
    assertThat(column("not-null = true, max-null-fraction = 0").maxNullFraction()).hasValue(0.0);
    assertThat(column("not-null = false").maxNullFraction()).isEmpty();
    assertThat(column("not-null = false, max-null-fraction = 0.05").maxNullFraction()).hasValue(0.05);
  }

  @Test
  void notNullContradictingMaxNullFraction() {
    assertColumnFails("not-null = true, max-null-fraction = 0.05",
        KEY + "not-null: contradicts max-null-fraction (0.05)");
  }

  @Test
  void columnNamesWithDotsAreKeptWhole() {
    DatasetSpec apps = dataset("\"score.v2\" { min = 0 }");

    assertThat(apps.columns()).containsOnlyKeys("score.v2");
    assertThat(apps.column("score.v2").kind()).hasValue(ColumnKind.NUMERIC);
  }

  @Test
  void columnsInDatasetDefaultsMergeWithTheDatasetsOwn() {
    Path file = dir.resolve("defaults.conf");
    try {
      Files.writeString(file, """
          dataset-defaults.columns.ingested_at { kind = timestamp, not-null = true }
          datasets.applications { source.path = "/data/applications", columns.age.min = 0 }
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DatasetSpec apps = DqgateConfig.load(file.toFile(), Map.of()).dataset("applications");

    assertThat(apps.columns()).containsOnlyKeys("ingested_at", "age");
    assertThat(apps.column("ingested_at").maxNullFraction()).hasValue(0.0);
  }

  @Test
  void unlistedColumnIsInferred() {
    ColumnSpec inferred = dataset("age { min = 0 }").column("income");

    assertThat(inferred).isEqualTo(ColumnSpec.inferred("income"));
    assertThat(inferred.kind()).isEmpty();
    assertThat(inferred.minFormatMatchFraction()).isEqualTo(1.0);
  }
}
