package io.tfgrpo.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems an operation answers besides the common ones (400, 401, 403, 429, 503, which the API description adds
 * from a table). Each class offers a static {@code example()} factory, so the documented example is the problem the
 * code really raises, with its real type, title, status and wording.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Problems {

    Class<? extends ApiProblem>[] value();
}
