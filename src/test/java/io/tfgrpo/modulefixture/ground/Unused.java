package io.tfgrpo.modulefixture.ground;

/** Public, though no other module uses it: the walls test names it. */
public record Unused(int level) {
}
