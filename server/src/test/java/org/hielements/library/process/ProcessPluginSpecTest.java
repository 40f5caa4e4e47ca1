package org.hielements.library.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A spec's text is part of its plugin's cache identity, so it must be the same in every JVM: its environment is written
 * sorted by name, whatever the order of the map it was given (a {@code Map.copyOf} iterates in an order that changes
 * from one JVM to the next; with it, a pure plugin with two variables was never reused by the next run).
 */
class ProcessPluginSpecTest {
    private static ProcessPluginSpec spec(Map<String, String> env) {
        return new ProcessPluginSpec("p", List.of("python3", "plugin.py"), Path.of("/ws"), env, Duration.ofSeconds(10),
                List.of(), true);
    }

    @Test
    void theEnvironmentIsWrittenSortedByName() {
        Map<String, String> env = new LinkedHashMap<>();
        for (char c = 'H'; c >= 'A'; c--) env.put(String.valueOf(c), String.valueOf((int) c));
        String text = spec(env).toString();
        assertTrue(text.contains("environment={A=65, B=66, C=67, D=68, E=69, F=70, G=71, H=72}"), text);
        Map<String, String> other = new LinkedHashMap<>();
        for (char c = 'A'; c <= 'H'; c++) other.put(String.valueOf(c), String.valueOf((int) c));
        assertEquals(text, spec(other).toString());
    }
}
