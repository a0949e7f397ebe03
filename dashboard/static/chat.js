/* The discreet web chat. Keeps nothing in the browser: no storage, no cookies, no URL changes; the chat
   session key lives in this script only. Quick exit (the button or Esc) clears the page and replaces it
   (location.replace, so Back does not return here) with a neutral site. */
(function () {
  "use strict";

  var LABELS = {
    en: {name: "Chat", exit: "Quick exit (Esc)", note: "Nothing is kept in this browser. Press Quick exit or Esc to leave at once.",
         where: "Where are you? (you can skip this)", skip: "Skip", elsewhere: "Somewhere else", placeholder: "Write here",
         send: "Send", busy: "Sending...", error: "Not sent. Please try again.", slow: "Too many messages at once: your last one was not sent. Wait a moment, then send it again. In danger? Call your local emergency number now."},
    yue: {name: "傾偈", exit: "快速離開 (Esc)", note: "呢個瀏覽器唔會保留任何內容。撳「快速離開」或 Esc 即刻離開。",
          where: "你喺邊度？（可以略過）", skip: "略過", elsewhere: "其他地方", placeholder: "喺度寫",
          send: "傳送", busy: "傳送緊…", error: "未傳送到，請再試。", slow: "訊息太密，最後嗰個未傳送到，請等一陣再send。有危險請即刻打當地緊急電話。"},
    cmn: {name: "聊天", exit: "快速离开 (Esc)", note: "这个浏览器不会保留任何内容。按“快速离开”或 Esc 立即离开。",
          where: "你在哪里？（可以跳过）", skip: "跳过", elsewhere: "其他地方", placeholder: "在这里输入",
          send: "发送", busy: "正在发送…", error: "没有发送成功，请再试一次。", slow: "消息太频繁，最后一条没有发送成功，请稍等再发。有危险请立即拨打当地紧急电话。"},
    cmn_Hant: {name: "聊天", exit: "快速離開 (Esc)", note: "這個瀏覽器不會保留任何內容。按「快速離開」或 Esc 立即離開。",
               where: "你在哪裡？（可以略過）", skip: "略過", elsewhere: "其他地方", placeholder: "在這裡輸入",
               send: "傳送", busy: "傳送中…", error: "沒有傳送成功，請再試一次。", slow: "訊息太頻繁，最後一則沒有傳送成功，請稍等再傳。有危險請立即撥打當地緊急電話。"}
  };
  var HTML_LANG = {en: "en", yue: "zh-HK", cmn: "zh-CN", cmn_Hant: "zh-TW"};

  var session = null;
  var after = 0;
  var exited = false;
  var polling = null;
  var regions = [];
  var labels = "en";

  function $(selector) { return document.querySelector(selector); }

  function pageLanguage(tag) {
    tag = (tag || "").toLowerCase();
    if (tag.indexOf("yue") === 0 || tag === "zh-hk" || tag === "zh-mo") { return "yue"; }
    if (tag === "zh-tw" || tag.indexOf("zh-hant") === 0) { return "cmn_Hant"; }
    if (tag.indexOf("zh") === 0) { return "cmn"; }
    return "en";
  }

  function regionName(region) {
    var key = labels === "cmn_Hant" ? "yue" : labels;
    return region.names[key] || region.names.en;
  }

  function applyLabels(name) {
    labels = LABELS[name] ? name : "en";
    var words = LABELS[labels];
    document.documentElement.lang = HTML_LANG[labels];
    document.querySelectorAll("[data-label]").forEach(function (el) { el.textContent = words[el.dataset.label]; });
    document.querySelectorAll("[data-label-placeholder]").forEach(function (el) {
      el.placeholder = words[el.dataset.labelPlaceholder];
    });
    fillRegions();
  }

  function fillRegions() {
    var select = $("[data-chat-region]");
    if (!select) { return; }
    var chosen = select.value;
    while (select.options.length > 1) { select.remove(1); }
    regions.forEach(function (region) { select.add(new Option(regionName(region), region.code)); });
    if (regions.length) { select.add(new Option(LABELS[labels].elsewhere, "INTL")); }
    select.value = chosen;
  }

  function timeZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch (e) { return null; }
  }

  function randomId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function post(path, body, signal) {
    return fetch(path, {
      method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
      cache: "no-store", credentials: "omit", signal: signal
    });
  }

  function show(text, mine) {
    var log = $("[data-chat-log]");
    if (!log || !text) { return; }
    var item = document.createElement("div");
    item.className = "msg " + (mine ? "me" : "them");
    if (!mine) { item.setAttribute("data-chat-reply", ""); }
    item.textContent = text;
    log.appendChild(item);
    item.scrollIntoView({block: "end"});
  }

  function status(text) {
    var el = $("[data-chat-status]");
    if (el) { el.textContent = text || ""; }
  }

  function startSession() {
    if (session) { return Promise.resolve(session); }
    return post("/chat/api/start", {}).then(function (reply) {
      if (!reply.ok) { throw new Error(String(reply.status)); }
      return reply.json();
    }).then(function (data) {
      session = data.session;
      poll();
      return session;
    });
  }

  function poll() {
    if (exited || !session || polling) { return; }
    polling = new AbortController();
    post("/chat/api/poll", {session: session, after: after}, polling.signal).then(function (reply) {
      if (!reply.ok) { throw new Error(String(reply.status)); }
      return reply.json();
    }).then(function (data) {
      polling = null;
      (data.messages || []).forEach(function (message) {
        after = Math.max(after, message.id);
        show(message.text, false);
      });
      poll();
    }).catch(function () {
      polling = null;
      if (!exited) { setTimeout(poll, 3000); }
    });
  }

  function send() {
    var input = $("[data-chat-input]");
    var text = input.value.trim();
    if (!text || exited) { return; }
    input.value = "";
    show(text, true);
    status(LABELS[labels].busy);
    var region = $("[data-chat-region]").value || null;
    startSession().then(function () {
      return post("/chat/api/send", {
        session: session, message_id: randomId(), text: text, region: region, time_zone: timeZone()
      });
    }).then(function (reply) {
      if (reply.status === 429) {
        // Not sent: the text goes back into the box (unless they already wrote more), never lost.
        if (!input.value) { input.value = text; }
        status(LABELS[labels].slow);
        return null;
      }
      if (!reply.ok) { throw new Error(String(reply.status)); }
      return reply.json();
    }).then(function (data) {
      if (!data) { return; }
      status("");
      var language = data.language === "cmn" && data.script === "Hant" ? "cmn_Hant" : data.language;
      if (LABELS[language] && language !== labels) { applyLabels(language); }
      (data.messages || []).forEach(function (message) { show(message, false); });
    }).catch(function () {
      if (!exited) {
        if (!input.value) { input.value = text; }
        status(LABELS[labels].error);
      }
    });
  }

  function quickExit() {
    exited = true;
    session = null;
    if (polling) { try { polling.abort(); } catch (e) { /* already over */ } }
    var target = document.body.getAttribute("data-exit-url") || "about:blank";
    document.title = "";
    document.body.replaceChildren();
    try { window.sessionStorage.clear(); } catch (e) { /* storage unavailable */ }
    window.location.replace(target);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); quickExit(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    $("[data-quick-exit]").addEventListener("click", quickExit);
    $("[data-chat-send]").addEventListener("click", send);
    $("[data-chat-input]").addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); send(); }
    });
    applyLabels(pageLanguage(navigator.language));
    fetch("/chat/api/regions", {cache: "no-store", credentials: "omit"}).then(function (reply) {
      return reply.ok ? reply.json() : {regions: []};
    }).then(function (data) { regions = data.regions || []; fillRegions(); }).catch(function () { /* skip */ });
  });
})();
