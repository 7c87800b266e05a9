package io.tfgrpo;

import org.springframework.boot.SpringApplication;

/**
 * The local sandbox: {@code ./mvnw spring-boot:test-run} starts the real application against a throw-away
 * PostgreSQL (see {@link TestDatabase}) and, unless a real model is configured, the LLM simulator as the
 * {@code default} model (see {@link LocalModel}); nothing else to install. Unless {@code TFGRPO_BOOTSTRAP_KEY} is
 * set, the bootstrap key is {@value #SANDBOX_KEY}. Its start-up log ends with {@link SandboxBanner}; the
 * {@code sandbox} profile ({@code application-sandbox.properties}) keeps the set-up above it short.
 */
public class TestApplication {

    /** The sandbox's bootstrap key when TFGRPO_BOOTSTRAP_KEY is not set (http-examples use it). */
    static final String SANDBOX_KEY = "sandbox-bootstrap-key-not-for-production";

    public static void main(String[] args) {
        SandboxPort.taken(args).ifPresent(reason -> {
            System.err.println(reason);
            System.exit(1);
        });
        LocalModel.useSimulatorUnlessConfigured();
        if (System.getenv("TFGRPO_BOOTSTRAP_KEY") == null && System.getProperty("tfgrpo.security.bootstrap-key") == null) {
            System.setProperty("tfgrpo.security.bootstrap-key", SANDBOX_KEY);
            System.setProperty("tfgrpo.security.inference-requests-per-minute", "0");
        }
        try {
            SpringApplication.from(TrainingFreeGrpoApplication::main).with(TestDatabase.class, SandboxBanner.class)
                    .withAdditionalProfiles("sandbox").run(args);
        }
        catch (RuntimeException failed) {
            // Spring Boot has said why and closed the context; the exit stops the simulator and the database,
            // whose threads would otherwise keep this JVM alive
            System.exit(1);
        }
    }
}
