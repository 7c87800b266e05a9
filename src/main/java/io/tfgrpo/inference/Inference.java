package io.tfgrpo.inference;

import java.util.List;

import org.springframework.stereotype.Service;

import io.tfgrpo.library.LibraryPriors;
import io.tfgrpo.library.RenderedPrior;
import io.tfgrpo.llm.ChatCall;
import io.tfgrpo.llm.ChatMessage;
import io.tfgrpo.llm.ChatReply;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.llm.Purpose;
import io.tfgrpo.shared.InvalidRequest;
import io.tfgrpo.shared.CurrentCaller;

/**
 * Serves a library: the version's prior goes where the library's placement puts it, rendered with the template
 * training used and narrowed as evaluation narrows it ({@link LibraryPriors}), so that what was learned and
 * measured is what is served. Each call is in the ledger as purpose INFERENCE, owned by
 * {@code library@version}.
 */
@Service
class Inference {

    /** A conversation with the prior applied, and the prior as applied (which experiences, which version). */
    record Applied(RenderedPrior prior, List<ChatMessage> messages) {

        List<String> codes() {
            return prior.codes();
        }
    }

    private final Priors priors;
    private final LibraryPriors served;
    private final LlmGateway gateway;
    private final InferenceSettings settings;

    Inference(Priors priors, LibraryPriors served, LlmGateway gateway, InferenceSettings settings) {
        this.priors = priors;
        this.served = served;
        this.gateway = gateway;
        this.settings = settings;
    }

    public InferenceResponse infer(InferenceRequest request) {
        List<ChatMessage> messages = messages(request);
        String profile = profile(request.model(), "model");
        Applied applied = apply(request.library(), request.version(), "version", messages);
        ChatReply reply = gateway.chat(call(profile, applied).withTemperature(request.temperature())
                .withMaxTokens(settings.maxTokens(request.maxTokens())));
        return new InferenceResponse(reply.content(), request.library(), applied.prior().version(), applied.codes(),
                profile, new InferenceResponse.Usage(reply.promptTokens(), reply.completionTokens(),
                        reply.totalTokens(), reply.tokensEstimated(), reply.costUsd()), reply.latency().toMillis());
    }

    Applied apply(String library, String version, String versionField, List<ChatMessage> messages) {
        CurrentCaller.grants().requireLibrary(library);
        RenderedPrior prior = served.servedFor(priors.resolve(library, version, versionField), messages,
                ChatMessage.CONVERSATION);
        return new Applied(prior, prior.applyTo(messages, ChatMessage.CONVERSATION));
    }

    ChatCall call(String profile, Applied applied) {
        return ChatCall.of(profile, Purpose.INFERENCE, applied.messages()).ownedBy(applied.prior().label());
    }

    String profile(String requested, String field) {
        String profile = granted(requested == null || requested.isBlank() ? settings.defaultModel() : requested);
        if (!gateway.hasProfile(profile)) {
            throw InvalidRequest.of(field, "no model profile is named '" + profile + "'");
        }
        return profile;
    }

    /** The profile, if the caller's key may call it. */
    String granted(String profile) {
        CurrentCaller.grants().requireModel(profile);
        return profile;
    }

    private static List<ChatMessage> messages(InferenceRequest request) {
        boolean prompt = request.prompt() != null && !request.prompt().isBlank();
        boolean conversation = request.messages() != null && !request.messages().isEmpty();
        if (prompt == conversation) {
            throw InvalidRequest.of(prompt ? "messages" : "prompt", "give either a prompt or messages, not both or neither");
        }
        return prompt ? List.of(ChatMessage.user(request.prompt()))
                : request.messages().stream()
                        .map(m -> new ChatMessage(ChatMessage.Role.valueOf(m.role().toUpperCase()), m.content())).toList();
    }
}
