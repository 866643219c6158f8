// Queue: counts per state, jobs of one state with paging, find by id, bulk retry/remove of failed jobs,
// pause/resume and limits. Counts and the list follow the queue's event stream.
import { get, post, put, del, q, session } from './api.js';
import { esc, time, say, view } from './dom.js';
import { follow, debounce } from './live.js';

const STATES = ['waiting', 'delayed', 'active', 'completed', 'failed'];
const PAGE = 25;

export async function queue(ctx, name, params) {
  const state = STATES.includes(params.get('state')) ? params.get('state') : 'waiting';
  const cursors = [null];
  let page = 0;
  const admin = session.can('admin');
  view().innerHTML = `<p class="crumbs"><a href="#/">Overview</a> / queue</p>
    <h1>Queue <code>${esc(name)}</code> <span id="paused-badge"></span></h1>
    <nav aria-label="Job states" class="tabs" id="tabs"></nav>
    <div class="cols">
      <section class="card" aria-labelledby="ctl-h"><h2 id="ctl-h">Control</h2><div id="control"></div></section>
      <section class="card" aria-labelledby="find-h"><h2 id="find-h">Find a job</h2>
        <form id="find-form" class="inline"><label for="find-id">Job id</label>
          <input id="find-id" required pattern="[A-Za-z0-9][A-Za-z0-9._\\-]{0,127}"><button type="submit">Open</button></form></section>
    </div>
    <section aria-labelledby="jobs-h"><h2 id="jobs-h">${esc(state)} jobs</h2>
      ${admin && state === 'failed' ? `<div class="bulk" role="group" aria-label="Selected jobs">
        <button type="button" id="bulk-retry" disabled>Retry selected</button>
        <button type="button" id="bulk-remove" class="danger" disabled>Remove selected</button>
        <span id="bulk-count" class="muted"></span></div>` : ''}
      <div id="jobs">Loading…</div>
      <nav class="pager" aria-label="Pages"><button type="button" id="prev" disabled>Previous page</button>
        <span id="page-no"></span><button type="button" id="next" disabled>Next page</button></nav>
    </section>`;

  document.getElementById('find-form').addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/queues/${q(name)}/jobs/${q(document.getElementById('find-id').value.trim())}`;
  });

  async function renderInfo() {
    const info = await get(`/queues/${q(name)}`);
    if (!ctx.live) return;
    document.getElementById('tabs').innerHTML = STATES.map((s) => `<a href="#/queues/${q(name)}?state=${s}"
      ${s === state ? 'aria-current="page"' : ''} data-state="${s}">${s} <span class="count" data-count="${s}">${info.counts[s]}</span></a>`).join('');
    document.getElementById('paused-badge').innerHTML = info.paused ? '<span class="badge warn">paused</span>' : '<span class="badge ok">running</span>';
    const l = info.limits || {};
    const control = document.getElementById('control');
    if (control.contains(document.activeElement) && document.activeElement.tagName === 'INPUT') return;
    control.innerHTML = `${admin ? `<p><button type="button" id="toggle-pause">${info.paused ? 'Resume' : 'Pause'} queue</button></p>` : ''}
      <form id="limits-form" class="grid-form">
        <label for="max-active">Max active (whole cluster)</label><input id="max-active" type="number" min="1" value="${l.maxActive ?? ''}" ${admin ? '' : 'readonly'}>
        <label for="rate-max">Rate: jobs</label><input id="rate-max" type="number" min="1" value="${l.rateMax ?? ''}" ${admin ? '' : 'readonly'}>
        <label for="rate-window">Rate: per ms</label><input id="rate-window" type="number" min="1" value="${l.rateWindowMs ?? ''}" ${admin ? '' : 'readonly'}>
        ${admin ? '<button type="submit">Save limits</button>' : ''}
      </form>`;
    if (admin) {
      document.getElementById('toggle-pause').addEventListener('click', async () => {
        await act(() => post(`/queues/${q(name)}/${info.paused ? 'resume' : 'pause'}`), info.paused ? 'Queue resumed' : 'Queue paused');
        await renderInfo();
        document.getElementById('toggle-pause').focus();
      });
      document.getElementById('limits-form').addEventListener('submit', async (e) => {
        e.preventDefault();
        const num = (id) => { const v = document.getElementById(id).value; return v === '' ? null : Number(v); };
        await act(() => put(`/queues/${q(name)}/limits`, { maxActive: num('max-active'), rateMax: num('rate-max'), rateWindowMs: num('rate-window') }), 'Limits saved');
        document.activeElement.blur();
        renderInfo();
      });
    }
  }

  async function renderJobs() {
    const cursor = cursors[page];
    const result = await get(`/queues/${q(name)}/jobs?state=${state}&limit=${PAGE}${cursor ? `&cursor=${q(cursor)}` : ''}`);
    if (!ctx.live) return;
    const el = document.getElementById('jobs');
    cursors[page + 1] = result.nextCursor;
    document.getElementById('prev').disabled = page === 0;
    document.getElementById('next').disabled = !result.nextCursor;
    document.getElementById('page-no').textContent = `page ${page + 1}`;
    const selectable = admin && state === 'failed';
    el.innerHTML = result.jobs.length ? `<div class="scroll"><table class="data" id="job-table">
      <thead><tr>${selectable ? '<th scope="col"><input type="checkbox" id="select-all" aria-label="Select all on this page"></th>' : ''}
        <th scope="col">Job</th><th scope="col">Name</th><th scope="col" class="num">Attempts</th><th scope="col">Created</th>
        <th scope="col">${state === 'failed' ? 'Reason' : 'Worker'}</th></tr></thead>
      <tbody>${result.jobs.map((j) => `<tr data-job="${esc(j.id)}">
        ${selectable ? `<td><input type="checkbox" class="pick" value="${esc(j.id)}" aria-label="Select job ${esc(j.id)}"></td>` : ''}
        <th scope="row"><a href="#/queues/${q(name)}/jobs/${q(j.id)}">${esc(j.id)}</a></th><td>${esc(j.name)}</td>
        <td class="num">${j.attemptsMade}</td><td>${esc(time(j.createdAt))}</td>
        <td>${esc(state === 'failed' ? j.failedReason : j.worker || '')}</td></tr>`).join('')}</tbody></table></div>`
      : `<p>No ${esc(state)} jobs.</p>`;
    if (selectable) wireBulk();
  }

  function picked() {
    return [...document.querySelectorAll('input.pick:checked')].map((c) => c.value);
  }

  function wireBulk() {
    const update = () => {
      const n = picked().length;
      document.getElementById('bulk-retry').disabled = n === 0;
      document.getElementById('bulk-remove').disabled = n === 0;
      document.getElementById('bulk-count').textContent = n ? `${n} selected` : '';
    };
    document.querySelectorAll('input.pick').forEach((c) => c.addEventListener('change', update));
    const all = document.getElementById('select-all');
    if (all) all.addEventListener('change', () => { document.querySelectorAll('input.pick').forEach((c) => { c.checked = all.checked; }); update(); });
    update();
  }

  if (admin && state === 'failed') {
    const bulk = async (verb, call) => {
      const ids = picked();
      if (!ids.length || (verb === 'removed' && !confirm(`Remove ${ids.length} jobs?`))) return;
      const results = await Promise.allSettled(ids.map(call));
      const failed = results.filter((r) => r.status === 'rejected').length;
      say(`${ids.length - failed} jobs ${verb}${failed ? `, ${failed} refused` : ''}`, failed ? 'bad' : 'ok');
      await Promise.all([renderInfo(), renderJobs()]);
    };
    document.getElementById('bulk-retry').addEventListener('click', () => bulk('retried', (id) => post(`/queues/${q(name)}/jobs/${q(id)}/retry`)));
    document.getElementById('bulk-remove').addEventListener('click', () => bulk('removed', (id) => del(`/queues/${q(name)}/jobs/${q(id)}`)));
  }
  document.getElementById('prev').addEventListener('click', () => { page = Math.max(0, page - 1); renderJobs(); });
  document.getElementById('next').addEventListener('click', () => { page += 1; renderJobs(); });

  await Promise.all([renderInfo(), renderJobs()]);
  const refresh = debounce(() => {
    renderInfo().catch(() => {});
    // A selection in progress is not wiped by a live refresh.
    if (!picked().length) renderJobs().catch(() => {});
  }, 400);
  ctx.onLeave(follow(name, refresh));
}

async function act(call, done) {
  try {
    await call();
    say(done);
  } catch (e) {
    say(e.message, 'bad');
  }
}
