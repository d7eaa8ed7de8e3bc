/**
 * An SVG bar chart of the figures that have a target: each bar is the figure as a share of
 * its target (1 = exactly on target), green when met, red when missed. Written by hand so
 * the bench needs no charting dependency.
 */
import { met, type Figure } from './result';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function chart(figures: readonly Figure[], title: string): string {
    const rows = figures.filter((f) => f.target);
    const width = 900;
    const labelWidth = 430;
    const barMax = width - labelWidth - 120;
    const rowHeight = 26;
    // "Goodness" against the target, capped so one runaway figure does not flatten the rest.
    const share = (f: Figure) => {
        const t = f.target!;
        const v = t.op === '>=' ? f.value / t.value : t.value / f.value;
        return Number.isFinite(v) ? Math.min(v, 2) : 0;
    };
    const bars = rows.map((f, i) => {
        const y = 40 + i * rowHeight;
        const w = Math.max(1, (share(f) / 2) * barMax);
        const colour = met(f) ? '#2e7d32' : '#c62828';
        return `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${esc(f.measure)}</text>`
            + `<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 8}" fill="${colour}"/>`
            + `<text x="${labelWidth + w + 6}" y="${y + 15}">${f.value.toFixed(f.value < 10 ? 2 : 0)} ${esc(f.unit)} ${esc(`(${f.target!.op} ${f.target!.value})`)}</text>`;
    });
    const height = 60 + rows.length * rowHeight;
    const goal = labelWidth + barMax / 2;
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`
        + `<rect width="100%" height="100%" fill="white"/><text x="10" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`
        + `${bars.join('')}<line x1="${goal}" y1="34" x2="${goal}" y2="${height - 10}" stroke="#333" stroke-dasharray="4 3"/>`
        + `<text x="${goal + 4}" y="${height - 2}" font-size="10">target</text></svg>\n`;
}
