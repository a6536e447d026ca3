// The campaign page's two charts, fed by the page's timeline URL (the API's /timeline, same service).
// The budget burn-down shows what is left of the budget as coupons are issued and used, against the
// budget guard's thresholds; the rate chart shows coupons issued and used per minute.
(function () {
  const charts = document.getElementById('charts');
  if (!charts || typeof Chart === 'undefined') {
    return;
  }
  const url = charts.dataset.timelineUrl;
  const refreshMs = Number(charts.dataset.refreshMs || 3000);
  const yuan = (fen) => Math.round(fen) / 100;
  let burndown = null;
  let rate = null;

  function minuteLabel(rfc3339) {
    return rfc3339.substring(5, 16).replace('T', ' ');
  }

  function draw(t) {
    const labels = ['start'].concat(t.points.map((p) => minuteLabel(p.minute)));
    const issuedLeft = [yuan(t.max_amount)].concat(t.points.map((p) => yuan(t.max_amount - p.cumulative_issued_amount)));
    const usedLeft = [yuan(t.max_amount)].concat(t.points.map((p) => yuan(t.max_amount - p.cumulative_used_amount)));
    const datasets = [
      {label: 'budget left after issued (¥)', data: issuedLeft, borderColor: '#07c160', backgroundColor: '#07c160',
        tension: 0, pointRadius: 2},
      {label: 'budget left after used (¥)', data: usedLeft, borderColor: '#2680c2', backgroundColor: '#2680c2',
        tension: 0, pointRadius: 2}
    ];
    const colors = ['#d64545', '#f0b429', '#8d5b00', '#a61b1b'];
    t.thresholds.forEach((th, i) => datasets.push({
      label: th.metric + ' ' + th.percent + ' % threshold', data: labels.map(() => yuan(t.max_amount - th.amount)),
      borderColor: colors[i % colors.length], borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5, fill: false
    }));
    const counts = t.points.map((p) => p.issued_count);
    const used = t.points.map((p) => p.used_count);
    if (!burndown) {
      burndown = new Chart(document.getElementById('burndown'), {type: 'line', data: {labels, datasets},
        options: {animation: false, responsive: true, scales: {y: {min: 0, title: {display: true, text: '¥'}}},
          plugins: {legend: {position: 'bottom'}}}});
      rate = new Chart(document.getElementById('rate'), {type: 'bar',
        data: {labels: labels.slice(1), datasets: [
          {label: 'issued per minute', data: counts, backgroundColor: '#07c160'},
          {label: 'used per minute', data: used, backgroundColor: '#2680c2'}]},
        options: {animation: false, responsive: true, scales: {y: {beginAtZero: true}},
          plugins: {legend: {position: 'bottom'}}}});
    } else {
      burndown.data.labels = labels;
      burndown.data.datasets = datasets;
      burndown.update();
      rate.data.labels = labels.slice(1);
      rate.data.datasets[0].data = counts;
      rate.data.datasets[1].data = used;
      rate.update();
    }
    charts.dataset.points = String(t.points.length);
  }

  function finished() {
    const live = document.getElementById('live');
    return live && live.dataset.finished === 'true';
  }

  function refresh() {
    fetch(url, {headers: {Accept: 'application/json'}})
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then(draw)
      .catch(() => {})
      .finally(() => {
        if (!finished()) {
          setTimeout(refresh, refreshMs);
        } else if (!charts.dataset.final) {
          charts.dataset.final = 'true';
          setTimeout(refresh, 200);
        }
      });
  }

  refresh();
})();
