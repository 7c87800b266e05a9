package io.tfgrpo.access;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Every request needs an API key except health, the API description and Swagger UI. What a key may do follows
 * its scopes ({@link AccessRules}); a request no rule names is denied. 401 and 403 are problem+json (OpenAI's
 * shape on {@code /v1}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * No observation of each security filter, authentication and authorisation: on the inference path they cost
     * more than the checks themselves; the HTTP server observation still times every request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys keys, AccessProblems problems,
            AccessSettings settings) {
        if (settings.bootstrapKey() == null) {
            log.info("No bootstrap key (TFGRPO_BOOTSTRAP_KEY): only API keys created earlier are accepted");
        }
        http.csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAt(new BearerKeyFilter(keys, problems), BasicAuthenticationFilter.class)
                // after authorisation: a request without a valid key, or one over its key's rate, holds no slot
                .addFilterAfter(new InferenceRateLimit(problems), AuthorizationFilter.class)
                .addFilterAfter(new InferenceAdmission(settings.maxConcurrentInference(),
                        settings.maxConcurrentInferencePerKey(), problems),
                        InferenceRateLimit.class)
                .authorizeHttpRequests(requests -> requests
                        // the request was authorised before it went asynchronous (SSE) or failed into /error
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().access((authentication, context) -> new AuthorizationDecision(
                                allowed(AccessRules.rule(context.getRequest()), authentication.get()))))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "missing-api-key",
                                    "API key required", "Send an API key as 'Authorization: Bearer <key>'",
                                    Map.of());
                        })
                        .accessDeniedHandler((request, response, e) -> denied(request, response, problems)));
        return http.build();
    }

    /** A request the firewall refuses (a path not in its plain form, an unknown method): 400 in the API's words. */
    @Bean
    RequestRejectedHandler rejectedRequests(AccessProblems problems) {
        return (request, response, e) -> problems.write(request, response, HttpStatus.BAD_REQUEST,
                "rejected-path", "Request not accepted",
                "The request is not in a form this service accepts: a path with '.' or '..' segments, '//', ';' or "
                        + "an encoded '/', '\\', '.' or '%', or a method other than GET, POST, PUT and DELETE; "
                        + "send it as documented",
                Map.of());
    }

    private static boolean allowed(Optional<AccessRules.Rule> rule, Authentication caller) {
        if (rule.isEmpty()) {
            return false;
        }
        Scope scope = rule.get().scope();
        return scope == null
                || caller instanceof ApiKeyAuthentication key && key.caller().scopes().contains(scope);
    }

    private static void denied(HttpServletRequest request, HttpServletResponse response, AccessProblems problems)
            throws IOException {
        Optional<AccessRules.Rule> rule = AccessRules.rule(request);
        if (rule.isEmpty()) {
            // no rule names it, so no handler serves it: say so as Spring MVC would, with the same problem types
            List<HttpMethod> methods = AccessRules.methodsOf(request);
            if (methods.isEmpty()) {
                problems.write(request, response, HttpStatus.NOT_FOUND, "not-found", "Not Found",
                        "No endpoint is served at this path; see /swagger-ui.html", Map.of());
            }
            else {
                String allowed = String.join(", ", methods.stream().map(HttpMethod::name).toList());
                response.setHeader(HttpHeaders.ALLOW, allowed);
                problems.write(request, response, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                        "Method Not Allowed", "This path accepts " + allowed + ", not " + request.getMethod(),
                        Map.of());
            }
            return;
        }
        Scope scope = rule.get().scope();
        problems.write(request, response, HttpStatus.FORBIDDEN, "insufficient-scope", "Insufficient scope",
                "This API key lacks the '" + scope.label() + "' scope", Map.of("requiredScope", scope.label()));
    }
}
