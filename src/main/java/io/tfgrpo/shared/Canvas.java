package io.tfgrpo.shared;

/** Where {@link Charts} draw: the same drawing becomes SVG or PNG. Coordinates in pixels, origin top left. */
public interface Canvas {

    void rect(double x, double y, double width, double height, String fill);

    void line(double x1, double y1, double x2, double y2, String stroke, double width);

    /** {@code anchor}: start, middle or end. */
    void text(double x, double y, String text, int size, String anchor);
}
