package io.tfgrpo.dataset;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One problem of a dataset; written in JDBC batches by {@link DatasetImporter}, read through JPA. */
@Entity
@Table(name = "dataset_item")
@IdClass(DatasetItem.Key.class)
class DatasetItem {

    @Id
    private UUID datasetId;

    @Id
    private int ordinal;

    private String externalId;

    private String problem;

    private String answer;

    @JdbcTypeCode(SqlTypes.JSON)
    private String metadata;

    protected DatasetItem() {
    }

    UUID datasetId() {
        return datasetId;
    }

    int ordinal() {
        return ordinal;
    }

    String externalId() {
        return externalId;
    }

    String problem() {
        return problem;
    }

    String answer() {
        return answer;
    }

    String metadata() {
        return metadata;
    }

    record Key(UUID datasetId, int ordinal) implements Serializable {
    }
}
