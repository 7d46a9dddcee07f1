// KAERS pages: the bar chart of the dashboard, drawn from the table on the page (the same numbers, read once).
(function () {
  "use strict";
  function chart() {
    var canvas = document.getElementById("chart");
    if (!canvas || typeof Chart === "undefined") {
      return;
    }
    var table = document.getElementById(canvas.getAttribute("data-table"));
    var labels = [];
    var counts = [];
    table.querySelectorAll("tbody tr").forEach(function (row) {
      labels.push(row.querySelector("th").textContent.trim());
      counts.push(Number(row.querySelector("td.count").getAttribute("data-count")));
    });
    var isProtected = table.getAttribute("data-protected") === "true";
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: [{ label: isProtected ? "Cases (protected)" : "Cases", data: counts, backgroundColor: "#1d5d90" }]
      },
      options: {
        animation: false,
        indexAxis: labels.length > 8 ? "y" : "x",
        plugins: { legend: { display: true } },
        scales: { x: { beginAtZero: true }, y: { beginAtZero: true } }
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", chart);
  } else {
    chart();
  }
})();
