package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The cache file's signature, computed without the JCE provider, is HMAC-SHA256 byte for byte (old caches stay valid). */
class CacheFilesMacTest {

    @Test
    void sameBytesAsTheJdksHmacSha256() throws Exception {
        Random r = new Random(17);
        // key lengths: the usual 32, the block size, over it (hashed first), and the limit read from the key file
        for (int keyLength : new int[] {32, 63, 64, 65, 100, 1024}) {
            for (int bodyLength : new int[] {0, 1, 55, 56, 64, 1000, 100_000}) {
                byte[] key = new byte[keyLength];
                byte[] body = new byte[bodyLength];
                r.nextBytes(key);
                r.nextBytes(body);
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(key, "HmacSHA256"));
                assertArrayEquals(m.doFinal(body), CacheFiles.mac(key, body), keyLength + "-byte key, " + bodyLength
                        + "-byte body");
            }
        }
    }
}
