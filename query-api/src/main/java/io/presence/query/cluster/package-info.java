/** {@code GET /cluster}: the instances of the query-api, the partitions each runs, and how far behind this one is. */
@NullMarked
package io.presence.query.cluster;

import org.jspecify.annotations.NullMarked;
