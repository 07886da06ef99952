package io.presence.http;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Bounds what a slow request body can cost. Routes read bodies on request threads, after authentication, so a client
 * that trickles one would hold a thread. A body gets a short quick window to arrive, as ordinary bodies do; one still
 * arriving after it needs one of a few permits, must keep up a minimum rate after a grace and be complete by a
 * deadline. Without a permit the request is refused with 503, so trickling clients hold at most a few threads, each
 * for about a second.
 */
final class BodyReadGuard extends Handler.Wrapper implements Graceful {
    /**
     * The request attribute that marks reads of a body nobody will use (see {@link UnreadBody}): they may wait only the
     * quick window, and never take a permit that a request with a use for its body could have.
     */
    static final String DISCARDING = BodyReadGuard.class.getName() + ".discarding";

    private final ReadLimits limits;
    private final Semaphore permits;
    private final Set<GuardedRequest> waiting = ConcurrentHashMap.newKeySet();
    private final LongAdder tooSlow = new LongAdder();
    private final LongAdder turnedAway = new LongAdder();
    private volatile boolean stopping;

    BodyReadGuard(ReadLimits limits) {
        this.limits = limits;
        this.permits = new Semaphore(limits.permits());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        GuardedRequest guarded = new GuardedRequest(request);
        return super.handle(guarded, response, new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                guarded.bodyEnded();
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                guarded.bodyEnded();
                super.failed(x);
            }
        });
    }

    /** On stop, reads still waiting for a body fail at once, so that no slow client holds up the graceful stop. */
    @Override
    public CompletableFuture<Void> shutdown() {
        stopping = true;
        waiting.forEach(request -> request.wake(SlowRequestBody.stopping()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isShutdown() {
        return stopping;
    }

    /** Requests whose body fell below the minimum rate or missed the deadline. */
    long tooSlowBodies() {
        return tooSlow.sum();
    }

    /** Requests waiting for their body with a permit right now. */
    int bodiesAwaited() {
        return limits.permits() - permits.availablePermits();
    }

    /** Requests refused because all permits to wait for a body were taken. */
    long turnedAwayBodies() {
        return turnedAway.sum();
    }

    /**
     * A request whose reads fail with {@link SlowRequestBody} once its body is late. A read that waits is woken by a
     * timer at the next instant a rule could be broken, so even a client that sends nothing is cut off in time.
     */
    private final class GuardedRequest extends Request.Wrapper {
        private final long startedNanos = System.nanoTime();
        /** Guards the permit: the timer and the reader may both try to take it, while the request may be ending. */
        private final Object permitLock = new Object();

        private boolean holdsPermit;
        private boolean ended;
        private final AtomicReference<Runnable> pendingDemand = new AtomicReference<>();
        private volatile long bytesRead;
        private volatile Content.Chunk failure;
        private volatile Scheduler.Task wakeUp;

        GuardedRequest(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk failed = failure;
            if (failed != null) {
                return failed;
            }
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                bytesRead += chunk.remaining();
                if (chunk.isLast() || Content.Chunk.isFailure(chunk)) {
                    bodyEnded();
                }
            }
            return chunk;
        }

        @Override
        public void demand(Runnable onAvailable) {
            if (failure == null) {
                SlowRequestBody broken = brokenRule();
                if (broken != null) {
                    fail(broken);
                }
            }
            if (failure != null) {
                onAvailable.run();
                return;
            }
            pendingDemand.set(onAvailable);
            waiting.add(this);
            scheduleCheck();
            super.demand(this::available);
        }

        /** What is wrong with waiting any longer now, if anything; takes a permit once past the quick window. */
        private SlowRequestBody brokenRule() {
            long elapsed = elapsedNanos();
            if (stopping) {
                return SlowRequestBody.stopping();
            }
            if (elapsed >= lateAtNanos()) {
                return SlowRequestBody.tooSlow(limits);
            }
            boolean pastQuickWindow = elapsed >= limits.quickWindow().toNanos();
            if (pastQuickWindow && getAttribute(DISCARDING) != null) {
                return SlowRequestBody.tooSlow(limits);
            }
            if (pastQuickWindow && !holdPermit()) {
                return SlowRequestBody.busy(limits);
            }
            return null;
        }

        /** Holds a permit from now on; false when none is free. Never takes one for a request that has ended. */
        private boolean holdPermit() {
            synchronized (permitLock) {
                if (!ended && !holdsPermit) {
                    holdsPermit = permits.tryAcquire();
                    return holdsPermit;
                }
                return true;
            }
        }

        private boolean holdsPermit() {
            synchronized (permitLock) {
                return holdsPermit;
            }
        }

        private void scheduleCheck() {
            long checkAt = lateAtNanos();
            if (!holdsPermit()) {
                checkAt = Math.min(checkAt, limits.quickWindow().toNanos());
            }
            wakeUp = getComponents()
                    .getScheduler()
                    .schedule(this::check, Math.max(0, checkAt - elapsedNanos()), TimeUnit.NANOSECONDS);
        }

        /** When the body is late if no more of it arrives: the rate's allowance for what came, or the deadline. */
        private long lateAtNanos() {
            long byRate = limits.grace().toNanos() + bytesRead * 1_000_000_000L / limits.minBytesPerSecond();
            return Math.min(byRate, limits.deadline().toNanos());
        }

        private long elapsedNanos() {
            return System.nanoTime() - startedNanos;
        }

        /** The data came: hand it to the waiting reader. */
        private void available() {
            cancelCheck();
            waiting.remove(this);
            Runnable reader = pendingDemand.getAndSet(null);
            if (reader != null) {
                reader.run();
            }
        }

        /** The timer fired while the reader still waits: wait on with a permit, or wake it up to a failure. */
        private void check() {
            if (pendingDemand.get() == null) {
                return; // the data came first
            }
            SlowRequestBody broken = brokenRule();
            if (broken == null) {
                scheduleCheck();
            } else {
                wake(broken);
            }
        }

        void wake(SlowRequestBody reason) {
            Runnable reader = pendingDemand.getAndSet(null);
            if (reader != null) {
                waiting.remove(this);
                fail(reason);
                reader.run();
            }
        }

        /** Reads fail from now on, and the verdict is counted: only verdicts that take effect are. */
        private void fail(SlowRequestBody verdict) {
            failure = Content.Chunk.from(verdict);
            if (verdict.reason() == SlowRequestBody.Reason.TOO_SLOW) {
                tooSlow.increment();
            } else if (verdict.reason() == SlowRequestBody.Reason.BUSY) {
                turnedAway.increment();
            }
        }

        void bodyEnded() {
            cancelCheck();
            waiting.remove(this);
            synchronized (permitLock) {
                ended = true;
                if (holdsPermit) {
                    holdsPermit = false;
                    permits.release();
                }
            }
        }

        private void cancelCheck() {
            Scheduler.Task timer = wakeUp;
            if (timer != null) {
                timer.cancel();
            }
        }
    }
}
