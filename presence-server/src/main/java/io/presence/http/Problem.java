package io.presence.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An RFC 9457 problem detail, the body of every 4xx and 5xx response. */
@JsonPropertyOrder({"type", "title", "status", "detail"})
public record Problem(String type, String title, int status, String detail) {
    public static final String CONTENT_TYPE = "application/problem+json";

    /** Problem types are URNs of this project: they identify, they are not meant to be fetched. */
    public static String type(String slug) {
        return "urn:presence:problem:" + slug;
    }
}
