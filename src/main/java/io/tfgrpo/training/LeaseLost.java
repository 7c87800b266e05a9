package io.tfgrpo.training;

import java.util.UUID;

/** This worker no longer holds the job (another instance took it over): it must stop without committing. */
final class LeaseLost extends RuntimeException {

    private LeaseLost(String message) {
        super(message);
    }

    static LeaseLost beforeStep(UUID job, int step) {
        return new LeaseLost("Lost the lease of job " + job + " before committing step " + step);
    }

    static LeaseLost beforeConclusion(UUID job) {
        return new LeaseLost("Lost the lease of job " + job + " before concluding it");
    }
}
