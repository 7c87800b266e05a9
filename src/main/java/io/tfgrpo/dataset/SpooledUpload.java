package io.tfgrpo.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.util.unit.DataSize;

/**
 * A request body copied whole to a temporary file before the import begins, as Tomcat does with a multipart file:
 * the import's transaction starts only once the last byte is here, so a slow client holds a thread and a file,
 * never a database connection. The limit applies while copying; the file is gone once this is closed.
 */
final class SpooledUpload implements AutoCloseable {

    private final Path file;

    private SpooledUpload(Path file) {
        this.file = file;
    }

    static SpooledUpload of(InputStream body, DataSize limit) throws IOException {
        Path file = Files.createTempFile("dataset-upload-", ".jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            new LimitedInputStream(body, limit.toBytes(), () -> UploadTooLarge.over(limit)).transferTo(out);
            return new SpooledUpload(file);
        }
        catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
