/**
 * Online sessions: the transition rules that decide when a user goes online and offline, shared by the live topology
 * and the replay of the history.
 */
@NullMarked
package io.presence.session;

import org.jspecify.annotations.NullMarked;
