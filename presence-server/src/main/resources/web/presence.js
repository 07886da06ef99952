/*
 * presence.js — the browser client of the Presence service. No dependencies, no build step:
 *
 *   <script src="https://gateway.example.com/presence.js"></script>
 *   const me = Presence.keepOnline({ token });                  // this user stays online while the page is open
 *   const watch = Presence.subscribe({ queryApi: "https://query.example.com", token, ids: ["alice", "bob"] });
 *   watch.addEventListener("status", (e) => console.log(e.detail.user_id, e.detail.status));
 *
 * keepOnline() holds a WebSocket to the gateway's /ws (the gateway writes the heartbeats); when sockets cannot be
 * used it falls back to POST /heartbeat every next_heartbeat_ms. subscribe() reads query-api's /subscribe as
 * Server-Sent Events and resumes after a disconnect from the last event it saw, so no change is missed or repeated.
 * Both reconnect with jittered exponential backoff (0.5 s doubling to 30 s). A token may be a string or a function
 * returning one (or a promise of one), called again at every reconnect so that short-lived tokens can be refreshed.
 */
(function (global) {
  "use strict";

  var scriptOrigin = (function () {
    var script = global.document && global.document.currentScript;
    return script && script.src ? new URL(script.src).origin : (global.location ? global.location.origin : "");
  })();

  var FIRST_DELAY_MS = 500;
  var MAX_DELAY_MS = 30000;

  function backoff(attempt) {
    var ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * Math.pow(2, attempt));
    return ceiling / 2 + Math.random() * ceiling / 2; // "equal jitter": never zero, never in lockstep
  }

  function tokenOf(options) {
    return Promise.resolve(typeof options.token === "function" ? options.token() : options.token);
  }

  function emit(target, type, detail) {
    target.dispatchEvent(new CustomEvent(type, { detail: detail }));
  }

  /**
   * Keeps the token's user online. Events: "state" ({state: "connecting"|"online"|"fallback"|"stopped", reason}),
   * "heartbeat" (the gateway's acknowledgement: {user_id, accepted_at, next_heartbeat_ms}), "problem".
   * Returns an EventTarget with stop().
   */
  function keepOnline(options) {
    var gateway = (options.gateway || scriptOrigin).replace(/\/$/, "");
    var handle = new EventTarget();
    var socket = null;
    var timer = null;
    var attempt = 0;
    var stopped = false;
    var failedSockets = 0;

    function state(name, reason) {
      handle.state = name;
      emit(handle, "state", { state: name, reason: reason || "" });
    }

    function later(fn, ms) {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    }

    function connect() {
      if (stopped) return;
      state("connecting");
      tokenOf(options).then(function (token) {
        if (stopped) return;
        var url = gateway.replace(/^http/, "ws") + "/ws?access_token=" + encodeURIComponent(token);
        var opened = false;
        socket = new WebSocket(url);
        socket.onopen = function () {
          opened = true;
          attempt = 0;
          failedSockets = 0;
          state("online");
        };
        socket.onmessage = function (message) {
          var body = JSON.parse(message.data);
          emit(handle, body.type === "heartbeat" ? "heartbeat" : "problem", body);
        };
        socket.onclose = function (event) {
          socket = null;
          if (stopped) return;
          // A socket that never opened, twice in a row: sockets are blocked here (proxy, policy); post instead.
          if (!opened && ++failedSockets >= 2) {
            state("fallback", "WebSocket unavailable; posting heartbeats");
            post();
            return;
          }
          state("connecting", event.reason || "closed (" + event.code + ")");
          later(connect, backoff(attempt++));
        };
      });
    }

    function post() {
      if (stopped) return;
      tokenOf(options).then(function (token) {
        return fetch(gateway + "/heartbeat", { method: "POST", headers: { Authorization: "Bearer " + token } });
      }).then(function (response) {
        return response.json().then(function (body) {
          if (response.status === 202) {
            attempt = 0;
            emit(handle, "heartbeat", body);
            later(post, body.next_heartbeat_ms);
          } else {
            emit(handle, "problem", body);
            later(post, backoff(attempt++));
          }
        });
      }).catch(function (error) {
        emit(handle, "problem", { detail: String(error) });
        later(post, backoff(attempt++));
      });
    }

    handle.stop = function () {
      stopped = true;
      clearTimeout(timer);
      if (socket) socket.close(1000, "stopped");
      state("stopped");
    };
    connect();
    return handle;
  }

  /**
   * Watches users: options.ids (up to 1000) or options.all (every user; needs scope presence:read).
   * Events: "open" ({resumed}), "status" (the current status of each id, first), "change" (each change as it
   * happens: {user_id, status, at, last_seen}), "problem" ({status, detail} or {reason, detail, resumable}; a 4xx
   * other than 401 stops the subscription). lastEventId holds the resume position; pass it back as
   * options.lastEventId to continue elsewhere. Returns an EventTarget with close().
   */
  function subscribe(options) {
    var base = (options.queryApi || global.location.origin).replace(/\/$/, "");
    var handle = new EventTarget();
    var source = null;
    var timer = null;
    var attempt = 0;
    var closed = false;
    handle.lastEventId = options.lastEventId || "";

    function url(token) {
      var query = options.all ? "all=true" : "ids=" + options.ids.map(encodeURIComponent).join(",");
      query += "&access_token=" + encodeURIComponent(token);
      if (handle.lastEventId) query += "&last_event_id=" + encodeURIComponent(handle.lastEventId);
      return base + "/subscribe?" + query;
    }

    function deliver(type) {
      return function (message) {
        if (message.lastEventId) handle.lastEventId = message.lastEventId;
        emit(handle, type, JSON.parse(message.data));
      };
    }

    function connect() {
      if (closed) return;
      tokenOf(options).then(function (token) {
        if (closed) return;
        source = new EventSource(url(token));
        source.addEventListener("open", function (message) {
          attempt = 0;
          deliver("open")(message);
        });
        source.addEventListener("status", deliver("status"));
        source.addEventListener("change", deliver("change"));
        source.addEventListener("keepalive", function (message) {
          handle.lastEventId = message.lastEventId || handle.lastEventId;
        });
        source.addEventListener("dropped", function (message) {
          var why = JSON.parse(message.data);
          if (!why.resumable) handle.lastEventId = ""; // too far behind: start afresh from current statuses
          emit(handle, "problem", why);
        });
        source.onerror = function () {
          // EventSource would retry on its own, but without a fresh token and without backoff: do it here.
          source.close();
          source = null;
          if (!closed) probeThenRetry(token);
        };
      });
    }

    // An EventSource hides the HTTP status of a refused connection; ask once with fetch to tell a 4xx (stop: the
    // request is wrong) from an outage (retry).
    function probeThenRetry(token) {
      // Asked without "Accept: text/event-stream", a request that is right gets 406; anything else 4xx is wrong.
      fetch(url(token), { headers: { Accept: "application/json" } }).then(function (response) {
        if (response.status >= 400 && response.status < 500 && response.status !== 406) {
          return response.json().then(function (problem) {
            emit(handle, "problem", problem);
            if (response.status !== 401) {
              closed = true;
              return;
            }
            timer = setTimeout(connect, backoff(attempt++));
          });
        }
        timer = setTimeout(connect, backoff(attempt++));
      }).catch(function () {
        timer = setTimeout(connect, backoff(attempt++));
      });
    }

    handle.close = function () {
      closed = true;
      clearTimeout(timer);
      if (source) source.close();
    };
    connect();
    return handle;
  }

  global.Presence = { keepOnline: keepOnline, subscribe: subscribe, version: "1" };
})(typeof window !== "undefined" ? window : this);
