package io.presence.app;

import io.presence.auth.JwtSettings;
import io.presence.auth.Scope;
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
        TokenIssuer tokens = new TokenIssuer(jwt, Clock.systemUTC());
        String token = tokens.issue("alice", Set.of(), Duration.ofHours(24));
        // The dashboard follows every user's changes, which needs the read scope.
        String dashboardToken = tokens.issue("dashboard", Set.of(Scope.READ), Duration.ofHours(24));
        String gateway = "http://127.0.0.1:" + gatewayPort;
        String query = "http://127.0.0.1:" + queryPort;
        System.out.println();
        System.out.println("Presence dev mode is up (" + startup.toMillis() + " ms)");
        System.out.println("  Kafka           " + bootstrap);
        System.out.println("  ingest-gateway  " + gateway + "   (POST /heartbeat, /health/ready)");
        System.out.println("  query-api       " + query + "   (GET /status/user/{id}, /status/users?ids=)");
        System.out.println("  dashboard       " + query + "/#token=" + dashboardToken);
        System.out.println("  JWT secret      " + secret
                + (generatedSecret ? "   (generated; set PRESENCE_JWT_SECRET to keep one)" : ""));
        System.out.println();
        System.out.println("A heartbeat for alice, then her status:");
        System.out.println("  export TOKEN=" + token);
        System.out.println("  curl -i -X POST " + gateway + "/heartbeat -H \"Authorization: Bearer $TOKEN\"");
        System.out.println("  curl -s " + query + "/status/user/alice -H \"Authorization: Bearer $TOKEN\"");
        System.out.println("Keep alice online from a browser console (any page), with presence.js:");
        System.out.println("  s=document.createElement('script'); s.src='" + gateway
                + "/presence.js'; s.onload=()=>Presence.keepOnline({token:'" + token + "'}); document.head.append(s)");
        System.out.println("A token for anyone else (in another shell):");
        System.out.println("  PRESENCE_JWT_SECRET=" + secret + " ./presence token bob");
        System.out.println();
        System.out.println("Changes on presence.changes are printed below as they happen. Ctrl-C stops everything.");
        System.out.println();
    }
}
