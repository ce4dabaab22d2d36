package io.dqgate.jobs;

import io.dqgate.DqgateException;
import io.dqgate.audit.AuditRequest;
import java.util.Optional;
import java.util.Set;

/**
 * The audit sample's options: {@code sample --out DIR [--fraction F] [--seed N] [--out-format parquet|csv]},
 * and the same for {@code run} as {@code --sample-to DIR [--sample-fraction F] [--sample-seed N]
 * [--sample-format parquet|csv]}. ({@code --format} is the source's format.)
 */
final class AuditOptions {
  static final Set<String> SAMPLE = Set.of("out", "fraction", "seed", "out-format");
  static final Set<String> RUN = Set.of("sample-to", "sample-fraction", "sample-seed", "sample-format");

  private AuditOptions() {}

  static AuditRequest forSample(Args args) {
    return request(args.require("out", "the folder to write the sample to"), args, "fraction", "seed", "out-format");
  }

  /** The run's audit sample, when {@code --sample-to} is given; its other options alone are an error. */
  static Optional<AuditRequest> forRun(Args args) {
    Optional<String> out = args.get("sample-to");
    if (out.isEmpty()) {
      for (String option : new String[] {"sample-fraction", "sample-seed", "sample-format"}) {
        if (args.get(option).isPresent()) {
          throw new DqgateException("--" + option + ": needs --sample-to DIR (where the audit sample goes)");
        }
      }
      return Optional.empty();
    }
    return Optional.of(request(out.get(), args, "sample-fraction", "sample-seed", "sample-format"));
  }

  private static AuditRequest request(String out, Args args, String fraction, String seed, String format) {
    double f = args.get(fraction).map(v -> parseFraction(fraction, v)).orElse(AuditRequest.DEFAULT_FRACTION);
    long s = args.get(seed).map(v -> SampleFeedOptions.parseLong(seed, v)).orElse(AuditRequest.DEFAULT_SEED);
    AuditRequest.Format fmt = args.get(format).map(v -> AuditRequest.Format.parse("--" + format, v))
        .orElse(AuditRequest.Format.PARQUET);
    return new AuditRequest(out, f, s, fmt);
  }

  private static double parseFraction(String option, String value) {
    double f;
    try {
      f = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new DqgateException("--" + option + ": not a number: " + value);
    }
    if (!(f > 0 && f <= 1)) {
      throw new DqgateException("--" + option + ": must be > 0 and <= 1, was " + value);
    }
    return f;
  }
}
