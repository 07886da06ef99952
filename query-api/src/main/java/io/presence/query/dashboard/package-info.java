/** The live dashboard page served at {@code /}. */
@NullMarked
package io.presence.query.dashboard;

import org.jspecify.annotations.NullMarked;
