/* The dashboard's shared script: live updates by polling, and POSTs carrying the CSRF token.
 * Pages use window.dasbor.poll(url, seconds, callback) and window.dasbor.postForm(url, data). */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function showOffline(offline) {
    var note = document.getElementById("offline");
    if (note) note.hidden = !offline;
  }

  // A session that ended (logged out elsewhere, 12 hours over; for a poll also a role revoked):
  // reload, and the server shows the log-in page or "akses dicabut". A POST's 403 is the
  // page's to show (an action refused), the next poll reloads if the role is gone.
  function sessionEnded(response, forbiddenToo) {
    if (response.status === 401 || (forbiddenToo && response.status === 403)) {
      window.location.reload();
      return true;
    }
    return false;
  }

  /* Call url every `seconds` (JSON); callback(data) gets each answer. The next poll waits for
   * the last answer; a hidden tab polls rarely. Returns a function that stops the polling. */
  function poll(url, seconds, callback) {
    var stopped = false;
    var timer = null;
    var every = (seconds || Number(document.body.dataset.pollSeconds) || 5) * 1000;

    function schedule() {
      if (stopped) return;
      timer = window.setTimeout(once, document.hidden ? every * 6 : every);
    }

    function once() {
      fetch(typeof url === "function" ? url() : url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      })
        .then(function (response) {
          if (sessionEnded(response, true)) { stopped = true; return null; }
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          showOffline(false);
          if (data !== null) callback(data);
        })
        .catch(function () { showOffline(true); })
        .then(schedule);
    }

    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && !stopped) { window.clearTimeout(timer); once(); }
    });
    once();
    return function stop() { stopped = true; window.clearTimeout(timer); };
  }

  /* POST `data` (an object, FormData or a <form>) to url with the CSRF header; resolves to the
   * parsed JSON answer (or the Response when it is not JSON), rejects on HTTP errors. */
  function postForm(url, data) {
    var body;
    if (data instanceof HTMLFormElement) body = new FormData(data);
    else if (data instanceof FormData) body = data;
    else {
      body = new URLSearchParams();
      Object.keys(data || {}).forEach(function (key) { body.append(key, data[key]); });
    }
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrfToken(), Accept: "application/json" },
    }).then(function (response) {
      if (sessionEnded(response, false)) throw new Error("session ended");
      if (!response.ok) {
        var error = new Error("HTTP " + response.status);
        error.response = response;
        throw error;
      }
      var type = response.headers.get("content-type") || "";
      return type.indexOf("application/json") >= 0 ? response.json() : response;
    });
  }

  window.dasbor = { poll: poll, postForm: postForm, csrfToken: csrfToken };
})();
