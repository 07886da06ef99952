/**
 * The contract's topics and record formats: what every producer and consumer of Presence's topics agrees on. Everything
 * is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.presence.event;

import org.jspecify.annotations.NullMarked;
