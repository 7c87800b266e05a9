package io.tfgrpo.simulator;

import java.nio.file.Path;

import io.tfgrpo.simulator.LlmSimulator.Options;

/** A mutable copy of {@link Options}, so that each wither names only the field it changes. */
final class OptionsDraft {

    String host;
    int port;
    long latencyMs;
    long latencyJitterMs;
    double errorRate;
    long timeoutMs;
    int retryAfterSeconds;
    Path answers;
    double accuracy;
    double priorBoost;
    long seed;
    String model;
    double cutOffRate;
    double failingRequestRate;

    OptionsDraft(Options o) {
        host = o.host();
        port = o.port();
        latencyMs = o.latencyMs();
        latencyJitterMs = o.latencyJitterMs();
        errorRate = o.errorRate();
        timeoutMs = o.timeoutMs();
        retryAfterSeconds = o.retryAfterSeconds();
        answers = o.answers();
        accuracy = o.accuracy();
        priorBoost = o.priorBoost();
        seed = o.seed();
        model = o.model();
        cutOffRate = o.cutOffRate();
        failingRequestRate = o.failingRequestRate();
    }

    Options options() {
        return new Options(host, port, latencyMs, latencyJitterMs, errorRate, timeoutMs, retryAfterSeconds, answers,
                accuracy, priorBoost, seed, model, cutOffRate, failingRequestRate);
    }
}
