package io.tfgrpo.reward;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Verifiers.
 *
 * @param webhookAllowedHosts the only hosts a webhook verifier may call (none by default: webhooks are off)
 * @param webhookTimeout how long a webhook has to answer
 * @param verificationBudget how long the math or regex verifier may work on one answer; then it gives up and the
 * answer scores 0 (math: unless its text is the reference's), counted in {@code tfgrpo.reward.cut.short}. Normal
 * answers take well under a millisecond. Ground-truth-free consensus reads each answer of a group within it once.
 */
@ConfigurationProperties("tfgrpo.reward")
@Validated
record RewardSettings(@DefaultValue List<String> webhookAllowedHosts, @DefaultValue("10s") @NotNull Duration webhookTimeout,
        @DefaultValue("200ms") @NotNull @DurationMin(millis = 1) Duration verificationBudget) {
}
