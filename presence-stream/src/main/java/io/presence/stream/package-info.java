/**
 * The presence topology and the engine that runs it; {@link io.presence.stream.PresenceEngine} and {@link
 * io.presence.stream.PresenceStore} are its public surface. Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.presence.stream;

import org.jspecify.annotations.NullMarked;
