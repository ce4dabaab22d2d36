package io.dqgate.audit;

import io.dqgate.BadConfigException;
import java.util.Locale;

/**
 * What audit sample to draw: where it goes, its size as a share of the day's rows, the seed that makes the
 * draw reproducible, and the file format.
 */
public record AuditRequest(String out, double fraction, long seed, Format format) {
  public static final double DEFAULT_FRACTION = 0.02;
  public static final long DEFAULT_SEED = 0;

  /** The sample's file format. */
  public enum Format {
    PARQUET,
    CSV;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Format parse(String key, String value) {
      for (Format f : values()) {
        if (f.label().equalsIgnoreCase(value.trim())) {
          return f;
        }
      }
      throw new BadConfigException(key + ": must be parquet or csv, was \"" + value + "\"");
    }
  }

  public AuditRequest {
    if (out == null || out.isBlank()) {
      throw new BadConfigException("--out: the sample's folder is required");
    }
    if (!(fraction > 0 && fraction <= 1)) {
      throw new BadConfigException("--fraction: must be > 0 and <= 1, was " + fraction);
    }
  }
}
