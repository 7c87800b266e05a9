package io.tfgrpo.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** Profiles are bound and validated at start-up: a bad one stops the application with a message naming it. */
class ModelSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ModelSettings.class)
    static class Profiles {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Profiles.class);

    @Test
    void bindsAProfileWithItsDefaults() {
        runner.withPropertyValues("tfgrpo.models.local.provider=ollama",
                "tfgrpo.models.local.base-url=http://localhost:11434", "tfgrpo.models.local.model=qwen2.5:1.5b-instruct")
                .run(context -> {
                    ModelProfile profile = context.getBean(ModelSettings.class).models().get("local");
                    assertThat(profile.provider()).isEqualTo(Provider.OLLAMA);
                    assertThat(profile.maxConcurrency()).isEqualTo(8);
                    assertThat(profile.timeout()).hasSeconds(120);
                    assertThat(profile.jsonMode()).isEqualTo(JsonMode.SCHEMA);
                    assertThat(profile.hasApiKey()).isFalse();
                });
    }

    @Test
    void anInvalidProfileFailsStartUpNamingTheSetting() {
        runner.withPropertyValues("tfgrpo.models.broken.provider=openai",
                "tfgrpo.models.broken.base-url=http://localhost:9/v1", "tfgrpo.models.broken.max-concurrency=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("tfgrpo.models[broken].model")
                        .hasMessageContaining("tfgrpo.models[broken].maxConcurrency"));
        runner.withPropertyValues("tfgrpo.models.broken.provider=anthropic",
                "tfgrpo.models.broken.base-url=http://localhost:9/v1", "tfgrpo.models.broken.model=m")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aPurposeMayHaveItsOwnTimeoutAndOthersKeepTheProfiles() {
        runner.withPropertyValues("tfgrpo.models.thinker.provider=openai",
                "tfgrpo.models.thinker.base-url=https://api.deepseek.com/v1", "tfgrpo.models.thinker.model=deepseek-chat",
                "tfgrpo.models.thinker.timeout=60s", "tfgrpo.models.thinker.timeouts.rollout=10m",
                "tfgrpo.models.thinker.timeouts.evaluation=600s").run(context -> {
                    ModelProfile profile = context.getBean(ModelSettings.class).models().get("thinker");
                    assertThat(profile.timeout(Purpose.ROLLOUT)).hasMinutes(10);
                    assertThat(profile.timeout(Purpose.EVALUATION)).hasMinutes(10);
                    assertThat(profile.timeout(Purpose.SUMMARY)).hasSeconds(60);
                });
        runner.withPropertyValues("tfgrpo.models.broken.provider=openai",
                "tfgrpo.models.broken.base-url=http://localhost:9/v1", "tfgrpo.models.broken.model=m",
                "tfgrpo.models.broken.timeouts.rollout=0s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("tfgrpo.models[broken].timeouts"));
        runner.withPropertyValues("tfgrpo.models.broken.provider=openai",
                "tfgrpo.models.broken.base-url=http://localhost:9/v1", "tfgrpo.models.broken.model=m",
                "tfgrpo.models.broken.timeouts.thinking=5m")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void theApiKeyIsNotInTheProfilesString() {
        ModelProfile profile = new ModelProfile(Provider.OPENAI, java.net.URI.create("https://api.openai.com/v1"),
                "gpt-4o-mini", "sk-very-secret", null, null, 8, null, java.time.Duration.ofSeconds(5), null, null,
                JsonMode.SCHEMA, false, java.util.Map.of());
        assertThat(profile.toString()).doesNotContain("sk-very-secret").contains("apiKey=(set)");
    }
}
