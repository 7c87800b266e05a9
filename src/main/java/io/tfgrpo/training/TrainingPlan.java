package io.tfgrpo.training;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * What a job would do (a dry run): steps, model calls per phase at most (groups without a learning signal make
 * no distillation calls, so the real figures are lower), tokens, cost, and wall time from the profiles'
 * concurrency and their observed latency. An llm-judge's calls (one per rollout) are the job's calls too:
 * {@code judgeCalls}, and in the tokens, cost and time.
 */
record TrainingPlan(int steps, int problemsPerStep, long rolloutCalls, long summaryCallsAtMost,
        long advantageCallsAtMost, long groupUpdateCallsAtMost, long batchUpdateCallsAtMost, long estimatedTokens,
        BigDecimal estimatedCostUsd, Duration estimatedWallTime, Duration assumedCallLatency, String note,
        long judgeCalls) {
}
