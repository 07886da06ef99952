/**
 * {@code GET /subscribe}: the current status of some users, then every change of theirs as it happens, over
 * Server-Sent Events or a WebSocket. One consumer of {@code presence.changes} per instance feeds every subscriber;
 * each event's id is its position in the topic, so a client that reconnects continues with no gap and no duplicate.
 */
@NullMarked
package io.presence.query.subscribe;

import org.jspecify.annotations.NullMarked;
