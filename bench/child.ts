/**
 * The bench's helper processes (load client, fake messenger, browser tabs) run apart from
 * the server under test, so their work never shares its event loop. Each answers one
 * command at a time over the IPC channel of `fork`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface Child {
    /** Sends a command and resolves with the child's answer. */
    call<T>(command: object): Promise<T>;
    /** The child's process id, e.g. to read its CPU time from outside. */
    pid: number;
    stop(): Promise<void>;
}

/** Starts `bench/<name>.js` (compiled beside this file) as a child process. */
export function startChild(name: string): Child {
    const proc: ChildProcess = fork(path.join(__dirname, `${name}.js`), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let pending: { resolve(v: unknown): void; reject(e: Error): void } | undefined;
    proc.on('message', (m: { ok: boolean; value?: unknown; error?: string }) => {
        const p = pending;
        pending = undefined;
        if (m.ok) p?.resolve(m.value);
        else p?.reject(new Error(`${name}: ${m.error}`));
    });
    proc.on('exit', (code) => pending?.reject(new Error(`${name} exited with ${code}`)));
    return {
        pid: proc.pid!,
        call<T>(command: object) {
            if (pending) throw new Error(`${name} is busy`);
            return new Promise<T>((resolve, reject) => {
                pending = { resolve: resolve as (v: unknown) => void, reject };
                proc.send(command);
            });
        },
        async stop() {
            if (proc.exitCode !== null) return;
            const exited = new Promise((r) => proc.once('exit', r));
            proc.kill();
            await exited;
        },
    };
}

/** In the child: answers each command from the parent with `handle`'s result. */
export function serveParent(handle: (command: Record<string, unknown>) => Promise<unknown>): void {
    process.on('message', (command: Record<string, unknown>) => {
        handle(command).then(
            (value) => process.send!({ ok: true, value }),
            (error: Error) => process.send!({ ok: false, error: error.stack ?? String(error) }),
        );
    });
}
