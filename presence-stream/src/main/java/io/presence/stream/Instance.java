package io.presence.stream;

/** One running query-api instance, as the others reach it over HTTP. */
public record Instance(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
