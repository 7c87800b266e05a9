package io.tfgrpo.training;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One committed step: its batch, the version it made (null when there was nothing to change), and its figures.
 * Rollouts whose call failed, or whose answer was cut off at the token limit, are no answers: they are counted
 * here and take no part in their group ({@code meanReward} is over the others).
 */
record TrainingStepView(int step, int epoch, int batch, int baseVersion, Integer libraryVersion, int problems,
        @Schema(description = "mean reward of the step's usable rollouts (neither failed nor truncated)") double meanReward,
        int groupsLearned,
        @Schema(description = "groups without a learning signal: all rewards equal, or fewer than 2 usable rollouts "
                + "(with G = 1: its rollout unusable)") int groupsSkipped,
        int groupsFailed, int operationsApplied,
        int operationsRejected, long tokens, BigDecimal costUsd, long durationMs,
        @Schema(description = "rollouts whose call failed after retries") int rolloutsFailed,
        @Schema(description = "rollouts cut off at the token limit (finish reason length)") int rolloutsTruncated,
        @Schema(description = "why the step made no version although groups learned: the batch update failed for good "
                + "(its error); null otherwise") String distillationFailed) {

    static TrainingStepView of(StepStore.Step s) {
        return new TrainingStepView(s.step(), s.epoch(), s.batch(), s.baseVersion(), s.libraryVersion(), s.problems(),
                s.meanReward(), s.groupsLearned(), s.groupsSkipped(), s.groupsFailed(), s.operationsApplied(),
                s.operationsRejected(), s.tokens(), s.costUsd(), s.durationMs(), s.rolloutsFailed(),
                s.rolloutsTruncated(), s.distillationFailed());
    }
}
