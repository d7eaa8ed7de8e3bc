/**
 * Routes a new or resumed session (SPEC §3.4): gathers facts and the operators' load,
 * lets the pure router decide, then applies the rule's actions and the outcome.
 * Spam sessions are never routed.
 */
import type { TJSON } from '@brix/sdk';
import { sendAutomaticReply } from '../messages/automatic-reply';
import type { Channel, Client, Line, Session } from '../shared/apps';
import automaticReply from '../../templates/messages/automatic-reply.hbs';
import queuePositionText from '../../templates/messages/queue-position.hbs';
import { emitEvent } from '../shared/publish';
import { renderText } from '../shared/render-template';
import { startSla } from '../sla/session-clocks';
import { enumOf } from '../shared/values';
import { assignTo, enqueue } from '../sessions/assign';
import { decide, type Decision } from './decide';
import { sessionFacts } from './facts';
import { usableRules, type RuleAction } from './rules';
import { routingSnapshot } from './snapshot';

function applyAttributes(session: Session, actions: readonly RuleAction[]): void {
    for (const action of actions) {
        if (action.kind === 'set_priority') session.data.priority = enumOf(action.value);
        if (action.kind === 'set_property') {
            const current = session.data.custom_properties;
            const props = typeof current === 'object' && current !== null && !Array.isArray(current) ? current : {};
            session.data.custom_properties = { ...props, [action.key]: action.value } as TJSON;
        }
    }
}

async function queuePosition(session: Session, line: Line): Promise<number> {
    const since = session.data.waiting_since ?? new TDatetime();
    return Namespace.app.sessions.search()
        .where((f, g) => g.and(f.line.eq(line.id), f.state.eq('waiting'), f.waiting_since.lte(since))).count();
}

export async function routeSession(session: Session, line: Line, client: Client | undefined, channel: Channel | undefined): Promise<Decision | undefined> {
    if (session.data.state.code === 'marked_as_spam') return undefined;
    const facts = await sessionFacts(session, line, client, channel);
    const snapshot = await routingSnapshot(line, facts, session.data.last_operator?.id ?? null);
    const decision = decide(usableRules(line.data.routing_rules), snapshot);
    applyAttributes(session, decision.actions);
    session.data.routing_rule = decision.rule;
    // Stored by the outcome's save below.
    await startSla(session, decision.sla ?? null);
    const { outcome } = decision;
    if (outcome.kind === 'assign') await assignTo(session, line, outcome.operatorId, null);
    else if (outcome.kind === 'queue') await enqueue(session, line, outcome.group, outcome.waitFor);
    else {
        session.data.state = enumOf('assigned_to_bot');
        await session.save();
    }
    const variables = {
        client_name: client?.data.__name ?? '', session_name: session.data.__name, line_name: line.data.__name,
        channel_name: channel?.data.__name ?? '', date: new TDatetime().format('yyyy-MM-dd HH:mm', line.data.time_zone || 'UTC'),
    };
    for (const action of decision.actions) {
        if (action.kind === 'auto_reply' && facts.first_session === true) {
            await sendAutomaticReply(session, line, renderText(action.template || automaticReply, variables, automaticReply));
        }
    }
    for (const action of decision.actions) {
        if (action.kind === 'start_automation') {
            await emitEvent('automation_started', {
                automation: action.automation, params: action.params ?? {}, session: session.id, line: line.id,
                client: client?.id ?? null, channel: channel?.id ?? null, rule: decision.rule,
            });
        }
    }
    if (outcome.kind === 'queue' && line.data.tell_queue_position) {
        await sendAutomaticReply(session, line, renderText(queuePositionText, { position: await queuePosition(session, line) }));
    }
    return decision;
}
