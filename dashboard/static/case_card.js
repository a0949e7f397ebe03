// The case card: the counsellor corrects the report facts (POST /api/handoffs/{id}/facts, audited).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const {api, el, toast} = Helpline;
  const form = document.getElementById("case-card-form");
  const root = document.getElementById("conversation");
  if (!form || !root) return;
  const id = Number(root.dataset.handoffId);
  // Editable exactly when notes are (the claimant or a supervisor): follow the note form's state,
  // which the conversation page keeps current as the conversation is claimed, transferred or closed.
  const notes = document.getElementById("note-form");
  if (notes) {
    const follow = () => { form.hidden = notes.hidden; };
    new MutationObserver(follow).observe(notes, {attributes: true, attributeFilter: ["hidden"]});
    follow();
  }
  const labels = {};
  form.querySelectorAll("label[for^='fact-']").forEach((label) => {
    labels[label.htmlFor.slice(5)] = label.textContent;
  });

  function show(facts) {
    const list = document.querySelector("[data-case-facts]");
    const rows = [];
    Object.keys(labels).forEach((name) => {
      const value = facts[name];
      if (!value || (Array.isArray(value) && !value.length)) return;
      const text = Array.isArray(value) ? value.join(", ") : value === true ? "yes" : String(value);
      rows.push(el("dt", {text: labels[name]}), el("dd", {text}));
      rows[rows.length - 1].dataset.fact = name;
    });
    list.replaceChildren(...rows);
    const empty = document.querySelector("[data-case-empty]");
    if (empty) empty.hidden = rows.length > 0;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const facts = {};
    form.querySelectorAll("[data-kind]").forEach((input) => {
      if (input.dataset.kind === "bool") facts[input.name] = input.checked;
      else if (input.dataset.kind === "list") facts[input.name] = input.value.split("\n").map((x) => x.trim()).filter(Boolean);
      else facts[input.name] = input.value.trim();
    });
    const status = document.getElementById("case-card-status");
    try {
      const reply = await api("POST", `/api/handoffs/${id}/facts`, {facts});
      show(reply.report_facts || {});
      status.textContent = "Saved.";
    } catch (error) {
      status.textContent = "";
      toast(error.message || "The case card could not be saved.", "error");
    }
  });
});
