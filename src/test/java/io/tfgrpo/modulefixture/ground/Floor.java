package io.tfgrpo.modulefixture.ground;

/** Public, and used by the other module: allowed. */
public record Floor(int level) {
}
