package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cache file's MAC is SipHash-2-4 under the first 128 bits of the user's key. */
class CacheFilesMacTest {

    /** The test vector of the SipHash paper (Appendix A): key 00..0f, message 00..0e, tag a129ca6149be45e5. */
    @Test
    void thePapersTestVector() {
        byte[] key = new byte[32];
        for (int i = 0; i < 16; i++) key[i] = (byte) i;
        for (int i = 16; i < 32; i++) key[i] = (byte) 0xEE;          // beyond the first 16 bytes: not used
        byte[] message = new byte[15];
        for (int i = 0; i < 15; i++) message[i] = (byte) i;
        byte[] tag = CacheFiles.mac(key, message);
        assertEquals(0xa129ca6149be45e5L, ByteBuffer.wrap(tag).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    @Test
    void anyChangedBitOrKeyChangesTheTag() {
        Random r = new Random(17);
        byte[] key = new byte[32];
        byte[] body = new byte[100_000];
        r.nextBytes(key);
        r.nextBytes(body);
        byte[] tag = CacheFiles.mac(key, body);
        assertArrayEquals(tag, CacheFiles.mac(key.clone(), body.clone()));
        for (int bit : new int[] {0, 7, 8 * 50_000 + 3, 8 * body.length - 1}) {
            byte[] changed = body.clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Arrays.equals(tag, CacheFiles.mac(key, changed)), "bit " + bit);
        }
        for (int bit : new int[] {0, 127}) {
            byte[] other = key.clone();
            other[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Arrays.equals(tag, CacheFiles.mac(other, body)), "key bit " + bit);
        }
        assertFalse(Arrays.equals(tag, CacheFiles.mac(key, Arrays.copyOf(body, body.length - 1))), "one byte less");
        assertThrows(IllegalArgumentException.class, () -> CacheFiles.mac(new byte[15], body));
    }
}
