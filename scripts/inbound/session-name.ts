/**
 * Names a new session from the live chat's naming template (SPEC §3.2). Variables:
 * client_name, channel_name, line_name, external_chat_name, date (yyyy-MM-dd), time (HH:mm),
 * in the live chat's time zone.
 */
import type { Channel, Client, Line } from '../shared/apps';
import defaultName from '../../templates/sessions/name.hbs';
import { renderText } from '../shared/render-template';

/** The names a template may mention; the setup page's preview passes sample ones. */
export interface NameParts {
    client_name: string;
    channel_name: string;
    line_name: string;
    external_chat_name: string;
}

/** The name a template gives, rendered now in `zone`; an empty or broken template gives the default. */
export function nameFromTemplate(template: string | null, zone: string | null, parts: NameParts): string {
    const now = new TDatetime();
    const variables = { ...parts, date: now.format('yyyy-MM-dd', zone || 'UTC'), time: now.format('HH:mm', zone || 'UTC') };
    return renderText(template || defaultName, variables, parts.client_name).slice(0, 200);
}

export function sessionName(line: Line, channel: Channel, client: Client, externalChatName: string | null): string {
    return nameFromTemplate(line.data.naming_template, line.data.time_zone, {
        client_name: client.data.__name,
        channel_name: channel.data.__name,
        line_name: line.data.__name,
        external_chat_name: externalChatName ?? '',
    });
}
