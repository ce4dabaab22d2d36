/**
 * The words every step of the day's way uses to say what it found: a {@link io.dqgate.vocabulary.Finding}
 * with its {@link io.dqgate.vocabulary.Severity} and {@link io.dqgate.vocabulary.Cause}, the
 * {@link io.dqgate.vocabulary.Status} and {@link io.dqgate.vocabulary.Verdict} of a day, and the
 * {@link io.dqgate.vocabulary.FileCheck}s by name. Config (severities per check, which statuses notify), the
 * file checks, detection, notifications, the report and the pipeline all speak it, so it sits below every one
 * of them and depends on nothing in dqgate but the root package's exceptions and provenance. Keeping the words
 * apart from the steps that use them is what lets each package import only the packages before it in the
 * order the architecture test pins ({@code PackageOrderTest}).
 */
package io.dqgate.vocabulary;
