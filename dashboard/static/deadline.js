// The threat's deadline, counting down: every `.deadline[data-seconds]` element (server-rendered with the
// remaining time, or added by the queue) is updated from the server's figure, so a wrong clock on this
// computer does not skew it. No build step.
"use strict";
(() => {
  function label(seconds) {
    const ahead = seconds >= 0;
    let minutes = Math.floor(Math.abs(seconds) / 60);
    let hours = Math.floor(minutes / 60);
    minutes %= 60;
    const days = Math.floor(hours / 24);
    hours %= 24;
    const text = days ? `${days} d ${hours} h`
      : hours ? `${hours} h ${String(minutes).padStart(2, "0")} min` : `${minutes} min`;
    return ahead ? `${text} left` : `passed ${text} ago`;
  }

  function tick() {
    for (const node of document.querySelectorAll(".deadline[data-seconds]")) {
      if (!node.dataset.loaded) node.dataset.loaded = String(Date.now());
      const left = Number(node.dataset.seconds) - (Date.now() - Number(node.dataset.loaded)) / 1000;
      const target = node.querySelector(".deadline-left") || node;
      const text = label(Math.trunc(left));
      if (target.textContent !== text) target.textContent = text;
      node.classList.toggle("deadline-soon", left < 6 * 3600);
      node.classList.toggle("deadline-passed", left < 0);
    }
  }

  window.HelplineDeadline = {label, tick};
  document.addEventListener("DOMContentLoaded", () => {
    tick();
    setInterval(tick, 1000);
  });
})();
