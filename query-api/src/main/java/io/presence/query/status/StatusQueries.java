package io.presence.query.status;

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
import org.jspecify.annotations.Nullable;

/**
 * Reads the ids of a batch status query, from {@code ?ids=a,b} or from {@code {"ids":[…]}}, with the contract's limits.
 */
public final class StatusQueries {
    public static final int MAX_IDS = 1000;
    private static final ObjectMapper JSON = EventJson.mapper();

    private StatusQueries() {}

    /** {@code ids=u1,u2,u3}: every element counts, so {@code a,,b} holds an empty, invalid id. */
    public static List<String> fromQueryParameter(@Nullable String ids) {
        if (ids == null) {
            throw invalid("Add the ids to query: /status/users?ids=u1,u2 (or POST {\"ids\":[...]} for long lists)");
        }
        return distinctValid(List.of(ids.split(",", -1)));
    }

    static List<String> fromBody(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            throw invalid("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("The body could not be read as JSON");
        }
        JsonNode ids = node != null && node.isObject() ? node.get("ids") : null;
        if (ids == null || !ids.isArray()) {
            throw invalid("The body must be a JSON object with an array 'ids', e.g. {\"ids\":[\"u1\",\"u2\"]}");
        }
        List<String> given = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw invalid("Every entry of 'ids' must be a string");
            }
            given.add(id.asText());
        }
        return distinctValid(given);
    }

    private static List<String> distinctValid(List<String> given) {
        if (given.isEmpty() || given.size() > MAX_IDS) {
            throw invalid("Ask for 1 to " + MAX_IDS + " ids at once; this request has " + given.size());
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String id : given) {
            distinct.add(UserIds.requireValid(id));
        }
        return new ArrayList<>(distinct);
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-query", "Invalid status query", detail);
    }
}
