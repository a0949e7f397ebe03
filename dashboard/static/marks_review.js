// Supervisors' review of the counsellors' marks (issue 12): accept or reject.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const {api, toast} = Helpline;
  document.getElementById("marks-table").addEventListener("click", async (event) => {
    const button = event.target.closest("button.review");
    if (!button) return;
    const row = button.closest("tr");
    button.disabled = true;
    try {
      const mark = await api("POST", `/api/marks/${row.dataset.markId}/review`, {decision: button.dataset.decision});
      row.querySelector(".mark-status").textContent = mark.status;
      toast(mark.status === "accepted" ? "Accepted." : "Rejected.");
    } catch (error) {
      toast(error.message, "error");
    } finally {
      button.disabled = false;
    }
  });
});
