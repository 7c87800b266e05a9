package io.tfgrpo.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tfgrpo.shared.DatabaseUnavailable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database goes away while a model call is answered: the answer is paid for once. The ledger's pool points at
 * a PostgreSQL port where nothing listens, as when the server is down, so every connection is refused (after the
 * pool's connection timeout, as in production); the model is WireMock over real HTTP. The answer is dropped, not kept for later: the caller fails as database-unavailable (a job pauses and resumes
 * from what it stored), and the log says what was paid for without a ledger row.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseDownDuringACallTest {

    final WireMockServer model = new WireMockServer(options().dynamicPort());
    HikariDataSource database;
    ModelClients clients;
    SimpleMeterRegistry meters;
    LlmGateway gateway;

    @BeforeEach
    void start() throws IOException {
        model.start();
        model.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": "paid-model",
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": "4"}, "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 10, "completion_tokens": 1, "total_tokens": 11}}""")));
        database = new HikariDataSource();
        database.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort() + "/tfgrpo");
        database.setUsername("tfgrpo");
        database.setConnectionTimeout(250);
        database.setInitializationFailTimeout(-1);
        ModelProfile profile = new ModelProfile(Provider.OPENAI, URI.create(model.baseUrl() + "/v1"), "paid-model",
                "sk-test-key", null, null, 2, null, Duration.ofSeconds(5), null, null, JsonMode.SCHEMA, false, Map.of());
        JsonMapper json = JsonMapper.builder().build();
        clients = new ModelClients(new ModelSettings(Map.of("paid", profile)), json);
        meters = new SimpleMeterRegistry();
        LlmSettings settings = new LlmSettings(4, Duration.ofMillis(10), Duration.ofMillis(50), false, 10);
        gateway = new LlmGateway(clients, settings, new CallLedger(JdbcClient.create(database), database),
                new LlmMetrics(meters), new ResponseCache(settings),
                new JsonAnswers(json, Validation.buildDefaultValidatorFactory().getValidator()));
    }

    @AfterEach
    void stop() {
        clients.close();
        database.close();
        model.stop();
    }

    @Test
    void theModelIsCalledOnceAndTheCallerIsToldTheDatabaseIsUnavailable(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> gateway.chat(
                ChatCall.of("paid", Purpose.INFERENCE, List.of(ChatMessage.user("What is 2+2?")))));

        assertThat(failure).isNotNull().isNotInstanceOf(ModelCallFailed.class);
        assertThat(DatabaseUnavailable.causes(failure)).as("answered as database-unavailable (503)").isTrue();
        assertThat(model.getAllServeEvents()).as("calls the model was paid for").hasSize(1);
        ModelView.LastCall last = new ModelController(clients, null).models().getFirst().lastCall();
        assertThat(last.answered()).as("/api/models: the model answered").isTrue();
        assertThat(last.error()).isNull();
        assertThat(meters.get("tfgrpo.llm.calls").tag("outcome", "failed").counter().count()).isZero();
        assertThat(meters.get("tfgrpo.llm.retries").counter().count()).isZero();
        assertThat(meters.get("tfgrpo.llm.calls").tag("outcome", "ok").counter().count()).isEqualTo(1);
        assertThat(output.getAll()).contains("Database unavailable: an answer of profile 'paid' (purpose inference, "
                + "10 prompt and 1 completion tokens, 0 USD) is dropped unrecorded");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
