package io.presence.app;

import io.presence.auth.JwtSettings;
import io.presence.auth.TokenIssuer;
import io.presence.config.ConfigException;
import io.presence.config.Durations;
import io.presence.config.Env;
import io.presence.user.UserIds;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./presence token USER}: prints a token signed with {@code PRESENCE_JWT_SECRET}. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description =
                "Print a JWT for USER signed with PRESENCE_JWT_SECRET (and PRESENCE_JWT_ISSUER/AUDIENCE when set).")
final class TokenCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "USER", description = "The user id (the token's sub).")
    private String userId;

    @Option(
            names = "--scope",
            paramLabel = "SCOPES",
            description = "Space-separated scopes, e.g. \"presence:write presence:read\".")
    private String scope = "";

    @Option(
            names = "--ttl",
            paramLabel = "DURATION",
            description = "How long the token is valid: 1h, 30m, PT2H (default: ${DEFAULT-VALUE}).")
    private String ttl = "1h";

    @Override
    public Integer call() {
        try {
            if (!UserIds.isValid(userId)) {
                System.err.println("presence token: " + UserIds.describe(userId));
                return 2;
            }
            Duration validFor = parseTtl();
            JwtSettings jwt = JwtSettings.fromEnv(Env.system());
            System.out.println(new TokenIssuer(jwt, Clock.systemUTC()).issue(userId, scopes(), validFor));
            return 0;
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("presence token: " + e.getMessage());
            return 2;
        }
    }

    private Duration parseTtl() {
        Duration validFor = Durations.parse(ttl);
        if (validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("--ttl must be longer than zero");
        }
        return validFor;
    }

    private Set<String> scopes() {
        return new LinkedHashSet<>(Arrays.stream(scope.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList());
    }
}
