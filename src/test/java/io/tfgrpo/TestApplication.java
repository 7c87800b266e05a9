package io.tfgrpo;

import org.springframework.boot.SpringApplication;

/**
 * The local sandbox: {@code ./mvnw spring-boot:test-run} starts the real application against a throw-away
 * PostgreSQL (see {@link TestDatabase}); nothing else to install.
 */
public class TestApplication {

    public static void main(String[] args) {
        SpringApplication.from(TrainingFreeGrpoApplication::main).with(TestDatabase.class).run(args);
    }
}
