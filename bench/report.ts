/** Prints the figures as a table with targets and pass/miss, and writes them as JSON and SVG. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chart } from './chart';
import { met, type Figure } from './result';

const format = (v: number) => (!Number.isFinite(v) ? 'n/a' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

export function printTable(figures: readonly Figure[]): void {
    const rows = figures.map((f) => {
        const ok = met(f);
        return [f.part, f.measure, `${format(f.value)} ${f.unit}`, f.target ? `${f.target.op} ${f.target.value}` : '', ok === undefined ? '' : ok ? 'pass' : 'MISS'];
    });
    const head = ['part', 'measure', 'value', 'target', ''];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' │ ').trimEnd();
    console.log(`\n${line(head)}\n${widths.map((w) => '─'.repeat(w)).join('─┼─')}`);
    for (const r of rows) console.log(line(r));
}

export function writeResults(dir: string, figures: readonly Figure[], settings: object): void {
    fs.mkdirSync(dir, { recursive: true });
    const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
    const when = new Date().toISOString();
    const results = { when, machine, settings, figures: figures.map((f) => ({ ...f, met: met(f) ?? null })) };
    fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, 'latest.svg'), chart(figures, `Live Chats bench ${when.slice(0, 10)}, ${machine.cpus} cores: figures against targets`));
    console.log(`\nwritten: ${path.join(dir, 'latest.json')} and latest.svg`);
}
