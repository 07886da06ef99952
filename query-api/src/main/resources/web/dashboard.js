/*
 * The live dashboard: polls /stats and /cluster, draws /stats/online (or, without history, what it sampled since the
 * page opened), follows every change through Presence.subscribe({all: true}), and looks users up. The token comes
 * from the URL's #token=… (dev mode prints such a URL; the fragment never reaches a server) or the form.
 */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var token = tokenFromFragment() || sessionStorage.getItem("presence.token");
  var samples = []; // [time ms, online] sampled since the page opened
  var history = null; // [time ms, online] per minute from /stats/online, when the cluster keeps history
  var FEED_MAX = 200;

  function tokenFromFragment() {
    var match = /(?:^|&)token=([^&]+)/.exec(location.hash.slice(1));
    return match ? decodeURIComponent(match[1]) : null;
  }

  function api(path) {
    return fetch(path, { headers: { Authorization: "Bearer " + token } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.detail || response.statusText);
        return body;
      });
    });
  }

  function text(node, value) { node.textContent = value; return node; }

  function refreshOnline() {
    api("/stats").then(function (stats) {
      text($("online-now"), stats.online);
      text($("online-as-of"), "as of " + new Date(stats.as_of).toLocaleTimeString());
      samples.push([Date.parse(stats.as_of), stats.online]);
      samples = samples.filter(function (s) { return s[0] > Date.now() - 3600e3; });
      redraw();
    }).catch(function (e) { text($("online-as-of"), e.message); });
  }

  function refreshChart() {
    var to = new Date(Math.floor(Date.now() / 60e3) * 60e3);
    var from = new Date(to.getTime() - 3600e3);
    api("/stats/online?from=" + from.toISOString() + "&to=" + to.toISOString() + "&step=1m").then(function (series) {
      history = series.points.map(function (p) { return [Date.parse(p.at), p.online]; });
      text($("chart-source"), "(history per minute, then live)");
      redraw();
    }).catch(function () {
      history = null;
      text($("chart-source"), "(sampled since this page opened)");
      redraw();
    });
  }

  function redraw() {
    if (!history) return draw(samples);
    var last = history.length ? history[history.length - 1][0] : 0;
    draw(history.concat(samples.filter(function (s) { return s[0] > last; })));
  }

  function draw(points) {
    var canvas = $("chart"), g = canvas.getContext("2d");
    var w = canvas.width, h = canvas.height, pad = 28;
    g.clearRect(0, 0, w, h);
    if (points.length === 0) return;
    var t1 = Date.now(), t0 = t1 - 3600e3;
    var max = Math.max(1, Math.max.apply(null, points.map(function (p) { return p[1]; })));
    g.strokeStyle = "#26303a"; g.fillStyle = "#8a96a3"; g.font = "11px sans-serif";
    g.beginPath(); g.moveTo(pad, h - pad); g.lineTo(w, h - pad); g.stroke();
    g.fillText(String(max), 2, pad); g.fillText("0", 2, h - pad);
    g.fillText("−60 min", pad, h - 8); g.fillText("now", w - 28, h - 8);
    g.strokeStyle = "#2ecc71"; g.lineWidth = 2; g.beginPath();
    points.forEach(function (p, i) {
      var x = pad + (p[0] - t0) / (t1 - t0) * (w - pad), y = h - pad - p[1] / max * (h - 2 * pad);
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
  }

  function follow() {
    var feed = Presence.subscribe({ queryApi: location.origin, token: function () { return token; }, all: true });
    feed.addEventListener("open", function () {
      text($("connection"), "live").className = "pill live";
    });
    feed.addEventListener("change", function (e) {
      var change = e.detail;
      var item = document.createElement("li");
      item.className = change.status;
      text(item, new Date(change.at).toLocaleTimeString() + " " + change.user_id + " " + change.status);
      $("feed").prepend(item);
      while ($("feed").children.length > FEED_MAX) $("feed").lastChild.remove();
      refreshOnline();
    });
    feed.addEventListener("problem", function (e) {
      text($("connection"), "reconnecting").className = "pill";
      text($("feed-note"), e.detail.detail || "");
    });
  }

  function refreshCluster() {
    api("/cluster").then(function (cluster) {
      var body = $("cluster").querySelector("tbody");
      body.replaceChildren();
      cluster.instances.forEach(function (instance) {
        var row = document.createElement("tr");
        [instance.address + (instance.address === cluster.self ? " (this one)" : ""),
          instance.active.join(", ") || "–", instance.standby.join(", ") || "–"].forEach(function (value) {
          row.appendChild(text(document.createElement("td"), value));
        });
        body.appendChild(row);
      });
      var lags = Object.keys(cluster.lag_here).map(function (p) { return p + ": " + cluster.lag_here[p]; });
      text($("lag"), cluster.partitions + " partitions; store lag here (records) — " + (lags.join(", ") || "none held"));
    }).catch(function (e) { text($("lag"), e.message); });
  }

  function lookUp(event) {
    event.preventDefault();
    var id = $("lookup-input").value.trim();
    var out = $("lookup-result");
    Promise.all([
      api("/status/user/" + encodeURIComponent(id)),
      api("/history/user/" + encodeURIComponent(id)).catch(function () { return { sessions: [] }; })
    ]).then(function (answers) {
      var status = answers[0], sessions = answers[1].sessions;
      out.replaceChildren();
      var line = document.createElement("p");
      line.innerHTML = "<b></b> is <span></span>, last seen <span></span>";
      text(line.children[0], status.user_id);
      text(line.children[1], status.status).className = status.status;
      text(line.children[2], status.last_seen ? new Date(status.last_seen).toLocaleString() : "never");
      out.appendChild(line);
      var list = document.createElement("ul");
      sessions.slice(-10).forEach(function (s) {
        var end = s.end ? new Date(s.end).toLocaleTimeString() : "now";
        list.appendChild(text(document.createElement("li"), new Date(s.start).toLocaleString() + " → " + end));
      });
      out.appendChild(text(document.createElement("div"), sessions.length + " session(s) in the last 24 h"));
      out.appendChild(list);
    }).catch(function (e) { text(out, e.message); });
  }

  function start() {
    $("lookup-form").addEventListener("submit", lookUp);
    refreshOnline(); refreshChart(); refreshCluster(); follow();
    setInterval(refreshOnline, 2000);
    setInterval(refreshChart, 15000);
    setInterval(refreshCluster, 5000);
  }

  if (token) {
    sessionStorage.setItem("presence.token", token);
    start();
  } else {
    $("token-form").hidden = false;
    text($("connection"), "needs a token");
    $("token-form").addEventListener("submit", function (event) {
      event.preventDefault();
      token = $("token-input").value.trim();
      sessionStorage.setItem("presence.token", token);
      $("token-form").hidden = true;
      start();
    });
  }
})();
