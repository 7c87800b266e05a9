package io.tfgrpo.shared;

import java.util.Locale;

/** A {@link Canvas} that writes SVG. */
final class SvgCanvas implements Canvas {

    private final StringBuilder svg = new StringBuilder();

    public SvgCanvas(int width, int height) {
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    }

    @Override
    public void rect(double x, double y, double width, double height, String fill) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                x, y, width, height, fill));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String stroke, double width) {
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
                x1, y1, x2, y2, stroke, width));
    }

    @Override
    public void text(double x, double y, String text, int size, String anchor) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, anchor, escape(text)));
    }

    public String finish() {
        return svg + "</svg>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
