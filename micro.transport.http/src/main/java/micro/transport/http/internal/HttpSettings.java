package micro.transport.http.internal;

/** Limits of the HTTP transport, fixed for the life of one component configuration. */
record HttpSettings(int maxBodyBytes, long idleTimeoutMillis, long drainTimeoutMillis, int maxThreads,
        int maxConnectionsPerNode) {

    static final HttpSettings DEFAULTS = new HttpSettings(10 * 1024 * 1024, 30_000, 10_000, 200, 64);
}
