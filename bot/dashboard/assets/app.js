// The dashboard's one script. It finds Telegram's initData (from the Mini
// App script when it loaded, else from the URL fragment, where Telegram
// passes it), sends it with every request for data, and puts the page the
// server drew in place. It keeps no cookie and stores nothing.
(function () {
  "use strict";
  var main = document.getElementById("page");

  function tg() { return window.Telegram && window.Telegram.WebApp; }

  function initData() {
    var app = tg();
    if (app && app.initData) return app.initData;
    var hash = window.location.hash.slice(1);
    return new URLSearchParams(hash).get("tgWebAppData") || "";
  }

  function load(period) {
    main.setAttribute("aria-busy", "true");
    var url = "api/page?period=" + encodeURIComponent(period || "");
    return fetch(url, { headers: { "X-Telegram-Init-Data": initData() }, credentials: "omit", cache: "no-store" })
      .then(function (r) {
        return r.text().then(function (html) {
          main.innerHTML = html;
          main.dataset.status = String(r.status);
          main.setAttribute("aria-busy", "false");
          main.querySelectorAll("[data-period]").forEach(function (b) {
            b.addEventListener("click", function () { load(b.dataset.period); });
          });
          document.documentElement.dataset.loaded = (Number(document.documentElement.dataset.loaded || 0) + 1).toString();
        });
      })
      .catch(function () {
        main.setAttribute("aria-busy", "false");
        main.dataset.status = "0";
      });
  }

  function start() {
    var app = tg();
    if (app) { app.ready(); app.expand(); }
    load(new URLSearchParams(window.location.search).get("period") || "");
  }

  // Telegram's script may come later than this one, or not at all: the
  // fragment has what it would give.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
