package io.presence.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The JSON type of every claim this service reads. The JWT library converts leniently (a numeric {@code sub} reads as
 * the string "12345"); a token whose claims have the wrong type is refused instead, so that what was signed is exactly
 * what is used.
 */
final class ClaimTypes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Predicate<JsonNode> STRING = JsonNode::isTextual;
    private static final Predicate<JsonNode> NUMERIC_DATE = JsonNode::isNumber;
    private static final Predicate<JsonNode> AUDIENCE =
            node -> node.isTextual() || node.isArray() && !node.isEmpty() && allMatch(node, JsonNode::isTextual);

    /** Claim → (accepted type, how to say it). Missing claims are for the verifier to judge. */
    private static final Map<String, Rule> RULES = Map.of(
            "sub", new Rule(STRING, "a JSON string"),
            "scope", new Rule(STRING, "a JSON string of space-separated scopes"),
            "iss", new Rule(STRING, "a JSON string"),
            "aud", new Rule(AUDIENCE, "a JSON string or an array of strings"),
            "exp", new Rule(NUMERIC_DATE, "a JSON number (seconds since 1970)"),
            "nbf", new Rule(NUMERIC_DATE, "a JSON number (seconds since 1970)"),
            "iat", new Rule(NUMERIC_DATE, "a JSON number (seconds since 1970)"));

    private record Rule(Predicate<JsonNode> accepts, String expected) {}

    private ClaimTypes() {}

    /** Empty when every claim present has its type; otherwise what is wrong, for the 401. */
    static Optional<String> problemIn(String base64UrlPayload) {
        JsonNode payload;
        try {
            payload = JSON.readTree(Base64.getUrlDecoder().decode(base64UrlPayload));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("The token's payload is not a JSON object");
        }
        if (payload == null || !payload.isObject()) {
            return Optional.of("The token's payload is not a JSON object");
        }
        return RULES.entrySet().stream()
                .filter(rule -> payload.has(rule.getKey()))
                .filter(rule -> !rule.getValue().accepts().test(payload.get(rule.getKey())))
                .map(rule -> "The token's claim '" + rule.getKey() + "' must be "
                        + rule.getValue().expected())
                .sorted()
                .findFirst();
    }

    private static boolean allMatch(JsonNode array, Predicate<JsonNode> each) {
        for (JsonNode element : array) {
            if (!each.test(element)) {
                return false;
            }
        }
        return true;
    }
}
