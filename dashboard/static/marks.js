// "Teach the assistant" on the conversation page (issue 12): mark a texter's message the assistant misread.
// The messages offered are the texter's lines of the transcript on the page (kept in step as it refreshes).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const {api, el, toast} = Helpline;
  const card = document.getElementById("marks");
  if (!card) return;
  const id = Number(card.dataset.handoffId);
  const $ = (name) => document.getElementById(name);
  const transcript = $("transcript");
  let options = null;

  function texterMessages() {
    return [...transcript.querySelectorAll("li.msg.from-texter")].map((item) => {
      const time = item.querySelector("time");
      const text = item.querySelector(".text");
      return {at: time ? time.getAttribute("datetime") : null, text: text ? text.textContent : ""};
    }).filter((m) => m.at);
  }

  function fillMessages() {
    const select = $("mark-message");
    const chosen = select.value;
    const items = texterMessages().map((m) => el("option", {value: m.at,
      text: (m.text.length > 60 ? m.text.slice(0, 60) + "…" : m.text)}));
    select.replaceChildren(el("option", {value: "", text: "Choose a message…"}), ...items);
    if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
  }

  function fillCorrection() {
    const kind = $("mark-kind").value;
    const select = $("mark-correction");
    let values = [];
    let label = "The right one";
    if (kind === "wrong_intent") { values = options.intents; label = "The right intent"; }
    else if (kind === "wrong_language") { values = options.languages; label = "The right language"; }
    else if (kind === "missed_crisis") { values = ["", ...options.risk_about]; label = "Who is at risk"; }
    select.replaceChildren(...values.map((v) => el("option", {value: v, text: v || "not sure"})));
    select.hidden = values.length === 0;
    select.required = kind === "wrong_intent" || kind === "wrong_language";
    $("mark-correction-label").hidden = values.length === 0;
    $("mark-correction-label").textContent = label;
  }

  function renderMarks(marks) {
    $("mark-list").replaceChildren(...marks.map((m) => el("li", {className: `mark mark-${m.status}`},
      el("div", {className: "meta", text: `${m.kind_label.split(" (")[0]}${m.correction ? " → " + m.correction : ""} · ${m.status}`}),
      el("div", {className: "muted small", text: `message of ${m.message_at}`}))));
  }

  async function load() {
    try {
      const data = await api("GET", `/api/handoffs/${id}/marks`);
      options = data;
      $("mark-form").hidden = !data.can_mark;
      renderMarks(data.marks);
      fillMessages();
    } catch (error) {
      if (error.status !== 401 && error.status !== 403) toast(error.message, "error");
    }
  }

  $("mark-kind").addEventListener("change", fillCorrection);
  $("mark-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = $("mark-submit");
    button.disabled = true;
    try {
      const body = {message_at: $("mark-message").value, kind: $("mark-kind").value};
      if (!$("mark-correction").hidden && $("mark-correction").value) body.correction = $("mark-correction").value;
      await api("POST", `/api/handoffs/${id}/marks`, body);
      toast("Marked. A supervisor will review it.");
      $("mark-kind").value = "";
      fillCorrection();
      await load();
    } catch (error) {
      toast(error.message, "error");
    } finally {
      button.disabled = false;
    }
  });

  new MutationObserver(fillMessages).observe(transcript, {childList: true});
  load();
});
