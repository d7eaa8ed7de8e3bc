/**
 * The operators-report widget: the shared report view for operators.
 */
import { reportWidget } from '../shared/report/report-client';

export const { onInit, apply } = reportWidget('operators');
