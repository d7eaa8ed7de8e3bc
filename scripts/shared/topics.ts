/**
 * Realtime topics of the live chats: what a tab shows, named the same by the scripts that
 * publish and the widgets that subscribe. Dependency-free so widget bundles can import it.
 */

/** Tabs showing the live chat's counters and session lists (the desk). */
export const lineTopic = (lineId: string) => `live_chats.line:${lineId}`;

/** Tabs showing one session's thread (the desk's open session, Live Chat Messages). */
export const sessionTopic = (sessionId: string) => `live_chats.session:${sessionId}`;
