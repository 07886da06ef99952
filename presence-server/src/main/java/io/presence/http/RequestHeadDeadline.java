package io.presence.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose first request head (request line and headers) is not in within the deadline. Heads are
 * read without a thread, so a client that trickles one costs only a socket; this bounds how long, so that sockets
 * trickled open one header byte at a time do not pile up to the connection limit. Later requests on a kept-alive
 * connection are bounded by the idle timeout and the head size limit.
 */
final class RequestHeadDeadline implements Connection.Listener {
    private final Duration deadline;
    private final Scheduler scheduler;
    private final Map<Connection, Scheduler.Task> pending = new ConcurrentHashMap<>();
    private final LongAdder closed = new LongAdder();

    RequestHeadDeadline(Duration deadline, Scheduler scheduler) {
        this.deadline = deadline;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        pending.put(connection, scheduler.schedule(() -> checkHeadArrived(connection), deadline));
    }

    @Override
    public void onClosed(Connection connection) {
        Scheduler.Task task = pending.remove(connection);
        if (task != null) {
            task.cancel();
        }
    }

    private void checkHeadArrived(Connection connection) {
        pending.remove(connection);
        if (connection.getMessagesIn() == 0 && connection.getEndPoint().isOpen()) {
            closed.increment();
            connection
                    .getEndPoint()
                    .close(new TimeoutException("no request head within " + deadline.toMillis() + " ms"));
        }
    }

    /** Connections closed because their first request head was late. */
    long closedConnections() {
        return closed.sum();
    }
}
