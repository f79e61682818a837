package micro.registry.etcd.internal;

/** One etcd key with its value and revisions, decoded from the gateway's base64. */
record KeyValue(String key, byte[] value, long createRevision, long modRevision) {
}
