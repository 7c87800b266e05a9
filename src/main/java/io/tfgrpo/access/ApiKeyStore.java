package io.tfgrpo.access;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.tfgrpo.shared.Timestamps;

/** The api_key table: keys are found by the hash of what the caller sends, never by the key itself. */
@Repository
class ApiKeyStore {

    private static final String COLUMNS = "id, name, prefix, array_to_string(scopes, ',') as scopes, "
            + "requests_per_minute, libraries, models, created_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ApiKeyView insert(String name, String prefix, String hash, List<Scope> scopes, CreateApiKey request) {
        ApiKeyView key = new ApiKeyView(UUID.randomUUID(), name, prefix, scopes, request.requestsPerMinute(),
                request.libraries(), request.models(), Timestamps.now(), null);
        jdbc.sql("insert into api_key (id, name, prefix, key_hash, scopes, requests_per_minute, libraries, models, "
                + "created_at) values (:id, :name, :prefix, :hash, string_to_array(:scopes, ','), :rpm, "
                + ":libraries, :models, :createdAt)")
                .param("id", key.id()).param("name", name).param("prefix", prefix).param("hash", hash)
                .param("scopes", String.join(",", scopes.stream().map(Scope::label).toList()))
                .param("rpm", key.requestsPerMinute()).param("libraries", key.libraries().toArray(String[]::new))
                .param("models", key.models().toArray(String[]::new))
                .param("createdAt", Timestamp.from(key.createdAt())).update();
        return key;
    }

    Optional<ApiKeyView> findActiveByHash(String hash) {
        return jdbc.sql("select " + COLUMNS + " from api_key where key_hash = :hash and revoked_at is null")
                .param("hash", hash).query(ApiKeyStore::view).optional();
    }

    Optional<ApiKeyView> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from api_key where id = :id").param("id", id)
                .query(ApiKeyStore::view).optional();
    }

    List<ApiKeyView> list() {
        return jdbc.sql("select " + COLUMNS + " from api_key order by created_at, id").query(ApiKeyStore::view).list();
    }

    /** Revokes the key; false when it does not exist. Revoking twice keeps the first time. */
    boolean revoke(UUID id) {
        return jdbc.sql("update api_key set revoked_at = coalesce(revoked_at, :now) where id = :id")
                .param("now", Timestamp.from(Timestamps.now())).param("id", id).update() == 1;
    }

    private static ApiKeyView view(ResultSet rs, int row) throws SQLException {
        List<Scope> scopes = Arrays.stream(rs.getString("scopes").split(",")).map(Scope::of).toList();
        Integer rpm = rs.getObject("requests_per_minute", Integer.class);
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiKeyView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"), scopes,
                rpm, strings(rs.getArray("libraries")), strings(rs.getArray("models")),
                rs.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
