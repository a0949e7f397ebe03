"use strict";
// Supervisors set a counsellor's own limit of open conversations (empty: the default).
document.addEventListener("DOMContentLoaded", () => {
  const {api, toast} = Helpline;
  for (const form of document.querySelectorAll(".limit-form")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const input = form.querySelector("input");
      const raw = input.value.trim();
      const button = form.querySelector("button");
      button.disabled = true;
      try {
        await api("POST", `/api/users/${form.dataset.userId}/max_open`, {max_open: raw === "" ? null : Number(raw)});
        toast("Limit saved.");
        setTimeout(() => location.reload(), 500);
      } catch (failure) {
        toast(failure.message, "error");
      } finally {
        button.disabled = false;
      }
    });
  }
});
