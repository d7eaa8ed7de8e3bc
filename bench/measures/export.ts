/**
 * Export of the Sessions app over HTTP as an administrator downloads it: the time to the
 * last byte of an XLSX and a CSV of every session, and the host process's peak resident
 * memory meanwhile (Linux's high-water mark, reset before each download).
 */
import fs from 'node:fs';
import type { Child } from '../child';
import type { Figure } from '../result';

export interface ExportTargets {
    seconds: number;
    rssMb: number;
}

/** Resets the process's peak RSS; false where the kernel does not offer it. */
function resetPeak(pid: number): boolean {
    try {
        fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
    } catch {
        return false;
    }
}

const peakMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function download(url: string, cookie: string, pid: number): Promise<{ seconds: number; bytes: number; rows: number; peak: number }> {
    const exact = resetPeak(pid);
    let sampled = rssMb(pid);
    const sampler = setInterval(() => (sampled = Math.max(sampled, rssMb(pid))), 20);
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    return { seconds, bytes, rows: Number(res.headers.get('x-total-count')), peak: exact ? peakMb(pid) : sampled };
}

/** Downloads both formats from the export host (a child process serving the seeded folder). */
export async function measureExport(host: Child, url: string, cookie: string, targets: ExportTargets): Promise<Figure[]> {
    const figures: Figure[] = [];
    const base = `${url}/api/apps/live_chats/sessions/export`;
    // A small export first, so the measured ones do not pay for loading the code.
    await download(`${base}?format=xlsx&filtered=1&f.state=waiting`, cookie, host.pid);
    for (const format of ['xlsx', 'csv'] as const) {
        const r = await download(`${base}?format=${format}&names=1&system=1`, cookie, host.pid);
        const n = r.rows.toLocaleString('en');
        console.log(`  ${format}: ${n} sessions, ${(r.bytes / 1e6).toFixed(1)} MB in ${r.seconds.toFixed(1)} s, peak RSS ${r.peak.toFixed(0)} MB`);
        figures.push(
            { part: 'export', measure: `${format} export of ${n} sessions (names, system information)`, value: r.seconds, unit: 's', target: { op: '<=', value: targets.seconds } },
            { part: 'export', measure: `host peak RSS during the ${format} export`, value: r.peak, unit: 'MB', target: { op: '<=', value: targets.rssMb } },
        );
    }
    return figures;
}
