// Overview: every queue with its counts and last hour, the Redis topology, workers online.
import { get, q } from './api.js';
import { throughputChart } from './chart.js';
import { esc, time, ago, bytes, view } from './dom.js';
import { follow, debounce } from './live.js';

const STATES = ['waiting', 'delayed', 'active', 'completed', 'failed'];
const MAX_LIVE = 4;
const MAX_CHARTS = 8;

export async function overview(ctx) {
  view().innerHTML = `<h1>Overview</h1>
    <section aria-labelledby="queues-h"><h2 id="queues-h">Queues</h2><div id="queues">Loading…</div></section>
    <div class="cols">
      <section aria-labelledby="redis-h" class="card"><h2 id="redis-h">Redis</h2><div id="redis">Loading…</div></section>
      <section aria-labelledby="workers-h" class="card"><h2 id="workers-h">Workers</h2><div id="workers-sum">Loading…</div></section>
    </div>
    <section aria-labelledby="charts-h"><h2 id="charts-h">Completed and failed per minute</h2><div id="charts" class="charts"></div></section>`;
  const queues = await renderQueues(ctx);
  const refresh = debounce(() => renderQueues(ctx).catch(() => {}), 500);
  queues.slice(0, MAX_LIVE).forEach((name) => ctx.onLeave(follow(name, refresh)));
  renderCharts(ctx, queues.slice(0, MAX_CHARTS));
  renderRedis(ctx);
  renderWorkers(ctx);
  const timer = setInterval(() => { renderRedis(ctx); renderWorkers(ctx); renderCharts(ctx, queues.slice(0, MAX_CHARTS)); }, 10000);
  ctx.onLeave(() => clearInterval(timer));
}

async function renderQueues(ctx) {
  const { queues } = await get('/queues');
  if (!ctx.live) return [];
  const el = document.getElementById('queues');
  if (!queues.length) {
    el.innerHTML = '<p>No queues yet: a queue appears with its first job.</p>';
    return [];
  }
  el.innerHTML = `<div class="scroll"><table class="data" id="queue-table">
    <thead><tr><th scope="col">Queue</th>${STATES.map((s) => `<th scope="col" class="num">${s}</th>`).join('')}<th scope="col">Status</th></tr></thead>
    <tbody>${queues.map((info) => `<tr data-queue="${esc(info.name)}">
      <th scope="row"><a href="#/queues/${q(info.name)}">${esc(info.name)}</a></th>
      ${STATES.map((s) => `<td class="num" data-state="${s}">${info.counts[s]}</td>`).join('')}
      <td>${info.paused ? '<span class="badge warn">paused</span>' : '<span class="badge ok">running</span>'}</td></tr>`).join('')}
    </tbody></table></div>`;
  return queues.map((info) => info.name);
}

async function renderCharts(ctx, names) {
  const all = await Promise.all(names.map((name) => get(`/queues/${q(name)}/throughput`).then((t) => [name, t.minutes])));
  if (!ctx.live) return;
  const el = document.getElementById('charts');
  el.innerHTML = all.map(([name, minutes]) => `<div class="card"><h3>${esc(name)}</h3>${throughputChart(minutes, name)}</div>`).join('')
    || '<p>No queues yet.</p>';
}

async function renderRedis(ctx) {
  const el = document.getElementById('redis');
  try {
    const c = await get('/cluster');
    if (!ctx.live) return;
    const mem = c.memory;
    const pct = mem.max ? Math.round(mem.ratio * 100) : null;
    el.innerHTML = `<dl class="facts">
      <dt>Mode</dt><dd>${esc(c.mode)}</dd>
      <dt>Master</dt><dd><code>${esc(c.master.address || 'unknown')}</code> (${esc(c.master.role || '?')}, epoch ${c.master.epoch})</dd>
      <dt>Sentinels</dt><dd>${c.mode === 'sentinel' ? `${c.sentinels.answering} of ${c.sentinels.configured} answering, quorum ${c.sentinels.quorum}, majority ${c.sentinels.majority}
        ${c.sentinels.answering >= Math.max(c.sentinels.quorum, c.sentinels.majority) ? '<span class="badge ok">can fail over</span>' : '<span class="badge bad">cannot fail over</span>'}` : 'none (standalone)'}</dd>
      <dt>Failovers</dt><dd>${c.failovers.recorded} recorded${c.failovers.lastAt ? `, last ${esc(time(c.failovers.lastAt))} (${ago(c.failovers.lastAt)})` : ''}; ${c.failovers.seen} followed by this gateway</dd>
      <dt>Memory</dt><dd>${bytes(mem.used)}${mem.max ? ` of ${bytes(mem.max)} (${pct}%)` : ' (no maxmemory set)'}
        ${mem.max ? `<meter min="0" max="1" low="0.7" high="0.9" optimum="0" value="${mem.ratio}" aria-label="memory used">${pct}%</meter>` : ''}</dd>
      <dt>Replicas</dt><dd>${c.replicas.length ? `<table class="data small"><thead><tr><th scope="col">Replica</th><th scope="col">State</th><th scope="col" class="num">Lag bytes</th><th scope="col" class="num">Lag s</th></tr></thead>
        <tbody>${c.replicas.map((r) => `<tr><td><code>${esc(r.address)}</code></td><td>${esc(r.state)}</td><td class="num">${r.lagBytes}</td><td class="num">${r.lagSeconds}</td></tr>`).join('')}</tbody></table>` : 'none'}</dd>
    </dl>`;
  } catch (e) {
    if (!ctx.live) return;
    el.innerHTML = `<p class="error">Redis status unavailable: ${esc(e.message)}</p>`;
  }
}

async function renderWorkers(ctx) {
  const { workers } = await get('/workers');
  if (!ctx.live) return;
  const el = document.getElementById('workers-sum');
  const active = workers.reduce((n, w) => n + w.activeJobs, 0);
  el.innerHTML = `<p><strong>${workers.length}</strong> online, <strong>${active}</strong> jobs running.</p>
    <p><a href="#/workers">All workers</a></p>`;
}
