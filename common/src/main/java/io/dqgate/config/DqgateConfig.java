package io.dqgate.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import io.dqgate.BadConfigException;
import io.dqgate.Provenance;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The whole, validated configuration. Layers, later winning: {@code reference.conf} (every default),
 * the user's file, {@code -Dkey=value} system properties, then {@code --set key=value} and command-line flags.
 * Everything is checked here, before a SparkSession exists.
 */
public record DqgateConfig(
    RepositorySpec repository,
    SparkSpec spark,
    ProfileSpec profile,
    Map<String, DatasetSpec> datasets) {

  static final Set<String> ROOT_KEYS = Set.of("repository", "spark", "profile", "dataset-defaults", "datasets");
  /**
   * Roots that {@code -Dkey=value} may set. Not {@code spark}: spark-submit turns every Spark setting
   * (spark.master, spark.app.name, ...) into a system property, and Spark reads those itself.
   */
  static final Set<String> SYSTEM_PROPERTY_ROOTS = Set.of("repository", "profile", "dataset-defaults", "datasets");

  public DqgateConfig {
    datasets = Map.copyOf(datasets);
  }

  /**
   * Loads and validates the configuration.
   *
   * @param file the user's config file, or null for defaults only
   * @param overrides key=value pairs that win over everything else (the command line)
   */
  public static DqgateConfig load(File file, Map<String, String> overrides) {
    Config user = ConfigFactory.empty();
    if (file != null) {
      if (!file.isFile()) {
        throw new BadConfigException("--conf: file not found: " + file);
      }
      try {
        user = ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
      } catch (ConfigException e) {
        // Typesafe's message already starts with "<file>: <line>:"; do not name the file twice.
        String detail = oneLine(e.getMessage());
        throw new BadConfigException("--conf: " + (detail.startsWith(file.getPath()) ? detail : file + ": " + detail));
      }
    }
    Config cli;
    try {
      cli = ConfigFactory.parseMap(parseOverrideValues(overrides), "command line");
    } catch (ConfigException e) {
      throw new BadConfigException("--set: " + oneLine(e.getMessage()));
    }
    Config userLayers = cli.withFallback(systemOverrides()).withFallback(user);
    ConfigReader userRoot = new ConfigReader(userLayers, "");
    userRoot.requireOnly(ROOT_KEYS);
    Config merged = userLayers.withFallback(reference());
    try {
      merged = merged.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
    } catch (ConfigException e) {
      throw new BadConfigException("config: " + oneLine(e.getMessage()));
    }
    return from(merged);
  }

  /**
   * Loads config text as {@code --conf} would load a file holding it (over reference.conf, without system
   * properties); {@code origin} names it in errors.
   */
  public static DqgateConfig parse(String hocon, String origin) {
    Config text;
    try {
      text = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription(origin));
      new ConfigReader(text, "").requireOnly(ROOT_KEYS);
      return from(text.withFallback(reference()).resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false)));
    } catch (ConfigException e) {
      throw new BadConfigException(origin + ": " + oneLine(e.getMessage()));
    }
  }

  /** Builds the typed config from a merged, resolved tree. */
  public static DqgateConfig from(Config config) {
    Config relevant = config;
    ConfigReader root = new ConfigReader(relevant, "");
    ProfileSpec profile = ProfileSpec.from(root.child("profile"));
    // Checked where it is written; otherwise a typo here is reported under every dataset, or not at all.
    root.child("dataset-defaults").requireOnly(DatasetSpec.KEYS);
    Config defaults = relevant.hasPath("dataset-defaults") ? relevant.getConfig("dataset-defaults")
        : ConfigFactory.empty();
    Map<String, DatasetSpec> datasets = new LinkedHashMap<>();
    ConfigReader datasetsReader = root.child("datasets");
    for (String name : datasetsReader.keys()) {
      DatasetSpec.validateName("datasets", name);
      datasetsReader.child(ConfigUtil.joinPath(name));
      datasets.put(name, dataset(relevant, name, defaults, profile));
    }
    return new DqgateConfig(RepositorySpec.from(root.child("repository")), SparkSpec.from(root.child("spark")),
        profile, datasets);
  }

  private static DatasetSpec dataset(Config config, String name, Config defaults, ProfileSpec globalProfile) {
    Config own = config.getConfig("datasets." + ConfigUtil.joinPath(name));
    Config withDefaults = own.withFallback(defaults);
    ConfigReader reader = new ConfigReader(withDefaults, "datasets." + name);
    ProfileSpec profile = globalProfile;
    // dataset-defaults.profile counts too: withDefaults, not only the dataset's own keys.
    if (reader.has("profile")) {
      reader.child("profile"); // an object, or a one-line error naming the key
      Config profileConfig = withDefaults.getConfig("profile").withFallback(config.getConfig("profile"));
      profile = ProfileSpec.from(new ConfigReader(profileConfig, "datasets." + name + ".profile"));
    }
    // Where a verdict is announced does not change what was judged: notify stays out of the provenance hash.
    String resolved = withDefaults.withoutPath("notify").root().render(ConfigRenderOptions.concise()) + "\n"
        + config.getConfig("profile").root().render(ConfigRenderOptions.concise());
    return DatasetSpec.from(name, reader, profile, Provenance.sha256(resolved));
  }

  /** The named dataset, or a one-line error listing the ones that exist. */
  public DatasetSpec dataset(String name) {
    DatasetSpec spec = datasets.get(name);
    if (spec == null) {
      throw new BadConfigException("--dataset: no dataset \"" + name + "\" in the config (known: "
          + (datasets.isEmpty() ? "none" : String.join(", ", new TreeSet<>(datasets.keySet()))) + ")");
    }
    return spec;
  }

  static Config reference() {
    return ConfigFactory.parseResources(DqgateConfig.class, "/reference.conf",
        ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
  }

  /**
   * The {@code -D} properties under our roots, read now: ConfigFactory.systemProperties() is cached for the
   * life of the JVM and would miss properties set after the first load.
   */
  private static Config systemOverrides() {
    Properties ours = new Properties();
    for (String key : System.getProperties().stringPropertyNames()) {
      // Only keys below a root: a bare -Dprofile=dev belongs to some other tool, not to us.
      String root = key.contains(".") ? key.substring(0, key.indexOf('.')) : null;
      String value = System.getProperty(key);
      if (root != null && SYSTEM_PROPERTY_ROOTS.contains(root) && value != null) {
        ours.setProperty(key, value);
      }
    }
    return ConfigFactory.parseProperties(ours,
        ConfigParseOptions.defaults().setOriginDescription("system properties"));
  }

  /** Command-line values are strings; HOCON lists ("[a, b]") and numbers are parsed as such. */
  private static Map<String, Object> parseOverrideValues(Map<String, String> overrides) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String v = e.getValue();
      if (v.startsWith("[") && v.endsWith("]")) {
        try {
          out.put(e.getKey(), ConfigFactory.parseString("v = " + v).getList("v").unwrapped());
        } catch (ConfigException ex) {
          throw new BadConfigException("--set " + e.getKey() + ": not a list: \"" + v + "\" ("
              + oneLine(ex.getMessage()) + ")");
        }
      } else {
        out.put(e.getKey(), v);
      }
    }
    return out;
  }

  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
