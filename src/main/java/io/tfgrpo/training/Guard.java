package io.tfgrpo.training;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicReference;

import io.tfgrpo.llm.ChatReply;
import io.tfgrpo.llm.UsageView;

/**
 * Checked before every model call of a job: stops it within moments of a cancel request, and before a call that
 * would take it past its budget (the next call is expected to cost what the job's calls cost on average).
 */
final class Guard {

    private static final long CANCEL_CHECK_NANOS = 300_000_000L;

    private final UUID job;
    private final JobStore jobs;
    private final StartTrainingJob.Budget budget;
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicReference<BigDecimal> cost = new AtomicReference<>(BigDecimal.ZERO);
    private static final long FIRST_CALL_TOKENS = 500;
    private final java.util.ArrayDeque<long[]> inFlight = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<BigDecimal> inFlightCost = new java.util.ArrayDeque<>();
    private long reservedTokens;
    private long largestTokens;
    private BigDecimal largestCost = BigDecimal.ZERO;
    private BigDecimal reservedCost = BigDecimal.ZERO;
    private volatile long lastCancelCheck;
    private volatile boolean cancelled;
    private volatile JobStopped stoppedBy;

    private final BooleanSupplier stopping;

    Guard(UUID job, JobStore jobs, StartTrainingJob.Budget budget, UsageView spentSoFar, BooleanSupplier stopping) {
        this.stopping = stopping;
        this.job = job;
        this.jobs = jobs;
        this.budget = budget;
        tokens.set(spentSoFar.totalTokens());
        calls.set(spentSoFar.calls());
        cost.set(spentSoFar.costUsd());
    }

    /**
     * Checks a call before it starts and reserves what it may use: as much as the job's largest call so far (500
     * tokens before the first answer), so that calls in flight at once do not together pass the budget.
     * {@link #done(ChatReply)} or {@link #abandoned()} ends the reservation.
     */
    void beforeCall() {
        if (Thread.currentThread().isInterrupted() || stopping.getAsBoolean()) {
            throw new WorkerStopping();
        }
        long now = System.nanoTime();
        if (!cancelled && now - lastCancelCheck > CANCEL_CHECK_NANOS) {
            lastCancelCheck = now;
            cancelled = jobs.cancelRequested(job);
        }
        if (cancelled) {
            throw JobStopped.cancelled();
        }
        JobStopped stop = stoppedBy;
        if (stop != null) {
            throw JobStopped.failed(stop.code(), stop.getMessage());
        }
        reserve();
    }

    private synchronized void reserve() {
        long n = calls.get();
        long tokenEstimate = n == 0 ? FIRST_CALL_TOKENS : largestTokens;
        BigDecimal costEstimate = largestCost;
        if (budget != null && budget.maxTokens() != null
                && tokens.get() + reservedTokens + tokenEstimate > budget.maxTokens()) {
            throw JobStopped.overBudget("The next call would pass the budget of " + budget.maxTokens() + " tokens ("
                    + tokens.get() + " used, " + reservedTokens + " expected of the calls in flight)");
        }
        if (budget != null && budget.maxCostUsd() != null
                && cost.get().add(reservedCost).add(costEstimate).compareTo(budget.maxCostUsd()) > 0) {
            throw JobStopped.overBudget("The next call would pass the budget of $"
                    + budget.maxCostUsd().toPlainString() + " ($" + cost.get().toPlainString() + " spent)");
        }
        reservedTokens += tokenEstimate;
        reservedCost = reservedCost.add(costEstimate);
        inFlight.addLast(new long[] { tokenEstimate });
        inFlightCost.addLast(costEstimate);
    }

    /** A call ended with this reply (or these replies): its reservation becomes what it really used. */
    synchronized void done(ChatReply reply) {
        calls.incrementAndGet();
        tokens.addAndGet(reply.totalTokens());
        cost.accumulateAndGet(reply.costUsd(), BigDecimal::add);
        largestTokens = Math.max(largestTokens, reply.totalTokens());
        largestCost = largestCost.max(reply.costUsd());
    }

    /** Something no retry mends happened (a refused key, say): no call of the job starts any more. */
    void stop(JobStopped reason) {
        stoppedBy = reason;
    }

    /** A reserved call is over (answered or not). */
    synchronized void abandoned() {
        if (!inFlight.isEmpty()) {
            reservedTokens -= inFlight.removeFirst()[0];
            reservedCost = reservedCost.subtract(inFlightCost.removeFirst());
        }
    }

    long tokens() {
        return tokens.get();
    }

    BigDecimal cost() {
        return cost.get();
    }
}
