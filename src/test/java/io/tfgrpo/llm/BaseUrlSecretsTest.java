package io.tfgrpo.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import tools.jackson.databind.json.JsonMapper;

/**
 * A base URL may carry credentials (Azure-style {@code ?api-key=}, or {@code user:password@}): the start-up log,
 * the profile's {@code toString} and {@code /api/models} show its scheme, host, port and path only.
 */
@ExtendWith(OutputCaptureExtension.class)
class BaseUrlSecretsTest {

    static final String SHOWN = "https://models.example.com:8443/openai/v1";

    @Test
    void theBaseUrlIsShownWithoutItsCredentialsOrQuery(CapturedOutput output) {
        ModelProfile profile = new ModelProfile(Provider.OPENAI,
                URI.create("https://alice:pa55word@models.example.com:8443/openai/v1?api-key=query-k3y#frag-k3y"),
                "gpt-test", "sk-configured-key", null, null, 1, null, Duration.ofSeconds(1), null, null,
                JsonMode.SCHEMA, false, Map.of());

        ModelClients clients = new ModelClients(new ModelSettings(Map.of("azure", profile)), JsonMapper.builder().build());
        try {
            assertThat(output.getAll()).contains("Model profile 'azure': openai gpt-test at " + SHOWN + "\n")
                    .doesNotContain("pa55word", "alice", "query-k3y", "frag-k3y", "sk-configured-key");
            assertThat(new ModelController(clients, null).models().getFirst().baseUrl()).isEqualTo(SHOWN);
            assertThat(profile.toString()).contains("baseUrl=" + SHOWN + ",").doesNotContain("pa55word", "k3y");
        }
        finally {
            clients.close();
        }
    }
}
