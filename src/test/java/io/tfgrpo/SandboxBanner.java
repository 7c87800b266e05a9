package io.tfgrpo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * What a new user of the sandbox needs, printed once it is ready (the job engine has started by then) so that it
 * is the last thing in the start-up log: where it listens, the key to call it with, whether the model is the
 * simulator, where the data goes, and how to stop it or move it to another port.
 */
@TestConfiguration(proxyBeanMethods = false)
@Order(Ordered.LOWEST_PRECEDENCE)
class SandboxBanner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(SandboxBanner.class);
    private static final String RULE = "-".repeat(100);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        String url = "http://localhost:" + env.getProperty("local.server.port");
        log.info("\n{}\n The sandbox is ready: {}/swagger-ui/index.html\n{}\n{}\n Database: {}\n"
                + " Stop it with Ctrl-C. Another port: ./mvnw spring-boot:test-run"
                + " -Dspring-boot.run.arguments=--server.port=8081\n{}",
                RULE, url, key(env, url), model(env), database(), RULE);
    }

    private static String key(Environment env, String url) {
        if (!TestApplication.SANDBOX_KEY.equals(env.getProperty("tfgrpo.security.bootstrap-key"))) {
            return " API key: the bootstrap key you set (TFGRPO_BOOTSTRAP_KEY), every scope";
        }
        return " API key (every scope): " + TestApplication.SANDBOX_KEY + "\n     curl -H 'Authorization: Bearer "
                + TestApplication.SANDBOX_KEY + "' " + url + "/api/datasets";
    }

    private static String model(Environment env) {
        String baseUrl = env.getProperty("tfgrpo.models.default.base-url");
        if (!env.getProperty("tfgrpo.models.default.synthetic", Boolean.class, false)) {
            return " Model 'default': " + env.getProperty("tfgrpo.models.default.model") + " at " + baseUrl;
        }
        return " Model 'default': the LLM SIMULATOR at " + baseUrl + "; its answers are SYNTHETIC (calls: "
                + LocalModel.journal(baseUrl) + ").\n     For a real model, start with OPENAI_BASE_URL, "
                + "OPENAI_API_KEY and TFGRPO_MODEL set.";
    }

    private static String database() {
        return switch (TestDatabase.Kind.CHOSEN) {
            case URL -> "the one at TEST_DATABASE_URL; its data stays";
            case DOCKER -> "a PostgreSQL container (Testcontainers); its data is discarded on exit";
            case EMBEDDED -> "an embedded PostgreSQL; its data is discarded on exit";
        };
    }
}
