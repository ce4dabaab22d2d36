package io.dqgate.jobs;

import com.typesafe.config.ConfigUtil;
import io.dqgate.DqgateException;
import io.dqgate.Provenance;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.config.NotifySpec;
import io.dqgate.pipeline.DayPipeline;
import io.dqgate.pipeline.HadoopSettings;
import io.dqgate.pipeline.Repositories;
import io.dqgate.source.ReaderOptions;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * The config and dataset a command works on: from {@code --conf FILE --dataset NAME}, from ad-hoc flags
 * ({@code --source DIR --format csv ...}, no file at all), or both, flags winning.
 */
record DatasetSelection(DqgateConfig config, DatasetSpec dataset) {
  static final Set<String> SOURCE_OPTIONS = Set.of("conf", "dataset", "source", "format", "partitioning",
      "partition-column", "primary-key", "target", "repository", "manifest");
  static final Set<String> REPEATABLE = Set.of("set", "option");
  /** Where gated partitions go; taken by the commands that gate (gate, run, rollback, history). */
  static final Set<String> GATE_OPTIONS = Set.of("publish-to", "quarantine-to");
  /** The webhook of commands that judge a day (run, detect): datasets.NAME.notify.webhook for this run. */
  static final Set<String> NOTIFY_OPTIONS = Set.of("notify");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  static DatasetSelection from(Args args) {
    Map<String, String> overrides = new LinkedHashMap<>();
    Optional<String> source = args.get("source");
    Optional<File> conf = args.file("conf");
    String name = args.get("dataset").orElse(null);
    if (name == null && source.isPresent()) {
      name = lastFolder(source.get());
      if (!NAME.matcher(name).matches()) {
        throw new DqgateException("--source: cannot name the dataset after folder \"" + name
            + "\" (letters, digits, '_' and '-' only); give --dataset NAME");
      }
    }
    if (name == null) {
      throw new DqgateException(
          args.command() + ": give --source DIR (no config needed) or --conf FILE --dataset NAME");
    }
    if (!NAME.matcher(name).matches()) {
      throw new DqgateException("--dataset: a dataset name is letters, digits, '_' and '-', was \"" + name + "\"");
    }
    String prefix = "datasets." + name + ".";
    source.ifPresent(s -> overrides.put(prefix + "source.path", s));
    args.get("format").ifPresent(f -> overrides.put(prefix + "source.format", f));
    args.get("partitioning").ifPresent(p -> overrides.put(prefix + "source.partitioning", p));
    args.get("partition-column").ifPresent(p -> overrides.put(prefix + "source.partition-column", p));
    args.get("primary-key").ifPresent(k -> overrides.put(prefix + "primary-key", k));
    args.get("target").ifPresent(t -> overrides.put(prefix + "target", t));
    args.get("manifest").ifPresent(m -> overrides.put(prefix + "manifest", m));
    for (Map.Entry<String, String> e : args.pairs("option").entrySet()) {
      overrides.put(prefix + "source.options." + ConfigUtil.quoteString(e.getKey()), e.getValue());
    }
    args.get("repository").ifPresent(r -> overrides.put("repository.path", r));
    args.get("publish-to").ifPresent(p -> overrides.put(prefix + "gate.publish-to", p));
    args.get("quarantine-to").ifPresent(q -> overrides.put(prefix + "gate.quarantine-to", q));
    args.get("notify").ifPresent(url -> overrides.put(prefix + "notify.webhook",
        NotifySpec.webhook("--notify", url).toString()));
    overrides.putAll(args.pairs("set"));
    if (conf.isEmpty() && source.isEmpty() && !overrides.containsKey(prefix + "source.path")) {
      throw new DqgateException(
          args.command() + ": give --source DIR (no config needed) or --conf FILE --dataset NAME");
    }
    DqgateConfig config = DqgateConfig.load(conf.orElse(null), overrides);
    DatasetSpec dataset = config.dataset(name);
    ReaderOptions.validate(dataset.source(), prefix + "source.options");
    return new DatasetSelection(config, dataset);
  }

  /** A pipeline for the selected dataset on a job that has its session open. */
  DayPipeline pipeline(SparkSessions.JobSpark job) {
    Provenance provenance = provenance();
    SparkSession session = job.session();
    // before any scan: a repository that cannot be written would be found only after the whole work
    RepositoryCheck.requireWritable(config.repository().path(), HadoopSettings.of(config.spark(), session));
    return new DayPipeline(dataset, Repositories.open(config, Optional.of(session), provenance), () -> session,
        HadoopSettings.of(config.spark(), session), provenance);
  }

  /** A pipeline for the selected dataset whose Spark session starts only if a step needs it. */
  DayPipeline pipeline(LazySpark spark) {
    Provenance provenance = provenance();
    return new DayPipeline(dataset, Repositories.open(config, spark.started(), provenance), spark,
        spark.hadoopConf(), provenance);
  }

  /** A fresh run of this build on the selected dataset's config. */
  Provenance provenance() {
    return Provenance.ofBuild(Provenance.newRunId(), dataset.configSha256());
  }

  /** The union of option names. */
  @SafeVarargs
  static Set<String> options(Set<String>... sets) {
    Set<String> out = new java.util.HashSet<>();
    for (Set<String> s : sets) {
      out.addAll(s);
    }
    return Set.copyOf(out);
  }

  static String lastFolder(String path) {
    String trimmed = path.replaceAll("/+$", "");
    int slash = trimmed.lastIndexOf('/');
    return slash >= 0 ? trimmed.substring(slash + 1) : trimmed;
  }
}
