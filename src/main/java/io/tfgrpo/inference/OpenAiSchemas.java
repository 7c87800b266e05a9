package io.tfgrpo.inference;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The shapes of the OpenAI-compatible endpoints, for the API description only: the controller reads and writes them
 * as JSON trees, so that fields it does not know pass through to an OpenAI-compatible profile unchanged.
 */
final class OpenAiSchemas {

    private OpenAiSchemas() {
    }

    @Schema(name = "ChatCompletionRequest", additionalProperties = AdditionalPropertiesValue.TRUE,
            description = "OpenAI's Chat Completions request. `model` names a library (its current version) or "
                    + "`library@version`, or, with the X-Experience-Library header, a profile's model. Other OpenAI "
                    + "fields are passed on to OpenAI-compatible profiles as they are.")
    record ChatCompletionRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "gsm8k-tips") String model,
            @Schema(requiredMode = RequiredMode.REQUIRED) List<ChatCompletionMessage> messages,
            @Schema(description = "answer as Server-Sent Events of chunks", defaultValue = "false") Boolean stream,
            @Schema(example = "0.7") Double temperature,
            @Schema(description = "lowered to tfgrpo.inference.max-max-tokens") Integer max_tokens,
            Integer seed,
            @Schema(description = "a string or up to 4 strings") Object stop) {
    }

    @Schema(name = "ChatCompletionMessage")
    record ChatCompletionMessage(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "user",
                    allowableValues = { "system", "developer", "user", "assistant" }) String role,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "What is 2 + 3?") String content) {
    }

    @Schema(name = "ChatCompletion", description = "OpenAI's `chat.completion` object")
    record ChatCompletion(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "chatcmpl-3f6c2a1e") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "chat.completion") String object,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "1764960000") long created,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "gsm8k-tips") String model,
            @Schema(requiredMode = RequiredMode.REQUIRED) List<ChatCompletionChoice> choices,
            ChatCompletionUsage usage) {
    }

    @Schema(name = "ChatCompletionChoice")
    record ChatCompletionChoice(int index, ChatCompletionMessage message,
            @Schema(example = "stop") String finish_reason) {
    }

    @Schema(name = "ChatCompletionUsage")
    record ChatCompletionUsage(int prompt_tokens, int completion_tokens, int total_tokens) {
    }

    @Schema(name = "ModelList", description = "OpenAI's model list: each library, and each of its versions")
    record ModelList(@Schema(requiredMode = RequiredMode.REQUIRED, example = "list") String object,
            @Schema(requiredMode = RequiredMode.REQUIRED) List<OpenAiModel> data) {
    }

    @Schema(name = "OpenAiModel")
    record OpenAiModel(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "gsm8k-tips@3") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "model") String object,
            @Schema(example = "1764960000") long created,
            @Schema(example = "tfgrpo") String owned_by) {
    }
}
