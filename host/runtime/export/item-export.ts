/**
 * An app's items as a CSV or XLSX file that streams: rows are read a keyset page at a
 * time, written as they come, and the next page waits while the reader is behind, so
 * memory stays flat however many items there are.
 */
import { PassThrough, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Query, Row, Store } from '../../store/store';
import type { AppItems, InstalledApp } from '../app-items';
import { exportColumns, referencesOf, type Cell, type Column, type ExportOptions } from './columns';
import { keysetPages } from './keyset-pages';
import { ReferenceNames } from './reference-names';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportRequest {
    key: string;
    format: ExportFormat;
    options: ExportOptions;
    query: Pick<Query, 'where' | 'withDeleted'>;
    /** Told how many rows are written, after each page. */
    onProgress?: (rows: number) => void;
}

export interface ExportFile {
    /** How many items the file will hold, for a progress bar. */
    total: number;
    fileName: string;
    contentType: string;
    body: PassThrough;
}

/** Keys a `columns` field spreads into; more would make a sheet no one can read. */
const MAX_KEYS = 100;

const contentTypes: Record<ExportFormat, string> = {
    csv: 'text/csv; charset=utf-8',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Resolves once `stream` has room again (or is gone). */
function room(stream: Writable): Promise<void> {
    if (!stream.writableNeedDrain || stream.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
        const done = () => {
            stream.off('drain', done);
            stream.off('close', done);
            resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
    });
}

interface RowSink {
    write(cells: Cell[]): Promise<void>;
    end(): Promise<void>;
}

function csvSink(columns: Column[], out: PassThrough): RowSink {
    const csv = stringify({
        header: true, columns: columns.map((c) => c.header), bom: true,
        // A cell a spreadsheet would run as a formula (`=...`) is written as text.
        escape_formulas: true,
        cast: { date: (d) => d.toISOString(), boolean: (b) => (b ? 'true' : 'false') },
    });
    csv.pipe(out);
    return {
        async write(cells) {
            if (!csv.write(cells)) await room(csv);
        },
        async end() {
            csv.end();
            await new Promise<void>((resolve) => out.once('finish', resolve).once('close', resolve));
        },
    };
}

function xlsxSink(app: InstalledApp, columns: Column[], out: PassThrough): RowSink {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet(app.manifest.name.slice(0, 31).replace(/[[\]*?:/\\]/g, ' '));
    sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
    return {
        async write(cells) {
            sheet.addRow(cells).commit();
            await room(out);
        },
        async end() {
            sheet.commit();
            await workbook.commit();
        },
    };
}

export class ItemExport {
    constructor(private readonly store: Store, private readonly items: AppItems) {}

    /** Counts the items and starts writing the file; its body streams as it is read. */
    async start(request: ExportRequest): Promise<ExportFile> {
        const app = this.items.app(request.key);
        const total = await this.items.count(request.key, { ...request.query });
        const keys = await this.columnKeys(app, request);
        const columns = exportColumns(app, request.options, keys);
        // Room for a few pages, so writing and sending overlap instead of taking turns chunk by chunk.
        const body = new PassThrough({ highWaterMark: 256 * 1024 });
        const sink = request.format === 'csv' ? csvSink(columns, body) : xlsxSink(app, columns, body);
        this.write(app, request, columns, sink, body).catch((err: unknown) => body.destroy(err instanceof Error ? err : new Error(String(err))));
        const date = new Date().toISOString().slice(0, 10);
        return { total, fileName: `${app.manifest.code}-${date}.${request.format}`, contentType: contentTypes[request.format], body };
    }

    private async write(app: InstalledApp, request: ExportRequest, columns: Column[], sink: RowSink, body: PassThrough): Promise<void> {
        const names = new ReferenceNames(this.store, this.items, app);
        let written = 0;
        for await (const rows of keysetPages(this.items, request.key, request.query)) {
            if (body.destroyed) return;
            await names.load(referencesOf(app, request.options, rows));
            for (const row of rows) await sink.write(columns.map((c) => c.cell(row, names)));
            written += rows.length;
            request.onProgress?.(written);
        }
        await sink.end();
    }

    /** The keys of each `columns` field over the rows to export, read ahead of the header. */
    private async columnKeys(app: InstalledApp, request: ExportRequest): Promise<Map<string, string[]>> {
        const fields = app.manifest.fields.filter((f) => f.export === 'columns' && !f.secret);
        const keys = new Map<string, Set<string>>(fields.map((f) => [f.code, new Set()]));
        if (!fields.length) return new Map();
        const collect = (row: Row) => {
            for (const f of fields) {
                const value = row[f.code];
                if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
                const found = keys.get(f.code)!;
                for (const k of Object.keys(value)) if (found.size < MAX_KEYS) found.add(k);
            }
        };
        for await (const rows of keysetPages(this.items, request.key, request.query)) rows.forEach(collect);
        return new Map([...keys].map(([code, set]) => [code, [...set].sort()]));
    }
}
