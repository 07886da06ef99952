package io.presence.gateway.heartbeat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presence.event.EventJson;
import io.presence.http.ProblemException;
import io.presence.user.UserIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Reads and validates the bodies of the heartbeat endpoints; every rejection is a 4xx problem saying what to fix. */
final class HeartbeatRequests {
    static final int MAX_SINGLE_BODY_BYTES = 4 * 1024;
    static final int MAX_BATCH_IDS = 1000;

    private static final ObjectMapper JSON = EventJson.mapper();

    private HeartbeatRequests() {}

    /** {@code POST /heartbeat}: empty, or exactly one JSON object (its fields are ignored). */
    static void checkSingleBody(byte[] body) {
        if (body.length > MAX_SINGLE_BODY_BYTES) {
            throw tooLarge(body.length);
        }
        if (isBlank(body)) {
            return;
        }
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw badBody("The body must be empty or one JSON object, not " + describe(node));
        }
    }

    /** {@code POST /heartbeats}: {@code {"user_ids":[…]}} with 1 to 1000 valid ids; returns them distinct, in order. */
    static List<String> batchUserIds(byte[] body) {
        JsonNode node = parse(body);
        JsonNode ids = node.isObject() ? node.get("user_ids") : null;
        if (ids == null || !ids.isArray()) {
            throw badBody(
                    "The body must be a JSON object with an array 'user_ids', e.g. {\"user_ids\":[\"u1\",\"u2\"]}");
        }
        if (ids.isEmpty() || ids.size() > MAX_BATCH_IDS) {
            throw badBody("'user_ids' has " + ids.size() + " entries; send 1 to " + MAX_BATCH_IDS);
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw badBody("Every entry of 'user_ids' must be a string; found " + describe(id));
            }
            distinct.add(UserIds.requireValid(id.asText()));
        }
        return new ArrayList<>(distinct);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw badBody("The body is empty; send a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw badBody("The body is not valid JSON (or not valid UTF-8): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw badBody("The body could not be read as JSON");
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonNode node) {
        return node.isNull() ? "null" : "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static ProblemException badBody(String detail) {
        return ProblemException.badRequest("invalid-body", "Invalid request body", detail);
    }

    private static ProblemException tooLarge(int size) {
        return ProblemException.payloadTooLarge(
                "The body has " + size + " bytes; this endpoint accepts at most " + MAX_SINGLE_BODY_BYTES);
    }
}
