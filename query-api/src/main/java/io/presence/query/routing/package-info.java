/**
 * Reaching other query-api instances, and the one 503 query-api answers with. Everything is non-null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.presence.query.routing;

import org.jspecify.annotations.NullMarked;
