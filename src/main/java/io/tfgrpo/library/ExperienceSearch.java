package io.tfgrpo.library;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL full-text ranking of a version's experiences against a request's text, for libraries too large to
 * put whole in front of every prompt. Ties keep the library's own order; the result is in the library's order.
 */
@Component
class ExperienceSearch {

    private final JdbcClient jdbc;

    ExperienceSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<String> mostRelevantCodes(long libraryId, int version, String text, int limit) {
        return jdbc.sql("""
                select code from (
                    select code, position,
                           ts_rank(to_tsvector('english', text), replace(plainto_tsquery('english', :text)::text, '&', '|')::tsquery) as rank
                    from experience where library_id = :library and version = :version
                    order by rank desc, position
                    limit :limit) best
                order by position""")
                .param("text", text.length() > 10_000 ? text.substring(text.length() - 10_000) : text)
                .param("library", libraryId).param("version", version).param("limit", limit)
                .query(String.class).list();
    }
}
