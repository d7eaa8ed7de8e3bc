/**
 * Globals of server scripts: API methods, event handlers, scheduled scripts, timers and
 * widget server methods. Each call gets its own `Context`; concurrent calls never share one.
 */
import type { Fetch } from './fetch';
import type { ApiErrorConstructor, HttpResponseConstructor } from './http';
import type { NamespaceApi, ScriptContext } from './script';
import type { SystemApi } from './system';
import type { DurationConstructor, TDateConstructor, TDatetimeConstructor } from './types';

declare global {
    /** The current call's context. */
    const Context: ScriptContext;
    /** The extension's namespace: its apps and storage. */
    const Namespace: NamespaceApi;
    /** Users, groups, realtime push, notifications, timers and events. */
    const System: SystemApi;
    /** Builds moments in time. */
    const TDatetime: TDatetimeConstructor;
    /** Builds calendar dates. */
    const TDate: TDateConstructor;
    /** Builds durations. */
    const Duration: DurationConstructor;
    /** Builds HTTP answers for API methods and routes. */
    const HttpResponse: HttpResponseConstructor;
    /** An error answered to the caller with its own code and status. */
    const ApiError: ApiErrorConstructor;
    /** Outbound HTTP. */
    const fetch: Fetch;
}
