// Job: data, options, state, event history, errors per attempt, progress, worker, timings; actions by state.
import { get, post, del, q, session, ApiError } from './api.js';
import { esc, time, json, say, view } from './dom.js';
import { follow, debounce } from './live.js';

export async function job(ctx, queue, id) {
  view().innerHTML = `<p class="crumbs"><a href="#/">Overview</a> / <a href="#/queues/${q(queue)}">${esc(queue)}</a> / job</p>
    <h1>Job <code>${esc(id)}</code></h1><div id="job">Loading…</div>`;
  const render = async () => {
    let j;
    const el = document.getElementById('job');
    try {
      j = await get(`/queues/${q(queue)}/jobs/${q(id)}`);
    } catch (e) {
      if (!ctx.live) return;
      el.innerHTML = `<p class="error">${e instanceof ApiError && e.status === 404 ? 'No such job (it may have been removed by retention).' : esc(e.message)}</p>`;
      return;
    }
    const { events } = await get(`/queues/${q(queue)}/jobs/${q(id)}/events`).catch(() => ({ events: [] }));
    if (!ctx.live) return;
    const admin = session.can('admin');
    const actions = admin ? [
      j.state === 'failed' && '<button type="button" data-act="retry">Retry</button>',
      j.state === 'delayed' && '<button type="button" data-act="promote">Promote now</button>',
      j.state === 'active' && '<button type="button" data-act="cancel">Cancel</button>',
      j.state !== 'active' && '<button type="button" data-act="remove" class="danger">Remove</button>',
    ].filter(Boolean).join(' ') : '';
    const ran = j.startedAt && j.finishedAt ? `${j.finishedAt - j.startedAt} ms` : '';
    const waited = j.startedAt ? `${j.startedAt - j.createdAt} ms` : '';
    el.innerHTML = `<div class="actions" role="group" aria-label="Job actions">${actions}</div>
      <div class="cols">
        <section class="card" aria-labelledby="sum-h"><h2 id="sum-h">Summary</h2><dl class="facts">
          <dt>State</dt><dd><span class="badge state-${esc(j.state)}" id="job-state">${esc(j.state)}</span></dd>
          <dt>Name</dt><dd>${esc(j.name)}</dd>
          <dt>Attempts</dt><dd>${j.attemptsMade} made, ${j.attemptsStarted} started, ${j.stalls} stalls (of ${j.options.attempts ?? '?'})</dd>
          <dt>Progress</dt><dd>${j.progress === null ? 'none' : `<code>${json(j.progress)}</code>`}</dd>
          <dt>Worker</dt><dd>${j.worker ? `<code>${esc(j.worker)}</code>` : 'none yet'}</dd>
          <dt>Created</dt><dd>${esc(time(j.createdAt))}</dd>
          <dt>Started</dt><dd>${esc(time(j.startedAt))}${waited ? ` (waited ${waited})` : ''}</dd>
          <dt>Finished</dt><dd>${esc(time(j.finishedAt))}${ran ? ` (ran ${ran})` : ''}</dd>
          ${j.failedReason ? `<dt>Failed because</dt><dd>${esc(j.failedReason)}</dd>` : ''}
        </dl></section>
        <section class="card" aria-labelledby="err-h"><h2 id="err-h">Errors per attempt</h2>
          ${j.errors.length ? `<ol class="errors">${j.errors.map((e) => `<li><pre>${esc(e)}</pre></li>`).join('')}</ol>` : '<p>None.</p>'}</section>
      </div>
      <div class="cols">
        <section class="card" aria-labelledby="data-h"><h2 id="data-h">Data</h2><pre class="json">${json(j.data)}</pre></section>
        <section class="card" aria-labelledby="opt-h"><h2 id="opt-h">Options</h2><pre class="json">${json(j.options)}</pre>
          ${j.result !== null ? `<h3>Result</h3><pre class="json">${json(j.result)}</pre>` : ''}</section>
      </div>
      <section class="card" aria-labelledby="ev-h"><h2 id="ev-h">History</h2>
        ${events.length ? `<div class="scroll"><table class="data" id="event-table"><thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">Details</th></tr></thead>
        <tbody>${events.map((e) => { const { id: _i, queue: _q, jobId: _j, ts, event, ...rest } = e; return `<tr><td>${esc(time(ts))}</td><td>${esc(event)}</td>
          <td>${Object.entries(rest).map(([k, v]) => `${esc(k)}=<code>${esc(v)}</code>`).join(' ')}</td></tr>`; }).join('')}</tbody></table></div>`
        : '<p>No events left in the stream for this job.</p>'}</section>`;
    el.querySelectorAll('[data-act]').forEach((b) => b.addEventListener('click', () => perform(b.dataset.act)));
  };
  const perform = async (act) => {
    try {
      if (act === 'remove') {
        if (!confirm(`Remove job ${id}?`)) return;
        await del(`/queues/${q(queue)}/jobs/${q(id)}`);
        say(`Job ${id} removed`);
        location.hash = `#/queues/${q(queue)}`;
        return;
      }
      await post(`/queues/${q(queue)}/jobs/${q(id)}/${act}`);
      say(`Job ${id}: ${act} done`);
    } catch (e) {
      say(e.message, 'bad');
    }
    await render();
    const first = document.querySelector('#job [data-act]');
    if (first) first.focus();
  };
  await render();
  const refresh = debounce(() => render().catch(() => {}), 300);
  ctx.onLeave(follow(queue, (e) => { if (e.jobId === id) refresh(); }));
}
