package io.tfgrpo.library;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Experience libraries.
 *
 * @param maxExperienceWords an experience holds at most this many words (the method's limit is 32)
 * @param maxExperienceChars and at most this many characters
 */
@ConfigurationProperties("tfgrpo.library")
@Validated
record LibrarySettings(
        @DefaultValue("32") @Min(1) @Max(1000) int maxExperienceWords,
        @DefaultValue("400") @Min(16) @Max(4000) int maxExperienceChars) {
}
