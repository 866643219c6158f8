// The dashboard shell: sign-in, the hash router and the navigation.
import { get, session, ApiError } from './api.js';
import { esc, say, view } from './dom.js';
import { overview } from './overview.js';
import { queue } from './queue.js';
import { job } from './job.js';
import { schedules, scheduleForm } from './schedules.js';
import { workers } from './workers.js';

let leaving = [];

function route() {
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query || '');
  const parts = (path || '/').split('/').filter(Boolean).map(decodeURIComponent);
  // A view's late answers (live refreshes, slow requests) must not write into the next view's elements.
  const ctx = { live: true, onLeave: (fn) => leaving.push(fn) };
  leaving.push(() => { ctx.live = false; });
  if (parts[0] === 'queues' && parts[2] === 'jobs' && parts[3]) return () => job(ctx, parts[1], parts[3]);
  if (parts[0] === 'queues' && parts[1]) return () => queue(ctx, parts[1], params);
  if (parts[0] === 'schedules' && parts[1] === 'new') return () => scheduleForm(ctx, null);
  if (parts[0] === 'schedules' && parts[1] === 'edit') return () => scheduleForm(ctx, parts[2]);
  if (parts[0] === 'schedules') return () => schedules(ctx);
  if (parts[0] === 'workers') return () => workers(ctx);
  return () => overview(ctx);
}

async function show() {
  leaving.forEach((fn) => fn());
  leaving = [];
  if (!session.role) return;
  try {
    await route()();
    document.title = `Vigil: ${document.querySelector('#view h1')?.textContent || 'dashboard'}`;
    document.querySelectorAll('#nav a').forEach((a) => {
      const here = location.hash === a.getAttribute('href') || (a.getAttribute('href') !== '#/' && location.hash.startsWith(a.getAttribute('href')));
      if (here) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return signOut('The token was refused; sign in again.');
    view().innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

async function signIn(token) {
  session.set(token);
  const me = await get('/whoami');
  session.name = me.name;
  session.role = me.role;
  document.getElementById('sign-in').hidden = true;
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = `${me.name} (${me.role})`;
  document.body.dataset.role = me.role;
}

function signOut(message) {
  leaving.forEach((fn) => fn());
  leaving = [];
  session.clear();
  view().innerHTML = '';
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  document.getElementById('sign-in').hidden = false;
  document.getElementById('sign-in-error').textContent = message || '';
  document.getElementById('token').focus();
}

document.getElementById('sign-in-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = document.getElementById('token');
  try {
    await signIn(input.value.trim());
    input.value = '';
    await show();
    document.getElementById('main').focus();
  } catch (x) {
    session.clear();
    document.getElementById('sign-in-error').textContent = x instanceof ApiError && x.status === 401
      ? 'That token is not valid.' : `Sign-in failed: ${x.message}`;
  }
});
document.getElementById('sign-out').addEventListener('click', () => { signOut('Signed out.'); say(''); });
window.addEventListener('hashchange', async () => { await show(); document.getElementById('main').focus(); });

(async () => {
  if (session.token) {
    try {
      await signIn(session.token);
      await show();
      return;
    } catch (e) { /* fall through to the sign-in form */ }
  }
  signOut();
})();
