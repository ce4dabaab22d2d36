package io.dqgate.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One monitored dataset. Only {@code source} is required: columns not listed here are profiled with
 * inferred kinds, and every expectation given becomes a static rule. {@code configSha256} is the SHA-256 of
 * the dataset's resolved config (its keys, dataset-defaults and the profile settings it inherits), which
 * every result records as its provenance.
 */
public record DatasetSpec(
    String name,
    SourceSpec source,
    List<String> primaryKey,
    Optional<String> target,
    Map<String, ColumnSpec> columns,
    Optional<String> manifest,
    ProfileSpec profile,
    GateSpec gate,
    FilesSpec files,
    DetectSpec detect,
    NotifySpec notifications,
    String configSha256) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  static final Set<String> KEYS = Set.of("source", "primary-key", "target", "columns", "manifest", "profile",
      "files", "detect", "gate", "notify");

  public DatasetSpec {
    primaryKey = List.copyOf(primaryKey);
    // Column order decides the order rules are reported in: keep it stable.
    columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  static void validateName(String key, String name) {
    if (!NAME.matcher(name).matches()) {
      throw ConfigReader.error(key, "a dataset name is letters, digits, '_' and '-', was \"" + name + "\"");
    }
  }

  static DatasetSpec from(String name, ConfigReader r, ProfileSpec profile, String configSha256) {
    validateName("datasets", name);
    r.requireOnly(KEYS);
    if (!r.has("source")) {
      throw r.errorAt("source", "missing (a dataset needs at least source.path)");
    }
    SourceSpec source = SourceSpec.from(r.child("source"));
    List<String> key = r.stringList("primary-key");
    if (key.size() != Set.copyOf(key).size()) {
      throw r.errorAt("primary-key", "lists a column twice: " + key);
    }
    Optional<String> target = r.optionalString("target");
    if (target.isPresent() && key.contains(target.get())) {
      throw r.errorAt("target", "must not be part of the primary key, was \"" + target.get() + "\"");
    }
    Map<String, ColumnSpec> columns = new LinkedHashMap<>();
    ConfigReader columnsReader = r.child("columns");
    for (String column : columnsReader.keys()) {
      columns.put(column, ColumnSpec.from(column, columnsReader.child(quote(column))));
    }
    return new DatasetSpec(name, source, key, target, columns, r.optionalString("manifest"), profile,
        GateSpec.from(r.child("gate"), source), FilesSpec.from(r.child("files")),
        DetectSpec.from(r.child("detect")), NotifySpec.from(r.child("notify")), configSha256);
  }

  /** The config for a column, or an empty one when the column is not mentioned. */
  public ColumnSpec column(String column) {
    ColumnSpec spec = columns.get(column);
    return spec != null ? spec : ColumnSpec.inferred(column);
  }

  private static String quote(String key) {
    return com.typesafe.config.ConfigUtil.joinPath(key);
  }
}
