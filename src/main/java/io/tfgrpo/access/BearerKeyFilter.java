package io.tfgrpo.access;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import io.tfgrpo.shared.DatabaseUnavailable;

/**
 * Reads {@code Authorization: Bearer <key>}. A request without the header goes on anonymous (the authorization
 * rules then answer 401 where a key is needed); a header with a wrong or revoked key is refused here, and one that
 * cannot be checked because the database is down gets 503 (as every other request does then).
 */
final class BearerKeyFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final AccessProblems problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerKeyFilter(ApiKeys keys, AccessProblems problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.length() == BEARER.length()) {
            unauthorized(request, response, "The Authorization header must be 'Bearer <API key>'");
            return;
        }
        Optional<Caller> caller;
        try {
            caller = keys.authenticate(header.substring(BEARER.length()).strip());
        }
        catch (RuntimeException e) {
            if (!DatabaseUnavailable.causes(e)) {
                throw e;
            }
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                    "Database unavailable", "The API key cannot be checked while the database is unavailable; "
                            + "retry in " + DatabaseUnavailable.RETRY_AFTER_SECONDS + " s", Map.of());
            return;
        }
        if (caller.isEmpty()) {
            unauthorized(request, response, "The API key is not valid (unknown or revoked)");
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(caller.get()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "invalid-api-key", "Invalid API key", detail,
                Map.of());
    }
}
