package io.tfgrpo.training;

import java.util.Map;
import java.util.UUID;

import io.tfgrpo.reward.VerifierSpec;

/** A job's settings with every default resolved; stored with the job so that a resumed job runs the same way. */
record JobConfig(UUID datasetId, String library, String rolloutModel, String distillModel, int groupSize, int epochs,
        int batchSize, double rolloutTemperature, double distillTemperature, VerifierSpec verifier,
        boolean groundTruthFree, Integer maxExperiences, int experiencesPerGroup, StartTrainingJob.Budget budget,
        long seed, Map<String, String> promptOverrides, StartTrainingJob.Validation validation) {

    /** {@code budget}: the limits in effect, the request's own or the defaults (see {@link TrainingSettings#budget}). */
    static JobConfig of(StartTrainingJob request, int datasetSize, StartTrainingJob.Budget budget) {
        return new JobConfig(request.datasetId(), request.library(), orElse(request.rolloutModel(), "default"),
                orElse(request.distillModel(), "default"), orElse(request.groupSize(), 5), orElse(request.epochs(), 3),
                Math.min(orElse(request.batchSize(), datasetSize), datasetSize), orElse(request.rolloutTemperature(), 0.7),
                orElse(request.distillTemperature(), 0.0), orElse(request.verifier(), VerifierSpec.math()),
                orElse(request.groundTruthFree(), false), request.maxExperiences(),
                orElse(request.experiencesPerGroup(), 2), budget, orElse(request.seed(), 42L),
                request.promptOverrides() == null ? Map.of() : Map.copyOf(request.promptOverrides()),
                request.validation());
    }

    int stepsPerEpoch(int datasetSize) {
        return (datasetSize + batchSize - 1) / batchSize;
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
