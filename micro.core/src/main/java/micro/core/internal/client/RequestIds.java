package micro.core.internal.client;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids of requests and events: random version-4 UUIDs from the calling thread's own generator.
 * {@link UUID#randomUUID()} draws from one shared SecureRandom, a lock every caller meets on every call;
 * these ids only tell messages apart, so they need no secrecy.
 */
final class RequestIds {

    private RequestIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(most, least).toString();
    }
}
