package micro.transport.http.internal;

import micro.api.MicroException;

/** A {@code host:port} address; a bare {@code :port} or port means 127.0.0.1, never all interfaces. */
record HostPort(String host, int port) {

    static HostPort parse(String address) {
        String value = address == null ? "" : address.trim();
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        String port = colon < 0 ? value : value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int number = Integer.parseInt(port);
            if (number < 0 || number > 65535) {
                throw new NumberFormatException();
            }
            return new HostPort(host.isEmpty() ? "127.0.0.1" : host, number);
        } catch (NumberFormatException e) {
            throw MicroException.badRequest("micro.transport.http", "invalid address '" + address + "': use host:port");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
