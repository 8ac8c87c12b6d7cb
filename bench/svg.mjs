// bench/scaling.svg: full-lint time against words, log-log, one line per
// tool. Hand-written SVG, no chart library.

const COLORS = {
  psylint: '#c2185b',
  alex: '#1f77b4',
  'write-good': '#2ca02c',
  harper: '#9467bd',
  'textlint-prh': '#ff7f0e',
  floor: '#555555',
  'floor-chunked': '#999999',
};
const DASH = { floor: '6 4', 'floor-chunked': '2 4' };

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function fmtWords(n) {
  return n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n);
}
function fmtTime(ms) {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * @param {{ full: Record<string, Record<string, {status: string, medianMs: number|null, projectedMs?: number}>>, words: Record<string, number>, sizes: string[], tools: string[], labels: Record<string, string>, budgets: Record<string, number> }} data
 */
export function scalingSvg({ full, words, sizes, tools, labels, budgets }) {
  const W = 860;
  const H = 520;
  const m = { left: 86, right: 230, top: 56, bottom: 66 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;

  // Points: finished runs at their median; did-not-finish (timed out, or projected past the budget) hollow, at the budget.
  const series = tools.map((tool) => ({
    tool,
    points: sizes
      .map((s) => {
        const r = full[tool]?.[s];
        if (!r) return null;
        if (r.medianMs != null) return { x: words[s], y: r.medianMs, dnf: false };
        // Only the first size a tool did not finish; after that it was not run.
        if (r.status === 'timeout') return { x: words[s], y: budgets[s], dnf: true };
        if (r.status === 'projected') return { x: words[s], y: budgets[s], dnf: true };
        return null;
      })
      .filter(Boolean),
  }));
  const xs = sizes.map((s) => words[s]);
  const ys = [...series.flatMap((s) => s.points.map((p) => p.y)), ...sizes.map((s) => budgets[s])];
  const x0 = Math.log10(Math.min(...xs)) - 0.12;
  const x1 = Math.log10(Math.max(...xs)) + 0.12;
  const y0 = Math.log10(Math.max(0.1, Math.min(...ys))) - 0.2;
  const y1 = Math.log10(Math.max(...ys)) + 0.2;
  const X = (v) => m.left + ((Math.log10(v) - x0) / (x1 - x0)) * pw;
  const Y = (v) => m.top + ph - ((Math.log10(v) - y0) / (y1 - y0)) * ph;

  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${m.left + pw / 2}" y="26" text-anchor="middle" font-size="16" font-weight="bold">Full-lint time against document size</text>`);
  out.push(`<text x="${m.left + pw / 2}" y="44" text-anchor="middle" fill="#555">median of the measured runs; both axes logarithmic</text>`);

  // Grid and ticks.
  out.push('<g stroke="#e3e3e3" stroke-width="1">');
  for (let d = Math.floor(y0); d <= y1; d++) {
    for (const k of [1, 2, 5]) {
      const v = k * 10 ** d;
      if (Math.log10(v) > y1 || Math.log10(v) < y0) continue;
      out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${Y(v).toFixed(1)}" y2="${Y(v).toFixed(1)}"${k === 1 ? '' : ' stroke="#f2f2f2"'}/>`);
    }
  }
  for (const v of xs) out.push(`<line x1="${X(v).toFixed(1)}" x2="${X(v).toFixed(1)}" y1="${m.top}" y2="${m.top + ph}"/>`);
  out.push('</g>');
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  for (let d = Math.ceil(y0); d <= y1; d++) {
    const v = 10 ** d;
    out.push(`<text x="${m.left - 8}" y="${(Y(v) + 4).toFixed(1)}" text-anchor="end">${esc(fmtTime(+v.toPrecision(1)))}</text>`);
  }
  sizes.forEach((s) => {
    out.push(`<text x="${X(words[s]).toFixed(1)}" y="${m.top + ph + 18}" text-anchor="middle">${esc(fmtWords(Number(words[s].toPrecision(1))))}</text>`);
    out.push(`<text x="${X(words[s]).toFixed(1)}" y="${m.top + ph + 32}" text-anchor="middle" fill="#777" font-size="10">${words[s].toLocaleString('en-US')}</text>`);
  });
  out.push(`<text x="${m.left + pw / 2}" y="${H - 12}" text-anchor="middle" font-size="13">Document size (words)</text>`);
  out.push(`<text transform="translate(22 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="13">Full-lint time</text>`);

  // Budgets: where did-not-finish points sit.
  for (const s of sizes) {
    const b = budgets[s];
    if (Math.log10(b) > y1 || Math.log10(b) < y0) continue;
    out.push(`<line x1="${(X(words[s]) - 14).toFixed(1)}" x2="${(X(words[s]) + 14).toFixed(1)}" y1="${Y(b).toFixed(1)}" y2="${Y(b).toFixed(1)}" stroke="#b00" stroke-width="1" stroke-dasharray="3 2"/>`);
  }

  // Lines. Hollow did-not-finish markers at one budget are spread sideways a little so each stays visible.
  series.forEach((sr, i) => {
    for (const p of sr.points) if (p.dnf) p.dx = (i - (series.length - 1) / 2) * 5;
  });
  for (const { tool, points } of series) {
    const color = COLORS[tool] ?? '#000';
    const width = tool === 'psylint' ? 3 : 1.8;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1];
      const b = points[i];
      const dash = b.dnf || a.dnf ? '3 4' : DASH[tool];
      out.push(`<line x1="${(X(a.x) + (a.dx ?? 0)).toFixed(1)}" y1="${Y(a.y).toFixed(1)}" x2="${(X(b.x) + (b.dx ?? 0)).toFixed(1)}" y2="${Y(b.y).toFixed(1)}" stroke="${color}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}${b.dnf ? ' opacity="0.6"' : ''}/>`);
    }
    for (const p of points) {
      out.push(
        p.dnf
          ? `<circle cx="${(X(p.x) + p.dx).toFixed(1)}" cy="${Y(p.y).toFixed(1)}" r="4.5" fill="#fff" stroke="${color}" stroke-width="1.8"><title>${esc(labels[tool])}: did not finish</title></circle>`
          : `<circle cx="${X(p.x).toFixed(1)}" cy="${Y(p.y).toFixed(1)}" r="${tool === 'psylint' ? 4.5 : 3.5}" fill="${color}"><title>${esc(labels[tool])}: ${p.y.toFixed(1)} ms at ${p.x} words</title></circle>`,
      );
    }
  }

  // Legend.
  const lx = m.left + pw + 18;
  let ly = m.top + 8;
  out.push(`<text x="${lx}" y="${ly}" font-weight="bold">Tool</text>`);
  ly += 20;
  for (const { tool } of series) {
    const color = COLORS[tool] ?? '#000';
    out.push(`<line x1="${lx}" x2="${lx + 26}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="${tool === 'psylint' ? 3 : 1.8}"${DASH[tool] ? ` stroke-dasharray="${DASH[tool]}"` : ''}/>`);
    out.push(`<circle cx="${lx + 13}" cy="${ly - 4}" r="3.5" fill="${color}"/>`);
    out.push(`<text x="${lx + 34}" y="${ly}">${esc(labels[tool])}</text>`);
    ly += 20;
  }
  ly += 8;
  out.push(`<circle cx="${lx + 13}" cy="${ly - 4}" r="4.5" fill="#fff" stroke="#444" stroke-width="1.8"/>`);
  out.push(`<text x="${lx + 34}" y="${ly}">did not finish (drawn</text>`);
  out.push(`<text x="${lx + 34}" y="${ly + 14}">at the budget)</text>`);
  ly += 34;
  out.push(`<line x1="${lx}" x2="${lx + 26}" y1="${ly - 4}" y2="${ly - 4}" stroke="#b00" stroke-dasharray="3 2"/>`);
  out.push(`<text x="${lx + 34}" y="${ly}">time budget per run</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
