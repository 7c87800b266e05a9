package io.tfgrpo.runs;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.tfgrpo.llm.ChatCall;
import io.tfgrpo.llm.ChatReply;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.llm.ModelCallFailed;
import io.tfgrpo.llm.ModelProfile;
import io.tfgrpo.llm.Structured;

/**
 * Stands before every model call of a run. A call waits for a slot of its profile here (not inside the gateway),
 * so that a cancel, a budget or a shutdown stops queued calls before they start; right before it starts, the guard
 * checks that this instance is not stopping, that no cancel was asked for (read at most every 300 ms), and that
 * the call cannot take the run past its budget: each call in flight reserves as much as the run's largest call so
 * far (a resumed run: its average call until one answers; a new one: 500 tokens), so calls in flight together
 * cannot pass it. A call refused for a reason no retry mends (the key, the model) ends the run.
 */
public final class RunGuard {

    /** A run's limits; either may be null (no limit). */
    public record Budget(BigDecimal maxCostUsd, Long maxTokens) {
    }

    /** What a run had spent before this execution (its stored calls). */
    public record Spent(long calls, long tokens, BigDecimal costUsd) {

        public static final Spent NOTHING = new Spent(0, 0, BigDecimal.ZERO);
    }

    private static final long CANCEL_CHECK_NANOS = 300_000_000L;
    private static final long FIRST_CALL_TOKENS = 500;

    private final LlmGateway gateway;
    private final BooleanSupplier cancelRequested;
    private final BooleanSupplier stopping;
    private final Budget budget;
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();
    private final ArrayDeque<Reservation> inFlight = new ArrayDeque<>();
    private long calls;
    private long tokens;
    private BigDecimal cost;
    private long largestTokens;
    private BigDecimal largestCost = BigDecimal.ZERO;
    private long reservedTokens;
    private BigDecimal reservedCost = BigDecimal.ZERO;
    private volatile long lastCancelCheck;
    private volatile boolean cancelled;
    private volatile RunEnded stoppedBy;

    private record Reservation(long tokens, BigDecimal cost) {
    }

    /** {@code gateway}: what {@link #chat(ChatCall)} and {@link #structured(ChatCall, Class)} call through. */
    public RunGuard(LlmGateway gateway, BooleanSupplier cancelRequested, BooleanSupplier stopping, Budget budget,
            Spent spent) {
        this.gateway = gateway;
        this.cancelRequested = cancelRequested;
        this.stopping = stopping;
        this.budget = budget == null ? new Budget(null, null) : budget;
        this.calls = spent.calls();
        this.tokens = spent.tokens();
        this.cost = spent.costUsd();
        if (spent.calls() > 0) {
            // a resumed run expects its next call to cost what its calls cost on average until one answers
            this.largestTokens = (spent.tokens() + spent.calls() - 1) / spent.calls();
            this.largestCost = spent.costUsd().divide(BigDecimal.valueOf(spent.calls()), 8, java.math.RoundingMode.UP);
        }
    }

    /** A plain model call of the run: made through this guard, and what it used counted. */
    public ChatReply chat(ChatCall call) {
        ModelProfile profile = gateway.profile(call.profile());
        return call(call.profile(), profile.model(), profile.maxConcurrency(), () -> {
            ChatReply reply = gateway.chat(call);
            spent(reply);
            return reply;
        });
    }

    /** A structured model call of the run (with its repair attempt): made through this guard, every attempt counted. */
    public <T> Structured<T> structured(ChatCall call, Class<T> type) {
        ModelProfile profile = gateway.profile(call.profile());
        return call(call.profile(), profile.model(), profile.maxConcurrency(), () -> {
            Structured<T> result = gateway.structured(call, type);
            result.calls().forEach(this::spent);
            return result;
        });
    }

    /**
     * Makes a call to {@code model} of {@code profile} once a slot of the profile (one of {@code concurrency}) is free and the guard lets it start.
     * The call reports what it used with {@link #spent(ChatReply)}; its reservation ends when it returns or throws.
     */
    <T> T call(String profile, String model, int concurrency, Supplier<T> call) {
        Semaphore slot = slots.computeIfAbsent(profile, p -> new Semaphore(concurrency, true));
        try {
            slot.acquire();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStopping();
        }
        try {
            Reservation reservation = beforeCall();
            try {
                return call.get();
            }
            catch (ModelCallFailed failed) {
                RunEnded unfixable = unfixable(profile, model, failed);
                if (unfixable == null) {
                    throw failed;
                }
                stoppedBy = unfixable;
                throw unfixable;
            }
            finally {
                release(reservation);
            }
        }
        finally {
            slot.release();
        }
    }

    /** Throws {@link RunStopping}, {@link RunEnded#cancelled()} or {@link RunEnded#overBudget(String)}, or reserves. */
    private Reservation beforeCall() {
        if (Thread.currentThread().isInterrupted() || stopping.getAsBoolean()) {
            throw new RunStopping();
        }
        long now = System.nanoTime();
        if (!cancelled && now - lastCancelCheck > CANCEL_CHECK_NANOS) {
            lastCancelCheck = now;
            cancelled = cancelRequested.getAsBoolean();
        }
        if (cancelled) {
            throw RunEnded.cancelled();
        }
        RunEnded stopped = stoppedBy;
        if (stopped != null) {
            throw RunEnded.failed(stopped.code(), stopped.getMessage());
        }
        return reserve();
    }

    private synchronized Reservation reserve() {
        long tokenEstimate = largestTokens == 0 ? FIRST_CALL_TOKENS : largestTokens;
        if (budget.maxTokens() != null && tokens + reservedTokens + tokenEstimate > budget.maxTokens()) {
            throw RunEnded.overBudget("The next call would pass the budget of " + budget.maxTokens() + " tokens ("
                    + tokens + " used, " + reservedTokens + " expected of the calls in flight)");
        }
        if (budget.maxCostUsd() != null
                && cost.add(reservedCost).add(largestCost).compareTo(budget.maxCostUsd()) > 0) {
            throw RunEnded.overBudget("The next call would pass the budget of $"
                    + budget.maxCostUsd().toPlainString() + " ($" + cost.toPlainString() + " spent)");
        }
        Reservation reservation = new Reservation(tokenEstimate, largestCost);
        reservedTokens += reservation.tokens();
        reservedCost = reservedCost.add(reservation.cost());
        inFlight.add(reservation);
        return reservation;
    }

    private synchronized void release(Reservation reservation) {
        if (inFlight.remove(reservation)) {
            reservedTokens -= reservation.tokens();
            reservedCost = reservedCost.subtract(reservation.cost());
        }
    }

    /**
     * What no retry mends, from a call that failed for good: the provider refused the profile's key (401, 403:
     * {@code MODEL_KEY_REFUSED}) or has no such model (404: {@code MODEL_NOT_FOUND}). It ends the run, and no
     * call of the run starts any more. Null for any other failure, which the run's work handles.
     */
    private static RunEnded unfixable(String profile, String model, ModelCallFailed failed) {
        int status = failed.upstreamStatus().orElse(0);
        if (status == 401 || status == 403) {
            return RunEnded.failed("MODEL_KEY_REFUSED", "The server of model profile '" + profile
                    + "' refused its API key (HTTP " + status + "); no retry can fix that: set the profile's api-key. "
                    + failed.getMessage());
        }
        if (status == 404) {
            return RunEnded.failed("MODEL_NOT_FOUND", "The server of model profile '" + profile
                    + "' has no model '" + model + "' (HTTP 404); check the profile's model and base-url. "
                    + failed.getMessage());
        }
        return null;
    }

    /** A call (or one attempt of a structured call) answered: what it really used counts from now on. */
    public synchronized void spent(ChatReply reply) {
        calls++;
        tokens += reply.totalTokens();
        cost = cost.add(reply.costUsd());
        largestTokens = Math.max(largestTokens, reply.totalTokens());
        largestCost = largestCost.max(reply.costUsd());
    }

    public synchronized long tokens() {
        return tokens;
    }

    public synchronized BigDecimal cost() {
        return cost;
    }
}
