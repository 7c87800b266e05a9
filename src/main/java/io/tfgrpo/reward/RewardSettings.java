package io.tfgrpo.reward;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Verifiers that call out.
 *
 * @param webhookAllowedHosts the only hosts a webhook verifier may call (none by default: webhooks are off)
 * @param webhookTimeout how long a webhook has to answer
 */
@ConfigurationProperties("tfgrpo.reward")
@Validated
record RewardSettings(@DefaultValue List<String> webhookAllowedHosts, @DefaultValue("10s") @NotNull Duration webhookTimeout) {
}
