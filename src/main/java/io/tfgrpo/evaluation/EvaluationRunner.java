package io.tfgrpo.evaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.tfgrpo.dataset.DatasetItemView;
import io.tfgrpo.dataset.Datasets;
import io.tfgrpo.library.LibraryPriors;
import io.tfgrpo.library.RenderedPrior;
import io.tfgrpo.library.RolloutPrompt;
import io.tfgrpo.llm.ChatCall;
import io.tfgrpo.llm.ChatMessage;
import io.tfgrpo.llm.ChatReply;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.llm.ModelCallFailed;
import io.tfgrpo.llm.Purpose;
import io.tfgrpo.llm.StructuredOutputFailed;
import io.tfgrpo.reward.Attempt;
import io.tfgrpo.reward.Reward;
import io.tfgrpo.reward.Verifier;
import io.tfgrpo.reward.VerifierFailed;
import io.tfgrpo.reward.Verifiers;
import io.tfgrpo.runs.FanOut;
import io.tfgrpo.runs.RunExecution;
import io.tfgrpo.runs.RunGuard;
import io.tfgrpo.runs.RunOutcome;
import io.tfgrpo.runs.RunStatus;

/**
 * Answers every (version, problem, sample) of an evaluation that has no stored answer yet, with the version's
 * prior applied as training and inference apply it (the experiences inference would choose, where the library
 * places them), the rollout prompt training uses (or the evaluation's own), and the evaluation's temperature;
 * each answer is scored and stored as it arrives, so a resumed run asks only for what is missing.
 */
@Component
class EvaluationRunner {

    private static final Logger log = LoggerFactory.getLogger(EvaluationRunner.class);

    private final EvaluationStore store;
    private final Datasets datasets;
    private final LibraryPriors priors;
    private final LlmGateway gateway;
    private final Verifiers verifiers;

    EvaluationRunner(EvaluationStore store, Datasets datasets, LibraryPriors priors, LlmGateway gateway,
            Verifiers verifiers) {
        this.store = store;
        this.datasets = datasets;
        this.priors = priors;
        this.gateway = gateway;
        this.verifiers = verifiers;
    }

    /** One execution of the evaluation (see {@link RunExecution}): every answer not stored yet, then SUCCEEDED. */
    RunOutcome run(UUID id, String owner, BooleanSupplier stopping) {
        return RunExecution.execute(store.runs(), id, owner, epoch -> {
            EvaluationConfig c = store.find(id).orElseThrow().config();
            List<DatasetItemView> items = datasets.allItems(c.datasetId());
            List<EvaluationStore.Answer> stored = store.answers(id);
            Set<String> answered = new HashSet<>();
            long tokens = 0;
            BigDecimal cost = BigDecimal.ZERO;
            for (EvaluationStore.Answer a : stored) {
                answered.add(a.label() + "/" + a.item() + "/" + a.sample());
                tokens += a.tokens();
                cost = cost.add(a.cost());
            }
            RunGuard guard = new RunGuard(gateway, () -> store.runs().cancelRequested(id), stopping,
                    c.budget() == null ? null : new RunGuard.Budget(c.budget().maxCostUsd(), c.budget().maxTokens()),
                    new RunGuard.Spent(stored.size(), tokens, cost));
            // a judge's calls go through the run's guard like its answers, so they count in its budget
            Verifier verifier = verifiers.create(c.verifier(), id.toString(), guard::structured);
            List<Callable<Void>> work = new ArrayList<>();
            for (String label : c.versions()) {
                RenderedPrior prior = label.equals("none") ? RenderedPrior.none(c.library())
                        : priors.whole(c.library(), Integer.parseInt(label));
                // a problem's messages under this version, built once for all its samples (choosing the experiences
                // served for it may query the library)
                Map<Integer, List<ChatMessage>> asked = new ConcurrentHashMap<>();
                for (DatasetItemView item : items) {
                    for (int sample = 0; sample < c.samples(); sample++) {
                        if (!answered.contains(label + "/" + item.ordinal() + "/" + sample)) {
                            int s = sample;
                            work.add(() -> {
                                answer(id, c, label, asked.computeIfAbsent(item.ordinal(),
                                        ordinal -> messages(c, prior, item)), item, s, verifier, guard);
                                return null;
                            });
                        }
                    }
                }
            }
            FanOut.all(work);
            store.runs().finish(id, epoch, RunStatus.SUCCEEDED, null, null);
            return RunOutcome.ENDED;
        });
    }

    /** The problem in the evaluation's rollout prompt, with the version's prior as it is served for it. */
    private List<ChatMessage> messages(EvaluationConfig c, RenderedPrior prior, DatasetItemView item) {
        List<ChatMessage> problem = List.of(ChatMessage.user(RolloutPrompt.render(c.rolloutPrompt(), item.problem())));
        return priors.servedFor(prior, problem, ChatMessage.CONVERSATION).applyTo(problem, ChatMessage.CONVERSATION);
    }

    private void answer(UUID id, EvaluationConfig c, String label, List<ChatMessage> messages, DatasetItemView item,
            int sample, Verifier verifier, RunGuard guard) {
        ChatReply reply;
        try {
            reply = guard.chat(ChatCall.of(c.model(), Purpose.EVALUATION, messages).ownedBy(id.toString())
                    .withTemperature(c.temperature()).withSeed((int) (c.seed() * 1_000_003L + item.ordinal() * 131L
                            + sample)));
        }
        catch (ModelCallFailed failed) {
            store.saveAnswer(id, label, item.ordinal(), sample, null, null, 0, true, 0, BigDecimal.ZERO);
            return;
        }
        Reward reward;
        try {
            reward = verifier.score(new Attempt(item.problem(), item.answer(), reply.content()));
        }
        catch (ModelCallFailed | StructuredOutputFailed | VerifierFailed unjudged) {
            // the gateway has retried the judge's call already: a failed judgement, not a wrong answer
            log.warn("Evaluation {}: answer {}/{}/{} could not be scored: {}", id, label, item.ordinal(), sample,
                    unjudged.getMessage());
            store.saveUnjudged(id, label, item.ordinal(), sample, reply.content(), unjudged.getMessage(),
                    reply.totalTokens(), reply.costUsd());
            return;
        }
        store.saveAnswer(id, label, item.ordinal(), sample, reply.content(), reward.extractedAnswer(), reward.value(),
                false, reply.totalTokens(), reply.costUsd());
    }
}
