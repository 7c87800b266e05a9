package io.tfgrpo.training;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/** One committed step: its batch, the version it made (null when there was nothing to change), and its figures. */
record TrainingStepView(int step, int epoch, int batch, int baseVersion, Integer libraryVersion, int problems,
        double meanReward, int groupsLearned, int groupsSkipped, int groupsFailed, int operationsApplied,
        int operationsRejected, long tokens, BigDecimal costUsd, long durationMs,
        @Schema(description = "why the step made no version although groups learned: the batch update failed for good "
                + "(its error); null otherwise") String distillationFailed) {

    static TrainingStepView of(StepStore.Step s) {
        return new TrainingStepView(s.step(), s.epoch(), s.batch(), s.baseVersion(), s.libraryVersion(), s.problems(),
                s.meanReward(), s.groupsLearned(), s.groupsSkipped(), s.groupsFailed(), s.operationsApplied(),
                s.operationsRejected(), s.tokens(), s.costUsd(), s.durationMs(), s.distillationFailed());
    }
}
