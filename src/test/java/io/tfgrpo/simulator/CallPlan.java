package io.tfgrpo.simulator;

import java.util.SplittableRandom;

import io.tfgrpo.simulator.LlmSimulator.Options;

/**
 * Whether a call fails and how long it waits. Drawn from the seed and the call's sequence number, never from the
 * request, so that a retried request (same content, later call) can succeed where the first attempt failed.
 */
record CallPlan(Outcome outcome, long delayMs) {

    static CallPlan of(Options options, long seq) {
        var random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + seq);
        // always the same three draws, so the fault sequence does not change with the latency settings
        boolean fault = random.nextDouble() < options.errorRate();
        Outcome kind = Outcome.FAULTS[random.nextInt(Outcome.FAULTS.length)];
        long jitter = random.nextLong(-options.latencyJitterMs(), options.latencyJitterMs() + 1);
        return new CallPlan(fault ? kind : Outcome.OK, Math.max(0, options.latencyMs() + jitter));
    }
}
