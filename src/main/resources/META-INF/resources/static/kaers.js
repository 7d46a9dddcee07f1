// KAERS pages: the dashboard's charts, each drawn from the table on the page (the same numbers, read once).
(function () {
  "use strict";
  function num(value) {
    return value === null || value === "" || value === undefined ? null : Number(value);
  }
  // bars and lines: one value per row (th: label, td.count: data-count)
  function series(table) {
    var labels = [];
    var counts = [];
    table.querySelectorAll("tbody tr").forEach(function (row) {
      labels.push(row.querySelector("th").textContent.trim());
      counts.push(num(row.querySelector("td.count").getAttribute("data-count")));
    });
    return { labels: labels, counts: counts };
  }
  // intervals drawn as horizontal (forest) lines through each point: raw {x, y, lo, hi}; reference lines from options
  var intervals = {
    id: "kaersIntervals",
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      var x = chart.scales.x;
      var y = chart.scales.y;
      var area = chart.chartArea;
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      chart.data.datasets.forEach(function (dataset, i) {
        var meta = chart.getDatasetMeta(i);
        if (meta.hidden) {
          return;
        }
        ctx.strokeStyle = dataset.borderColor;
        ctx.lineWidth = 2;
        dataset.data.forEach(function (point, j) {
          if (point.lo !== null && point.hi !== null && point.lo !== undefined && point.lo > 0 && point.hi > 0) {
            var py = meta.data[j].y;
            ctx.beginPath();
            ctx.moveTo(x.getPixelForValue(point.lo), py);
            ctx.lineTo(x.getPixelForValue(point.hi), py);
            ctx.stroke();
          }
        });
      });
      var refs = chart.options.plugins.kaersIntervals || {};
      ctx.setLineDash([6, 4]);
      ctx.strokeStyle = "#505a5f";
      ctx.lineWidth = 1.5;
      (refs.xLines || []).forEach(function (value) {
        ctx.beginPath();
        ctx.moveTo(x.getPixelForValue(value), y.top);
        ctx.lineTo(x.getPixelForValue(value), y.bottom);
        ctx.stroke();
      });
      (refs.yLines || []).forEach(function (value) {
        ctx.beginPath();
        ctx.moveTo(x.left, y.getPixelForValue(value));
        ctx.lineTo(x.right, y.getPixelForValue(value));
        ctx.stroke();
      });
      ctx.restore();
    }
  };
  function forest(canvas, table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var labels = rows.map(function (row) { return row.querySelector("th").textContent.trim(); });
    // one line per row (CSSOM, not a style attribute: the page CSP allows no inline style)
    canvas.parentNode.style.height = Math.max(384, rows.length * 26 + 90) + "px";
    function measure(name, offset, power) {
      return rows.map(function (row, i) {
        var v = num(row.getAttribute("data-" + name));
        var lo = num(row.getAttribute("data-" + name + "-lo"));
        var hi = num(row.getAttribute("data-" + name + "-hi"));
        var f = function (value) { return value === null ? null : (power ? Math.pow(2, value) : value); };
        return { x: f(v), y: i + offset, lo: f(lo), hi: f(hi), value: v };
      }).filter(function (p) { return p.x !== null && p.x > 0; });
    }
    var sets = [measure("prr", -0.25, false), measure("ror", 0, false), measure("ic", 0.25, true)];
    // the axis spans every interval (and 1), so that no line runs off the plot
    var low = 1;
    var high = 1;
    sets.forEach(function (set) {
      set.forEach(function (p) {
        [p.x, p.lo, p.hi].forEach(function (v) {
          if (v !== null && v > 0) {
            low = Math.min(low, v);
            high = Math.max(high, v);
          }
        });
      });
    });
    return new Chart(canvas, {
      type: "scatter",
      data: {
        datasets: [
          { label: "PRR", data: sets[0], borderColor: "#1d5d90", backgroundColor: "#1d5d90", pointStyle: "rect" },
          { label: "ROR", data: sets[1], borderColor: "#b35900", backgroundColor: "#b35900", pointStyle: "triangle" },
          { label: "IC (as 2^IC)", data: sets[2], borderColor: "#00703c", backgroundColor: "#00703c", pointStyle: "circle" }
        ]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { kaersIntervals: { xLines: [1] }, legend: { display: true } },
        scales: {
          x: { type: "logarithmic", min: low / 1.2, max: high * 1.2,
               title: { display: true, text: "ratio (log scale; 1 = no disproportionality)" } },
          y: { type: "linear", reverse: true, min: -0.5, max: Math.max(labels.length - 0.5, 0.5),
               afterBuildTicks: function (axis) { axis.ticks = labels.map(function (label, i) { return { value: i }; }); },
               ticks: { autoSkip: false, callback: function (value) { return labels[value] === undefined ? "" : labels[value]; } } }
        }
      },
      plugins: [intervals]
    });
  }
  function maxOf(points, axis) {
    return points.reduce(function (max, p) { return Math.max(max, p[axis]); }, 0);
  }
  function edish(canvas, table) {
    var points = [];
    table.querySelectorAll("tbody tr").forEach(function (row) {
      points.push({ x: num(row.getAttribute("data-alt")), y: num(row.getAttribute("data-bilirubin")),
                    label: row.querySelector("th").textContent.trim() });
    });
    points = points.filter(function (p) { return p.x > 0 && p.y > 0; });
    var altLine = num(canvas.getAttribute("data-alt-line"));
    var bilirubinLine = num(canvas.getAttribute("data-bilirubin-line"));
    return new Chart(canvas, {
      type: "scatter",
      data: { datasets: [{ label: "Cases", data: points, borderColor: "#12324f", backgroundColor: "#1d5d90" }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { kaersIntervals: { xLines: [altLine], yLines: [bilirubinLine] }, legend: { display: false },
                   tooltip: { callbacks: { label: function (item) { return item.raw.label + ": ALT " + item.raw.x + " x ULN, bilirubin " + item.raw.y + " x ULN"; } } } },
        scales: {
          x: { type: "logarithmic", min: 0.1, max: Math.max(100, 2 * maxOf(points, "x")),
               title: { display: true, text: "peak ALT (x ULN, log scale)" } },
          y: { type: "logarithmic", min: 0.1, max: Math.max(20, 2 * maxOf(points, "y")),
               title: { display: true, text: "peak total bilirubin (x ULN, log scale)" } }
        }
      },
      plugins: [intervals]
    });
  }
  function draw(canvas) {
    var table = document.getElementById(canvas.getAttribute("data-table"));
    if (!table) {
      return;
    }
    var kind = canvas.getAttribute("data-chart");
    if (kind === "forest") {
      return forest(canvas, table);
    }
    if (kind === "edish") {
      return edish(canvas, table);
    }
    var s = series(table);
    var isProtected = table.getAttribute("data-protected") === "true";
    var line = kind === "line";
    return new Chart(canvas, {
      type: line ? "line" : "bar",
      data: {
        labels: s.labels,
        datasets: [{ label: isProtected ? "Cases (protected)" : "Cases", data: s.counts, backgroundColor: "#1d5d90",
                     borderColor: "#1d5d90", spanGaps: false }]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: !line && s.labels.length > 8 ? "y" : "x",
        plugins: { legend: { display: true } },
        scales: { x: { beginAtZero: !line }, y: { beginAtZero: true } }
      }
    });
  }
  function charts() {
    if (typeof Chart === "undefined") {
      return;
    }
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", charts);
  } else {
    charts();
  }
})();
