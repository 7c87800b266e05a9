package io.tfgrpo.dataset;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;


/**
 * Streams a JSONL upload into the database in one transaction: the dataset row, then its items in JDBC batches
 * while the upload is still valid. Any error rolls everything back, so a rejected upload leaves no rows.
 */
@Component
class DatasetImporter {

    private static final String INSERT_ITEM = """
            insert into dataset_item (dataset_id, ordinal, external_id, problem, answer, metadata)
            values (?, ?, ?, ?, ?, ?::jsonb)""";

    private final JdbcTemplate jdbc;
    private final DatasetSettings settings;

    DatasetImporter(JdbcTemplate jdbc, DatasetSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Transactional
    UUID importJsonl(String name, InputStream body) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into dataset (id, name) values (?, ?)", id, name);
        MessageDigest sha256 = sha256();
        var limited = new LimitedInputStream(body, settings.maxUploadSize().toBytes(),
                () -> UploadTooLarge.over(settings.maxUploadSize()));
        List<JsonlReader.Item> batch = new ArrayList<>(settings.insertBatchSize());
        JsonlReader.Result result = JsonlReader.read(new DigestInputStream(limited, sha256),
                settings.maxReportedErrors(), item -> {
                    batch.add(item);
                    if (batch.size() == settings.insertBatchSize()) {
                        insert(id, batch);
                    }
                });
        if (!result.errors().isEmpty()) {
            throw InvalidDataset.lines(result.errors());
        }
        insert(id, batch);
        jdbc.update("update dataset set item_count = ?, answered_count = ?, size_bytes = ?, sha256 = ? where id = ?",
                result.items(), result.answered(), limited.count(), HexFormat.of().formatHex(sha256.digest()), id);
        return id;
    }

    private void insert(UUID datasetId, List<JsonlReader.Item> items) {
        jdbc.batchUpdate(INSERT_ITEM, items, items.size(), (statement, item) -> {
            statement.setObject(1, datasetId);
            statement.setInt(2, item.ordinal());
            statement.setString(3, item.externalId());
            statement.setString(4, item.problem());
            statement.setString(5, item.answer());
            statement.setString(6, item.metadataJson());
        });
        items.clear();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
