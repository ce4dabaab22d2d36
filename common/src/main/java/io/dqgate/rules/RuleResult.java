package io.dqgate.rules;

/** The outcome of one static rule on one partition. */
public record RuleResult(String rule, String instance, boolean passed, double observed, String message) {}
