package io.tfgrpo.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.tfgrpo.TestDatabase;

/**
 * The ledger's group commit against PostgreSQL: calls that arrive while a write is in progress are written
 * together, and each still gets its own row and id; a row the schema refuses fails only its own call.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ TestDatabase.class, CallLedger.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class CallLedgerTest {

    @Autowired
    CallLedger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCallAloneIsWrittenAtOnce() {
        long before = ledger.statements();
        long first = ledger.record(entry("alone-" + UUID.randomUUID(), "simulator", 7));
        long second = ledger.record(entry("alone-" + UUID.randomUUID(), "simulator", 8));

        assertThat(second).isGreaterThan(first);
        assertThat(ledger.statements() - before).isEqualTo(2);
        assertThat(jdbc.queryForMap("""
                select profile, model, purpose, prompt_tokens, completion_tokens, tokens_estimated, cost_usd, latency_ms,
                       attempts, outcome, error_kind, error from llm_call where id = ?""", first))
                .containsEntry("profile", "default").containsEntry("model", "simulator")
                .containsEntry("purpose", "INFERENCE").containsEntry("prompt_tokens", 120)
                .containsEntry("completion_tokens", 30).containsEntry("tokens_estimated", false)
                .containsEntry("cost_usd", new BigDecimal("0.00012345")).containsEntry("latency_ms", 7L)
                .containsEntry("attempts", 1).containsEntry("outcome", "OK").containsEntry("error_kind", null)
                .containsEntry("error", null);
    }

    @Test
    void callsThatPileUpBehindAWriteAreWrittenTogetherEachWithItsOwnRow() throws Exception {
        String run = "together-" + UUID.randomUUID();
        int calls = CallLedger.MAX_BATCH + 100;
        long before = ledger.statements();
        List<Future<Long>> ids = new ArrayList<>();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            ledger.writer().lock();
            try {
                for (int i = 0; i < calls; i++) {
                    int latency = i;
                    ids.add(callers.submit(() -> ledger.record(entry(run + "-" + latency, "simulator", latency))));
                }
                await().until(() -> ledger.waiting() == calls);
            }
            finally {
                ledger.writer().unlock();
            }
        }

        // two statements: the first holder of the lock takes MAX_BATCH calls, the next one the other 100
        assertThat(ledger.statements() - before).isEqualTo(2);
        for (int i = 0; i < calls; i++) {
            var row = jdbc.queryForMap("select owner, latency_ms from llm_call where id = ?", ids.get(i).get());
            assertThat(row).containsEntry("owner", run + "-" + i).containsEntry("latency_ms", (long) i);
        }
        assertThat(jdbc.queryForObject("select count(*) from llm_call where owner like ?", Long.class, run + "-%"))
                .isEqualTo(calls);
    }

    @Test
    void aRowTheSchemaRefusesFailsOnlyItsOwnCall() throws Exception {
        String run = "refused-" + UUID.randomUUID();
        long before = ledger.statements();
        List<Future<Long>> ids = new ArrayList<>();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            ledger.writer().lock();
            try {
                for (int i = 0; i < 10; i++) {
                    // the model column holds 200 characters
                    String model = i == 3 ? "m".repeat(201) : "simulator";
                    int latency = i;
                    ids.add(callers.submit(() -> ledger.record(entry(run + "-" + latency, model, latency))));
                }
                await().until(() -> ledger.waiting() == 10);
            }
            finally {
                ledger.writer().unlock();
            }
        }

        assertThatThrownBy(() -> ids.get(3).get()).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DataIntegrityViolationException.class);
        // the batch failed as a whole (nothing of it was written), then each call was written on its own
        assertThat(ledger.statements() - before).isEqualTo(11);
        for (int i = 0; i < 10; i++) {
            if (i != 3) {
                assertThat(jdbc.queryForObject("select owner from llm_call where id = ?", String.class, ids.get(i).get()))
                        .isEqualTo(run + "-" + i);
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from llm_call where owner like ?", Long.class, run + "-%"))
                .isEqualTo(9);
    }

    private static CallLedger.Entry entry(String owner, String model, long latencyMs) {
        return new CallLedger.Entry("default", model, Purpose.INFERENCE, owner, 120, 30, false,
                new BigDecimal("0.00012345"), latencyMs, 1, CallLedger.Outcome.OK, null, null);
    }
}
