/**
 * {@code GET /ws}: WebSocket connections that keep their user online. The gateway writes heartbeats on the sockets'
 * behalf, one per user however many sockets the user has, from one scheduler for every connection.
 */
package io.presence.gateway.socket;
