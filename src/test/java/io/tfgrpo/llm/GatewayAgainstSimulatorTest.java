package io.tfgrpo.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.tfgrpo.HttpTest;
import io.tfgrpo.simulator.LlmSimulator;

/**
 * The acceptance run: against the simulator at 50 ms latency and 20% injected faults (429, 500,
 * timeouts, malformed output), 500 calls from 16 callers all end answered or with a reported error, the ledger
 * has exactly one row per logical call, and the simulator never sees more calls at once than the profile allows.
 * The simulator's "timeout" (a hold, then 504) ends before the client's own timeout here: a request its client
 * abandoned would still be counted in flight by the server, which no client-side limit can prevent (client
 * timeouts are covered against WireMock in {@link LlmGatewayTest}).
 */
class GatewayAgainstSimulatorTest extends HttpTest {

    static final int LIMIT = 6;
    static final LlmSimulator simulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0)
            .withLatencyMs(50).withErrorRate(0.2).withTimeoutMs(300).withRetryAfterSeconds(1).withSeed(7));

    @DynamicPropertySource
    static void profile(DynamicPropertyRegistry registry) {
        registry.add("tfgrpo.models.sim.provider", () -> "openai");
        registry.add("tfgrpo.models.sim.base-url", simulator::baseUrl);
        registry.add("tfgrpo.models.sim.model", () -> "simulator");
        registry.add("tfgrpo.models.sim.max-concurrency", () -> Integer.toString(LIMIT));
        registry.add("tfgrpo.models.sim.timeout", () -> "2s");
        registry.add("tfgrpo.models.sim.synthetic", () -> "true");
        registry.add("tfgrpo.llm.initial-backoff", () -> "20ms");
        registry.add("tfgrpo.llm.max-backoff", () -> "1s");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Autowired
    LlmGateway gateway;

    record Lesson(@NotBlank String analysis, @NotNull @Size(max = 2) List<@NotBlank String> experiences) {
    }

    @Test
    void fiveHundredCallsUnderFaultsEndCleanlyWithinTheLimit() throws Exception {
        String owner = "sim-" + UUID.randomUUID();
        simulator.resetJournal();
        int answered = 0;
        int reported = 0;
        try (var callers = Executors.newFixedThreadPool(16)) {
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = i;
                calls.add(callers.submit(() -> n % 2 == 0
                        ? gateway.chat(ChatCall.of("sim", Purpose.ROLLOUT, List.of(ChatMessage.user(
                                "Problem " + n + ": what is " + n + " + 1? Put the answer in \\boxed{}."))).withSeed(n)
                                .ownedBy(owner))
                        : gateway.structured(ChatCall.of("sim", Purpose.ADVANTAGE, List.of(ChatMessage.user(
                                "Compare the attempts at problem " + n + "."))).withSeed(n).ownedBy(owner),
                                Lesson.class)));
            }
            for (Future<Object> call : calls) {
                try {
                    call.get();
                    answered++;
                }
                catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfAny(ModelCallFailed.class, StructuredOutputFailed.class);
                    reported++;
                }
            }
        }

        LlmSimulator.Journal journal = simulator.journal();
        assertThat(answered + reported).isEqualTo(500);
        assertThat(answered).isGreaterThan(450);
        assertThat(journal.peakConcurrency()).isBetween(2, LIMIT);
        assertThat(journal.outcome("429") + journal.outcome("500") + journal.outcome("timeout")
                + journal.outcome("malformed")).isGreaterThan(50);
        // one ledger row per logical call: 250 rollouts, and 250 structured calls plus one more per repair
        long rollouts = count("select count(*) from llm_call where owner = ? and purpose = 'ROLLOUT'", owner);
        long structured = count("select count(*) from llm_call where owner = ? and purpose = 'ADVANTAGE'", owner);
        long repairs = count("select count(*) from llm_call where owner = ? and purpose = 'ADVANTAGE' "
                + "and outcome = 'PARSE_FAILED'", owner);
        assertThat(rollouts).isEqualTo(250);
        long failedBeforeRepair = count("select count(*) from llm_call where owner = ? and purpose = 'ADVANTAGE' "
                + "and outcome = 'FAILED'", owner);
        assertThat(structured).as("structured calls, their repairs, and failed calls")
                .isBetween(250L, 250 + repairs);
        assertThat(structured - repairs).isLessThanOrEqualTo(250).isGreaterThanOrEqualTo(250 - repairs);
        assertThat(failedBeforeRepair).isLessThanOrEqualTo(reported);
        // every attempt the simulator answered is an attempt some ledger row counted
        long attempts = count("select coalesce(sum(attempts), 0) from llm_call where owner = ?", owner);
        assertThat(attempts).isEqualTo(journal.calls());
        assertThat(journal.byPurpose()).containsKeys("rollout", "lesson");
    }
}
