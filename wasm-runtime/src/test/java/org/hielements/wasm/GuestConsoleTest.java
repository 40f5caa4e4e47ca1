package org.hielements.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Guest output is logged once per call, capped, with control characters shown escaped. */
class GuestConsoleTest {
    private static List<String> capture(Runnable r) {
        List<String> out = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord rec) {
                out.add(rec.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        GuestConsole.LOG.addHandler(h);
        try {
            r.run();
        } finally {
            GuestConsole.LOG.removeHandler(h);
        }
        return out;
    }

    @Test
    void controlCharactersCannotReachATerminal() {
        List<String> logged = capture(() -> {
            GuestConsole c = new GuestConsole("p", "stdout", Level.INFO, 100);
            c.startCall();
            byte[] b = "FAIL\rPASS \u001b[2J\u0000 \u202e\tok\n".getBytes(StandardCharsets.UTF_8);
            c.write(b, 0, b.length);
            c.endCall();
        });
        assertEquals(List.of("[p stdout] FAIL\\u000dPASS \\u001b[2J\\u0000 \\u202e\tok"), logged);
    }

    @Test
    void sixtyFourKibOfNewlinesIsOneShortRecord() {
        List<String> logged = capture(() -> {
            GuestConsole c = new GuestConsole("p", "stderr", Level.WARNING, WasmPolicy.DEFAULT_CONSOLE_BYTES);
            c.startCall();
            for (int i = 0; i < 64 * 1024; i++) {
                c.write('\n');
            }
            c.endCall();
            c.startCall();
            c.endCall(); // a call that writes nothing logs nothing
        });
        assertEquals(1, logged.size());
        String m = logged.get(0);
        assertTrue(m.length() < 8 * 1024 + 100, "one record of " + m.length() + " characters");
        assertEquals("(57344 more bytes written in this call were dropped; 8192 bytes are kept per call)",
                m.substring(m.lastIndexOf('\n') + 1));
    }
}
