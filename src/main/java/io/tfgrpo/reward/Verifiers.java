package io.tfgrpo.reward;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

import io.tfgrpo.llm.ChatCall;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.llm.Structured;

/**
 * Makes the verifier a {@link VerifierSpec} describes. The math, exact and regex verifiers are local and pure;
 * the llm-judge and webhook ones need the LLM gateway and an HTTP client, which come in with them.
 */
@Component
public class Verifiers {

    private final LlmGateway gateway;
    private final RewardSettings settings;
    private final CutShort cutShort;

    Verifiers(LlmGateway gateway, RewardSettings settings, MeterRegistry meters) {
        this.gateway = gateway;
        this.settings = settings;
        this.cutShort = new CutShort(meters);
    }

    /** Longest answer quoted in full in a reward's reason. */
    private static final int BRIEF = 80;

    /** @throws IllegalArgumentException when the spec has {@link VerifierSpec#problems() problems} */
    public Verifier create(VerifierSpec spec) {
        return create(spec, null);
    }

    /** As {@link #create(VerifierSpec)}; an llm-judge's calls are recorded in the ledger as {@code owner}'s. */
    public Verifier create(VerifierSpec spec, String owner) {
        return create(spec, owner, new ModelCalls() {
            @Override
            public <T> Structured<T> structured(ChatCall call, Class<T> type) {
                return gateway.structured(call, type);
            }
        });
    }

    /** As {@link #create(VerifierSpec, String)}, an llm-judge's calls made through {@code calls}. */
    public Verifier create(VerifierSpec spec, String owner, ModelCalls calls) {
        Objects.requireNonNull(spec, "a verifier spec is required");
        if (!spec.problems().isEmpty()) {
            throw new IllegalArgumentException("invalid verifier: " + String.join("; ", spec.problems()));
        }
        return switch (spec.type()) {
            case MATH -> new MathVerifier(settings.verificationBudget(), cutShort);
            case EXACT -> new ExactVerifier(spec.caseSensitiveOrDefault());
            case REGEX -> new RegexVerifier(spec.compiledPattern(), spec.caseSensitiveOrDefault(),
                    settings.verificationBudget(), cutShort);
            case LLM_JUDGE -> new LlmJudgeVerifier(calls, spec.profile(), spec.rubric(), spec.gradedOrDefault(), owner);
            case WEBHOOK -> {
                URI url = URI.create(spec.url());
                if (!webhookAllowed(url)) {
                    throw new IllegalArgumentException("verifier.url: host " + url.getHost()
                            + " is not in tfgrpo.reward.webhook-allowed-hosts");
                }
                yield new WebhookVerifier(url, settings.webhookTimeout());
            }
        };
    }

    /** Whether the webhook's host is one the operator allowed (exact, case-insensitive). */
    public boolean webhookAllowed(URI url) {
        return url.getHost() != null && settings.webhookAllowedHosts().stream()
                .anyMatch(host -> host.equalsIgnoreCase(url.getHost()));
    }

    /** The reference answer, which these verifiers cannot do without. */
    static String requireReference(Attempt attempt, String verifier) {
        if (attempt.referenceAnswer() == null || attempt.referenceAnswer().isBlank()) {
            throw new IllegalArgumentException(verifier + " needs a reference answer");
        }
        return attempt.referenceAnswer();
    }

    /** The reward for an answer found and compared with the reference. */
    static Reward compared(boolean same, String answer, String reference) {
        return same ? Reward.pass(answer, "matches the reference")
                : Reward.fail(answer, "got " + brief(answer) + ", expected " + brief(reference));
    }

    static boolean sameText(String answer, String reference, boolean caseSensitive) {
        return caseSensitive ? answer.equals(reference)
                : answer.toLowerCase(Locale.ROOT).equals(reference.toLowerCase(Locale.ROOT));
    }

    /** An answer short enough to quote in a reason. */
    private static String brief(String answer) {
        String oneLine = answer.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= BRIEF ? oneLine : oneLine.substring(0, BRIEF - 1) + "…";
    }
}
