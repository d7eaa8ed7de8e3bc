/**
 * The list page's export: the dialog's three options, then a download that streams. The
 * body is read chunk by chunk (nothing waits for the whole file before showing progress),
 * the bar counts rows from the host's `export.progress` pushes against `X-Total-Count`,
 * and the file is saved once complete.
 */
import { ApiFailure } from './api';
import type { AppInfo } from './app-info';
import { find } from './dom';
import { notify } from './notify';
import * as realtime from './realtime';

/** The export's address: the chosen options, and the list's filter when only filtered rows are wanted. */
export function exportUrl(app: AppInfo, form: FormData, search: URLSearchParams, progressId: string): string {
    const params = new URLSearchParams({ format: String(form.get('format') ?? 'xlsx'), progress: progressId });
    for (const option of ['system', 'filtered', 'names']) if (form.get(option)) params.set(option, '1');
    if (form.get('filtered')) {
        for (const [k, v] of search) if (k.startsWith('f.') || k === 'q' || k === 'deleted') params.append(k, v);
    }
    return `/api/apps/${encodeURIComponent(app.namespace)}/${encodeURIComponent(app.key.slice(app.namespace.length + 1))}/export?${params}`;
}

function fileName(response: Response, fallback: string): string {
    return /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
}

function save(blob: Blob, name: string): void {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

async function download(url: string, progressId: string, box: HTMLElement): Promise<void> {
    const bar = find<HTMLProgressElement>(box, '#export-bar');
    const count = find(box, '#export-count');
    let total = 0;
    const show = (rows: number) => {
        bar.max = Math.max(total, 1);
        bar.value = Math.min(rows, bar.max);
        count.textContent = `${rows.toLocaleString('en')} of ${total.toLocaleString('en')} rows`;
    };
    const pushes = realtime.onEvent('export.progress', (payload) => {
        const p = payload as { id?: string; rows?: number; total?: number };
        if (p.id !== progressId || typeof p.rows !== 'number') return;
        total = p.total ?? total;
        show(p.rows);
    });
    box.hidden = false;
    bar.removeAttribute('value');
    count.textContent = '';
    try {
        const response = await fetch(url, { credentials: 'same-origin' });
        if (!response.ok) {
            const body = await response.json().catch(() => undefined) as { error?: { code?: string; message?: string } } | undefined;
            throw new ApiFailure(response.status, body?.error?.code ?? `HTTP_${response.status}`, body?.error?.message ?? response.statusText);
        }
        total = Number(response.headers.get('x-total-count') ?? 0);
        show(0);
        const reader = response.body!.getReader();
        const chunks: BlobPart[] = [];
        for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            chunks.push(value as Uint8Array<ArrayBuffer>);
        }
        show(total);
        save(new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' }), fileName(response, 'export'));
        notify(`Exported ${total.toLocaleString('en')} rows`, 'success');
    } finally {
        pushes.dispose();
        box.hidden = true;
    }
}

export function mountExport(main: HTMLElement, app: AppInfo, search: URLSearchParams): void {
    const dialog = main.querySelector<HTMLDialogElement>('#export-dialog');
    if (!dialog) return;
    const form = find<HTMLFormElement>(dialog, '#export-form');
    const filtered = find<HTMLInputElement>(form, '#export-filtered');
    filtered.checked = [...search.keys()].some((k) => k.startsWith('f.') || k === 'q' || k === 'deleted');
    find(main, '#export-items').addEventListener('click', () => dialog.showModal());
    dialog.addEventListener('close', () => {
        if (dialog.returnValue !== 'export') return;
        const progressId = `x${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
        const button = find<HTMLButtonElement>(main, '#export-items');
        button.disabled = true;
        download(exportUrl(app, new FormData(form), search, progressId), progressId, find(main, '#export-progress'))
            .catch((e: Error) => notify(e.message, 'error'))
            .finally(() => (button.disabled = false));
    });
}
