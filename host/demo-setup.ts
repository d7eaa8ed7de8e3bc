/**
 * Runs the scripts a demo company file lists under `setup`, as the system user, after the
 * demo users exist: that is how an extension seeds its own demo data (the host does not
 * know what the data means). `${NAME}` in payload strings is replaced by the environment
 * variable NAME (empty when unset), so a demo can point at local services.
 */
import { HostError } from './errors';
import type { Host } from './host';

export interface DemoSetupCall {
    /** The namespace of an active extension. */
    namespace: string;
    /** A server script of that extension; it must be idempotent, as it runs at every start. */
    script: string;
    payload?: unknown;
}

/** `${NAME}` in every string of a JSON value replaced from `env`. */
export function substituteEnv(value: unknown, env: Record<string, string | undefined>): unknown {
    if (typeof value === 'string') return value.replace(/\$\{([A-Z0-9_]+)\}/g, (_m, name: string) => env[name] ?? '');
    if (Array.isArray(value)) return value.map((v) => substituteEnv(v, env));
    if (typeof value === 'object' && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env)]));
    }
    return value;
}

/**
 * Runs each call in order; the first failure stops the setup and is thrown.
 * @throws HostError NOT_FOUND when no active extension has the namespace.
 */
export async function runDemoSetup(host: Host, calls: readonly DemoSetupCall[], env: Record<string, string | undefined> = process.env): Promise<void> {
    for (const call of calls) {
        const extension = host.extensions.byNamespace(call.namespace);
        if (!extension) throw new HostError('NOT_FOUND', `No active extension with namespace ${call.namespace}`);
        await host.runner.run({ extension, script: call.script, userId: null, data: { payload: substituteEnv(call.payload ?? null, env) } });
    }
    await host.idle();
}
