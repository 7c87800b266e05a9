package io.tfgrpo.modulefixture.ground;

/** Public, and only caught by the other module: a use all the same. */
public class Cracked extends RuntimeException {
}
