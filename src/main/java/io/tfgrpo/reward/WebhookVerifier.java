package io.tfgrpo.reward;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;

/**
 * Asks a service of the user's for the reward: POSTs {@code {problem, answer, response}} ({@code answer} only when
 * there is a reference answer: a dataset without answers, or a ground-truth-free job, sends none) and expects
 * {@code {reward}} in [0, 1]. Redirects are not followed (no detours to other hosts); timeouts, errors and
 * malformed replies fail the scoring instead of counting as zero.
 */
final class WebhookVerifier implements Verifier {

    private final URI url;
    private final RestClient http;

    WebhookVerifier(URI url, Duration timeout) {
        this.url = url;
        var requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).build());
        requestFactory.setReadTimeout(timeout);
        this.http = RestClient.builder().requestFactory(requestFactory).build();
    }

    @Override
    public Reward score(Attempt attempt) {
        JsonNode reply;
        try {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("problem", attempt.problem());
            if (attempt.referenceAnswer() != null) {
                body.put("answer", attempt.referenceAnswer());
            }
            body.put("response", attempt.response());
            reply = http.post().uri(url).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                    .onStatus(status -> !status.is2xxSuccessful(), (request, response) -> {
                        throw new VerifierFailed("the webhook " + url.getHost() + " answered HTTP "
                                + response.getStatusCode().value());
                    })
                    .body(JsonNode.class);
        }
        catch (RestClientException e) {
            throw new VerifierFailed("the webhook " + url.getHost() + " could not be used: " + e.getMessage());
        }
        JsonNode reward = reply == null ? null : reply.get("reward");
        if (reward == null || !reward.isNumber() || reward.asDouble() < 0 || reward.asDouble() > 1) {
            throw new VerifierFailed("the webhook " + url.getHost() + " did not answer {\"reward\": <number in [0, 1]>}");
        }
        return new Reward(reward.asDouble(), null, "scored by the webhook");
    }
}
