package io.tfgrpo.shared;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds the JSON bodies the service reads whole (everything but dataset uploads, which stream under their own
 * limit): a declared length over {@code tfgrpo.http.max-json-body} is refused at once, and a chunked body stops
 * being read when it passes it. Either way: 413 as problem details, and memory stays bounded. A GET, HEAD, OPTIONS
 * or TRACE may carry no body at all. It runs before every other filter (the security filters included), so not
 * even an anonymous request gets a body read past the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimit extends OncePerRequestFilter {

    /** No endpoint reads a body on these; one that came anyway is refused before anything could read it. */
    private static final Set<String> BODILESS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** Matched on the decoded path, as Spring MVC finds the handler, so no other spelling escapes the limit. */
    private static final RequestMatcher STREAMED = PathPatternRequestMatcher.pathPattern(HttpMethod.POST,
            "/api/datasets");

    private final long limit;
    private final JsonMapper json;

    BodySizeLimit(@Value("${tfgrpo.http.max-json-body:10MB}") DataSize limit, JsonMapper json) {
        this.limit = limit.toBytes();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return STREAMED.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = BODILESS.contains(request.getMethod()) ? 0 : this.limit;
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response, limit);
            return;
        }
        try {
            chain.doFilter(new Limited(request, limit), response);
        }
        catch (BodyTooLarge e) {
            if (!response.isCommitted()) {
                response.reset();
                tooLarge(request, response, limit);
            }
        }
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, limit == 0
                ? "A " + request.getMethod() + " request carries no body"
                : "The request body is larger than the limit of " + limit + " bytes (tfgrpo.http.max-json-body)");
        problem.setType(ApiProblem.ProblemTypes.uri("body-too-large"));
        problem.setTitle("Request body too large");
        try {
            problem.setInstance(java.net.URI.create(request.getRequestURI()));
        }
        catch (IllegalArgumentException notAUri) {
            // this filter runs before the firewall: a path it would refuse is simply not echoed
        }
        problem.setProperty("maxBytes", limit);
        boolean openAi = OpenAiError.applies(request);
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(openAi ? MediaType.APPLICATION_JSON_VALUE : MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(openAi ? OpenAiError.of(problem) : problem));
    }

    /** Raised from deep in body parsing; caught above, where the response is still ours to write. */
    static final class BodyTooLarge extends RuntimeException {
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b != -1 && ++count > limit) {
                            throw new BodyTooLarge();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (count += n) > limit) {
                            throw new BodyTooLarge();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
