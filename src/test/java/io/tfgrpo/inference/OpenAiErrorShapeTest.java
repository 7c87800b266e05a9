package io.tfgrpo.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.tfgrpo.HttpTest;

/**
 * Everything under {@code /v1} that fails answers in OpenAI's error shape, whichever layer refuses it: unknown
 * routes and wrong methods (the security layer), 415 and 406 (Spring MVC), an unreadable body, a body over the
 * limit (a filter), an unknown model. Fields the service does not model are no error there.
 */
class OpenAiErrorShapeTest extends HttpTest {

    private static final String CHAT = "{\"model\": \"no-such-library\", \"messages\": [{\"role\": \"user\", "
            + "\"content\": \"hi\"}], \"user\": \"u-1\", \"logit_bias\": {}, \"frequency_penalty\": 0}";

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void everyErrorUnderV1IsInOpenAisShape() throws Exception {
        expect(send("POST", "/v1/completions", "application/json", "{}", null), 404, "not_found");
        expect(send("GET", "/v1", null, null, null), 404, "not_found");
        expect(send("GET", "/v1/chat/completions", null, null, null), 405, "method_not_allowed");
        expect(send("POST", "/v1/chat/completions", "text/plain", "hi", null), 415, "unsupported_media_type");
        expect(send("GET", "/v1/models", null, null, "text/html"), 406, "not_acceptable");
        expect(send("POST", "/v1/chat/completions", "application/json", "{bad", null), 400, "invalid_json");
        HttpResponse<String> invalid = send("POST", "/v1/chat/completions", "application/json",
                "{\"model\": \"x\", \"messages\": []}", null);
        expect(invalid, 400, "invalid_request");
        assertThat(invalid.body()).contains("\"param\":\"messages\"");
        expect(send("POST", "/v1/chat/completions", "application/json", "{\"model\": \"x\", \"messages\": ["
                + "\"x".repeat(6_000_000) + "\"]}", null), 413, "body_too_large");
    }

    @Test
    void anUnknownModelIsModelNotFoundWhateverTheClientAccepts() throws Exception {
        HttpResponse<String> unknown = send("POST", "/v1/chat/completions", "application/json", CHAT, null);
        expect(unknown, 404, "model_not_found");
        assertThat(unknown.body()).contains("no-such-library");
        expect(send("POST", "/v1/chat/completions", "application/json", CHAT.replace("no-such-library",
                "no-such-library@3"), null), 404, "model_not_found");
        expect(send("POST", "/v1/chat/completions", "application/json", CHAT, "text/html"), 404, "model_not_found");
    }

    private static void expect(HttpResponse<String> response, int status, String code) {
        String what = response.statusCode() + " " + response.body();
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        assertThat(response.body()).as(what).startsWith("{\"error\":{").contains("\"code\":\"" + code + "\"")
                .contains("\"message\":\"").doesNotContain("urn:tfgrpo:problem");
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String accept)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", BEARER).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
