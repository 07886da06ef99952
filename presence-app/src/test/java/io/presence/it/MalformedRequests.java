package io.presence.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates raw HTTP/1.1 requests that an HTTP client library would never send — odd request lines and targets,
 * unknown versions, folded, duplicate and conflicting framing headers, broken chunking, control bytes — and sends each
 * on its own socket, half-closed after the request so that a server waiting for more sees the end at once.
 */
final class MalformedRequests {
    private static final String[] METHODS = {"GET", "POST", "PUT", "OPTIONS", "CONNECT", "TRACE", "BREW", "G\u0001T", ""
    };
    private static final String[] TARGETS = {
        "/heartbeat",
        "/status/user/alice",
        "/status/users?ids=a,b",
        "/health/ready",
        "http://evil.example/heartbeat",
        "//evil.example/heartbeat",
        "*",
        "",
        "heartbeat",
        "/heartbeat#fragment",
        "/status/user/%",
        "/status/user/%zz",
        "/status/user/%00",
        "/status/user/../../etc/passwd",
        "/\u00e9",
        "/a b",
        "/" + "x".repeat(9_000),
    };
    private static final String[] VERSIONS = {
        "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1", "HTTPS/1.1", "http/1.1", ""
    };
    private static final String[] HEADERS = {
        "Host: x",
        "Host: x",
        "Host: y",
        "Content-Length: 3",
        "Content-Length: 4",
        "Content-Length: -1",
        "Content-Length: 99999999999999999999",
        "Content-Length: abc",
        "Transfer-Encoding: chunked",
        "Transfer-Encoding: gzip, chunked",
        "Transfer-Encoding: identity",
        "Content-Type: application/json",
        "Authorization: Bearer a.b.c",
        "Authorization: Basic YWxpY2U6cHc=",
        "X-Folded: a\r\n  folded",
        "NoColonHere",
        ": no-name",
        "X-Nul: a\u0000b",
        "X-Ctl: \u001b[31m",
        "Expect: 100-continue",
        "Connection: upgrade",
        "Upgrade: h2c",
        "X-Long: " + "v".repeat(20_000),
    };
    private static final String[] BODIES = {
        "",
        "abc",
        "{\"user_ids\":[\"a\"]}",
        "ZZ\r\nabc\r\n0\r\n\r\n",
        "3\r\nabc\r\n0\r\n\r\n",
        "3\r\nab",
        "ffffffffffffffff\r\nabc\r\n",
        "3;ext=\u0000\r\nabc\r\n0\r\n\r\n",
        "\u0000\u0001\u0002",
    };

    private MalformedRequests() {}

    /** One generated request: a request line, 0 to 5 headers, a body. */
    static byte[] generate(Random random) {
        StringBuilder request = new StringBuilder();
        request.append(pick(random, METHODS)).append(' ').append(pick(random, TARGETS));
        String version = pick(random, VERSIONS);
        if (!version.isEmpty()) {
            request.append(' ').append(version);
        }
        request.append("\r\n");
        int headers = random.nextInt(6);
        for (int i = 0; i < headers; i++) {
            request.append(pick(random, HEADERS)).append("\r\n");
        }
        request.append("\r\n").append(pick(random, BODIES));
        return request.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Sends {@code request} and returns the status of the first answer, 0 when the server closed the connection
     * without one (a legitimate answer to bytes that are not HTTP).
     */
    static int send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            try {
                socket.getOutputStream().write(request);
                socket.shutdownOutput();
            } catch (SocketException e) {
                // the server answered and closed before reading everything: read what it said
            }
            return statusOf(readHead(socket.getInputStream()));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                head.write(b);
            }
        } catch (SocketException e) {
            // reset after an answer, or instead of one
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer and no close within 20 s", e);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int statusOf(String statusLine) {
        List<String> parts = new ArrayList<>(List.of(statusLine.trim().split(" ")));
        if (parts.size() < 2 || !parts.get(0).startsWith("HTTP/")) {
            return 0;
        }
        return Integer.parseInt(parts.get(1));
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
