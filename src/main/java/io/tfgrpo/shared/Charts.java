package io.tfgrpo.shared;

import java.util.List;
import java.util.Locale;

/** Two small charts, drawn on a {@link Canvas}: bars with interval whiskers, and a line over steps. */
public final class Charts {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;
    private static final double LEFT = 60;
    private static final double RIGHT = 20;
    private static final double TOP = 40;
    private static final double BOTTOM = 50;

    /** One bar: its label, value and interval (all in [0, 1]). */
    public record Bar(String label, double value, double lower, double upper) {
    }

    private Charts() {
    }

    /** A drawing as SVG text. */
    public static String svg(java.util.function.Consumer<Canvas> drawing) {
        SvgCanvas canvas = new SvgCanvas(WIDTH, HEIGHT);
        drawing.accept(canvas);
        return canvas.finish();
    }

    /** A drawing as PNG bytes. */
    public static byte[] png(java.util.function.Consumer<Canvas> drawing) {
        PngCanvas canvas = new PngCanvas(WIDTH, HEIGHT);
        drawing.accept(canvas);
        return canvas.finish();
    }

    public static void bars(Canvas canvas, String title, String axis, List<Bar> bars) {
        frame(canvas, title, axis);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double slot = plotWidth / Math.max(1, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double x = LEFT + i * slot + slot * 0.2;
            double width = slot * 0.6;
            canvas.rect(x, y(bar.value()), width, y(0) - y(bar.value()), i == 0 ? "#9E9E9E" : "#3F7FBF");
            double middle = x + width / 2;
            canvas.line(middle, y(bar.lower()), middle, y(bar.upper()), "#000000", 1.5);
            canvas.line(middle - 8, y(bar.lower()), middle + 8, y(bar.lower()), "#000000", 1.5);
            canvas.line(middle - 8, y(bar.upper()), middle + 8, y(bar.upper()), "#000000", 1.5);
            canvas.text(middle, y(bar.upper()) - 6, String.format(Locale.ROOT, "%.3f", bar.value()), 12, "middle");
            canvas.text(middle, HEIGHT - BOTTOM + 18, bar.label(), 12, "middle");
        }
    }

    /**
     * A line through the values (in [0, 1]), one point per step, each labelled with its step's number as the API
     * numbers it (from 0).
     */
    public static void line(Canvas canvas, String title, String axis, List<Integer> steps, List<Double> values) {
        frame(canvas, title, axis);
        canvas.text(WIDTH - RIGHT, HEIGHT - BOTTOM + 34, "step", 11, "end");
        double plotWidth = WIDTH - LEFT - RIGHT;
        double step = plotWidth / Math.max(1, values.size() - 1);
        for (int i = 0; i < values.size(); i++) {
            double x = LEFT + (values.size() == 1 ? plotWidth / 2 : i * step);
            if (i > 0) {
                canvas.line(LEFT + (i - 1) * step, y(values.get(i - 1)), x, y(values.get(i)), "#3F7FBF", 2);
            }
            canvas.rect(x - 3, y(values.get(i)) - 3, 6, 6, "#3F7FBF");
            canvas.text(x, HEIGHT - BOTTOM + 18, Integer.toString(steps.get(i)), 11, "middle");
        }
    }

    private static void frame(Canvas canvas, String title, String axis) {
        canvas.text(WIDTH / 2.0, 24, title, 15, "middle");
        canvas.line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#000000", 1);
        canvas.line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#000000", 1);
        for (int tick = 0; tick <= 4; tick++) {
            double value = tick / 4.0;
            canvas.line(LEFT - 4, y(value), WIDTH - RIGHT, y(value), tick == 0 ? "#000000" : "#E0E0E0", 1);
            canvas.text(LEFT - 8, y(value) + 4, String.format(Locale.ROOT, "%.2f", value), 11, "end");
        }
        canvas.text(16, TOP - 12, axis, 11, "start");
    }

    private static double y(double value) {
        double clamped = Math.max(0, Math.min(1, value));
        return HEIGHT - BOTTOM - clamped * (HEIGHT - BOTTOM - TOP);
    }
}
