package io.tfgrpo.shared;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

/** A page of results with the figures a client needs to page on. */
public record PageView<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    public static <E, T> PageView<T> of(Page<E> page, Function<E, T> mapper) {
        return new PageView<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements(), page.getTotalPages());
    }
}
