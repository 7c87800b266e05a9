package io.tfgrpo.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

import io.tfgrpo.dataset.DatasetView;
import io.tfgrpo.dataset.Datasets;
import io.tfgrpo.library.Libraries;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.library.LibraryView;
import io.tfgrpo.library.RolloutPrompt;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.reward.VerifierSpec;
import io.tfgrpo.shared.CurrentCaller;
import io.tfgrpo.shared.FieldError;
import io.tfgrpo.shared.InvalidRequest;
import io.tfgrpo.shared.KeyGrants;
import io.tfgrpo.shared.PageView;

/** Evaluation runs: start one, read its figures as they come, cancel it. */
@Service
public class Evaluations {

    private final EvaluationStore store;
    private final Datasets datasets;
    private final Libraries libraries;
    private final LibraryVersions versions;
    private final LlmGateway gateway;
    private final SchedulerClient scheduler;
    private final CustomTask<Void> task;
    private final Map<UUID, Computed> recent = new java.util.concurrent.ConcurrentHashMap<>();

    Evaluations(EvaluationStore store, Datasets datasets, Libraries libraries, LibraryVersions versions,
            LlmGateway gateway, SchedulerClient scheduler, CustomTask<Void> evaluationRunTask) {
        this.store = store;
        this.datasets = datasets;
        this.libraries = libraries;
        this.versions = versions;
        this.gateway = gateway;
        this.scheduler = scheduler;
        this.task = evaluationRunTask;
    }

    @Transactional
    public EvaluationView start(StartEvaluation request) {
        DatasetView dataset = datasets.get(request.datasetId());
        LibraryView library = libraries.get(request.library());
        List<FieldError> errors = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String version : request.versions() == null ? List.of("none", "current") : request.versions()) {
            String label = version.equals("current") ? Integer.toString(library.currentVersion()) : version;
            if (!label.equals("none")) {
                versions.get(library.name(), Integer.parseInt(label)); // 404 for an unknown version
            }
            if (!labels.contains(label)) {
                labels.add(label);
            }
        }
        String model = request.model() == null ? "default" : request.model();
        KeyGrants grants = CurrentCaller.grants();
        grants.requireLibrary(library.name());
        grants.requireModel(model);
        if (request.verifier() != null && request.verifier().profile() != null) {
            grants.requireModel(request.verifier().profile());
        }
        if (!gateway.hasProfile(model)) {
            errors.add(FieldError.field("model", "no model profile is named '" + model + "'"));
        }
        VerifierSpec verifier = request.verifier() == null ? VerifierSpec.math() : request.verifier();
        verifier.problems().forEach(problem -> errors.add(FieldError.field("verifier", problem)));
        if (verifier.needsReferenceAnswer() && dataset.answeredCount() < dataset.itemCount()) {
            errors.add(FieldError.field("datasetId", (dataset.itemCount() - dataset.answeredCount())
                    + " problems have no answer, and the " + verifier.type() + " verifier needs one"));
        }
        if (request.rolloutPrompt() != null && RolloutPrompt.problem(request.rolloutPrompt()) != null) {
            errors.add(FieldError.field("rolloutPrompt", RolloutPrompt.problem(request.rolloutPrompt())));
        }
        int samples = request.samples() != null ? request.samples()
                : request.k() != null ? Collections.max(request.k()) : 4;
        List<Integer> ks = request.k() == null ? List.of(samples) : request.k().stream().distinct().sorted().toList();
        ks.stream().filter(k -> k > samples).findFirst().ifPresent(k -> errors.add(FieldError.field("k",
                "Pass@" + k + " needs at least " + k + " answers per problem, but samples is " + samples)));
        if (!errors.isEmpty()) {
            throw new InvalidRequest("invalid-evaluation", "Invalid evaluation", errors);
        }
        UUID id = UUID.randomUUID();
        store.insert(id, new EvaluationConfig(request.datasetId(), library.name(), List.copyOf(labels), model,
                samples, ks, request.temperature() == null ? 0.3 : request.temperature(),
                verifier, request.seed() == null ? 7L : request.seed(), request.budget(), request.rolloutPrompt()));
        scheduler.scheduleIfNotExists(task.instance(id.toString()), Instant.now());
        return get(id);
    }

    /** Evaluations, newest first, without their figures: one query for the page, one for its answer counts. */
    @Transactional(readOnly = true)
    PageView<EvaluationSummary> list(int page, int size) {
        long total = store.count();
        List<EvaluationStore.Run> runs = store.list(page, size);
        Map<UUID, Long> answers = store.answerCounts(runs.stream().map(EvaluationStore.Run::id).toList());
        Map<UUID, Long> items = new HashMap<>();
        List<EvaluationSummary> summaries = runs.stream().map(run -> {
            EvaluationConfig c = run.config();
            long problems = items.computeIfAbsent(c.datasetId(), d -> (long) datasets.get(d).itemCount());
            return new EvaluationSummary(run.id(), run.status(), c.library(), c.datasetId(), c.model(), c.versions(),
                    c.samples(), c.k(), answers.getOrDefault(run.id(), 0L), (long) c.versions().size() * c.samples()
                            * problems, run.errorCode(), run.createdAt(), run.startedAt(), run.finishedAt());
        }).toList();
        return new PageView<>(summaries, page, size, total, (int) ((total + size - 1) / size));
    }

    /** A computed view and when it was computed. */
    private record Computed(EvaluationView view, long at) {
    }

    /**
     * The figures so far. Computing them loads every answer and bootstraps the intervals, so while a run goes on
     * they are recomputed at most once a second however often they are asked for (they may lag by that much);
     * once it has ended they are computed once more and kept.
     */
    @Transactional(readOnly = true)
    public EvaluationView get(UUID id) {
        EvaluationStore.Run run = store.find(id).orElseThrow(() -> EvaluationNotFound.withId(id));
        Computed cached = recent.get(id);
        long now = System.nanoTime();
        if (cached != null && cached.view().status().equals(run.status())
                && (run.finished() || now - cached.at() < 1_000_000_000L)) {
            return cached.view();
        }
        EvaluationView view = compute(run);
        if (recent.size() > 1000) {
            recent.clear();
        }
        recent.put(id, new Computed(view, now));
        return view;
    }

    private EvaluationView compute(EvaluationStore.Run run) {
        UUID id = run.id();
        EvaluationConfig c = run.config();
        var answers = store.answers(id);
        long total = (long) c.versions().size() * c.samples() * datasets.get(c.datasetId()).itemCount();
        return new EvaluationView(id, run.status(), c.library(), c.datasetId(), c.model(), c.samples(), c.k(),
                c.temperature(),
                answers.size(), total, EvaluationResults.versions(c, answers), EvaluationResults.comparisons(c, answers),
                run.errorCode(), run.error(), run.createdAt(), run.startedAt(), run.finishedAt());
    }

    /** Per-problem results, in dataset order, a page at a time. */
    @Transactional(readOnly = true)
    public PageView<ProblemResult> problems(UUID id, int page, int size) {
        EvaluationStore.Run run = store.find(id).orElseThrow(() -> EvaluationNotFound.withId(id));
        var items = datasets.allItems(run.config().datasetId());
        var byItem = store.answers(id).stream().collect(Collectors.groupingBy(EvaluationStore.Answer::item,
                Collectors.groupingBy(EvaluationStore.Answer::label)));
        List<ProblemResult> content = items.stream().skip((long) page * size).limit(size).map(item -> {
            Map<String, ProblemResult.Outcome> outcomes = new LinkedHashMap<>();
            for (String label : run.config().versions()) {
                var answers = byItem.getOrDefault(item.ordinal(), Map.of()).getOrDefault(label, List.of());
                outcomes.put(label, EvaluationResults.outcome(answers));
            }
            return new ProblemResult(item.ordinal(), item.id(), item.problem(), item.answer(), outcomes);
        }).toList();
        return new PageView<>(content, page, size, items.size(), (items.size() + size - 1) / size);
    }

    /** A finished run cannot be cancelled (409). */
    @Transactional
    public EvaluationView cancel(UUID id) {
        store.find(id).orElseThrow(() -> EvaluationNotFound.withId(id));
        if (!store.runs().requestCancel(id)) {
            throw EvaluationFinished.cannotCancel(id, store.find(id).orElseThrow().status());
        }
        return get(id);
    }

    /** Cancels the run unless it has finished already, in which case it stays as it is. */
    @Transactional
    public void cancelUnlessFinished(UUID id) {
        store.runs().requestCancel(id);
    }
}
