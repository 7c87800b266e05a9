package io.tfgrpo.library;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How much of a library version is put in front of a prompt. The setting keeps its serving name, and evaluation
 * follows it too, so that what is evaluated is what is served.
 *
 * @param maxExperiences when a version has more experiences, only this many, the most relevant to the request
 * (PostgreSQL full-text ranking), are applied by inference and evaluation; unset: all
 */
@ConfigurationProperties("tfgrpo.inference")
@Validated
record PriorSettings(@Min(1) @Max(10_000) Integer maxExperiences) {
}
