package io.presence.stream;

import java.util.OptionalLong;
import org.apache.kafka.streams.processor.TaskId;

/** How many heartbeats of a task's partition still wait unread in the topic; empty when not known (yet). */
@FunctionalInterface
public interface BacklogProbe {
    OptionalLong recordsBehind(TaskId task);
}
