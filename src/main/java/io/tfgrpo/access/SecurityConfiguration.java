package io.tfgrpo.access;

import java.util.Map;

import jakarta.servlet.DispatcherType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Every request needs an API key except health, the API description and Swagger UI. What a key may do follows
 * its scopes ({@link AccessRules}); 401 and 403 are problem+json (OpenAI's shape on {@code /v1}).
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
                .addFilterBefore(new InferenceAdmission(settings.maxConcurrentInference(), problems),
                        BasicAuthenticationFilter.class)
                .addFilterAt(new BearerKeyFilter(keys, problems), BasicAuthenticationFilter.class)
                .addFilterAfter(new InferenceRateLimit(problems), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // the request was authorised before it went asynchronous (SSE) or failed into /error
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/favicon.ico")
                        .permitAll()
                        .anyRequest().access((authentication, context) -> {
                            Authentication caller = authentication.get();
                            if (!(caller instanceof ApiKeyAuthentication key)) {
                                return new AuthorizationDecision(false);
                            }
                            Scope scope = AccessRules.required(context.getRequest());
                            return new AuthorizationDecision(scope == null || key.caller().scopes().contains(scope));
                        }))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "missing-api-key",
                                    "API key required", "Send an API key as 'Authorization: Bearer <key>'",
                                    Map.of());
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            Scope scope = AccessRules.required(request);
                            String needed = scope == null ? "another" : "the '" + scope.label() + "'";
                            problems.write(request, response, HttpStatus.FORBIDDEN, "insufficient-scope",
                                    "Insufficient scope", "This API key lacks " + needed + " scope",
                                    scope == null ? Map.of() : Map.of("requiredScope", scope.label()));
                        }));
        return http.build();
    }
}
