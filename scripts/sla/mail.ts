/**
 * SLA e-mails go out from a durable timer, never from the transaction that decided to send
 * them: the addresses are fixed when queued; the send is retried with backoff, carries a
 * Message-ID made from its key (a repeat after a crash is recognisable), and once it is
 * accepted a marker keeps a rerun of the same timer from sending again. When every attempt
 * fails, the administrators are told.
 */
import type { Audience } from '@brix/sdk';
import { ADMINISTRATORS } from '../access/roles';
import { readSettings } from '../settings/global-settings';
import { renderText } from '../shared/render-template';
import actionFailed from '../../templates/notifications/sla-action-failed.hbs';

interface MailJob {
    key: string;
    to: string[];
    subject: string;
    text: string;
    attempt: number;
}

async function addressesOf(audience: Audience): Promise<string[]> {
    const users = [];
    if (audience.users?.length) users.push(...(await System.users.search().where((f) => f.__id.in([...(audience.users ?? [])])).size(1000).all()));
    for (const group of audience.groups ?? []) users.push(...(await System.users.search().where((f) => f.groupIds.eq(group)).size(1000).all()));
    return [...new Set(users.map((u) => u.data.email).filter((e): e is string => Boolean(e)))];
}

const sentKey = (key: string) => `sla-mail-sent:${key}`;

async function arm(job: MailJob, delayMs: number): Promise<void> {
    await System.timers.set(`sla-mail:${job.key}`, new TDatetime().add(new Duration(delayMs, 'milliseconds')), 'sendSlaMail', { ...job });
}

/** Queues an e-mail to the audience; nothing when nobody in it has an address. */
export async function queueMail(key: string, audience: Audience, subject: string, text: string): Promise<void> {
    const to = await addressesOf(audience);
    if (to.length === 0) return;
    await arm({ key, to, subject, text, attempt: 0 }, 0);
}

/** Tells the administrators that an SLA action could not be carried out. */
export async function tellAdministrators(problem: string, link?: string): Promise<void> {
    await System.notifications.send({ groups: [ADMINISTRATORS] }, { title: renderText(actionFailed, { problem }), text: problem, ...(link ? { link } : {}) });
}

/** The timer script that sends one queued SLA e-mail. */
export async function sendSlaMail(): Promise<void> {
    const job = Context.data.payload as unknown as MailJob;
    if (await Namespace.storage.getItem(sentKey(job.key))) return;
    try {
        await System.mail.send({ to: job.to, subject: job.subject, text: job.text, messageId: `<${job.key.replace(/[^A-Za-z0-9.-]/g, '.')}@live-chats.sla>` });
    } catch (error) {
        const settings = await readSettings();
        const attempt = job.attempt + 1;
        if (attempt >= settings.delivery_max_attempts) {
            await tellAdministrators(`the e-mail "${job.subject}" could not be sent: ${(error as Error).message}`);
            return;
        }
        await arm({ ...job, attempt }, Math.min(settings.delivery_retry_base_ms * 2 ** (attempt - 1), settings.delivery_retry_max_ms));
        return;
    }
    await Namespace.storage.setItem(sentKey(job.key), true);
}
