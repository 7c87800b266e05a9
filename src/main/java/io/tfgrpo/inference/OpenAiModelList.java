package io.tfgrpo.inference;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/** OpenAI's model list ({@code GET /v1/models}): each library, and each of its versions, as a model. */
record OpenAiModelList(@Schema(example = "list") String object, List<OpenAiModel> data) {

    static OpenAiModelList of(List<OpenAiModel> data) {
        return new OpenAiModelList("list", data);
    }

    record OpenAiModel(
            @Schema(example = "gsm8k-tips@3", description = "a library (its current version) or library@version")
            String id,
            @Schema(example = "model") String object,
            @Schema(description = "when it was made, in seconds since 1970") long created,
            @JsonProperty("owned_by") @Schema(example = "tfgrpo") String ownedBy) {

        static OpenAiModel of(String id, Instant created) {
            return new OpenAiModel(id, "model", created.getEpochSecond(), "tfgrpo");
        }
    }
}
