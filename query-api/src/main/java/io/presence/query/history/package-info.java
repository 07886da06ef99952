/**
 * History, for analysts: a user's online sessions, the status at a past instant, and the online count over time, all
 * read from the presence topology's history stores across the cluster.
 */
@NullMarked
package io.presence.query.history;

import org.jspecify.annotations.NullMarked;
