package io.tfgrpo.training;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tfgrpo.shared.PageView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Pages through a step's rollouts with their rewards, summaries and their group's advantage. */
@Component
class RolloutPages {

    /**
     * One rollout and what was learned from its group; a failed or truncated one (cut off at the token limit) has no
     * reward and took no part in its group.
     */
    record RolloutView(int step, int item, int sample, String response, String extractedAnswer, Double reward,
            boolean failed, String error, String summary, JsonNode groupAdvantage, JsonNode groupOperations,
            String groupFailure, boolean truncated) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RolloutPages(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    PageView<RolloutView> page(UUID job, int step, int page, int size) {
        long total = jdbc.sql("select count(*) from rollout where job_id = :job and step = :step").param("job", job)
                .param("step", step).query(Long.class).single();
        List<RolloutView> content = jdbc.sql("""
                select r.*, g.advantage, g.operations, g.failure from rollout r
                left join group_result g on g.job_id = r.job_id and g.step = r.step and g.item = r.item
                where r.job_id = :job and r.step = :step order by r.item, r.sample limit :size offset :offset""")
                .param("job", job).param("step", step).param("size", size).param("offset", (long) page * size)
                .query((rs, row) -> new RolloutView(rs.getInt("step"), rs.getInt("item"), rs.getInt("sample"),
                        rs.getString("response"), rs.getString("extracted"), (Double) rs.getObject("reward"),
                        rs.getBoolean("failed"), rs.getString("error"), rs.getString("summary"),
                        tree(rs.getString("advantage")), tree(rs.getString("operations")), rs.getString("failure"),
                        rs.getBoolean("truncated")))
                .list();
        return new PageView<>(content, page, size, total, (int) ((total + size - 1) / size));
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }
}
