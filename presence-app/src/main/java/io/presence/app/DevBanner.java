package io.presence.app;

import io.presence.auth.JwtSettings;
import io.presence.auth.TokenIssuer;
import io.presence.config.Env;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** What dev mode prints once everything runs: where things are, the key, and commands to paste. */
final class DevBanner {
    private DevBanner() {}

    static void print(
            Env env, String bootstrap, int gatewayPort, int queryPort, boolean generatedSecret, Duration startup) {
        JwtSettings jwt = JwtSettings.fromEnv(env);
        String secret = env.optional(JwtSettings.SECRET).orElseThrow();
        String token = new TokenIssuer(jwt, Clock.systemUTC()).issue("alice", Set.of(), Duration.ofHours(24));
        String gateway = "http://127.0.0.1:" + gatewayPort;
        String query = "http://127.0.0.1:" + queryPort;
        System.out.println();
        System.out.println("Presence dev mode is up (" + startup.toMillis() + " ms)");
        System.out.println("  Kafka           " + bootstrap);
        System.out.println("  ingest-gateway  " + gateway + "   (POST /heartbeat, /health/ready)");
        System.out.println("  query-api       " + query + "   (GET /status/user/{id}, /status/users?ids=)");
        System.out.println("  JWT secret      " + secret
                + (generatedSecret ? "   (generated; set PRESENCE_JWT_SECRET to keep one)" : ""));
        System.out.println();
        System.out.println("A heartbeat for alice, then her status:");
        System.out.println("  export TOKEN=" + token);
        System.out.println("  curl -i -X POST " + gateway + "/heartbeat -H \"Authorization: Bearer $TOKEN\"");
        System.out.println("  curl -s " + query + "/status/user/alice -H \"Authorization: Bearer $TOKEN\"");
        System.out.println("A token for anyone else (in another shell):");
        System.out.println("  PRESENCE_JWT_SECRET=" + secret + " ./presence token bob");
        System.out.println();
        System.out.println("Changes on presence.changes are printed below as they happen. Ctrl-C stops everything.");
        System.out.println();
    }
}
