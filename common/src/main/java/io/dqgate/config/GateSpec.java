package io.dqgate.config;

import java.util.Optional;
import java.util.Set;

/** Where a gated partition goes: the feature store on PASS/WARN, quarantine on BLOCK. */
public record GateSpec(Optional<String> publishTo, Optional<String> quarantineTo) {
  static final Set<String> KEYS = Set.of("publish-to", "quarantine-to");

  static GateSpec from(ConfigReader r) {
    r.requireOnly(KEYS);
    return new GateSpec(r.optionalString("publish-to"), r.optionalString("quarantine-to"));
  }
}
