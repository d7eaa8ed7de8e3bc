/**
 * Globals of widget client scripts (`<code>.client.ts`).
 */
import type { ViewContext as View, WidgetContext, WidgetServer, WidgetUI } from './widget-types';

declare global {
    /** The widget's context. */
    const Context: WidgetContext;
    /** The widget's view. */
    const ViewContext: View;
    /** The widget's server methods. */
    const Server: WidgetServer;
    /** The shell's services. */
    const UI: WidgetUI;
}
