// Schedules: the list with next fires; create and edit with the cron checked and its next five fires
// shown before saving; delete.
import { get, put, del, q, session, ApiError } from './api.js';
import { esc, time, say, view } from './dom.js';

export async function schedules(ctx) {
  const admin = session.can('admin');
  view().innerHTML = `<h1>Schedules</h1>${admin ? '<p><a class="button" href="#/schedules/new">New schedule</a></p>' : ''}<div id="schedules">Loading…</div>`;
  const { schedules: list } = await get('/schedules');
  if (!ctx.live) return;
  const el = document.getElementById('schedules');
  el.innerHTML = list.length ? `<div class="scroll"><table class="data" id="schedule-table">
    <thead><tr><th scope="col">Schedule</th><th scope="col">Cron</th><th scope="col">Queue / job</th><th scope="col">Next fires</th>${admin ? '<th scope="col">Actions</th>' : ''}</tr></thead>
    <tbody>${list.map((s) => `<tr data-schedule="${esc(s.id)}"><th scope="row">${esc(s.id)}</th>
      <td><code>${esc(s.cron)}</code> ${esc(s.timezone)}<br><span class="muted">misfire ${esc(s.misfire)}</span></td>
      <td><a href="#/queues/${q(s.queue)}">${esc(s.queue)}</a> / ${esc(s.name)}</td>
      <td>${s.nextFires.slice(0, 3).map((t) => esc(time(t))).join('<br>')}</td>
      ${admin ? `<td><a href="#/schedules/edit/${q(s.id)}">Edit</a> <button type="button" class="danger" data-delete="${esc(s.id)}">Delete</button></td>` : ''}</tr>`).join('')}
    </tbody></table></div>` : '<p>No schedules.</p>';
  el.querySelectorAll('[data-delete]').forEach((b) => b.addEventListener('click', async () => {
    const id = b.dataset.delete;
    if (!confirm(`Delete schedule ${id}? Jobs it already enqueued stay.`)) return;
    try {
      await del(`/schedules/${q(id)}`);
      say(`Schedule ${id} deleted`);
    } catch (e) {
      say(e.message, 'bad');
    }
    await schedules(ctx);
  }));
}

export async function scheduleForm(ctx, id) {
  let s = { cron: '*/5 * * * *', timezone: 'UTC', queue: 'default', name: '', data: null, misfire: 'fire-once' };
  if (id) {
    try {
      s = await get(`/schedules/${q(id)}`);
    } catch (e) {
      view().innerHTML = `<p class="error">${esc(e.message)}</p>`;
      return;
    }
  }
  view().innerHTML = `<p class="crumbs"><a href="#/schedules">Schedules</a> / ${id ? 'edit' : 'new'}</p>
    <h1>${id ? `Edit schedule <code>${esc(id)}</code>` : 'New schedule'}</h1>
    <form id="schedule-form" class="grid-form card" novalidate>
      <label for="s-id">Id</label><input id="s-id" required value="${esc(id || '')}" ${id ? 'readonly' : ''} maxlength="100">
      <label for="s-cron">Cron</label><input id="s-cron" required value="${esc(s.cron)}" aria-describedby="s-preview" spellcheck="false">
      <label for="s-tz">Time zone</label><input id="s-tz" value="${esc(s.timezone)}" spellcheck="false">
      <div class="preview" id="s-preview" aria-live="polite"></div>
      <label for="s-queue">Queue</label><input id="s-queue" required value="${esc(s.queue)}">
      <label for="s-name">Job name</label><input id="s-name" required value="${esc(s.name)}">
      <label for="s-data">Data (JSON)</label><textarea id="s-data" rows="4" spellcheck="false">${esc(s.data === null || s.data === undefined ? '' : JSON.stringify(s.data, null, 2))}</textarea>
      <label for="s-misfire">After downtime</label><select id="s-misfire">
        ${['fire-once', 'skip', 'fire-all'].map((m) => `<option ${m === s.misfire ? 'selected' : ''}>${m}</option>`).join('')}</select>
      <div class="form-actions"><button type="button" id="s-check">Check cron</button> <button type="submit" id="s-save" disabled>Save schedule</button></div>
      <p class="error" id="s-error" role="alert"></p>
    </form>`;
  const cron = document.getElementById('s-cron');
  const tz = document.getElementById('s-tz');
  const save = document.getElementById('s-save');
  const preview = document.getElementById('s-preview');
  let checked = null;
  const check = async () => {
    const key = `${cron.value}|${tz.value}`;
    try {
      const r = await get(`/cron?expression=${q(cron.value.trim())}${tz.value.trim() ? `&timezone=${q(tz.value.trim())}` : ''}&count=5`);
      if (!ctx.live || `${cron.value}|${tz.value}` !== key) return;
      checked = key;
      const local = new Intl.DateTimeFormat('sv-SE', { timeZone: r.timezone, dateStyle: 'short', timeStyle: 'short' });
      preview.innerHTML = `<p>Next five fires:</p><ol id="next-fires">${r.nextFires.map((t) =>
        `<li>${esc(local.format(t))} ${esc(r.timezone)} <span class="muted">(${esc(time(t))})</span></li>`).join('')}</ol>`;
      save.disabled = false;
      cron.removeAttribute('aria-invalid');
    } catch (e) {
      if (!ctx.live || `${cron.value}|${tz.value}` !== key) return;
      checked = null;
      preview.innerHTML = `<p class="error">${esc(e.message)}</p>`;
      save.disabled = true;
      cron.setAttribute('aria-invalid', 'true');
    }
  };
  let timer = null;
  const soon = () => { save.disabled = true; clearTimeout(timer); timer = setTimeout(check, 400); };
  cron.addEventListener('input', soon);
  tz.addEventListener('input', soon);
  document.getElementById('s-check').addEventListener('click', check);
  ctx.onLeave(() => clearTimeout(timer));
  await check();
  document.getElementById('schedule-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const error = document.getElementById('s-error');
    error.textContent = '';
    if (checked !== `${cron.value}|${tz.value}`) { await check(); if (save.disabled) return; }
    const body = { cron: cron.value.trim(), queue: document.getElementById('s-queue').value.trim(),
      name: document.getElementById('s-name').value.trim(), misfire: document.getElementById('s-misfire').value };
    if (tz.value.trim()) body.timezone = tz.value.trim();
    const data = document.getElementById('s-data').value.trim();
    if (data) {
      try { body.data = JSON.parse(data); } catch (x) { error.textContent = 'Data is not valid JSON.'; return; }
    }
    const sid = document.getElementById('s-id').value.trim();
    try {
      await put(`/schedules/${q(sid)}`, body);
      say(`Schedule ${sid} saved`);
      location.hash = '#/schedules';
    } catch (x) {
      error.textContent = x instanceof ApiError ? x.message : String(x);
    }
  });
}
