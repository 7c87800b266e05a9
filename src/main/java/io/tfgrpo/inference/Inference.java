package io.tfgrpo.inference;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import io.tfgrpo.library.ExperiencePrior;
import io.tfgrpo.library.ExperienceView;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.llm.ChatCall;
import io.tfgrpo.llm.ChatMessage;
import io.tfgrpo.llm.ChatReply;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.llm.Purpose;
import io.tfgrpo.shared.InvalidRequest;
import io.tfgrpo.shared.CurrentCaller;

/**
 * Serves a library: the version's prior goes into the system message, with the template training used, so
 * that what was learned is what is served. Each call is in the ledger as purpose INFERENCE, owned by
 * {@code library@version}.
 */
@Service
class Inference {

    /** A conversation with the prior applied, and which experiences that took. */
    record Applied(Prior prior, List<String> codes, String priorText, List<ChatMessage> messages) {
    }

    private final Priors priors;
    private final LibraryVersions versions;
    private final LlmGateway gateway;
    private final InferenceSettings settings;

    Inference(Priors priors, LibraryVersions versions, LlmGateway gateway, InferenceSettings settings) {
        this.priors = priors;
        this.versions = versions;
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
        Prior prior = priors.resolve(library, version, versionField);
        Integer max = settings.maxExperiences();
        if (max == null || prior.experiences().size() <= max) {
            return new Applied(prior, prior.codes(), prior.text(), ChatMessage.withSystemText(messages, prior.text()));
        }
        String request = messages.stream().filter(m -> m.role() != ChatMessage.Role.ASSISTANT).map(ChatMessage::content)
                .collect(Collectors.joining("\n"));
        List<ExperienceView> relevant = versions.mostRelevant(library, prior.version(), request, max);
        String text = ExperiencePrior.render(prior.template(), relevant);
        return new Applied(prior, relevant.stream().map(ExperienceView::code).toList(), text,
                ChatMessage.withSystemText(messages, text));
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
