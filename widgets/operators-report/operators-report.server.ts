/** Server methods of the operators-report widget. */
import { reportRpc } from '../shared/report/report.server';

export const { load } = reportRpc('operators');
