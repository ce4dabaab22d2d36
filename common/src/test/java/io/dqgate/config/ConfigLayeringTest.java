package io.dqgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where config comes from: the --conf file, -D system properties and --set overrides, and their failures. */
class ConfigLayeringTest {
  private static final String APPLICATIONS = ConfigFiles.APPLICATIONS;

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

  // ---- layering: reference.conf < file < -D < overrides ----

  @Test
  void overridesWinOverTheFile() {
    DqgateConfig config = load(APPLICATIONS + "profile.top-values = 10\n", Map.of(
        "profile.top-values", "20",
        "datasets.applications.source.path", "/other/applications",
        "datasets.applications.columns.age.max", "120"));

    assertThat(config.profile().topValues()).isEqualTo(20);
    assertThat(config.dataset("applications").source().path()).isEqualTo("/other/applications");
    assertThat(config.dataset("applications").column("age").max()).hasValue(120.0);
  }

  @Test
  void overrideListValuesAreParsedAsLists() {
    DatasetSpec apps = load(APPLICATIONS, Map.of(
        "datasets.applications.primary-key", "[application_id, snapshot_date]",
        "datasets.applications.columns.gender.domain", "[Male, Female, \"Not given\"]")).dataset("applications");

    assertThat(apps.primaryKey()).containsExactly("application_id", "snapshot_date");
    assertThat(apps.column("gender").domain()).containsExactly("Male", "Female", "Not given");
    assertThat(apps.column("gender").kind()).hasValue(ColumnKind.CATEGORICAL);
  }

  @Test
  void overrideValuesAreValidatedLikeTheFile() {
    assertThatThrownBy(() -> load(APPLICATIONS, Map.of("profle.top-values", "5")))
        .isInstanceOf(DqgateException.class)
        .hasMessage("profle: unknown key (expected one of dataset-defaults, datasets, profile, repository, spark)");
    assertThatThrownBy(() -> load(APPLICATIONS, Map.of("profile.top-values", "lots")))
        .isInstanceOf(DqgateException.class)
        .hasMessage("profile.top-values: must be an integer, was \"lots\"");
  }

  @Test
  void brokenOverrideListNamesTheKey() {
    assertThatThrownBy(() -> load(APPLICATIONS, Map.of("datasets.applications.primary-key", "[a, [b]")))
        .isInstanceOf(DqgateException.class)
        .hasMessageStartingWith("--set datasets.applications.primary-key: not a list: \"[a, [b]\" (")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void systemPropertiesForOurRootsWinOverTheFileButNotOverOverrides() {
    String key = "profile.top-values";
    String previous = System.getProperty(key);
    System.setProperty(key, "30");
    try {
      assertThat(load(APPLICATIONS + "profile.top-values = 10").profile().topValues()).isEqualTo(30);
      assertThat(load(APPLICATIONS + "profile.top-values = 10", Map.of(key, "40")).profile().topValues())
          .isEqualTo(40);
    } finally {
      restore(key, previous);
    }
    assertThat(load(APPLICATIONS + "profile.top-values = 10").profile().topValues()).isEqualTo(10);
  }

  @Test
  void sparkSubmitSystemPropertiesAreNotMistakenForOurSparkKeys() {
    // spark-submit turns every Spark setting into a system property (spark.app.name, spark.master, ...);
    // those belong to Spark and must neither fail validation nor replace dqgate's spark settings.
    Map<String, String> props = Map.of("spark.app.name", "dqgate", "spark.master", "yarn",
        "spark.submit.deployMode", "client");
    Map<String, String> previous = new HashMap<>();
    props.forEach((k, v) -> previous.put(k, System.getProperty(k)));
    try {
      props.forEach(System::setProperty);
      DqgateConfig config = load(APPLICATIONS);
      assertThat(config.spark().master()).isEqualTo("local[*]");
    } finally {
      previous.forEach(ConfigLayeringTest::restore);
    }
  }

  private static void restore(String key, String previous) {
    if (previous == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, previous);
    }
  }

  // ---- the file itself ----

  @Test
  void missingConfFile() {
    File missing = dir.resolve("nope.conf").toFile();
    assertThatThrownBy(() -> DqgateConfig.load(missing, Map.of()))
        .isInstanceOf(DqgateException.class)
        .hasMessage("--conf: file not found: " + missing);
  }

  @Test
  void syntacticallyBrokenFileGivesOneLine() {
    File broken = write("""
        datasets {
          applications {
            source.path = "/data/applications"
        """);

    assertThatThrownBy(() -> DqgateConfig.load(broken, Map.of()))
        .isInstanceOf(DqgateException.class)
        // the file once, then the line Typesafe stopped at
        .hasMessageStartingWith("--conf: " + broken + ": 4: ")
        .satisfies(e -> assertThat(e.getMessage()).containsOnlyOnce(broken.getPath()))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r"));
  }

  @Test
  void unresolvedSubstitutionGivesOneLine() {
    assertThatThrownBy(() -> load(APPLICATIONS + "repository.path = ${metrics-root}"))
        .isInstanceOf(DqgateException.class)
        .hasMessageStartingWith("config: ")
        .hasMessageContaining("metrics-root")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void substitutionsResolveAcrossLayers() {
    DqgateConfig config = load("""
        repository.path = ${dataset-defaults.gate.quarantine-to}"/metrics"
        dataset-defaults.gate.quarantine-to = "/lake"
        """ + APPLICATIONS);

    assertThat(config.repository().path()).isEqualTo("/lake/metrics");
  }
}
