package io.presence.bench.load;

import java.nio.file.Path;

/**
 * The wrk scripts of the bench. Each wrk thread loads its script on its own; {@code setup} gives each thread its own
 * starting point so that two threads do not send the same user in step.
 */
public final class LuaScripts {
    private static final String THREAD_OFFSETS = """
            local threads = 0
            function setup(thread)
              thread:set("offset", threads * 7919)
              threads = threads + 1
            end
            """;

    private LuaScripts() {}

    /** POST {@code path} with an empty body and one fixed token: the bare-server baseline. */
    public static String emptyPost(String path, String token) {
        return """
                wrk.method = "POST"
                wrk.path = "%s"
                wrk.body = ""
                wrk.headers["Authorization"] = "Bearer %s"
                """.formatted(path, token);
    }

    /** POST {@code path} with an empty body, rotating over the tokens in a file (one per line): one user each. */
    public static String heartbeats(String path, Path tokenFile) {
        return THREAD_OFFSETS + """
                local tokens = {}
                for line in io.lines("%s") do tokens[#tokens + 1] = "Bearer " .. line end
                local i = 0
                function init(args)
                  i = (offset or 0) %% #tokens
                end
                function request()
                  i = i %% #tokens + 1
                  return wrk.format("POST", "%s", {["Authorization"] = tokens[i]}, "")
                end
                """.formatted(tokenFile, path);
    }

    /** POST {@code path} with one relay token, rotating over the JSON bodies in a file (one per line). */
    public static String relayedBatches(String path, String token, Path bodyFile) {
        return THREAD_OFFSETS + """
                local bodies = {}
                for line in io.lines("%s") do bodies[#bodies + 1] = line end
                local headers = {["Authorization"] = "Bearer %s", ["Content-Type"] = "application/json"}
                local i = 0
                function init(args)
                  i = (offset or 0) %% #bodies
                end
                function request()
                  i = i %% #bodies + 1
                  return wrk.format("POST", "%s", headers, bodies[i])
                end
                """.formatted(bodyFile, token, path);
    }

    /** GET the status of {@code batch} random users among {@code users} (ids {@code u0}…); one id: the single route. */
    public static String statusQueries(String token, int users, int batch) {
        return THREAD_OFFSETS + """
                local headers = {["Authorization"] = "Bearer %s"}
                local users = %d
                local batch = %d
                function init(args)
                  math.randomseed(os.time() + (offset or 0))
                end
                function request()
                  if batch == 1 then
                    return wrk.format("GET", "/status/user/u" .. math.random(0, users - 1), headers)
                  end
                  local ids = {}
                  for k = 1, batch do ids[k] = "u" .. math.random(0, users - 1) end
                  return wrk.format("GET", "/status/users?ids=" .. table.concat(ids, ","), headers)
                end
                """.formatted(token, users, batch);
    }
}
