package micro.transport.http.internal;

/** Limits of the HTTP transport, fixed for the life of one component configuration. */
record HttpSettings(int maxBodyBytes, long idleTimeoutMillis, long drainTimeoutMillis, int maxThreads,
        int maxConnectionsPerNode, int maxStreams) {
}
