// A new assignment gets a desktop notification (when allowed) and a short two-tone chime made with
// Web Audio, so no sound file ships and nothing plays until the agent has interacted with the page.
let audio: AudioContext | null = null;

/** Called from a click (browsers allow permission prompts and audio only after a gesture). */
export function enableAlerts() {
  audio ??= new AudioContext();
  if ('Notification' in window && Notification.permission === 'default') void Notification.requestPermission();
}

function chime() {
  if (!audio) return;
  const start = audio.currentTime;
  for (const [i, freq] of [880, 1320].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.15, start + i * 0.15);
    gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.15 + 0.3);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + i * 0.15);
    osc.stop(start + i * 0.15 + 0.3);
  }
}

/** `tag` folds repeats of one subject into one desktop notification. */
export function alertAssignment(title: string, onClick: () => void, tag = 'walletdesk-assignment') {
  chime();
  if (!('Notification' in window) || Notification.permission !== 'granted' || document.hasFocus()) return;
  const n = new Notification(title, { tag });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}
