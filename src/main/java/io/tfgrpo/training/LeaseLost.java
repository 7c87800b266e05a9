package io.tfgrpo.training;

import java.util.UUID;

/** This worker no longer holds the job (another instance took it over): it must stop without committing. */
final class LeaseLost extends RuntimeException {

    LeaseLost(UUID job, int step) {
        super("Lost the lease of job " + job + " before committing step " + step);
    }
}
