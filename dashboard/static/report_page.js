// The printable report page: the print button (the page works without it).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("[data-print]");
  if (button) button.addEventListener("click", () => window.print());
});
