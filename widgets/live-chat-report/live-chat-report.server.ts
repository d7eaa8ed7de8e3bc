/** Server methods of the live-chat-report widget. */
import { reportRpc } from '../shared/report/report.server';

export const { load } = reportRpc('lines');
