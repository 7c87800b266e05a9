package io.tfgrpo.reward;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts verifications that gave up on an answer, which then scored 0: answers built to be costly show up here
 * instead of in a stuck or crashed job.
 */
final class CutShort {

    static final String METER = "tfgrpo.reward.cut.short";

    private final MeterRegistry registry;

    CutShort(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param verifier {@code math} or {@code regex}
     * @param cause    {@code time} (the verification budget ran out) or {@code recursion} (the stack did)
     */
    void count(String verifier, String cause) {
        Counter.builder(METER).description("Verifications that gave up on an answer, which scored 0")
                .tags("verifier", verifier, "cause", cause).register(registry).increment();
    }
}
