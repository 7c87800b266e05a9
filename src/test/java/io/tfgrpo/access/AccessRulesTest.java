package io.tfgrpo.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.tfgrpo.HttpTest;

/**
 * Scopes are decided on the path Spring MVC serves: every endpoint, under every key, in its plain spelling and in
 * the spellings an attacker would try, either reaches its handler with the right scope or is refused; and every
 * controller mapping is named by a rule (deny by default).
 */
class AccessRulesTest extends HttpTest {

    private static final String ID = "00000000-0000-0000-0000-000000000001";

    /** Ways to spell a path; {@code same} ones must be served as the plain path is, the rest refused. */
    private record Spelling(String name, UnaryOperator<String> spell, boolean same) {
    }

    private static final List<Spelling> SPELLINGS = List.of(
            new Spelling("plain", path -> path, true),
            new Spelling("percent-encoded letter", path -> "/%" + Integer.toHexString(path.charAt(1)) + path.substring(2),
                    true),
            new Spelling("encoded last letter", path -> path.substring(0, path.length() - 1) + "%"
                    + Integer.toHexString(path.charAt(path.length() - 1)), true),
            new Spelling("double slash", path -> "/" + path, false),
            new Spelling("inner double slash", path -> path.replaceFirst("/", "//").replaceFirst("^//", "/")
                    .replaceFirst("(/[^/]+)/", "$1//"), false),
            new Spelling("dot segment", path -> "/." + path, false),
            new Spelling("dot-dot segment", path -> "/x/.." + path, false),
            new Spelling("encoded dot segment", path -> "/%2e" + path, false),
            new Spelling("trailing slash", path -> path + "/", false),
            new Spelling("matrix parameter", path -> path.replaceFirst("^(/[^/]+)", "$1;x=1"), false),
            new Spelling("upper case", path -> path.toUpperCase(), false));

    private final HttpClient client = HttpClient.newHttpClient();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    SecurityFilterChain chain;

    Map<Scope, String> keys;

    @BeforeEach
    void keys() {
        keys = new LinkedHashMap<>();
        for (Scope scope : Scope.values()) {
            keys.put(scope, http.post().uri("/api/keys").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", scope.label() + "-only", "scopes", List.of(scope.label()))).exchange()
                    .expectStatus().isCreated().returnResult(CreatedApiKey.class).getResponseBody().key());
        }
    }

    @Test
    void anInferKeyCannotReachAdminOrTrainingEndpointsThroughAnEncodedPath() throws Exception {
        String infer = keys.get(Scope.INFER);
        HttpResponse<String> escalation = send("POST", "/%61pi/keys", infer,
                "{\"name\":\"mine\",\"scopes\":[\"admin\",\"train\",\"infer\"]}");
        assertThat(escalation.statusCode()).isEqualTo(403);
        assertThat(escalation.body()).contains("urn:tfgrpo:problem:insufficient-scope").contains("\"admin\"");
        assertThat(send("GET", "/%61ctuator/prometheus", infer, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/%61pi/datasets", infer, null).statusCode()).isEqualTo(403);
        assertThat(count("select count(*) from api_key where name = 'mine'")).isZero();
    }

    @Test
    void everyEndpointUnderEveryKeyAndSpellingIsServedWithTheRightScopeOrRefused() throws Exception {
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (AccessRules.Endpoint endpoint : AccessRules.endpoints()) {
            String path = endpoint.pattern().replaceAll("\\{[^}]+}", ID).replace("/**", "/x");
            if (path.equals("/")) {
                continue; // the root, open to all, has no segment to spell otherwise
            }
            Scope needed = AccessRules.rule(request(endpoint.method(), path)).orElseThrow().scope();
            Map<String, String> callers = new LinkedHashMap<>();
            callers.put("no key", null);
            keys.forEach((scope, key) -> callers.put(scope.label() + " key", key));
            for (var caller : callers.entrySet()) {
                boolean entitled = needed == null || needed.label().equals(caller.getKey().replace(" key", ""));
                int plain = send(endpoint.method().name(), path, caller.getValue(), body(endpoint)).statusCode();
                for (Spelling spelling : SPELLINGS) {
                    String spelled = spelling.spell().apply(path);
                    HttpResponse<String> response = send(endpoint.method().name(), spelled, caller.getValue(),
                            body(endpoint));
                    requests++;
                    int status = response.statusCode();
                    String what = endpoint.method() + " " + spelled + " (" + spelling.name() + ") with "
                            + caller.getKey() + ": " + status + " " + response.body();
                    if (entitled && spelling.same() && status != plain) {
                        failures.add(what + " — the plain path answered " + plain);
                    }
                    if (!entitled && !refused(response)) {
                        failures.add(what + " — reached without the scope");
                    }
                    if (needed != null && !spelling.same() && !refused(response)) {
                        failures.add(what + " — a spelling Spring MVC does not serve was let through");
                    }
                    if (!entitled && status / 100 == 2) {
                        failures.add(what + " — 2xx with the wrong scope");
                    }
                }
            }
        }
        assertThat(failures).as("of %d requests", requests).isEmpty();
        assertThat(requests).isGreaterThan(1000);
    }

    @Test
    void everyControllerMappingIsNamedByARuleAndEveryRuleByAMapping() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue; // reached only by the container's error dispatch
                }
                assertThat(info.getMethodsCondition().getMethods()).as("%s names its methods", pattern).isNotEmpty();
                info.getMethodsCondition().getMethods().forEach(method -> mapped.add(method + " " + pattern));
            }
        }
        List<String> unruled = mapped.stream().filter(endpoint -> {
            String[] parts = endpoint.split(" ");
            String path = parts[1].replaceAll("\\{[^}]+}", ID);
            return AccessRules.rule(request(HttpMethod.valueOf(parts[0]), path)).isEmpty();
        }).toList();
        assertThat(unruled).as("controller mappings that no access rule names (they would be denied)").isEmpty();

        Set<String> ruled = new TreeSet<>();
        AccessRules.endpoints().stream().filter(e -> AccessRules.rule(request(e.method(), e.pattern())).orElseThrow()
                .scope() != null && !e.pattern().startsWith("/actuator"))
                .forEach(e -> ruled.add(e.method() + " " + e.pattern()));
        assertThat(mapped).as("every rule names a real endpoint").containsAll(ruled);
    }

    @Test
    void aPathWithoutARuleIsDeniedEvenToAKeyWithEveryScope() throws Exception {
        HttpResponse<String> unknown = send("GET", "/api/unplanned", KEY, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("urn:tfgrpo:problem:not-found");
        HttpResponse<String> wrongMethod = send("DELETE", "/api/libraries", KEY, null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(send("GET", "/api/unplanned", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> rejected = send("GET", "/api;x=1/libraries", KEY, null);
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).contains("urn:tfgrpo:problem:rejected-path").doesNotContain("Exception");
    }

    @Test
    void anEncodedSpellingOfTheInferencePathCountsAgainstTheKeysRate() throws Exception {
        String key = http.post().uri("/api/keys").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "one-a-minute", "scopes", List.of("infer"), "requestsPerMinute", 1)).exchange()
                .expectStatus().isCreated().returnResult(CreatedApiKey.class).getResponseBody().key();
        // an empty body is refused by the handler, after the rate limit has counted the request
        assertThat(send("POST", "/v1/chat/completions", key, "{}").statusCode()).isNotEqualTo(429);
        HttpResponse<String> encoded = send("POST", "/%761/chat/completion%73", key, "{}");
        assertThat(encoded.statusCode()).isEqualTo(429);
        assertThat(encoded.body()).contains("rate_limit_exceeded");
    }

    @Test
    void overloadAdmissionComesAfterAuthenticationAuthorisationAndTheRateLimit() {
        List<Class<?>> filters = chain.getFilters().stream().<Class<?>>map(Object::getClass).toList();
        assertThat(filters.indexOf(InferenceAdmission.class))
                .isGreaterThan(filters.indexOf(BearerKeyFilter.class))
                .isGreaterThan(filters.indexOf(AuthorizationFilter.class))
                .isGreaterThan(filters.indexOf(InferenceRateLimit.class));
    }

    private static boolean refused(HttpResponse<String> response) {
        return switch (response.statusCode()) {
            case 401, 403 -> true;
            case 400 -> response.body().contains("urn:tfgrpo:problem:rejected-path")
                    || response.body().contains("\"code\":\"rejected_path\"");
            // no rule names the path (or not with this method): the security layer answers as Spring MVC would
            case 404 -> response.body().contains("urn:tfgrpo:problem:not-found")
                    || response.body().contains("\"code\":\"not_found\"");
            case 405 -> response.body().contains("method-not-allowed") || response.body().contains("method_not_allowed");
            default -> false;
        };
    }

    private static String body(AccessRules.Endpoint endpoint) {
        return endpoint.method() == HttpMethod.POST || endpoint.method() == HttpMethod.PUT ? "{}" : null;
    }

    private static MockHttpServletRequest request(HttpMethod method, String path) {
        return new MockHttpServletRequest(method.name(), path);
    }

    private HttpResponse<String> send(String method, String path, String key, String body)
            throws IOException, InterruptedException {
        return RawRequests.send(client, port, method, path, key, body);
    }
}
