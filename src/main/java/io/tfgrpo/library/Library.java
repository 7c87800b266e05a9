package io.tfgrpo.library;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.tfgrpo.shared.Timestamps;

/** A named library: which version is served ({@code current}), the newest one, and the next experience code. */
@Entity
@Table(name = "library")
class Library {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    private String description;

    private int currentVersion;

    private int latestVersion;

    private int nextCode;

    private String priorTemplate;

    /** As its label ({@code system}, {@code user-suffix}): the column's check constraint names the labels. */
    private String priorPlacement = PriorPlacement.SYSTEM.label();

    private Instant createdAt;

    private Instant updatedAt;

    protected Library() {
    }

    Library(String name, String description, int currentVersion, int latestVersion, int nextCode) {
        this.name = name;
        this.description = description;
        this.currentVersion = currentVersion;
        this.latestVersion = latestVersion;
        this.nextCode = nextCode;
        this.createdAt = Timestamps.now();
        this.updatedAt = createdAt;
    }

    /** Records a new latest version; when {@code promote}, it is also served from now on. */
    void advanceTo(int version, int nextCode, boolean promote) {
        this.latestVersion = version;
        this.nextCode = nextCode;
        if (promote) {
            this.currentVersion = version;
        }
        this.updatedAt = Timestamps.now();
    }

    void usePriorTemplate(String template) {
        this.priorTemplate = template;
        this.updatedAt = Timestamps.now();
    }

    void usePriorPlacement(PriorPlacement placement) {
        this.priorPlacement = placement.label();
        this.updatedAt = Timestamps.now();
    }

    void promote(int version) {
        this.currentVersion = version;
        this.updatedAt = Timestamps.now();
    }

    Long id() {
        return id;
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    int currentVersion() {
        return currentVersion;
    }

    int latestVersion() {
        return latestVersion;
    }

    String priorTemplate() {
        return priorTemplate;
    }

    PriorPlacement priorPlacement() {
        return PriorPlacement.of(priorPlacement);
    }

    int nextCode() {
        return nextCode;
    }

    LibraryView toView() {
        return new LibraryView(name, description, currentVersion, latestVersion, priorTemplate, priorPlacement(),
                createdAt, updatedAt);
    }
}
