package io.tfgrpo.access;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach which endpoint: one table, used to authorise a request, to explain a 403 and to tell inference
 * requests (rate limit, overload admission) from the rest.
 * <p>
 * Paths are matched as Spring MVC matches its handlers ({@link PathPatternRequestMatcher}: the decoded path, segment
 * by segment), so {@code /%61pi/keys} needs the same scope as {@code /api/keys}. Spellings that Spring MVC would not
 * serve (upper case, a trailing slash) match no rule; dot segments, double slashes and matrix parameters are refused
 * with 400 by the firewall before any rule. A request that no rule names is denied: a new endpoint is unreachable
 * until a rule here names it (the access test fails on a mapping without one).
 */
final class AccessRules {

    /** A scope and the endpoints it opens; a null scope opens them to everyone. */
    record Rule(@Nullable Scope scope, List<Endpoint> endpoints) {

        boolean matches(HttpServletRequest request) {
            return endpoints.stream().anyMatch(endpoint -> endpoint.matches(request));
        }
    }

    /** One method on one path pattern. */
    record Endpoint(HttpMethod method, String pattern, RequestMatcher matcher, RequestMatcher anyMethod) {

        Endpoint(HttpMethod method, String pattern) {
            this(method, pattern, PathPatternRequestMatcher.pathPattern(method, pattern),
                    PathPatternRequestMatcher.pathPattern(pattern));
        }

        boolean matches(HttpServletRequest request) {
            return matcher.matches(request);
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule(null, List.of(
                    get("/"), get("/actuator/health"), get("/actuator/health/**"),
                    endpoint(HEAD, "/actuator/health"), endpoint(HEAD, "/actuator/health/**"), get("/actuator/info"),
                    get("/v3/api-docs"), get("/v3/api-docs.yaml"), get("/v3/api-docs/**"),
                    get("/swagger-ui.html"), get("/swagger-ui/**"), get("/favicon.ico"))),
            new Rule(Scope.ADMIN, List.of(
                    get("/api/keys"), post("/api/keys"), get("/api/keys/{id}"), endpoint(DELETE, "/api/keys/{id}"),
                    get("/actuator/prometheus"))),
            new Rule(Scope.INFER, List.of(
                    post("/api/inference"), post("/v1/chat/completions"), get("/v1/models"))),
            new Rule(Scope.TRAIN, List.of(
                    get("/api/datasets"), post("/api/datasets"), get("/api/datasets/{id}"),
                    get("/api/datasets/{id}/items"), endpoint(DELETE, "/api/datasets/{id}"),
                    get("/api/libraries"), post("/api/libraries"), get("/api/libraries/{name}"),
                    get("/api/libraries/{name}/export"), post("/api/libraries/import"),
                    endpoint(PUT, "/api/libraries/{name}/current"), endpoint(PUT, "/api/libraries/{name}/prior-template"),
                    endpoint(PUT, "/api/libraries/{name}/prior-placement"),
                    get("/api/libraries/{name}/versions"), post("/api/libraries/{name}/versions"),
                    get("/api/libraries/{name}/versions/{version}"), get("/api/libraries/{name}/versions/current"),
                    get("/api/libraries/{name}/versions/{version}/diff"),
                    get("/api/training-jobs"), post("/api/training-jobs"), post("/api/training-jobs/plan"),
                    get("/api/training-jobs/{id}"), get("/api/training-jobs/{id}/steps/{step}"),
                    get("/api/training-jobs/{id}/rollouts"), get("/api/training-jobs/{id}/chart.png"),
                    get("/api/training-jobs/{id}/chart.svg"), get("/api/training-jobs/{id}/events"),
                    post("/api/training-jobs/{id}/cancel"),
                    get("/api/evaluations"), post("/api/evaluations"), get("/api/evaluations/{id}"), get("/api/evaluations/{id}/items"),
                    get("/api/evaluations/{id}/chart.png"), get("/api/evaluations/{id}/chart.svg"),
                    get("/api/evaluations/{id}/events"), post("/api/evaluations/{id}/cancel"),
                    get("/api/models"), get("/api/usage"))));

    private static final List<Endpoint> INFERENCE_ENDPOINTS = List.of(post("/api/inference"),
            post("/v1/chat/completions"));

    private static final RequestMatcher INFERENCE = any(INFERENCE_ENDPOINTS.stream().map(Endpoint::matcher)
            .toArray(RequestMatcher[]::new));

    private AccessRules() {
    }

    /** The rule that names this request; empty: no rule does, and the request is denied. */
    static Optional<Rule> rule(HttpServletRequest request) {
        return RULES.stream().filter(rule -> rule.matches(request)).findFirst();
    }

    /** The methods that rules name for this request's path; empty: no rule names the path at all. */
    static List<HttpMethod> methodsOf(HttpServletRequest request) {
        return RULES.stream().flatMap(rule -> rule.endpoints().stream())
                .filter(endpoint -> endpoint.anyMethod().matches(request)).map(Endpoint::method).distinct().toList();
    }

    /** Every endpoint a rule names, for the test that holds the rules and the controllers' mappings together. */
    static List<Endpoint> endpoints() {
        return RULES.stream().flatMap(rule -> rule.endpoints().stream()).toList();
    }

    /** The rule that names this method and pattern as a controller maps them (for the API description). */
    static Optional<Rule> ruleNaming(HttpMethod method, String pattern) {
        return RULES.stream().filter(rule -> rule.endpoints().stream().anyMatch(endpoint -> named(endpoint, method,
                pattern))).findFirst();
    }

    /** Whether this method and pattern is an inference endpoint (for the API description). */
    static boolean isInference(HttpMethod method, String pattern) {
        return INFERENCE_ENDPOINTS.stream().anyMatch(endpoint -> named(endpoint, method, pattern));
    }

    private static boolean named(Endpoint endpoint, HttpMethod method, String pattern) {
        return endpoint.method().equals(method) && endpoint.pattern().equals(pattern);
    }

    /** Inference requests: the ones a key's rate limit counts and overload admission bounds. */
    static boolean isInference(HttpServletRequest request) {
        return INFERENCE.matches(request);
    }

    private static Endpoint get(String pattern) {
        return new Endpoint(GET, pattern);
    }

    private static Endpoint post(String pattern) {
        return new Endpoint(POST, pattern);
    }

    private static Endpoint endpoint(HttpMethod method, String pattern) {
        return new Endpoint(method, pattern);
    }

    private static RequestMatcher any(RequestMatcher... matchers) {
        List<RequestMatcher> all = Arrays.asList(matchers);
        return request -> all.stream().anyMatch(matcher -> matcher.matches(request));
    }
}
