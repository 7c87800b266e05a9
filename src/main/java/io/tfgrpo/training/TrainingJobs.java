package io.tfgrpo.training;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

import io.tfgrpo.dataset.DatasetView;
import io.tfgrpo.dataset.Datasets;
import io.tfgrpo.library.Libraries;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.llm.UsageView;
import io.tfgrpo.reward.Verifiers;
import io.tfgrpo.shared.CurrentCaller;
import io.tfgrpo.shared.FieldError;
import io.tfgrpo.shared.InvalidRequest;
import io.tfgrpo.shared.KeyGrants;
import io.tfgrpo.shared.PageView;
import io.tfgrpo.shared.PromptTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Training jobs: start (or plan) one, follow it, cancel it. The work itself is done by {@link JobRunner}. */
@Service
public class TrainingJobs {

    private final JobStore jobs;
    private final StepStore steps;
    private final Datasets datasets;
    private final Libraries libraries;
    private final LlmGateway gateway;
    private final SchedulerClient scheduler;
    private final CustomTask<Void> task;
    private final TrainingPlanner planner;
    private final JsonMapper json;
    private final Verifiers verifiers;
    private final TrainingSettings settings;

    TrainingJobs(JobStore jobs, StepStore steps, Datasets datasets, Libraries libraries, LlmGateway gateway,
            SchedulerClient scheduler, CustomTask<Void> trainingJobTask, TrainingPlanner planner, JsonMapper json,
            Verifiers verifiers, TrainingSettings settings) {
        this.verifiers = verifiers;
        this.settings = settings;
        this.jobs = jobs;
        this.steps = steps;
        this.datasets = datasets;
        this.libraries = libraries;
        this.gateway = gateway;
        this.scheduler = scheduler;
        this.task = trainingJobTask;
        this.planner = planner;
        this.json = json;
    }

    /**
     * Queues a job, or returns the one queued before under the same idempotency key; that key with another request
     * is refused (422), since answering with the first job would pass off a job the caller did not ask for.
     */
    @Transactional
    public TrainingJobView start(StartTrainingJob request, String idempotencyKey) {
        String requestHash = null;
        if (idempotencyKey != null) {
            requestHash = canonicalHash(request);
            jobs.lockIdempotencyKey(idempotencyKey);
            var existing = jobs.byIdempotencyKey(idempotencyKey);
            if (existing.isPresent()) {
                String first = existing.get().requestHash();
                if (first != null && !first.equals(requestHash)) {
                    throw IdempotencyKeyReused.forJob(existing.get().id());
                }
                return get(existing.get().id());
            }
        }
        JobConfig config = validate(request);
        int size = datasets.get(request.datasetId()).itemCount();
        int startVersion = libraries.getOrCreate(config.library(), "trained by Training-Free GRPO").currentVersion();
        UUID id = UUID.randomUUID();
        jobs.insert(id, config, startVersion, config.stepsPerEpoch(size), idempotencyKey, requestHash);
        scheduler.scheduleIfNotExists(task.instance(id.toString()), Instant.now());
        return get(id);
    }

    /**
     * SHA-256 of the request as read, written canonically (properties in declaration order, map entries by key): the
     * same request hashes the same whatever its spacing or order of properties.
     */
    private String canonicalHash(StartTrainingJob request) {
        byte[] canonical = json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsBytes(request);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** What a job would do and cost; starts nothing. */
    @Transactional(readOnly = true)
    public TrainingPlan plan(StartTrainingJob request) {
        JobConfig config = validate(request);
        return planner.plan(config, datasets.allItems(request.datasetId()));
    }

    @Transactional(readOnly = true)
    public TrainingJobView get(UUID id) {
        JobStore.Job job = jobs.find(id).orElseThrow(() -> TrainingJobNotFound.withId(id));
        List<TrainingStepView> committed = steps.steps(id).stream().map(TrainingStepView::of).toList();
        UsageView usage = gateway.usage(id.toString());
        return new TrainingJobView(id, job.status().name(), job.library(), job.config().datasetId(),
                job.startVersion(), job.epochs(), job.stepsPerEpoch(), job.totalSteps(), committed.size(),
                committed.stream().map(TrainingStepView::libraryVersion).filter(Objects::nonNull).toList(), committed,
                usage.totalTokens(), usage.costUsd(), job.config().budget(), job.cancelRequested(), job.errorCode(),
                job.error(), job.promotion(), job.validationEvaluation(), shown(job.config()),
                job.createdAt(), job.startedAt(), job.finishedAt());
    }

    /** One committed step (counted from 0, as in the job's steps) with what became of each operation. */
    @Transactional(readOnly = true)
    public TrainingStepDetail step(UUID id, int step) {
        jobs.find(id).orElseThrow(() -> TrainingJobNotFound.withId(id));
        List<StepStore.Step> committed = steps.steps(id);
        StepStore.Step found = committed.stream().filter(s -> s.step() == step).findFirst()
                .orElseThrow(() -> TrainingStepNotFound.of(id, step, committed.size()));
        return new TrainingStepDetail(TrainingStepView.of(found), steps.stepOperations(id, step).orElseThrow());
    }

    /** The job's settings as the caller may see them: a webhook's URL whole only to an admin. */
    private Object shown(JobConfig config) {
        ObjectNode tree = json.valueToTree(config);
        if (!CurrentCaller.hasScope("admin")) {
            tree.set("verifier", json.valueToTree(config.verifier().withoutSecrets()));
        }
        return tree;
    }

    @Transactional(readOnly = true)
    public PageView<TrainingJobView> list(int page, int size) {
        long total = jobs.count();
        return new PageView<>(jobs.list(page, size).stream().map(job -> get(job.id())).toList(), page, size, total,
                (int) ((total + size - 1) / size));
    }

    /** Stops a job within moments; the versions it committed stay. A finished job cannot be cancelled (409). */
    @Transactional
    public TrainingJobView cancel(UUID id) {
        jobs.find(id).orElseThrow(() -> TrainingJobNotFound.withId(id));
        if (!jobs.runs().requestCancel(id)) {
            throw TrainingJobFinished.cannotCancel(id, jobs.find(id).orElseThrow().status().name());
        }
        return get(id);
    }

    private JobConfig validate(StartTrainingJob request) {
        DatasetView dataset = datasets.get(request.datasetId());
        JobConfig config = JobConfig.of(request, dataset.itemCount(), settings.budget(request.budget()));
        KeyGrants grants = CurrentCaller.grants();
        grants.requireLibrary(config.library());
        Stream.of(config.rolloutModel(), config.distillModel(), config.verifier().profile())
                .filter(Objects::nonNull).forEach(grants::requireModel);
        List<FieldError> errors = new ArrayList<>();
        profile(config.rolloutModel(), "rolloutModel", errors);
        profile(config.distillModel(), "distillModel", errors);
        config.verifier().problems().forEach(problem -> errors.add(FieldError.field(
                problem.contains(":") ? problem.substring(0, problem.indexOf(':')) : "verifier",
                problem.contains(":") ? problem.substring(problem.indexOf(':') + 1).strip() : problem)));
        if (config.verifier().problems().isEmpty()) {
            try {
                verifiers.create(config.verifier());
            }
            catch (IllegalArgumentException refused) {
                String message = refused.getMessage();
                int colon = message.indexOf(": ");
                errors.add(colon > 0 && message.startsWith("verifier.")
                        ? FieldError.field(message.substring(0, colon), message.substring(colon + 2))
                        : FieldError.field("verifier", message));
            }
        }
        if (config.verifier().profile() != null) {
            profile(config.verifier().profile(), "verifier.profile", errors);
        }
        if (!config.groundTruthFree() && config.verifier().needsReferenceAnswer()
                && dataset.answeredCount() < dataset.itemCount()) {
            errors.add(FieldError.field("datasetId", (dataset.itemCount() - dataset.answeredCount())
                    + " of the dataset's " + dataset.itemCount() + " problems have no answer, and the "
                    + config.verifier().type().jsonName() + " verifier needs one; set groundTruthFree, use a verifier "
                    + "that scores without one (llm-judge, webhook) or a dataset with answers"));
        }
        config.promptOverrides().forEach((name, text) -> checkOverride(name, text, errors));
        if (config.validation() != null) {
            DatasetView validation = datasets.get(config.validation().datasetId());
            if (config.verifier().needsReferenceAnswer() && validation.answeredCount() < validation.itemCount()) {
                errors.add(FieldError.field("validation.datasetId", "the validation dataset has problems without "
                        + "an answer, and the " + config.verifier().type().jsonName() + " verifier needs one"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest("invalid-training-job", "Invalid training job", errors);
        }
        return config;
    }

    private void profile(String name, String field, List<FieldError> errors) {
        if (!gateway.hasProfile(name)) {
            errors.add(FieldError.field(field, "no model profile is named '" + name + "'"));
        }
    }

    /** An override may use only the placeholders of the prompt it replaces. */
    private static void checkOverride(String name, String text, List<FieldError> errors) {
        Set<String> known = PromptTemplate.load(name + ".txt").placeholders();
        Set<String> unknown = new TreeSet<>(new PromptTemplate(name, text).placeholders());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            errors.add(FieldError.field("promptOverrides." + name, "unknown placeholders " + unknown
                    + "; this prompt offers " + known));
        }
    }
}
