import { timeOrderedId } from './app-items';

describe('new item ids', () => {
    it('are version 7 UUIDs that sort by the time they were made', async () => {
        const first = timeOrderedId();
        await new Promise((r) => setTimeout(r, 2));
        const later = Array.from({ length: 1000 }, timeOrderedId);
        expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(later.every((id) => id > first)).toBe(true);
        expect(new Set(later).size).toBe(1000);
        expect(parseInt(first.replace('-', '').slice(0, 12), 16)).toBeLessThanOrEqual(Date.now());
    });
});
