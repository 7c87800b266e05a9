package io.tfgrpo.runs;

import java.util.UUID;

/** This worker no longer holds the run (another instance took it over): it must stop without changing it. */
public final class LeaseLost extends RuntimeException {

    public LeaseLost(UUID run, String before) {
        super("Lost the lease of " + run + " before " + before);
    }
}
