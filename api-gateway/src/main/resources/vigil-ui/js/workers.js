// Workers: host, queues, concurrency, active jobs, heartbeat age.
import { get } from './api.js';
import { esc, ago, time, view } from './dom.js';

export async function workers(ctx) {
  view().innerHTML = '<h1>Workers</h1><div id="workers">Loading…</div>';
  const render = async () => {
    const { workers: list } = await get('/workers');
    if (!ctx.live) return;
    const el = document.getElementById('workers');
    const now = Date.now();
    el.innerHTML = list.length ? `<div class="scroll"><table class="data" id="worker-table">
      <thead><tr><th scope="col">Worker</th><th scope="col">Host</th><th scope="col">Queues</th><th scope="col" class="num">Concurrency</th>
        <th scope="col" class="num">Active</th><th scope="col">Heartbeat</th><th scope="col">Started</th></tr></thead>
      <tbody>${list.map((w) => `<tr><th scope="row"><code>${esc(w.id)}</code></th><td>${esc(w.host)} (pid ${w.pid})</td>
        <td>${w.queues.map(esc).join(', ')}</td><td class="num">${w.concurrency}</td><td class="num">${w.activeJobs}</td>
        <td>${ago(w.lastHeartbeatAt, now)}</td><td>${esc(time(w.startedAt))}</td></tr>`).join('')}</tbody></table></div>`
      : '<p>No worker is online.</p>';
  };
  await render();
  const timer = setInterval(render, 5000);
  ctx.onLeave(() => clearInterval(timer));
}
