/**
 * User ids and the presence rule: who a user is, and when they are online. Everything is non-null unless marked {@code
 * @Nullable}.
 */
@NullMarked
package io.presence.user;

import org.jspecify.annotations.NullMarked;
