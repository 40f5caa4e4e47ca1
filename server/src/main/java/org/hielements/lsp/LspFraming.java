package org.hielements.lsp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's input as LSP4J's {@code StreamMessageProducer} reads it, with every frame checked first: it only ever
 * sees {@code Content-Length: N} (N from 0 to {@link #MAX_MESSAGE}), a blank line and N bytes. Whatever else arrives
 * is skipped up to the next well-formed header, and said once in the log:
 * <ul>
 *   <li>a header block without a valid {@code Content-Length} ({@code abc}, negative, missing) is dropped, and what
 *       follows it is skipped up to the next line holding {@code Content-Length:} (a header glued to the end of the
 *       broken message's body counts: that is how the next message starts);</li>
 *   <li>a message longer than {@link #MAX_MESSAGE} is read past without being kept;</li>
 *   <li>a header line longer than {@link #MAX_HEADER_LINE} is garbage.</li>
 * </ul>
 * Without it, one {@code Content-Length: abc} left the server deaf until a stray blank line came by.
 */
final class LspFraming extends InputStream {
    private static final Logger LOG = Logger.getLogger(LspFraming.class.getName());

    /** The largest message read (a document of a few MB is far below it). */
    static final long MAX_MESSAGE = 64L * 1024 * 1024;
    /** The longest header line kept. */
    static final int MAX_HEADER_LINE = 8 * 1024;
    private static final String CONTENT_LENGTH = "content-length:";

    private final InputStream in;
    /** The header of the current frame, as handed on. */
    private byte[] header = new byte[0];
    private int headerPos;
    /** Bytes of the current frame's body still to hand on. */
    private long body;
    /** Skipping bytes after a broken header: said once until the next good frame. */
    private boolean resyncing;
    private long skippedFrames;

    LspFraming(InputStream in) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 64 * 1024);
    }

    @Override
    public int read() throws IOException {
        if (!ready()) return -1;
        if (headerPos < header.length) return header[headerPos++] & 0xFF;
        int c = in.read();
        if (c < 0) return -1;
        body--;
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!ready()) return -1;
        if (headerPos < header.length) {
            int n = Math.min(len, header.length - headerPos);
            System.arraycopy(header, headerPos, b, off, n);
            headerPos += n;
            return n;
        }
        int n = in.read(b, off, (int) Math.min(len, body));
        if (n > 0) body -= n;
        return n;
    }

    @Override
    public int available() throws IOException {
        if (headerPos < header.length) return header.length - headerPos;
        return body > 0 ? (int) Math.min(in.available(), body) : 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** True when a frame is being handed on (reading the next one first when needed); false at the end of input. */
    private boolean ready() throws IOException {
        while (headerPos >= header.length && body <= 0) {
            if (!nextFrame()) return false;
        }
        return true;
    }

    /** Reads header blocks until a well-formed one; false at the end of input. */
    private boolean nextFrame() throws IOException {
        long length = -1;
        boolean lines = false;
        String problem = null;
        while (true) {
            String line = readLine();
            if (line == null) return false;
            if (line.isEmpty()) {
                if (!lines) continue; // blank lines between messages
                if (length >= 0 && length <= MAX_MESSAGE) {
                    if (resyncing) {
                        resyncing = false;
                        LOG.log(Level.WARNING, "LSP input: back in step after skipping malformed input");
                    }
                    header = ("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                    headerPos = 0;
                    body = length;
                    return true;
                }
                if (length > MAX_MESSAGE) {
                    discard(length);
                    problem("a message of " + length + " bytes, more than the " + MAX_MESSAGE + " read, was skipped");
                } else {
                    problem(problem != null ? problem : "a header without Content-Length was skipped");
                    resyncing = true;
                }
                length = -1;
                lines = false;
                problem = null;
                continue;
            }
            int at = line.toLowerCase(Locale.ROOT).indexOf(CONTENT_LENGTH);
            if (at > 0) {
                // the end of a broken message's body, then the next header: start again from the header
                line = line.substring(at);
                at = 0;
                length = -1;
                problem = null;
            }
            if (resyncing && at < 0) continue; // still skipping what follows a broken header
            lines = true;
            if (at == 0) {
                String value = line.substring(CONTENT_LENGTH.length()).trim();
                length = value.matches("[0-9]{1,18}") ? Long.parseLong(value) : -1;
                if (length < 0) problem = "a header with Content-Length '" + shorten(value) + "' was skipped";
            }
            // other headers (Content-Type) need nothing: the content is UTF-8 JSON
        }
    }

    /** One header line without its line break (LF or CRLF); null at the end of input. Overlong lines are cut. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int c;
        boolean any = false;
        while ((c = in.read()) >= 0) {
            any = true;
            if (c == '\n') break;
            if (line.size() < MAX_HEADER_LINE) line.write(c);
        }
        if (!any) return null;
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private void discard(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long k = in.skip(left);
            if (k <= 0) {
                if (in.read() < 0) return;
                k = 1;
            }
            left -= k;
        }
    }

    private void problem(String what) {
        skippedFrames++;
        if (!resyncing) LOG.log(Level.WARNING, "LSP input: " + what + " (malformed input from the client)");
    }

    private static String shorten(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        StringBuilder sb = new StringBuilder();
        for (char ch : t.toCharArray()) sb.append(ch < 0x20 || ch > 0x7E ? '?' : ch);
        return sb.toString();
    }

    /** Header blocks dropped so far (for tests). */
    long skippedFrames() {
        return skippedFrames;
    }
}
