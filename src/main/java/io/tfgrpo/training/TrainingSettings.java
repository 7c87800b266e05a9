package io.tfgrpo.training;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Training jobs.
 *
 * @param maxExperienceWords the word limit asked of the distillation prompts (the library enforces its own)
 * @param eventPollInterval how often a progress stream looks for news, in milliseconds
 */
@ConfigurationProperties("tfgrpo.training")
@Validated
record TrainingSettings(
        @DefaultValue("32") @Min(1) @Max(1000) int maxExperienceWords,
        @DefaultValue("300") @Min(50) @Max(10_000) long eventPollInterval) {
}
