package io.tfgrpo.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines and decodes each as strict UTF-8, so that an invalid byte sequence is reported
 * on exactly the line that holds it (a decoding reader would report it wherever its read-ahead happened to be).
 */
final class Utf8Lines {

    /** What one line held: its text, or null when its bytes are not valid UTF-8. */
    record Line(int number, String text) {
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buffer = new byte[8 * 1024];
    private int number;

    Utf8Lines(InputStream in) {
        this.in = new BufferedInputStream(in, 64 * 1024);
    }

    /** The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end of the stream. */
    Line next() throws IOException {
        int length = 0;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[length++] = (byte) b;
        }
        if (b == -1 && length == 0) {
            return null;
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        number++;
        try {
            return new Line(number, decoder.decode(ByteBuffer.wrap(buffer, 0, length)).toString());
        }
        catch (CharacterCodingException e) {
            return new Line(number, null);
        }
    }
}
