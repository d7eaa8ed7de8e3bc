/**
 * `@brix/sdk`: the contract between a BRIX extension and the platform that runs it.
 *
 * Types are exported from here. Globals come from `@brix/sdk/server` (server scripts)
 * or `@brix/sdk/widget` (widget client scripts), which a build includes per target.
 */
export * from './types';
export * from './items';
export * from './http';
export * from './fetch';
export * from './system';
export type { NamespaceApps, ContextData, ScriptContext, NamespaceApi, WorkspacePage } from './script';
export type { WidgetContextData, WidgetContext, ViewContext, WidgetServer, WidgetUI, Subscription, UploadedFile, WidgetCallError } from './widget-types';
