package io.tfgrpo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;

import io.tfgrpo.simulator.LlmSimulator;

/**
 * The sandbox's model: when no real model is configured ({@code OPENAI_BASE_URL}, {@code OPENAI_API_KEY} or
 * {@code tfgrpo.models.default.base-url}), the {@code default} profile is pointed at an in-process LLM simulator
 * and marked synthetic, so that a new user can walk through the whole flow offline, knowing the answers are fake
 * (the sandbox's banner says so).
 */
final class LocalModel {

    private static final int PREFERRED_PORT = 8089;

    private LocalModel() {
    }

    static void useSimulatorUnlessConfigured() {
        if (System.getenv("OPENAI_BASE_URL") != null || System.getenv("OPENAI_API_KEY") != null
                || System.getProperty("tfgrpo.models.default.base-url") != null) {
            return;
        }
        Path answers = Path.of("samples/gsm8k-20.jsonl");
        LlmSimulator.Options options = LlmSimulator.Options.defaults().withPort(freePort()).withLatencyMs(300)
                .withLatencyJitterMs(200).withAccuracy(0.5).withPriorBoost(0.2);
        LlmSimulator simulator = LlmSimulator.start(Files.exists(answers) ? options.withAnswers(answers) : options);
        // after the application context has closed, so that no job's model call meets a stopped simulator
        SpringApplication.getShutdownHandlers().add(simulator::close);
        System.setProperty("tfgrpo.models.default.base-url", simulator.baseUrl());
        System.setProperty("tfgrpo.models.default.model", "simulator");
        System.setProperty("tfgrpo.models.default.synthetic", "true");
        System.setProperty("tfgrpo.models.default.max-concurrency", "16");
    }

    /** The simulator's journal of calls, next to its {@code /v1} base URL. */
    static String journal(String baseUrl) {
        return baseUrl.replaceFirst("/v1$", "/journal");
    }

    private static int freePort() {
        try (var socket = new ServerSocket(PREFERRED_PORT)) {
            return PREFERRED_PORT;
        }
        catch (IOException taken) {
            return 0;
        }
    }
}
