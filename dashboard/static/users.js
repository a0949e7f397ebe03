"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const {api, toast} = Helpline;
  const form = document.getElementById("new-user");
  const error = document.getElementById("new-user-error");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const created = await api("POST", "/api/users", {
        display_name: document.getElementById("new-name").value,
        email: document.getElementById("new-email").value,
        role: document.getElementById("new-role").value,
        password: document.getElementById("new-password").value,
      });
      toast(`Account created for ${created.display_name}.`);
      setTimeout(() => location.reload(), 800);
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  for (const button of document.querySelectorAll(".toggle-active")) {
    button.addEventListener("click", async () => {
      const active = button.dataset.active === "true";
      if (active && !confirm("Deactivate this account? Their sessions end at once.")) return;
      button.disabled = true;
      try {
        await api("POST", `/api/users/${button.dataset.userId}/active`, {active: !active});
        location.reload();
      } catch (failure) {
        toast(failure.message, "error");
        button.disabled = false;
      }
    });
  }
});
