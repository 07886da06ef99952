/**
 * {@code ./presence replay}: the history of the topics, read between two instants and turned into sessions or
 * transitions by the same rules as the live topology. Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.presence.replay;

import org.jspecify.annotations.NullMarked;
