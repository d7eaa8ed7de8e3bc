/**
 * Ways a page asks for the user's attention beyond a notice: a count in front of the tab's
 * title (seen from other tabs) and a short tone.
 */
let badge = 0;
let title = 'BRIX';

function draw(): void {
    document.title = `${badge > 0 ? `(${badge}) ` : ''}${title}`;
}

/** Sets the tab title; the badge stays in front of it. */
export function setDocumentTitle(text: string): void {
    title = text;
    draw();
}

export function setBadge(count: number): void {
    badge = Math.max(0, Math.floor(count) || 0);
    draw();
}

let audio: AudioContext | undefined;

/** A 180 ms sine tone; browsers that block audio before a user gesture simply stay silent. */
export function playSound(): void {
    try {
        audio ??= new AudioContext();
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.frequency.value = 880;
        gain.gain.setValueAtTime(0.08, audio.currentTime);
        gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.18);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start();
        oscillator.stop(audio.currentTime + 0.18);
    } catch {
        // No audio device or blocked: the badge and the notice still show.
    }
}
