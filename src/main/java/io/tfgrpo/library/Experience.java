package io.tfgrpo.library;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An experience as it stands in one version; each version stores its full snapshot of them. */
@Entity
@Immutable
@Table(name = "experience")
class Experience {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "experience_seq")
    @SequenceGenerator(name = "experience_seq", sequenceName = "experience_seq", allocationSize = 50)
    private Long id;

    private Long libraryId;

    private int version;

    private int position;

    private String code;

    private String text;

    @JdbcTypeCode(SqlTypes.JSON)
    private String provenance;

    protected Experience() {
    }

    Experience(Long libraryId, int version, int position, String code, String text, String provenance) {
        this.libraryId = libraryId;
        this.version = version;
        this.position = position;
        this.code = code;
        this.text = text;
        this.provenance = provenance;
    }

    int version() {
        return version;
    }

    String code() {
        return code;
    }

    String text() {
        return text;
    }

    String provenance() {
        return provenance;
    }
}
