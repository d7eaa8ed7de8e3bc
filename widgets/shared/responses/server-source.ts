/**
 * The picker's way to the server from any widget: the extension's `templates_search` and
 * `template_render`, for the session being answered or (Messages workspace) the live chat.
 */
import type { RenderedResponse, ResponseHit, ResponseSource } from './response-picker';

export type ResponseTarget = { sessionId: string } | { lineId: string };

export function serverSource(target: ResponseTarget): ResponseSource {
    return {
        async search(q) {
            return (await Server.call<{ items: ResponseHit[] }>('templates_search', { ...target, q })).items;
        },
        async render(templateId, answers) {
            return Server.call<RenderedResponse>('template_render', { ...target, templateId, answers });
        },
    };
}
