package io.tfgrpo.library;

/**
 * A condition a promotion can be made to meet (e.g. an evaluation in which the version beat the baseline). The
 * evaluation module provides it; the library module only asks.
 */
public interface PromotionGate {

    /** Returns when {@code evidence} supports serving {@code version}; otherwise throws an API problem saying why. */
    void allow(String library, int version, String evidence);
}
