/**
 * Type tests of the SDK's server additions: `fetch` with `timeout`, `System.transaction`,
 * timers with a serial key, signed file links, outgoing mail, and comparing a multi-value
 * reference field with one id.
 */
import { expectTypeOf } from 'expect-type';
import type { App, FetchResponse, TApplication } from '@brix/sdk';

interface TaggedData {
    tags: TApplication<object>[] | null;
}
declare const tagged: App<TaggedData>;

export async function typeChecks(): Promise<void> {
    const res = await fetch('http://127.0.0.1/x', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' }, timeout: 100 });
    expectTypeOf(res).toEqualTypeOf<FetchResponse>();
    expectTypeOf(res.status).toEqualTypeOf<number>();
    // @ts-expect-error the body is text, not an object
    await fetch('http://127.0.0.1/x', { body: { a: 1 } });

    expectTypeOf(await System.transaction(async () => 42)).toEqualTypeOf<number>();

    await System.timers.set('send:1', new Date(), 'send', { chat: '1' }, { serialKey: 'chat:1' });
    // @ts-expect-error a serial key is text
    await System.timers.set('send:1', new Date(), 'send', null, { serialKey: 1 });
    expectTypeOf(await System.files.signedUrl('file-id', 3600)).toEqualTypeOf<string>();

    expectTypeOf(await System.mail.configured()).toEqualTypeOf<boolean>();
    await System.mail.send({ to: ['ann@example.com'], subject: 'Overdue', text: 'Order 42 is overdue', messageId: '<order-42@example.com>' });
    // @ts-expect-error recipients are a list of addresses
    await System.mail.send({ to: 'ann@example.com', subject: 'Overdue', text: '' });

    tagged.search().where((f) => f.tags.eq('item-id'));
    // @ts-expect-error a multi-value field is compared with one value, not a number
    tagged.search().where((f) => f.tags.eq(5));
}
