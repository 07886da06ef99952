package io.presence.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Drops what a route left unread of the request body before the answer goes out. An early answer (401, 404, 405)
 * would otherwise close the connection with data unread, and the reset that follows loses the answer before the client
 * reads it. Only what arrives within the {@link BodyReadGuard}'s quick window is read; a slower body is cut off, and
 * the connection closes after the answer.
 */
final class UnreadBody {
    private UnreadBody() {}

    static void discard(Context ctx) {
        if (ctx.contentLength() > HttpServers.MAX_REQUEST_BYTES) {
            ctx.header("Connection", "close"); // refused for its size: not worth reading
            return;
        }
        ctx.attribute(BodyReadGuard.DISCARDING, true);
        byte[] buffer = new byte[8192];
        long total = 0;
        try {
            InputStream body = ctx.bodyInputStream();
            int read;
            while ((read = body.read(buffer)) >= 0) {
                total += read;
                if (total > HttpServers.MAX_REQUEST_BYTES) {
                    ctx.header("Connection", "close");
                    return;
                }
            }
        } catch (IOException e) {
            // late, or the connection broke: the connection closes after the answer either way
            ctx.header("Connection", "close");
        }
    }
}
