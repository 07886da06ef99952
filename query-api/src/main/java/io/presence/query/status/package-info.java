/**
 * Status queries: the public endpoints, the peers' internal ones, and the reader that answers for the cluster.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.presence.query.status;

import org.jspecify.annotations.NullMarked;
