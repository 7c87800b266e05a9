package io.tfgrpo.shared;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Under {@code /v1}, a problem is written in OpenAI's error shape ({@link OpenAiError}), whichever handler made it:
 * the OpenAI-compatible controller's own, Spring MVC's (415, 406, an unreadable body), the error page's or the
 * catch-all's. Problems are negotiated regardless of {@code Accept}, so this holds for any client.
 */
@RestControllerAdvice
class OpenAiProblems implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet
                && OpenAiError.applies(servlet.getServletRequest())) {
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            return OpenAiError.of(problem);
        }
        return body;
    }
}
