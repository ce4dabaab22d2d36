package io.dqgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.dqgate.DqgateException;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed config: defaults, validation, datasets; layering, columns, templates and formats are tested apart. */
class DqgateConfigTest {
  private static final String APPLICATIONS = ConfigFiles.APPLICATIONS;
  private static final String ROOT_KEYS = "dataset-defaults, datasets, profile, repository, spark";
  private static final String DATASET_KEYS =
      "columns, detect, files, gate, manifest, notify, primary-key, profile, source, target";

  @TempDir Path dir;

  private File write(String hocon) {
    return new ConfigFiles(dir).write(hocon);
  }

  private DqgateConfig load(String hocon) {
    return new ConfigFiles(dir).load(hocon);
  }

  private DqgateConfig load(String hocon, Map<String, String> overrides) {
    return new ConfigFiles(dir).load(hocon, overrides);
  }

  private void assertLoadFails(String hocon, String message) {
    assertThatThrownBy(() -> load(hocon)).isInstanceOf(DqgateException.class).hasMessage(message);
  }

  // ---- defaults and zero-config ----

  @Test
  void datasetWithOnlySourcePathGetsEveryDefault() {
    DqgateConfig config = load(APPLICATIONS);

    DatasetSpec apps = config.dataset("applications");
    assertThat(apps.name()).isEqualTo("applications");
    assertThat(apps.source().path()).isEqualTo("/data/applications");
    assertThat(apps.source().format()).isEqualTo(SourceFormat.CSV);
    assertThat(apps.source().partitioning()).map(PartitionTemplate::toString).hasValue("dt={date}");
    assertThat(apps.source().partitionColumn()).isEmpty();
    assertThat(apps.source().options()).isEqualTo(Map.of("header", "true"));
    assertThat(apps.primaryKey()).isEmpty();
    assertThat(apps.target()).isEmpty();
    assertThat(apps.columns()).isEmpty();
    assertThat(apps.manifest()).isEmpty();
    assertThat(apps.gate()).isEqualTo(new GateSpec(Optional.empty(), Optional.empty(), 3,
        GateSpec.PublishFormat.FILES, GateSpec.CommitMode.AUTO));
    assertThat(apps.profile()).isSameAs(config.profile());
    assertThat(apps.column("age")).isEqualTo(ColumnSpec.inferred("age"));
    assertThat(apps.column("age").kind()).isEmpty();
  }

  @Test
  void pcaScoreForecastingIsOffByDefaultAndCanBeTurnedOnPerDataset() {
    assertThat(load(APPLICATIONS).dataset("applications").detect().pcaForecastScores()).isFalse();
    DqgateConfig on = load(APPLICATIONS + "datasets.applications.detect.pca.forecast-scores = true\n");
    assertThat(on.dataset("applications").detect().pcaForecastScores()).isTrue();
  }

  @Test
  void pcaScoreForecastingMustBeABoolean() {
    assertLoadFails(APPLICATIONS + "datasets.applications.detect.pca.forecast-scores = sometimes\n",
        "datasets.applications.detect.pca.forecast-scores: must be true or false, was \"sometimes\"");
  }

  @Test
  void profileDefaultsComeFromReferenceConf() {
    ProfileSpec profile = load(APPLICATIONS).profile();

    assertThat(profile.topValues()).isEqualTo(50);
    assertThat(profile.categoricalMaxDistinct()).isEqualTo(100);
    assertThat(profile.categoricalMaxDistinctRatio()).isEqualTo(0.5);
    assertThat(profile.inferenceSampleRows()).isEqualTo(10_000);
    assertThat(profile.inferenceMinMatch()).isEqualTo(0.95);
    assertThat(profile.quantileRankError()).isEqualTo(0.005);
    assertThat(profile.distinctRelativeError()).isEqualTo(0.02);
    assertThat(profile.dateFloor()).isEqualTo(LocalDate.of(1900, 1, 1));
    assertThat(profile.newValueLookbackDays()).isEqualTo(28);
  }

  @Test
  void repositoryAndSparkDefaultsComeFromReferenceConf() {
    DqgateConfig config = DqgateConfig.load(null, Map.of());

    assertThat(config.datasets()).isEmpty();
    assertThat(config.repository().path()).isEqualTo("dqgate-metrics");
    assertThat(config.spark().master()).isEqualTo("local[*]");
    assertThat(config.spark().conf()).isEqualTo(Map.of(
        "spark.sql.session.timeZone", "UTC",
        "spark.sql.legacy.timeParserPolicy", "CORRECTED"));
    assertThat(config.spark().localConf()).isEqualTo(Map.of(
        "spark.ui.enabled", "false",
        "spark.sql.shuffle.partitions", "8",
        "spark.driver.bindAddress", "127.0.0.1",
        "spark.driver.host", "127.0.0.1"));
  }

  @Test
  void fromBuildsTheSameRecordsAsLoad() {
    String hocon = APPLICATIONS + "datasets.applications.primary-key = [application_id]\n";
    DqgateConfig built = DqgateConfig.from(
        ConfigFactory.parseString(hocon).withFallback(DqgateConfig.reference()).resolve());

    DqgateConfig loaded = load(hocon);
    assertThat(built.profile()).isEqualTo(loaded.profile());
    assertThat(built.repository()).isEqualTo(loaded.repository());
    assertThat(built.spark()).isEqualTo(loaded.spark());
    assertThat(built.dataset("applications").primaryKey()).containsExactly("application_id");
  }

  @Test
  void fullDatasetIsRead() {
    DatasetSpec apps = load("""
        datasets.applications {
          source {
            path = "s3a://bucket/applications"
            format = PARQUET
            partitioning = "year={yyyy}/month={MM}/day={dd}"
            options { mergeSchema = true, "spark.sql.x" = 3 }
          }
          primary-key = [application_id]
          target = defaulted
          manifest = "_MANIFEST.json"
          gate { publish-to = "/store/applications", quarantine-to = "/quarantine/applications" }
        }
        """).dataset("applications");

    assertThat(apps.source().format()).isEqualTo(SourceFormat.PARQUET);
    // reader options merge with the default header option
    assertThat(apps.source().options())
        .isEqualTo(Map.of("header", "true", "mergeSchema", "true", "spark.sql.x", "3"));
    assertThat(apps.target()).hasValue("defaulted");
    assertThat(apps.manifest()).hasValue("_MANIFEST.json");
    assertThat(apps.gate()).isEqualTo(
        new GateSpec(Optional.of("/store/applications"), Optional.of("/quarantine/applications"), 3,
            GateSpec.PublishFormat.FILES, GateSpec.CommitMode.AUTO));
  }

  // ---- wrong types, always with the full key and the value ----

  @Test
  void integerKeyGivenAStringOrAFraction() {
    assertLoadFails(APPLICATIONS + "profile.top-values = many",
        "profile.top-values: must be an integer, was \"many\"");
    assertLoadFails(APPLICATIONS + "profile.top-values = 2.5",
        "profile.top-values: must be an integer, was 2.5");
    assertLoadFails(APPLICATIONS + "profile.correlation-max-columns = 2.5",
        "profile.correlation-max-columns: must be an integer, was 2.5");
    assertLoadFails(APPLICATIONS + "profile.quantile-rank-error = 0",
        "profile.quantile-rank-error: must be between 0.0001 and 0.1, was 0.0");
    assertLoadFails(APPLICATIONS + "profile.scan = fast",
        "profile.scan: must be kernel or plan, was \"fast\"");
  }

  @Test
  void numberKeyGivenAStringOrAList() {
    assertLoadFails(APPLICATIONS + "profile.distinct-relative-error = \"tiny\"",
        "profile.distinct-relative-error: must be a number, was \"tiny\"");
    assertLoadFails(APPLICATIONS + "profile.inference-min-match = [0.9]",
        "profile.inference-min-match: must be a number, was a list [0.9]");
  }

  @Test
  void objectsListsAndStringsInTheWrongPlace() {
    assertLoadFails("profile = 5", "profile: must be an object { ... }, was 5");
    assertLoadFails("datasets = [applications]", "datasets: must be an object { ... }, was a list [\"applications\"]");
    assertLoadFails("datasets.applications = \"/data/applications\"",
        "datasets.applications: must be an object { ... }, was \"/data/applications\"");
    assertLoadFails("datasets.applications = null", "datasets.applications: must be an object { ... }, was null");
    assertLoadFails("dataset-defaults = 1", "dataset-defaults: must be an object { ... }, was 1");
    assertLoadFails("datasets.applications.source = \"/data\"",
        "datasets.applications.source: must be an object { ... }, was \"/data\"");
    assertLoadFails(APPLICATIONS + "datasets.applications.source.options = [header]",
        "datasets.applications.source.options: must be an object { ... }, was a list [\"header\"]");
    assertLoadFails(APPLICATIONS + "datasets.applications.source.options.sep = [\";\"]",
        "datasets.applications.source.options.sep: must be a plain value, was a list [\";\"]");
    assertLoadFails(APPLICATIONS + "datasets.applications.primary-key { id = 1 }",
        "datasets.applications.primary-key: must be a list of strings, was an object");
    assertLoadFails(APPLICATIONS + "datasets.applications.primary-key = [id, [day]]",
        "datasets.applications.primary-key[1]: must be a string, was a list [\"day\"]");
    assertLoadFails("datasets.applications.source.path = [a, b]",
        "datasets.applications.source.path: must be a string, was a list [\"a\",\"b\"]");
    assertLoadFails("datasets.applications.source.path = \" \"",
        "datasets.applications.source.path: must not be empty");
    assertLoadFails(APPLICATIONS + "datasets.applications.profile = 5",
        "datasets.applications.profile: must be an object { ... }, was 5");
  }

  @Test
  void missingAndNullValues() {
    assertLoadFails("datasets.applications.source.format = csv",
        "datasets.applications.source.path: missing");
    assertLoadFails("repository.path = null", "repository.path: must not be null");
    assertLoadFails(APPLICATIONS + "profile.date-floor = \"01/01/1900\"",
        "profile.date-floor: must be a date YYYY-MM-DD, was \"01/01/1900\"");
  }

  // ---- unknown keys: a typo must not fall back to a default silently ----

  @Test
  void unknownRootKey() {
    assertLoadFails(APPLICATIONS + "profiles.top-values = 5",
        "profiles: unknown key (expected one of " + ROOT_KEYS + ")");
  }

  @Test
  void unknownDatasetKey() {
    assertLoadFails(APPLICATIONS + "datasets.applications.primary-keys = [id]",
        "datasets.applications.primary-keys: unknown key (expected one of " + DATASET_KEYS + ")");
  }

  @Test
  void unknownSourceKey() {
    assertLoadFails(APPLICATIONS + "datasets.applications.source.partition = \"dt={date}\"",
        "datasets.applications.source.partition: unknown key "
            + "(expected one of format, options, partition-column, partitioning, path)");
  }

  @Test
  void unknownColumnKey() {
    assertLoadFails(APPLICATIONS + "datasets.applications.columns.age.maximum = 120",
        "datasets.applications.columns.age.maximum: unknown key (expected one of domain, floor, format, kind, "
            + "max, max-null-fraction, max-out-of-domain-fraction, max-out-of-range-fraction, min, "
            + "min-format-match-fraction, not-null)");
  }

  @Test
  void unknownKeysInProfileGateSparkAndRepository() {
    String profileKeys = "categorical-max-distinct, categorical-max-distinct-ratio, correlation-max-columns, "
        + "date-floor, distinct-relative-error, inference-min-match, inference-sample-rows, "
        + "new-value-lookback-days, quantile-rank-error, scan, top-values";
    assertLoadFails(APPLICATIONS + "profile.top-value = 5",
        "profile.top-value: unknown key (expected one of " + profileKeys + ")");
    assertLoadFails(APPLICATIONS + "datasets.applications.profile.top-value = 5",
        "datasets.applications.profile.top-value: unknown key (expected one of " + profileKeys + ")");
    assertLoadFails(APPLICATIONS + "datasets.applications.gate.publish = \"/store\"",
        "datasets.applications.gate.publish: unknown key "
            + "(expected one of commit, keep-versions, publish-as, publish-to, quarantine-to)");
    assertLoadFails(APPLICATIONS + "datasets.applications.gate.keep-versions = 0",
        "datasets.applications.gate.keep-versions: must be at least 1 (the live version), was 0");
    assertLoadFails(APPLICATIONS + "datasets.applications.gate.commit = atomic",
        "datasets.applications.gate.commit: must be auto, rename or marker, was \"atomic\"");
    assertLoadFails("spark.masterr = \"local[2]\"",
        "spark.masterr: unknown key (expected one of conf, local-conf, master)");
    assertLoadFails("repository.root = \"/metrics\"", "repository.root: unknown key (expected one of path)");
  }

  @Test
  void unknownKeyInDatasetDefaultsIsReportedWhereItIsWritten() {
    assertLoadFails(APPLICATIONS + "dataset-defaults.primay-key = [id]",
        "dataset-defaults.primay-key: unknown key (expected one of " + DATASET_KEYS + ")");
  }

  // ---- enumerations ----

  @Test
  void unknownFormat() {
    assertLoadFails(APPLICATIONS + "datasets.applications.source.format = xml",
        "datasets.applications.source.format: must be one of csv, tsv, json, parquet, orc, was \"xml\"");
  }

  @Test
  void unknownKind() {
    assertLoadFails(APPLICATIONS + "datasets.applications.columns.age.kind = number",
        "datasets.applications.columns.age.kind: must be one of id, numeric, categorical, date, timestamp, "
            + "text, was \"number\"");
  }

  // ---- primary key and target ----

  @Test
  void primaryKeyAsListAsCommaStringAndAsOneName() {
    assertThat(load(APPLICATIONS + "datasets.applications.primary-key = [application_id, snapshot_date]")
        .dataset("applications").primaryKey()).containsExactly("application_id", "snapshot_date");
    assertThat(load(APPLICATIONS + "datasets.applications.primary-key = \"application_id, snapshot_date\"")
        .dataset("applications").primaryKey()).containsExactly("application_id", "snapshot_date");
    assertThat(load(APPLICATIONS + "datasets.applications.primary-key = application_id")
        .dataset("applications").primaryKey()).containsExactly("application_id");
  }

  @Test
  void primaryKeyListingAColumnTwice() {
    assertLoadFails(APPLICATIONS + "datasets.applications.primary-key = \"id, day, id\"",
        "datasets.applications.primary-key: lists a column twice: [id, day, id]");
  }

  @Test
  void targetInsideThePrimaryKey() {
    assertLoadFails(APPLICATIONS + """
        datasets.applications.primary-key = [application_id, defaulted]
        datasets.applications.target = defaulted
        """, "datasets.applications.target: must not be part of the primary key, was \"defaulted\"");
  }

  // ---- fractions and profile ranges ----

  @Test
  void fractionsOutsideZeroToOne() {
    assertLoadFails(APPLICATIONS + "profile.categorical-max-distinct-ratio = 1.5",
        "profile.categorical-max-distinct-ratio: must be a fraction between 0 and 1, was 1.5");
    assertLoadFails(APPLICATIONS + "profile.inference-min-match = -0.1",
        "profile.inference-min-match: must be a fraction between 0 and 1, was -0.1");
    assertLoadFails(APPLICATIONS + "profile.inference-min-match = 0.3",
        "profile.inference-min-match: must be at least 0.5, was 0.3");
    assertLoadFails(APPLICATIONS + "profile.distinct-relative-error = 0.5",
        "profile.distinct-relative-error: must be between 0.01 and 0.39, was 0.5");
  }

  // ---- per-dataset profile and dataset-defaults ----

  @Test
  void datasetProfileOverridesOnlyItsOwnKeys() {
    DqgateConfig config = load("""
        profile.categorical-max-distinct = 200
        datasets {
          applications { source.path = "/data/applications", profile.top-values = 5 }
          loans { source.path = "/data/loans" }
        }
        """);

    ProfileSpec applications = config.dataset("applications").profile();
    assertThat(applications.topValues()).isEqualTo(5);
    // the rest falls back to the global profile, including the user's own global settings
    assertThat(applications.categoricalMaxDistinct()).isEqualTo(200);
    assertThat(applications.quantileRankError()).isEqualTo(0.005);
    assertThat(config.dataset("loans").profile()).isEqualTo(config.profile());
    assertThat(config.profile().topValues()).isEqualTo(50);
  }

  @Test
  void datasetProfileIsValidatedUnderItsOwnKey() {
    assertLoadFails(APPLICATIONS + "datasets.applications.profile.top-values = 0",
        "datasets.applications.profile.top-values: must be at least 1, was 0");
  }

  @Test
  void datasetDefaultsApplyToEveryDatasetAndADatasetOverridesThem() {
    DqgateConfig config = load("""
        dataset-defaults {
          source { format = parquet, options { mergeSchema = true } }
          primary-key = [id]
          gate.quarantine-to = "/quarantine"
        }
        datasets {
          applications { source.path = "/data/applications" }
          loans { source { path = "/data/loans", format = json }, primary-key = [loan_id] }
        }
        """);

    DatasetSpec applications = config.dataset("applications");
    assertThat(applications.source().format()).isEqualTo(SourceFormat.PARQUET);
    assertThat(applications.source().partitioning()).map(PartitionTemplate::toString).hasValue("dt={date}");
    assertThat(applications.source().options()).isEqualTo(Map.of("header", "true", "mergeSchema", "true"));
    assertThat(applications.primaryKey()).containsExactly("id");
    assertThat(applications.gate().quarantineTo()).hasValue("/quarantine");
    DatasetSpec loans = config.dataset("loans");
    assertThat(loans.source().format()).isEqualTo(SourceFormat.JSON);
    assertThat(loans.primaryKey()).containsExactly("loan_id");
    assertThat(loans.gate().quarantineTo()).hasValue("/quarantine");
  }

  @Test
  void profileInDatasetDefaultsAppliesToEveryDataset() {
    DqgateConfig config = load("""
        dataset-defaults.profile.top-values = 7
        datasets {
          applications { source.path = "/data/applications" }
          loans { source.path = "/data/loans", profile.top-values = 9 }
        }
        """);

    assertThat(config.profile().topValues()).isEqualTo(50);
    assertThat(config.dataset("applications").profile().topValues()).isEqualTo(7);
    assertThat(config.dataset("loans").profile().topValues()).isEqualTo(9);
  }

  // ---- dataset names ----

  @Test
  void unknownDatasetListsTheKnownOnes() {
    DqgateConfig config = load(APPLICATIONS + "datasets.loans.source.path = \"/data/loans\"");

    assertThat(config.datasets()).containsOnlyKeys("applications", "loans");
    assertThatThrownBy(() -> config.dataset("nope"))
        .isInstanceOf(DqgateException.class)
        .hasMessage("--dataset: no dataset \"nope\" in the config (known: applications, loans)");
    assertThatThrownBy(() -> DqgateConfig.load(null, Map.of()).dataset("nope"))
        .isInstanceOf(DqgateException.class)
        .hasMessage("--dataset: no dataset \"nope\" in the config (known: none)");
  }

  @Test
  void invalidDatasetNames() {
    for (String name : List.of("bad name", "-leading-dash", "a.b", "über")) {
      assertLoadFails("datasets { \"" + name + "\" { source.path = \"/data\" } }",
          "datasets: a dataset name is letters, digits, '_' and '-', was \"" + name + "\"");
    }
  }

  @Test
  void validDatasetNames() {
    DqgateConfig config = load("""
        datasets {
          loan_applications-v2 { source.path = "/a" }
          "2024" { source.path = "/b" }
        }
        """);

    assertThat(config.datasets()).containsOnlyKeys("loan_applications-v2", "2024");
    assertThat(config.dataset("2024").source().path()).isEqualTo("/b");
  }
}
