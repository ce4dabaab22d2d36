package io.dqgate.pipeline;

import io.dqgate.files.FileCheckReport;
import io.dqgate.gate.GateResult;
import io.dqgate.vocabulary.Verdict;
import java.util.Optional;

/**
 * One day run through every step: the file checks, the profile (empty when the files were blocked and could
 * not be profiled), the verdict recorded, and what the gate did (empty when a blocked day has no quarantine).
 */
public record DayRun(FileCheckReport files, Optional<ProfiledDay> profile, Verdict verdict,
    Optional<GateResult> gated) {}
