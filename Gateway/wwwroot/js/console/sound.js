// The console's tones: one for a new offer or message, two for a red flag. Browsers only let a
// page make sound after the person has interacted with it, so the first click or key unlocks it.

let audio = null;

function unlock() {
  audio ??= new AudioContext();
  if (audio.state === 'suspended') audio.resume();
}

export function unlockSoundOnFirstGesture() {
  document.addEventListener('pointerdown', unlock, { once: true });
  document.addEventListener('keydown', unlock, { once: true });
}

export function beep(urgent = false) {
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (let i = 0; i < (urgent ? 2 : 1); i += 1) {
    const at = start + i * 0.3;
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = urgent ? 880 : 660;
    volume.gain.setValueAtTime(0.0001, at);
    volume.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
    volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.25);
    tone.connect(volume).connect(audio.destination);
    tone.start(at);
    tone.stop(at + 0.26);
  }
}
