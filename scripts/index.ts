/**
 * The server bundle's entry: every server script by the name the manifest uses, and the
 * server methods of each widget. The host looks scripts up here; nothing else is exported.
 */
import { bindAccount } from './accounts/bind';
import { searchAccounts } from './accounts/search';
import { automationCloseSession } from './automation/close-session';
import { automationPostNote } from './automation/post-note';
import { automationSendMessage } from './automation/send-message';
import { automationStartSession } from './automation/start-session';
import { checkBlocklistEntry } from './blocklist/check-entry';
import { lockClient, unlockClient } from './blocklist/lock-client';
import { reconnectChannel } from './channels/reconnect';
import { disconnectChannel } from './channels/disconnect';
import { onChannelCreated } from './channels/on-created';
import { getEmployeeThread, listInternalLines } from './channels/internal/thread';
import { editAsEmployee } from './channels/internal/edit';
import { writeAsEmployee } from './channels/internal/write';
import { deliverPendingReplies } from './channels/delivery-queue';
import { sendMessageOutcomes } from './channels/other/message-outcomes';
import { sendMessengerNotice } from './channels/other/messenger-notice';
import { otherMessengerWebhook } from './channels/other/webhook';
import { webchatSocket } from './channels/website/socket';
import { telegramWebhook } from './channels/telegram/webhook';
import { pollTelegram } from './channels/telegram/poll';
import { sendTelegramEdit } from './channels/telegram/edit';
import { mailboxStatus, receiveMail } from './channels/email/receive';
import { seedDemoLiveChats } from './demo/seed-support';
import { onExtensionInstalled } from './install/on-installed';
import { deskPages, messagesPages } from './desk/pages';
import { retryDelivery } from './desk/retry-delivery';
import { searchSessions } from './desk/search';
import { getSessionCard } from './desk/session-card';
import { getDeskState } from './desk/state';
import { getThread } from './desk/thread';
import { listLineOperators } from './operators/list';
import { getRoutingRules } from './routing/get-rules';
import { checkLine } from './lines/check-line';
import { onLineDeleted } from './lines/on-deleted';
import { getLineSetup, previewSessionName, saveLineSetup } from './lines/setup-api';
import { checkOperatorPresence } from './operators/presence';
import { getMyStatus, setMyStatus } from './operators/set-status';
import { recordClosedSession } from './reports/record-closed';
import { recountSpamSession } from './reports/recount-spam';
import { performanceReport } from './reports/performance';
import { renderTemplateFor, searchTemplates } from './responses/api';
import { checkTemplate } from './responses/check-template';
import { rebuildReportRollups } from './reports/rebuild';
import * as report from '../widgets/report/report.server';
import { onCapacityFreed, onLineSaved } from './routing/drain-queue';
import { setRoutingRules } from './routing/set-rules';
import { closeSession } from './sessions/close';
import { editMessage } from './sessions/edit-message';
import { getSession } from './sessions/get';
import { listSessions } from './sessions/list';
import { markSessionRead } from './sessions/mark-read';
import { markSessionAsSpam } from './sessions/mark-spam';
import { reassignSession } from './sessions/reassign';
import { renameSession } from './sessions/rename';
import { replyToSession } from './sessions/reply';
import { setSessionPriority } from './sessions/set-priority';
import { setCustomProperties } from './sessions/set-custom-properties';
import { startNewSession } from './sessions/start-new';
import { addSystemNote } from './sessions/system-note';
import { takeSession } from './sessions/take';
import { removeSessionFromSpam } from './sessions/unmark-spam';
import { getSettings, saveSettings } from './settings/api';
import { slaClockDue } from './sla/clock-due';
import { sendSlaMail } from './sla/mail';
import { slaViolationAction } from './sla/route-on-violation';
import { sessionTranscripts } from './transcripts/bulk';
import { sessionTranscript } from './transcripts/transcript';
import * as liveChatMessages from '../widgets/live-chat-messages/live-chat-messages.server';

type ScriptFunction = (...args: never[]) => Promise<unknown>;

export const scripts: Record<string, ScriptFunction> = {
    getSettings, saveSettings, setRoutingRules, getRoutingRules, getMyStatus, setMyStatus, listLineOperators,
    listSessions, getSession, takeSession, replyToSession, editMessage, markSessionRead, renameSession, setSessionPriority,
    reassignSession, closeSession, markSessionAsSpam, removeSessionFromSpam, startNewSession, addSystemNote,
    reconnectChannel, disconnectChannel, listInternalLines, writeAsEmployee, editAsEmployee, getEmployeeThread,
    otherMessengerWebhook, webchatSocket, telegramWebhook, pollTelegram, sendTelegramEdit, receiveMail, mailboxStatus, onChannelCreated, onCapacityFreed, onLineSaved, onLineDeleted, checkOperatorPresence,
    deliverPendingReplies, sendMessengerNotice, sendMessageOutcomes, seedDemoLiveChats, onExtensionInstalled,
    deskPages, messagesPages, getDeskState, getSessionCard, getThread, searchSessions, retryDelivery,
    recordClosedSession, recountSpamSession, performanceReport, rebuildReportRollups, slaClockDue, slaViolationAction, sendSlaMail,
    checkBlocklistEntry, lockClient, unlockClient,
    searchTemplates, renderTemplateFor, checkTemplate,
    automationPostNote, automationSendMessage, automationStartSession, automationCloseSession,
    checkLine, searchAccounts, bindAccount,
    sessionTranscript, sessionTranscripts,
    getLineSetup, saveLineSetup, previewSessionName, setCustomProperties,
};

export const widgets: Record<string, Record<string, ScriptFunction>> = {
    'live-chat-messages': liveChatMessages,
    report: { ...report },
};
