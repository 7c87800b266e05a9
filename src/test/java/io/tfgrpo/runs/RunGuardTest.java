package io.tfgrpo.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.tfgrpo.llm.ChatReply;

/** The one guard training jobs and evaluations put before each model call, and the fan-out they share. */
class RunGuardTest {

    @Test
    void callsInFlightTogetherCannotPassTheTokenBudget() throws Exception {
        RunGuard guard = new RunGuard(null, () -> false, () -> false, new RunGuard.Budget(null, 1000L), RunGuard.Spent.NOTHING);
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Callable<Object> waiting = () -> guard.call("p", "m", 8, () -> {
            inside.countDown();
            await(release);
            return null;
        });
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var first = threads.submit(waiting);
            var second = threads.submit(waiting);
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            // two calls reserve 500 tokens each before any answer: a third would pass 1,000
            assertThatThrownBy(() -> guard.call("p", "m", 8, () -> null)).isInstanceOf(RunEnded.class)
                    .hasMessageContaining("1000 tokens").extracting(e -> ((RunEnded) e).code())
                    .isEqualTo("BUDGET_EXCEEDED");
            release.countDown();
            first.get();
            second.get();
        }
        // the reservations ended with their calls: a call may start again
        assertThat(guard.call("p", "m", 8, () -> "answered")).isEqualTo("answered");
    }

    @Test
    void whatACallSpentCountsAndSetsTheNextReservation() {
        RunGuard guard = new RunGuard(null, () -> false, () -> false, new RunGuard.Budget(new BigDecimal("0.05"), 1000L),
                new RunGuard.Spent(3, 100, new BigDecimal("0.01")));
        guard.call("p", "m", 1, () -> {
            guard.spent(reply(600, "0.02"));
            return null;
        });
        assertThat(guard.tokens()).isEqualTo(700);
        assertThat(guard.cost()).isEqualByComparingTo("0.03");
        // the next call is expected to use as much as the largest so far: 700 + 600 > 1,000
        assertThatThrownBy(() -> guard.call("p", "m", 1, () -> null)).isInstanceOf(RunEnded.class)
                .hasMessageContaining("700 used");
    }

    @Test
    void aCancelOrAShutdownStopsTheNextCallBeforeItStarts() {
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicInteger made = new AtomicInteger();
        RunGuard guard = new RunGuard(null, cancel::get, stopping::get, null, RunGuard.Spent.NOTHING);
        guard.call("p", "m", 2, made::incrementAndGet);
        stopping.set(true);
        assertThatThrownBy(() -> guard.call("p", "m", 2, made::incrementAndGet)).isInstanceOf(RunStopping.class);
        stopping.set(false);
        cancel.set(true);
        RunGuard fresh = new RunGuard(null, cancel::get, stopping::get, null, RunGuard.Spent.NOTHING);
        assertThatThrownBy(() -> fresh.call("p", "m", 2, made::incrementAndGet)).isInstanceOf(RunEnded.class)
                .extracting(e -> ((RunEnded) e).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(made).hasValue(1);
    }

    @Test
    void aProfilesSlotsBoundTheCallsInFlight() throws Exception {
        RunGuard guard = new RunGuard(null, () -> false, () -> false, null, RunGuard.Spent.NOTHING);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Callable<Void>> calls = java.util.stream.IntStream.range(0, 40).<Callable<Void>>mapToObj(i -> () -> guard
                .call("p", "m", 3, () -> {
                    most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    Thread.yield();
                    inFlight.decrementAndGet();
                    return null;
                })).toList();
        FanOut.all(calls);
        assertThat(most.get()).isBetween(1, 3);
    }

    @Test
    void aFanOutRethrowsTheFirstFailureOnlyOnceEveryCallHasEnded() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        AtomicBoolean slowEnded = new AtomicBoolean();
        Callable<Void> failing = () -> {
            failed.countDown();
            throw RunEnded.failed("X", "first");
        };
        Callable<Void> slow = () -> {
            await(letGo); // work still going on when the failure is known
            slowEnded.set(true);
            return null;
        };
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var fanOut = threads.submit(() -> FanOut.all(List.of(failing, slow)));
            await(failed);
            org.awaitility.Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                    .until(() -> !fanOut.isDone());
            letGo.countDown();
            assertThatThrownBy(fanOut::get).hasRootCauseMessage("first");
        }
        assertThat(slowEnded).isTrue();
    }

    private static ChatReply reply(int tokens, String cost) {
        return new ChatReply("answer", "m", tokens / 2, tokens - tokens / 2, false, new BigDecimal(cost),
                Duration.ofMillis(1), 1, 1, false, "stop");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
