/**
 * The live-chat-report widget: the shared report view for live chats.
 */
import { reportWidget } from '../shared/report/report-client';

export const { onInit, apply } = reportWidget('lines');
