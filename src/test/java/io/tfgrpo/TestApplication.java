package io.tfgrpo;

import org.springframework.boot.SpringApplication;

/**
 * The local sandbox: {@code ./mvnw spring-boot:test-run} starts the real application against a throw-away
 * PostgreSQL (see {@link TestDatabase}) and, unless a real model is configured, the LLM simulator as the
 * {@code default} model (see {@link LocalModel}); nothing else to install.
 */
public class TestApplication {

    public static void main(String[] args) {
        LocalModel.useSimulatorUnlessConfigured();
        SpringApplication.from(TrainingFreeGrpoApplication::main).with(TestDatabase.class).run(args);
    }
}
