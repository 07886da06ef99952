package io.presence.query.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.JavalinConfig;
import io.presence.auth.TokenVerifier;
import io.presence.stream.Member;
import io.presence.stream.PresenceEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/** {@code GET /cluster}: what the dashboard shows of the cluster, as this instance sees it. */
public final class ClusterRoutes {
    private final TokenVerifier tokens;
    private final PresenceEngine engine;
    private final Clock clock;

    public ClusterRoutes(TokenVerifier tokens, PresenceEngine engine, Clock clock) {
        this.tokens = tokens;
        this.engine = engine;
        this.clock = clock;
    }

    /** The body of {@code GET /cluster}. */
    record Cluster(
            @JsonProperty("self") String self,
            @JsonProperty("partitions") int partitions,
            @JsonProperty("instances") List<InstanceView> instances,
            @JsonProperty("lag_here") Map<Integer, Long> lagHere,
            @JsonProperty("as_of") Instant asOf) {}

    /** One instance: its address and the partitions it runs. */
    record InstanceView(
            @JsonProperty("address") String address,
            @JsonProperty("active") SortedSet<Integer> active,
            @JsonProperty("standby") SortedSet<Integer> standby) {}

    public void install(JavalinConfig config) {
        config.routes.get("/cluster", ctx -> {
            tokens.verify(ctx.header("Authorization"));
            List<InstanceView> instances =
                    engine.members().stream().map(ClusterRoutes::view).toList();
            ctx.json(new Cluster(
                    address(engine.self().host(), engine.self().port()),
                    engine.partitionCount(),
                    instances,
                    engine.lagsHere(),
                    clock.instant()));
        });
    }

    private static InstanceView view(Member member) {
        return new InstanceView(
                address(member.instance().host(), member.instance().port()), member.active(), member.standby());
    }

    private static String address(String host, int port) {
        return host + ":" + port;
    }
}
