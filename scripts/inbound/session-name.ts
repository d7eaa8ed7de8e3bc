/**
 * Names a new session from the live chat's naming template (SPEC §3.2). Variables:
 * client_name, channel_name, line_name, external_chat_name, date (yyyy-MM-dd), time (HH:mm),
 * in the live chat's time zone.
 */
import type { Channel, Client, Line } from '../shared/apps';
import defaultName from '../../templates/sessions/name.hbs';
import { renderText } from '../shared/render-template';

export function sessionName(line: Line, channel: Channel, client: Client, externalChatName: string | null): string {
    const zone = line.data.time_zone || 'UTC';
    const now = new TDatetime();
    const variables = {
        client_name: client.data.__name,
        channel_name: channel.data.__name,
        line_name: line.data.__name,
        external_chat_name: externalChatName ?? '',
        date: now.format('yyyy-MM-dd', zone),
        time: now.format('HH:mm', zone),
    };
    const name = renderText(line.data.naming_template || defaultName, variables, client.data.__name);
    return name.slice(0, 200);
}
