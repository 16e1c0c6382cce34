// Draws every <canvas data-chart-source="ID"> from the JSON in <script type="application/json"
// id="ID">: {type, labels, datasets: [{label, data}]}, amounts as decimal strings. Loaded as a
// file because the Content-Security-Policy allows no inline script. Numbers are turned into
// floats here only to be drawn; every figure is also in the table beside its chart.
(function () {
  'use strict';
  var palette = ['#0d6efd', '#dc3545', '#198754', '#fd7e14', '#6f42c1', '#20c997',
                 '#ffc107', '#d63384', '#0dcaf0', '#6c757d', '#6610f2', '#795548', '#adb5bd'];

  function money(value) {
    return '$' + Number(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function config(spec, canvas) {
    var doughnut = spec.type === 'doughnut';
    var datasets = spec.datasets.map(function (set, index) {
      var color = palette[index % palette.length];
      return {
        label: set.label,
        data: set.data.map(Number),
        backgroundColor: doughnut ? spec.labels.map(function (_, i) { return palette[i % palette.length]; }) : color,
        borderColor: doughnut ? '#fff' : color,
        borderWidth: doughnut ? 1 : 2,
        pointRadius: spec.type === 'line' ? 0 : undefined,
        fill: false,
        tension: 0.2
      };
    });
    var isCount = canvas.dataset.chartUnit === 'count';
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { position: doughnut ? 'right' : 'top' },
        tooltip: {
          callbacks: {
            label: function (item) {
              var value = isCount ? String(item.raw) : money(item.raw);
              return (item.dataset.label ? item.dataset.label + ': ' : '') + value;
            }
          }
        }
      }
    };
    if (!doughnut) {
      options.scales = { y: { beginAtZero: spec.type !== 'line', ticks: {
        callback: function (value) { return isCount ? value : money(value); } } } };
    }
    return { type: spec.type, data: { labels: spec.labels, datasets: datasets }, options: options };
  }

  function drawAll() {
    if (typeof window.Chart !== 'function') return;
    document.querySelectorAll('canvas[data-chart-source]').forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chartSource);
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      new window.Chart(canvas, config(spec, canvas));
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
})();
