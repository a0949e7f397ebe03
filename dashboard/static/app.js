// Shared helpers for the dashboard pages. Text from texters is only ever set with textContent.
"use strict";

const Helpline = (() => {
  function cookie(name) {
    for (const part of document.cookie.split(";")) {
      const [key, ...rest] = part.trim().split("=");
      if (key === name) return decodeURIComponent(rest.join("="));
    }
    return "";
  }

  function toLogin() {
    const next = location.pathname + location.search;
    location.assign("/login?next=" + encodeURIComponent(next));
  }

  class ApiError extends Error {
    constructor(status, detail) {
      super(typeof detail === "string" ? detail
        : Array.isArray(detail) ? detail.map((d) => `${d.field}: ${d.message}`).join("; ")
        : "Something went wrong (HTTP " + status + ")");
      this.status = status;
    }
  }

  async function api(method, url, body) {
    const options = {method, credentials: "same-origin", headers: {Accept: "application/json"}};
    if (method !== "GET") {
      options.headers["X-CSRF-Token"] = cookie("csrf_token");
      if (body !== undefined) {
        options.headers["Content-Type"] = "application/json";
        options.body = JSON.stringify(body);
      }
    }
    let reply;
    try {
      reply = await fetch(url, options);
    } catch (error) {
      throw new ApiError(0, "The dashboard cannot be reached. Check the connection and try again.");
    }
    if (reply.status === 401 && url !== "/api/login") {
      toLogin();
      throw new ApiError(401, "Your session has ended. Please sign in again.");
    }
    let data = null;
    try { data = await reply.json(); } catch (error) { data = null; }
    if (!reply.ok) throw new ApiError(reply.status, data && data.detail);
    return data;
  }

  // el("div", {className: "x", text: "..."}, child, ...): never parses HTML.
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    if (h) return `${h} h ${String(m).padStart(2, "0")} min`;
    if (m) return `${m} min ${String(s).padStart(2, "0")} s`;
    return `${s} s`;
  }

  function secondsSince(iso) { return iso ? (Date.now() - Date.parse(iso)) / 1000 : 0; }

  function localTime(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    const sameDay = date.toDateString() === new Date().toDateString();
    return sameDay ? date.toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"})
      : date.toLocaleString([], {month: "short", day: "numeric", hour: "2-digit", minute: "2-digit"});
  }

  function localizeTimes(root) {
    for (const node of (root || document).querySelectorAll("time[datetime]")) {
      node.textContent = localTime(node.getAttribute("datetime"));
    }
  }

  function toast(message, kind) {
    const node = el("div", {className: "toast " + (kind || ""), text: message});
    document.getElementById("toasts").append(node);
    setTimeout(() => node.remove(), kind === "error" ? 9000 : 4000);
  }

  // Live updates: onChange(ids or null for "refresh everything").
  function live(onChange, indicator) {
    let source = null, retryTimer = null;
    const show = (state, text) => {
      if (!indicator) return;
      indicator.classList.remove("connected", "lost");
      if (state) indicator.classList.add(state);
      indicator.lastChild.textContent = " " + text;
    };
    function connect() {
      source = new EventSource("/api/events");
      source.addEventListener("hello", () => { show("connected", "live"); onChange(null); });
      source.addEventListener("handoffs", (event) => {
        try { onChange(JSON.parse(event.data).ids || null); } catch (error) { onChange(null); }
      });
      source.addEventListener("signed_out", () => { source.close(); toLogin(); });
      source.onerror = () => {
        show("lost", "reconnecting…");
        if (source.readyState === EventSource.CLOSED) {
          clearTimeout(retryTimer);
          retryTimer = setTimeout(async () => {
            try { await api("GET", "/api/me"); connect(); } catch (error) { /* 401 redirects */ }
          }, 5000);
        }
      };
    }
    connect();
  }

  function setupHeader() {
    const duty = document.getElementById("duty");
    if (duty) {
      duty.addEventListener("click", async () => {
        const want = duty.getAttribute("aria-pressed") !== "true";
        duty.disabled = true;
        try {
          const me = await api("POST", "/api/me/availability", {available: want});
          duty.setAttribute("aria-pressed", String(me.available));
          duty.classList.toggle("on", me.available);
          duty.classList.toggle("off", !me.available);
          duty.querySelector(".duty-label").textContent = me.available ? "On duty" : "Off duty";
          const hint = document.getElementById("duty-hint");
          if (hint) hint.hidden = me.available;
          toast(me.available ? "You are on duty." : "You are off duty.");
        } catch (error) {
          toast(error.message, "error");
        } finally {
          duty.disabled = false;
        }
      });
    }
    const logout = document.getElementById("logout");
    if (logout) {
      logout.addEventListener("click", async () => {
        try { await api("POST", "/api/logout"); } catch (error) { /* already signed out */ }
        location.assign("/login");
      });
    }
    // Sessions end after 30 idle minutes; someone typing or reading actively keeps theirs alive.
    if (document.body.dataset.userId) {
      let lastActivity = Date.now();
      for (const type of ["keydown", "pointerdown", "scroll"]) {
        addEventListener(type, () => { lastActivity = Date.now(); }, {passive: true});
      }
      setInterval(() => {
        if (Date.now() - lastActivity < 5 * 60 * 1000) api("GET", "/api/me").catch(() => {});
      }, 5 * 60 * 1000);
    }
    localizeTimes();
  }

  document.addEventListener("DOMContentLoaded", setupHeader);
  return {api, el, duration, secondsSince, localTime, localizeTimes, toast, live, cookie, ApiError};
})();
