package io.tfgrpo.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.json.JsonMapper;

/** How a progress stream ends when its work cannot be read: a last {@code error} event, without internals. */
class ProgressStreamsTest {

    private final ProgressStreams streams = new ProgressStreams(
            new StreamSettings(Duration.ofMinutes(1), 2, 10, Duration.ofSeconds(15), Duration.ofMillis(10)));
    private final AtomicInteger polls = new AtomicInteger();

    @Test
    void aDatabaseErrorEndsTheStreamWithAnErrorEvent() throws Exception {
        String body = streamed(events -> {
            if (polls.incrementAndGet() == 1) {
                events.send("progress", Map.of("answers", 1));
                return false;
            }
            throw new DataAccessResourceFailureException("Connection to localhost:5432 refused");
        });

        assertThat(body).contains("event:progress").contains("event:error")
                .contains("urn:tfgrpo:problem:database-unavailable").doesNotContain("5432");
        assertThat(polls).hasValue(2);
    }

    @Test
    void anyOtherErrorEndsItWithoutItsText() throws Exception {
        String body = streamed(events -> {
            polls.incrementAndGet();
            throw new BadSqlGrammarException("poll", "select secret from training_job", new java.sql.SQLException());
        });

        assertThat(body).contains("event:error").contains("urn:tfgrpo:problem:internal-server-error")
                .doesNotContain("secret").doesNotContain("select");
        assertThat(polls).hasValue(1);
    }

    private String streamed(ProgressStreams.Progress progress) throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new Endpoint(streams, progress))
                .setControllerAdvice(new ProblemDetailsAdvice(DataSize.ofMegabytes(1), JsonMapper.builder().build())).build();
        MvcResult result = mvc.perform(get("/events")).andExpect(request().asyncStarted()).andReturn();
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.open() == 0);
        return result.getResponse().getContentAsString();
    }

    @RestController
    record Endpoint(ProgressStreams streams, ProgressStreams.Progress progress) {

        @GetMapping(path = "/events", produces = "text/event-stream")
        SseEmitter events() {
            return streams.open("test-events", progress);
        }
    }
}
