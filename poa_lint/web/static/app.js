/* poa-lint's page: checks the letter as the seller types (after a pause), uploads a file,
   inserts an outline, copies or downloads the report. The server renders every result
   (the same templates as the HTML report); this script only asks for it and puts it in
   place. A failed check leaves the text and the last result as they were. Nothing is sent
   anywhere but the poa-lint server that served this page. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var strings = JSON.parse($("strings").textContent);
  var lang = document.body.getAttribute("data-lang") || "en";
  var letter = $("letter");
  var notice = $("notice");
  var reason = $("reason");
  var status = $("status");
  var result = $("result");
  var copy = $("copy");
  var download = $("download");
  var STATE = "poa-lint-state";
  var PAUSE = 400; // ms after the last keystroke before checking
  var report = "";
  var timer = null;
  var sequence = 0;

  function say(text, problem) {
    status.textContent = text || "";
    status.classList.toggle("problem", Boolean(problem));
  }

  function save() {
    try {
      sessionStorage.setItem(STATE, JSON.stringify({
        text: letter.value, notice: notice.value, reason: reason.value
      }));
    } catch (ignored) { /* private mode: the text simply is not kept across a reload */ }
  }

  function restore() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(STATE) || "null"); } catch (ignored) { }
    if (!saved) { return false; }
    letter.value = saved.text || "";
    notice.value = saved.notice || "";
    reason.value = saved.reason || "";
    if (notice.value) { $("notice-box").open = true; }
    return Boolean(letter.value.trim());
  }

  function api(path) {
    return path + (path.indexOf("?") === -1 ? "?" : "&") + "lang=" + encodeURIComponent(lang);
  }

  function post(path, payload) {
    return fetch(api(path), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok && !data.error) { data.error = strings.failed; }
        return data;
      });
    });
  }

  function empty() {
    var note = document.createElement("p");
    note.className = "empty panel";
    note.textContent = strings.empty;
    result.replaceChildren(note);
    report = "";
    copy.disabled = true;
    download.disabled = true;
  }

  function show(data) {
    if (data.error) {
      say(data.error, true); // the text and the last result stay
      return;
    }
    if (data.empty) {
      empty();
      say("");
      return;
    }
    result.innerHTML = data.html; // rendered and escaped by the server's templates
    report = data.report || "";
    copy.disabled = false;
    download.disabled = false;
    say(data.said);
  }

  function check() {
    var mine = ++sequence;
    say(strings.checking);
    post("/api/check", { text: letter.value, reason: reason.value, notice: notice.value })
      .then(function (data) { if (mine === sequence) { show(data); } },
        function () { if (mine === sequence) { say(strings.failed, true); } });
  }

  function later() {
    save();
    clearTimeout(timer);
    timer = setTimeout(check, PAUSE);
  }

  letter.addEventListener("input", later);
  notice.addEventListener("input", later);
  reason.addEventListener("change", function () { save(); clearTimeout(timer); check(); });

  $("outline").addEventListener("click", function () {
    fetch(api("/api/outline?reason=" + encodeURIComponent(reason.value)))
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.error) { say(data.error, true); return; }
        if (letter.value.trim() && !window.confirm(strings.replace)) { return; }
        letter.value = data.text;
        letter.focus();
        letter.setSelectionRange(0, 0);
        letter.scrollTop = 0;
        save();
        check();
      }, function () { say(strings.failed, true); });
  });

  function base64(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return window.btoa(binary);
  }

  $("upload").addEventListener("change", function (event) {
    var input = event.target;
    var file = input.files && input.files[0];
    if (!file) { return; }
    var mine = ++sequence;
    say(strings.uploading);
    file.arrayBuffer().then(function (buffer) {
      return post("/api/upload", {
        name: file.name, data: base64(buffer), reason: reason.value, notice: notice.value
      });
    }).then(function (data) {
      if (mine !== sequence) { return; }
      if (!data.error && typeof data.text === "string") {
        letter.value = data.text;
        save();
      }
      show(data);
    }, function () { if (mine === sequence) { say(strings.failed, true); } })
      .then(function () { input.value = ""; });
  });

  copy.addEventListener("click", function () {
    var done = function () { say(strings.copied); };
    var fallback = function () {
      var area = document.createElement("textarea");
      area.value = report;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (ignored) { }
      area.remove();
      if (ok) { done(); } else { say(strings.copyFailed, true); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(report).then(done, fallback);
    } else {
      fallback();
    }
  });

  download.addEventListener("click", function () {
    fetch(api("/api/report"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: letter.value, reason: reason.value, notice: notice.value })
    }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (data) { say(data.error || strings.failed, true); });
      }
      return response.blob().then(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "poa-lint-report.html";
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      });
    }, function () { say(strings.failed, true); });
  });

  // Switching language reloads the page in that language; the letter goes along.
  var links = document.querySelectorAll(".langs a");
  for (var i = 0; i < links.length; i++) { links[i].addEventListener("click", save); }

  if (restore()) { check(); }
})();
