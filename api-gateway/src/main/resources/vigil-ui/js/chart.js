// Completed and failed jobs per minute as stacked SVG bars, drawn here (no chart library).
import { esc } from './dom.js';

const W = 600;
const H = 140;
// The SVG stretches to its box (preserveAspectRatio none), so labels live in HTML around it, undistorted.
const PAD = { left: 0, right: 0, top: 4, bottom: 1 };

export function throughputChart(minutes, label) {
  const max = Math.max(1, ...minutes.map((m) => m.completed + m.failed));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, minutes.length);
  const y = (v) => PAD.top + plotH - (v / max) * plotH;
  const bars = minutes.map((m, i) => {
    const x = PAD.left + i * slot + 0.5;
    const w = Math.max(1, slot - 1);
    const done = `<rect class="bar-completed" x="${x}" y="${y(m.completed)}" width="${w}" height="${PAD.top + plotH - y(m.completed)}"></rect>`;
    const top = y(m.completed);
    const failH = (m.failed / max) * plotH;
    const fail = m.failed ? `<rect class="bar-failed" x="${x}" y="${top - failH}" width="${w}" height="${failH}"></rect>` : '';
    const at = new Date(m.at).toISOString().slice(11, 16);
    return `<g><title>${at} UTC: ${m.completed} completed, ${m.failed} failed</title>${done}${fail}</g>`;
  }).join('');
  const totals = minutes.reduce((a, m) => [a[0] + m.completed, a[1] + m.failed], [0, 0]);
  const first = minutes.length ? new Date(minutes[0].at).toISOString().slice(11, 16) : '';
  const last = minutes.length ? new Date(minutes[minutes.length - 1].at).toISOString().slice(11, 16) : '';
  const summary = `${esc(label)}: ${totals[0]} completed and ${totals[1]} failed in the last ${minutes.length} minutes`;
  return `<figure class="chart">
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${summary}" preserveAspectRatio="none">
      <line class="axis" x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${W - PAD.right}" y2="${PAD.top + plotH}"></line>
      <line class="grid" x1="${PAD.left}" y1="${PAD.top}" x2="${W - PAD.right}" y2="${PAD.top}"></line>
      ${bars}
    </svg>
    <div class="ticks"><span>${first}</span><span>top line: ${max} per minute</span><span>${last} UTC</span></div>
    <figcaption><span class="key key-completed"></span>completed ${totals[0]}
      <span class="key key-failed"></span>failed ${totals[1]} <span class="muted">per minute, last hour</span></figcaption>
  </figure>`;
}
