package io.tfgrpo.training;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.tfgrpo.library.ExperienceOperation;
import io.tfgrpo.library.ExperienceView;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.library.VersionOrigin;
import io.tfgrpo.llm.ModelCallFailed;
import io.tfgrpo.llm.Purpose;
import io.tfgrpo.llm.StructuredOutputFailed;
import io.tfgrpo.runs.LeaseLost;
import io.tfgrpo.shared.FieldError;

/**
 * METHOD.md steps 7 and 8: merges the groups' operations into the batch's net update (one call, stored), then
 * commits the step in one transaction: the new library version (only the valid operations, each experience
 * with its provenance), the step record with what became of each operation, and the job's next step, fenced by
 * the lease epoch.
 */
@Component
class StepCommitter {

    private final StepRunner runner;
    private final StepStore store;
    private final JobStore jobs;
    private final LibraryVersions versions;
    private final TransactionTemplate transaction;

    StepCommitter(StepRunner runner, StepStore store, JobStore jobs, LibraryVersions versions,
            TransactionTemplate transaction) {
        this.runner = runner;
        this.store = store;
        this.jobs = jobs;
        this.versions = versions;
        this.transaction = transaction;
    }

    /**
     * The batch's net operations: none when no group proposed any, else the (stored) batch update. A call that
     * fails for good (after the gateway's retries, or its repair attempt) is stored as the step's failure.
     */
    StepStore.Batch batchUpdate(StepRunner.Context ctx, int step, List<ExperienceView> library,
            Map<Integer, StepStore.Group> groups) {
        List<Distillation.Operation> proposed = groups.values().stream()
                .filter(g -> g.operations() != null).flatMap(g -> g.operations().stream())
                .filter(op -> op.op() != Distillation.Operation.Op.NONE).toList();
        if (proposed.isEmpty()) {
            return new StepStore.Batch(List.of(), null);
        }
        return store.batchUpdate(ctx.job().id(), step).orElseGet(() -> {
            JobConfig c = ctx.job().config();
            try {
                var update = runner.distill(ctx, c, Purpose.UPDATE, ctx.prompts().batchUpdate(aimed(library, proposed),
                        unaimed(library, proposed), ctx.maxWords(),
                        c.maxExperiences() == null ? "no fixed number of" : Integer.toString(c.maxExperiences())),
                        Distillation.BatchUpdate.class, StepRunner.callSeed(c, step, -1, StepRunner.BATCH_CALL));
                store.saveBatchUpdate(ctx.job().id(), step, update.operations());
                return new StepStore.Batch(update.operations(), null);
            }
            catch (StructuredOutputFailed | ModelCallFailed e) {
                store.saveBatchFailure(ctx.job().id(), step, e.getMessage());
                return new StepStore.Batch(null, e.getMessage());
            }
        });
    }

    /**
     * Commits the step with what is valid of its proposals (see {@link NetUpdate}), and records what became of
     * each; a lost lease rolls everything back and is reported as {@link LeaseLost}.
     */
    StepStore.Step commit(StepRunner.Context ctx, StepStore.Step draft, List<NetUpdate.Proposed> net,
            List<ExperienceView> library, List<String> problems) {
        JobStore.Job job = ctx.job();
        NetUpdate.Plan plan = NetUpdate.plan(net, library.stream().map(ExperienceView::code).toList(),
                draft.baseVersion(), job.config().maxExperiences());
        return transaction.execute(status -> {
            Integer version = null;
            List<TrainingStepDetail.OperationView> applied = new ArrayList<>();
            List<TrainingStepDetail.OperationView> rejected = new ArrayList<>(plan.rejected().stream()
                    .map(r -> view(r.source(), r.code(), r.reason())).toList());
            if (!plan.planned().isEmpty()) {
                Map<String, Object> provenance = new LinkedHashMap<>();
                provenance.put("source", "job");
                provenance.put("job", job.id().toString());
                provenance.put("epoch", draft.epoch());
                provenance.put("step", draft.step());
                provenance.put("problems", problems);
                LibraryVersions.Commit commit = versions.commitValid(job.library(), draft.baseVersion(),
                        plan.operations(), i -> withReason(provenance, plan.planned().get(i).source()),
                        VersionOrigin.job(job.id(), draft.step(), "training step " + (draft.step() + 1)));
                version = commit.version().version();
                record(plan, commit, library, applied, rejected);
            }
            StepStore.Step step = new StepStore.Step(draft.step(), draft.epoch(), draft.batch(), draft.baseVersion(),
                    version, draft.problems(), draft.meanReward(), draft.groupsLearned(), draft.groupsSkipped(),
                    draft.groupsFailed(), applied.size(), rejected.size(), draft.tokens(), draft.costUsd(),
                    draft.durationMs(), draft.rolloutsFailed(), draft.rolloutsTruncated(), draft.distillationFailed());
            store.saveStep(job.id(), step);
            store.saveStepOperations(job.id(), draft.step(), new TrainingStepDetail.Operations(applied, rejected));
            if (!jobs.advance(job.id(), job.leaseEpoch(), draft.step())) {
                throw new LeaseLost(job.id(), "committing step " + draft.step());
            }
            return step;
        });
    }

    /**
     * Sorts the planned operations into applied and rejected by what the library said (it may still refuse a text,
     * too many characters, say); an applied ADD is shown with the code the library gave it.
     */
    private static void record(NetUpdate.Plan plan, LibraryVersions.Commit commit, List<ExperienceView> library,
            List<TrainingStepDetail.OperationView> applied, List<TrainingStepDetail.OperationView> rejected) {
        Map<Integer, String> refused = new LinkedHashMap<>();
        for (FieldError error : commit.rejected()) {
            Matcher at = OPERATION_INDEX.matcher(error.field() == null ? "" : error.field());
            if (at.find()) {
                refused.merge(Integer.parseInt(at.group(1)), error.message(), (a, b) -> a + "; " + b);
            }
        }
        var before = library.stream().map(ExperienceView::code).collect(Collectors.toSet());
        Iterator<String> added = commit.version().experiences().stream().map(ExperienceView::code)
                .filter(code -> !before.contains(code)).iterator();
        for (int i = 0; i < plan.planned().size(); i++) {
            NetUpdate.Planned p = plan.planned().get(i);
            ExperienceOperation op = p.operation();
            if (refused.containsKey(i)) {
                rejected.add(view(p.source(), op.code(), "the library refused it: " + refused.get(i)));
            }
            else {
                String code = op.op() == ExperienceOperation.Op.ADD && added.hasNext() ? added.next() : op.code();
                applied.add(new TrainingStepDetail.OperationView(op.op().name(), code, op.text(),
                        p.source().operation().reason(), p.source().note()));
            }
        }
    }

    private static final Pattern OPERATION_INDEX = Pattern.compile("^operations\\[(\\d+)]");

    private static TrainingStepDetail.OperationView view(NetUpdate.Proposed source, String code, String reason) {
        Distillation.Operation op = source.operation();
        return new TrainingStepDetail.OperationView(op.op().name(),
                code != null ? code : op.code() == null || op.code().isBlank() ? null : op.code(),
                op.text() == null || op.text().isBlank() ? null : op.text(), reason, source.note());
    }

    private static Map<String, Object> withReason(Map<String, Object> provenance, NetUpdate.Proposed source) {
        Map<String, Object> result = new LinkedHashMap<>(provenance);
        result.put("reason", source.operation().reason());
        return result;
    }

    private static String aimed(List<ExperienceView> library, List<Distillation.Operation> proposed) {
        if (library.isEmpty()) {
            return "(none yet)";
        }
        Map<String, List<Distillation.Operation>> byCode = proposed.stream().filter(op -> !op.code().isBlank())
                .collect(Collectors.groupingBy(op -> NetUpdate.code(op.code())));
        StringBuilder text = new StringBuilder();
        for (ExperienceView e : library) {
            text.append('[').append(e.code()).append("] ").append(e.text()).append('\n');
            byCode.getOrDefault(e.code(), List.of()).forEach(op -> text.append("    proposed: ").append(describe(op))
                    .append('\n'));
        }
        return text.toString();
    }

    private static String unaimed(List<ExperienceView> library, List<Distillation.Operation> proposed) {
        var codes = library.stream().map(ExperienceView::code).collect(Collectors.toSet());
        List<String> lines = proposed.stream().filter(op -> !codes.contains(NetUpdate.code(op.code())))
                .map(op -> "- " + describe(op)).toList();
        return lines.isEmpty() ? "(none)" : String.join("\n", lines);
    }

    private static String describe(Distillation.Operation op) {
        return op.op() + (op.code().isBlank() ? "" : " " + op.code()) + (op.text().isBlank() ? "" : ": " + op.text())
                + (op.reason().isBlank() ? "" : " (" + op.reason() + ")");
    }
}
