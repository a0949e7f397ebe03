"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("login-form");
  const error = document.getElementById("login-error");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      await Helpline.api("POST", "/api/login", {
        email: document.getElementById("email").value,
        password: document.getElementById("password").value,
      });
      const next = form.dataset.next || "/";
      location.assign(next.startsWith("/") && !next.startsWith("//") ? next : "/");
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
      document.getElementById("password").select();
    } finally {
      button.disabled = false;
    }
  });
});
