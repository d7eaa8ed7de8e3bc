/**
 * An app's items as a CSV or XLSX file that streams: rows are read a keyset page at a
 * time, written as they come, and the next page waits while the reader is behind, so
 * memory stays flat however many items there are.
 */
import { PassThrough, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
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

/** A stream's side that says when it has room again: Node's streams and the readable-stream package alike. */
interface Drains {
    once(event: 'drain' | 'close', listener: () => void): unknown;
    off(event: 'drain' | 'close', listener: () => void): unknown;
}

/** Resolves at the stream's next `drain` (or once it is gone). */
function drained(stream: Drains): Promise<void> {
    return new Promise((resolve) => {
        const done = () => {
            stream.off('drain', done);
            stream.off('close', done);
            resolve();
        };
        stream.once('drain', done);
        stream.once('close', done);
    });
}

/** Resolves once `stream` has room again (or is gone). */
function room(stream: Writable): Promise<void> {
    return !stream.writableNeedDrain || stream.destroyed ? Promise.resolve() : drained(stream);
}

interface RowSink {
    /** Writes a page of rows, resolving when the body has room for the next. */
    write(rows: Cell[][]): Promise<void>;
    end(): Promise<void>;
}

/**
 * CSV a page at a time: one string and one write per page rather than one per row, so a
 * large export leaves a few hundred buffers behind for the collector instead of a hundred
 * thousand small ones (which is what made the process's memory climb).
 */
function csvSink(columns: Column[], out: PassThrough): RowSink {
    let first = true;
    const options = {
        // A cell a spreadsheet would run as a formula (`=...`) is written as text.
        escape_formulas: true,
        cast: { date: (d: Date) => d.toISOString(), boolean: (b: boolean) => (b ? 'true' : 'false') },
    };
    const write = async (rows: Cell[][]) => {
        const text = stringify(rows, { ...options, header: first, columns: columns.map((c) => c.header), bom: first });
        first = false;
        if (!out.write(text)) await room(out);
    };
    return {
        write,
        async end() {
            if (first) await write([]);
            out.end();
            await new Promise<void>((resolve) => out.once('finish', resolve).once('close', resolve));
        },
    };
}

/** Uncompressed sheet text that may wait for the zip before rows are held back. */
const ZIP_BACKLOG = 1024 * 1024;

/** A zip input's writable side, as Node's streams and the readable-stream package both keep it. */
interface ZipInput extends Drains {
    _writableState?: { length: number; needDrain: boolean };
}

/**
 * Waits while the zip is behind the sheet. exceljs's sheet stream hands its chunks to the
 * zip's input without looking at the answer, and deflating is slower than making rows, so
 * without this wait the whole uncompressed sheet (over 100 MB for 100,000 rows) piled
 * up in that input. The input is a readable-stream PassThrough, which has no public
 * `writableLength`; its state is read where both stream implementations keep it.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
    const inputs = (sheet as unknown as { stream?: { pipes?: ZipInput[] } }).stream?.pipes ?? [];
    for (const input of inputs) {
        const state = input._writableState;
        if (state && state.length > ZIP_BACKLOG && state.needDrain) await drained(input);
    }
}

function xlsxSink(app: InstalledApp, columns: Column[], out: PassThrough): RowSink {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet(app.manifest.name.slice(0, 31).replace(/[[\]*?:/\\]/g, ' '));
    sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
    return {
        async write(rows) {
            for (const cells of rows) sheet.addRow(cells).commit();
            await zipCaughtUp(sheet);
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
            await sink.write(rows.map((row) => columns.map((c) => c.cell(row, names))));
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
