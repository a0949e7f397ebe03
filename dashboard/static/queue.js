// The queue: waiting conversations (most urgent, soonest threat deadline, then longest waiting), ticking timers, claim buttons.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const {api, el, duration, localTime, toast} = Helpline;
  const me = Number(document.body.dataset.userId);
  const supervisor = document.body.dataset.role === "supervisor";
  const lists = {
    waiting: document.getElementById("waiting"),
    claimed: document.getElementById("claimed"),
    closed: document.getElementById("closed"),
  };
  const REGION_NAMES = {HK: "Hong Kong", CN: "Mainland China", TW: "Taiwan", MO: "Macau", SG: "Singapore",
                        MY: "Malaysia", GB: "UK", US: "US"};

  function timer(handoff) {
    // Counted from the server's figure, so a wrong clock on this computer does not skew it.
    const node = el("span", {className: "timer", title: "Waiting time"});
    node.dataset.base = handoff.waiting_seconds;
    node.dataset.fetched = Date.now();
    node.textContent = duration(handoff.waiting_seconds);
    return node;
  }

  function deadline(handoff) {
    // The threat's deadline, counted down by deadline.js from the server's figure.
    if (handoff.deadline_seconds === null || handoff.deadline_seconds === undefined) return null;
    const node = el("span", {className: "deadline", title: `Threat deadline ${localTime(handoff.deadline_at)}`,
                             text: handoff.deadline_label});
    node.dataset.seconds = handoff.deadline_seconds;
    node.dataset.loaded = Date.now();
    return node;
  }

  async function claim(handoff, button) {
    button.disabled = true;
    try {
      await api("POST", `/api/handoffs/${handoff.id}/claim`);
      location.assign(`/handoffs/${handoff.id}`);
    } catch (error) {
      toast(error.message, "error");
      button.disabled = false;
      refresh();
    }
  }

  function card(handoff) {
    const region = handoff.region ? (REGION_NAMES[handoff.region] || handoff.region) : "region unknown";
    const actions = el("div", {className: "actions"});
    if (handoff.status === "waiting") {
      actions.append(el("a", {href: `/handoffs/${handoff.id}`, text: "View"}));
      const button = el("button", {type: "button", className: "primary claim", text: "Claim",
                                   dataset: {handoffId: handoff.id}});
      button.addEventListener("click", () => claim(handoff, button));
      actions.append(button);
    } else {
      actions.append(el("a", {href: `/handoffs/${handoff.id}`, className: "open", text: "Open"}));
    }
    const line1 = el("div", {className: "line1"},
      el("span", {className: `badge priority-${handoff.priority}`, text: handoff.priority}),
      el("a", {className: "title", href: `/handoffs/${handoff.id}`, text: `#${handoff.id} · ${handoff.reason}`}),
      handoff.status === "waiting" ? timer(handoff) : null,
      handoff.status !== "closed" ? deadline(handoff) : null);
    const meta = el("div", {className: "meta"},
      el("span", {text: handoff.language_label}),
      el("span", {className: `channel channel-${handoff.channel}`,
                  text: {whatsapp: "WhatsApp", web: "Web chat"}[handoff.channel] || "SMS"}),
      el("span", {text: region}),
      handoff.status === "waiting" ? null
        : el("span", {text: handoff.assigned_to === me ? "with you" : `with ${handoff.assigned_name || "?"}`}),
      handoff.status === "closed" ? el("span", {text: `closed ${localTime(handoff.closed_at)} · ${handoff.outcome || ""}`})
        : el("span", {text: `last message ${localTime(handoff.last_message_at)}`}));
    const facts = el("ul", {className: "facts"}, handoff.summary_facts.map((fact) => el("li", {text: fact})));
    return el("article", {className: `handoff priority-${handoff.priority}`, dataset: {handoffId: handoff.id}},
      line1, actions, meta, facts);
  }

  function fill(list, items) {
    list.replaceChildren(...items.map(card));
  }

  let refreshing = false, again = false;
  async function refresh() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    try {
      const [waiting, claimed, closed] = await Promise.all([
        api("GET", "/api/handoffs?status=waiting"),
        api("GET", "/api/handoffs?status=claimed"),
        api("GET", "/api/handoffs?status=closed"),
      ]);
      fill(lists.waiting, waiting);
      fill(lists.claimed, supervisor ? claimed : claimed.filter((h) => h.assigned_to === me));
      closed.sort((a, b) => (b.closed_at || "").localeCompare(a.closed_at || ""));
      fill(lists.closed, closed.slice(0, 20));
      document.getElementById("waiting-count").textContent = waiting.length;
      document.title = (waiting.length ? `(${waiting.length}) ` : "") + "Queue · Helpline";
      const expected = document.getElementById("queue-expected");
      if (expected) {
        const ops = await api("GET", "/api/availability");
        expected.textContent = ops.queue.expected_wait_label;
      }
    } catch (error) {
      if (error.status !== 401) toast(error.message, "error");
    } finally {
      refreshing = false;
      if (again) { again = false; refresh(); }
    }
  }

  setInterval(() => {
    for (const node of document.querySelectorAll(".timer[data-base]")) {
      node.textContent = duration(Number(node.dataset.base) + (Date.now() - Number(node.dataset.fetched)) / 1000);
    }
  }, 250);

  Helpline.live(() => refresh(), document.getElementById("live"));
  refresh();
});
