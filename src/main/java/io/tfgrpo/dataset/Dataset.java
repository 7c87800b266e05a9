package io.tfgrpo.dataset;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "dataset")
class Dataset {

    @Id
    private UUID id;

    private String name;

    private int itemCount;

    private int answeredCount;

    private long sizeBytes;

    private String sha256;

    private Instant createdAt;

    protected Dataset() {
    }

    DatasetView toView() {
        return new DatasetView(id, name, itemCount, answeredCount, sizeBytes, sha256, createdAt);
    }
}
