/**
 * `System.extensions`: a script calls a method another installed extension exports
 * (manifest `exports`). The method runs in its own extension with the calling script's user
 * — or, when the caller asks for it or has no user, the calling extension's service user —
 * so the callee checks the rights of whoever really acts; no call is ever made as an
 * administrator on anyone's behalf. Params and answers cross as JSON copies.
 */
import { HostError } from '../errors';
import type { Store } from '../store/store';
import type { LoadedExtension } from './extension-bundle';
import type { ScriptCall } from './script-runner';
import { serviceUserId } from './service-users';

export interface CallOptions {
    /** `caller` (default): the calling script's user, else the service user; `service`: always the service user. */
    as?: 'caller' | 'service';
}

export interface ExtensionCallServices {
    store: Store;
    /** The active extension with this namespace. */
    byNamespace(namespace: string): LoadedExtension | undefined;
    run(call: ScriptCall, args: unknown[]): Promise<unknown>;
}

const copy = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/** The `System.extensions` of one script call. */
export function extensionsApi(services: ExtensionCallServices, caller: ScriptCall) {
    const installed = (namespace: string) => {
        const ext = services.byNamespace(namespace);
        return ext ? { namespace, id: ext.id, name: ext.manifest.name, version: ext.manifest.version, methods: ext.manifest.exports.map((x) => x.code) } : undefined;
    };
    return {
        installed: async (namespace: string) => installed(namespace),
        call: async (namespace: string, method: string, params?: unknown, options: CallOptions = {}) => {
            const target = services.byNamespace(namespace);
            const exported = target?.manifest.exports.find((x) => x.code === method);
            if (!target || !exported) throw new HostError('NOT_FOUND', `No method ${method} exported by ${namespace}`);
            const service = await serviceUserId(services.store, caller.extension);
            const userId = options.as === 'service' ? service : caller.userId ?? service;
            if (!userId) {
                throw new HostError('UNAUTHORIZED', `${caller.extension.id} calls ${namespace}.${method} with no user: call it from a user's script, or declare serviceUser`);
            }
            const data = { params: copy(params ?? {}), caller: { namespace: caller.extension.manifest.namespace } };
            const answer = await services.run({ extension: target, script: exported.script, userId, data }, [data.params]);
            return copy(answer);
        },
    };
}
