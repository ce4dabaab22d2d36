package io.dqgate.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the config says about one column. Everything is optional: an absent kind is inferred, and each
 * expectation (range, domain, nulls, format) becomes a static rule only when it is given.
 */
public record ColumnSpec(
    String name,
    Optional<ColumnKind> kind,
    Optional<Double> min,
    Optional<Double> max,
    double maxOutOfRangeFraction,
    List<String> domain,
    double maxOutOfDomainFraction,
    Optional<String> format,
    double minFormatMatchFraction,
    Optional<Double> maxNullFraction,
    Optional<LocalDate> floor) {

  static final Set<String> KEYS = Set.of("kind", "min", "max", "max-out-of-range-fraction", "domain",
      "max-out-of-domain-fraction", "format", "min-format-match-fraction", "not-null", "max-null-fraction",
      "floor");

  public ColumnSpec {
    domain = List.copyOf(domain);
  }

  /** A column the config does not mention. */
  public static ColumnSpec inferred(String name) {
    return new ColumnSpec(name, Optional.empty(), Optional.empty(), Optional.empty(), 0.0, List.of(), 0.0,
        Optional.empty(), 1.0, Optional.empty(), Optional.empty());
  }

  static ColumnSpec from(String name, ConfigReader r) {
    r.requireOnly(KEYS);
    Optional<ColumnKind> kind = r.optionalString("kind").map(k -> ColumnKind.parse(r.path("kind"), k));
    Optional<Double> min = r.optionalNumber("min");
    Optional<Double> max = r.optionalNumber("max");
    if (min.isPresent() && max.isPresent() && !(max.get() > min.get())) {
      throw r.errorAt("max", "must be > min (" + plain(min.get()) + "), was " + plain(max.get()));
    }
    List<String> domain = r.stringList("domain");
    Optional<String> format = r.optionalString("format");
    format.ifPresent(f -> DateFormats.validatePattern(r.path("format"), f));
    Optional<Double> maxNull = r.optionalFraction("max-null-fraction");
    if (r.bool("not-null", false)) {
      if (maxNull.isPresent() && maxNull.get() > 0) {
        throw r.errorAt("not-null", "contradicts max-null-fraction (" + maxNull.get() + ")");
      }
      maxNull = Optional.of(0.0);
    }
    if ((min.isPresent() || max.isPresent()) && kind.isPresent() && kind.get() != ColumnKind.NUMERIC) {
      throw r.errorAt(min.isPresent() ? "min" : "max",
          "a range needs kind = numeric, was kind = " + kind.get().label());
    }
    if (!domain.isEmpty() && kind.isPresent() && kind.get() != ColumnKind.CATEGORICAL) {
      throw r.errorAt("domain", "a domain needs kind = categorical, was kind = " + kind.get().label());
    }
    if (format.isPresent() && kind.isPresent() && !kind.get().isTemporal()) {
      throw r.errorAt("format", "a format needs kind = date or timestamp, was kind = " + kind.get().label());
    }
    // A range, domain or format says what kind the column is even when kind is not written.
    if (kind.isEmpty()) {
      if (min.isPresent() || max.isPresent()) {
        kind = Optional.of(ColumnKind.NUMERIC);
      } else if (!domain.isEmpty()) {
        kind = Optional.of(ColumnKind.CATEGORICAL);
      } else if (format.isPresent()) {
        kind = Optional.of(DateFormats.hasTimeOfDay(format.get()) ? ColumnKind.TIMESTAMP : ColumnKind.DATE);
      }
    }
    return new ColumnSpec(name, kind, min, max,
        r.has("max-out-of-range-fraction") ? r.fraction("max-out-of-range-fraction") : 0.0,
        domain,
        r.has("max-out-of-domain-fraction") ? r.fraction("max-out-of-domain-fraction") : 0.0,
        format,
        r.has("min-format-match-fraction") ? r.fraction("min-format-match-fraction") : 1.0,
        maxNull,
        r.has("floor") ? Optional.of(r.date("floor")) : Optional.empty());
  }

  public boolean hasRange() {
    return min.isPresent() || max.isPresent();
  }

  static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
