// One conversation: transcript (live), reply with delivery status, canned replies, notes, transfer, close.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const {api, el, localTime, localizeTimes, toast} = Helpline;
  const root = document.getElementById("conversation");
  const id = Number(root.dataset.handoffId);
  const me = Number(document.body.dataset.userId);
  const supervisor = document.body.dataset.role === "supervisor";
  const $ = (name) => document.getElementById(name);
  const SENDERS = {texter: "Texter", bot: "Assistant", counsellor: "Counsellor"};

  function message(m) {
    const meta = el("div", {className: "meta"},
      el("span", {className: "sender", text: SENDERS[m.from] || m.from}),
      m.at ? el("time", {datetime: m.at, text: localTime(m.at)}) : null,
      m.delivery ? el("span", {className: `delivery delivery-${m.delivery}`, text: m.delivery}) : null);
    return el("li", {className: `msg from-${m.from}`}, meta, el("div", {className: "text", text: m.text}));
  }

  function note(n) {
    return el("li", {},
      el("div", {className: "meta"}, `${n.author_name || "?"} · `, el("time", {datetime: n.created_at, text: localTime(n.created_at)})),
      el("div", {className: "text", text: n.text}));
  }

  function renderTranscript(items) {
    const list = $("transcript");
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    list.replaceChildren(...items.map(message));
    $("transcript-empty").hidden = items.length > 0;
    $("transcript-empty").textContent = "No messages yet.";
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  function renderState(h) {
    root.dataset.status = h.status;
    const canAct = supervisor || h.assigned_to === me;
    $("status").textContent = h.status;
    $("status").className = `badge status-${h.status}`;
    $("priority").textContent = h.priority;
    $("priority").className = `badge priority-${h.priority}`;
    $("assigned").textContent = h.assigned_name || "nobody yet";
    const deadline = $("deadline");
    if (deadline) {  // the threat's deadline: a new one stated meanwhile shows at once (deadline.js counts)
      deadline.hidden = h.deadline_seconds === null || h.deadline_seconds === undefined;
      if (deadline.hidden) {
        delete deadline.dataset.seconds;
      } else {
        deadline.dataset.seconds = h.deadline_seconds;
        deadline.dataset.loaded = String(Date.now());
        deadline.querySelector("time").setAttribute("datetime", h.deadline_at);
        deadline.querySelector("time").textContent = h.deadline_at;
      }
    }
    $("facts").replaceChildren(...(h.summary_facts.length ? h.summary_facts.map((f) => el("li", {text: f}))
      : [el("li", {className: "muted", text: "No triage details."})]));
    $("claim").hidden = h.status !== "waiting";
    $("claim-hint").hidden = h.status !== "waiting";
    $("reply-form").hidden = !(h.status === "claimed" && canAct);
    $("act").hidden = h.status === "closed" || !canAct;
    $("note-form").hidden = !canAct;
    $("closed-info").hidden = h.status !== "closed";
    if (h.status === "closed") $("closed-info").textContent = `Closed · outcome: ${h.outcome || "—"}.`;
  }

  let refreshing = false, again = false;
  async function refresh() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    try {
      const h = await api("GET", `/api/handoffs/${id}`);
      $("rasa-error").hidden = true;
      renderState(h);
      renderTranscript(h.transcript);
      $("notes").replaceChildren(...h.notes.map(note));
    } catch (error) {
      if (error.status === 502) {
        $("rasa-error").textContent = error.message;
        $("rasa-error").hidden = false;
      } else if (error.status === 403) {
        toast("This conversation is now with another counsellor.", "error");
        setTimeout(() => location.assign("/"), 2500);
      } else if (error.status !== 401) {
        toast(error.message, "error");
      }
    } finally {
      refreshing = false;
      if (again) { again = false; refresh(); }
    }
  }

  async function busy(button, work) {
    button.disabled = true;
    try { await work(); } catch (error) { toast(error.message, "error"); } finally { button.disabled = false; }
  }

  // Reply box
  const text = $("reply-text");
  const counter = () => { $("reply-count").textContent = `${text.value.length} / ${text.maxLength}`; };
  text.addEventListener("input", counter);
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      $("reply-form").requestSubmit();
    }
  });
  $("canned").addEventListener("change", (event) => {
    const option = event.target.selectedOptions[0];
    if (option && option.dataset.text) {
      text.value = text.value.trim() ? text.value.trimEnd() + " " + option.dataset.text : option.dataset.text;
      counter();
      text.focus();
    }
    event.target.value = "";
  });
  $("reply-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const body = text.value.trim();
    if (!body) return;
    const status = $("reply-status");
    busy($("send"), async () => {
      status.textContent = "Sending…";
      try {
        const sent = await api("POST", `/api/handoffs/${id}/messages`, {text: body});
        text.value = "";
        counter();
        status.textContent = `Sent · ${sent.status}`;
      } catch (error) {
        status.textContent = error.status === 502 && /was sent/.test(error.message) ? "Sent, not in transcript" : "Not sent";
        if (error.status === 502 && /was sent/.test(error.message)) { text.value = ""; counter(); }
        throw error;
      } finally {
        refresh();
      }
    });
  });

  // Actions
  $("claim").addEventListener("click", (event) => busy(event.target, async () => {
    await api("POST", `/api/handoffs/${id}/claim`);
    toast("You have this conversation now.");
    await refresh();
    text.focus();
  }));
  $("transfer-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const select = $("transfer-to");
    if (!select.value) return;
    const name = select.selectedOptions[0].textContent;
    busy(event.submitter || select, async () => {
      await api("POST", `/api/handoffs/${id}/transfer`, {user_id: Number(select.value)});
      toast(`Transferred to ${name}.`);
      if (supervisor) await refresh(); else setTimeout(() => location.assign("/"), 1200);
    });
  });
  $("close-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (!confirm("Close this conversation and hand it back to the assistant?")) return;
    busy(event.submitter, async () => {
      const closed = await api("POST", `/api/handoffs/${id}/close`, {outcome: $("outcome").value});
      toast(closed.welcome_back ? "Closed. The assistant has greeted the texter again."
        : "Closed. The assistant could not send its welcome-back message.", closed.welcome_back ? "" : "error");
      await refresh();
    });
  });
  $("note-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const noteText = $("note-text");
    if (!noteText.value.trim()) return;
    busy(event.submitter, async () => {
      const saved = await api("POST", `/api/handoffs/${id}/notes`, {text: noteText.value});
      noteText.value = "";
      $("notes").replaceChildren(...saved.notes.map(note));
    });
  });

  // Block sender (supervisors): state, block with a reason and an end, unblock. Audited by the API.
  async function blockState() {
    if (!$("block-state")) return;
    try {
      const {block} = await api("GET", `/api/handoffs/${id}/block`);
      $("block-state").textContent = block
        ? `Blocked (${block.reason}) until ${localTime(block.expires_at)}.` : "Not blocked.";
      $("block-form").hidden = Boolean(block);
      $("unblock").hidden = !block;
    } catch (error) {
      $("block-state").textContent = "The block state could not be loaded.";
    }
  }
  if ($("block-form")) {
    $("block-form").addEventListener("submit", (event) => {
      event.preventDefault();
      if (!confirm("Block this sender? They will get one neutral message with the crisis line, nothing from them will reach the queue, and their open conversation will be closed.")) return;
      busy(event.submitter, async () => {
        const made = await api("POST", `/api/handoffs/${id}/block`,
          {reason: $("block-reason").value, hours: Number($("block-hours").value)});
        // Their open conversation leaves the queue (closed "blocked"), unless Rasa could not be reached
        // to end a counsellor's pause: then it stays open for its counsellor to close.
        toast(made.open_handoff ? "Sender blocked. Their open conversation could not be closed yet: close it here."
          : made.closed_handoff ? "Sender blocked. Their open conversation was closed." : "Sender blocked.");
        await blockState();
        await refresh();
      });
    });
    $("unblock").addEventListener("click", (event) => busy(event.target, async () => {
      await api("POST", `/api/handoffs/${id}/unblock`);
      toast("Sender unblocked.");
      await blockState();
    }));
    blockState();
  }

  localizeTimes(root);
  const list = $("transcript");
  list.scrollTop = list.scrollHeight;
  Helpline.live((ids) => { if (!ids || ids.includes(id)) refresh(); }, null);
});
