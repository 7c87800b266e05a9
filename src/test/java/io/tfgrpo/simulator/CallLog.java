package io.tfgrpo.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.tfgrpo.simulator.LlmSimulator.Journal;

/** The live counters behind {@link LlmSimulator#journal()}; safe for any number of concurrent calls. */
final class CallLog {

    private static final int RECENT = 200;

    private final AtomicLong calls = new AtomicLong();
    private final Map<String, LongAdder> byPurpose = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byOutcome = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong repeated = new AtomicLong();
    /**
     * Keys answered with outcome ok, with when they were first received: a fault gave the caller nothing, so
     * retrying it is no repeat.
     */
    private final Map<String, Long> answeredKeys = new ConcurrentHashMap<>();
    private final List<Journal.Repeat> repeats = new ArrayList<>();
    private final Deque<Journal.Request> recent = new ArrayDeque<>();

    void enter() {
        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    /** Counts the call and gives its sequence number, which the fault and latency draws are keyed on. */
    long nextCall() {
        return calls.incrementAndGet();
    }

    void invalid() {
        count(byOutcome, Outcome.INVALID.label());
    }

    /** Records a parsed request with the outcome planned for it; true when it repeats an answered one. */
    boolean record(long seq, ChatRequest request, String purpose, RequestKey key, Outcome outcome) {
        long now = System.currentTimeMillis();
        Long first = outcome == Outcome.OK ? answeredKeys.putIfAbsent(key.hex(), now) : answeredKeys.get(key.hex());
        boolean repeat = first != null;
        if (repeat) {
            repeated.incrementAndGet();
            synchronized (repeats) {
                repeats.add(new Journal.Repeat(purpose, request.seed(), key.hex(), first, now));
            }
        }
        count(byPurpose, purpose);
        count(byOutcome, outcome.label());
        var entry = new Journal.Request(seq, purpose, request.model(), key.hex(), request.seed(),
                request.temperature(), request.stream(), request.responseFormatLabel(),
                Experiences.carried(request.messages()), repeat, request.messages(), outcome.label(), request.n(),
                request.maxTokens());
        synchronized (recent) {
            recent.addLast(entry);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
        return repeat;
    }

    Journal snapshot() {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome.label(), total(byOutcome, outcome.label()));
        }
        Map<String, Long> purposes = new TreeMap<>();
        byPurpose.forEach((purpose, count) -> purposes.put(purpose, count.sum()));
        List<Journal.Request> requests;
        synchronized (recent) {
            requests = List.copyOf(recent);
        }
        List<Journal.Repeat> repeatList;
        synchronized (repeats) {
            repeatList = List.copyOf(repeats);
        }
        return new Journal(calls.get(), purposes, outcomes, peak.get(), inFlight.get(), repeated.get(), requests,
                repeatList);
    }

    /** Forgets everything but the calls still in flight; the fault sequence starts over with the numbering. */
    void reset() {
        calls.set(0);
        byPurpose.clear();
        byOutcome.clear();
        repeated.set(0);
        answeredKeys.clear();
        synchronized (repeats) {
            repeats.clear();
        }
        peak.set(inFlight.get());
        synchronized (recent) {
            recent.clear();
        }
    }

    private static void count(Map<String, LongAdder> counts, String name) {
        counts.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    private static long total(Map<String, LongAdder> counts, String name) {
        LongAdder count = counts.get(name);
        return count == null ? 0 : count.sum();
    }
}
