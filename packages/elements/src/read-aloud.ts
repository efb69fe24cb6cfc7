// Read-aloud for kiosk mode: the question on screen, its hint and any error, spoken in the page's
// language. Part of the kiosk chunk (kiosk.ts), loaded only in kiosk mode.
import { type FieldDefinition, type Procedure, type SessionSnapshot, localize } from '@motcua/core';
import { stringsFor } from './strings.js';

/** A voice a {@link SpeechEngine} can speak with: a BCP 47 language tag and a name. */
export interface SpeechVoice {
  readonly lang: string;
  readonly name: string;
  /** Whether the voice runs on the device (works offline), as Web Speech reports it. */
  readonly localService?: boolean;
}

/**
 * What read-aloud speaks through. By default the browser's `speechSynthesis` (Web Speech API);
 * a host may give its own (a kiosk's local text-to-speech service), and tests give a recorder.
 *
 * @example
 * element.speech = {
 *   voices: () => [{ lang: 'vi-VN', name: 'Kiosk TTS' }],
 *   onVoicesChanged: () => () => {},
 *   speak: (text, voice) => tts.say(text, voice.lang),
 *   cancel: () => tts.stop(),
 * };
 */
export interface SpeechEngine {
  /** The voices there are now; may be empty until the engine has loaded them. */
  voices(): readonly SpeechVoice[];
  /** Calls `listener` when the voices change (they arrive late); returns how to stop. */
  onVoicesChanged(listener: () => void): () => void;
  /** Queues `text` to be spoken after what is queued already. */
  speak(text: string, voice: SpeechVoice): void;
  /** Stops speaking and empties the queue. */
  cancel(): void;
}

/**
 * The browser's speech synthesis as a {@link SpeechEngine}. Chromium fills `getVoices()` only
 * after `voiceschanged` (an empty list at first is no proof there is no voice), so the engine
 * is asked again on that event.
 */
export function webSpeech(synthesis: SpeechSynthesis): SpeechEngine {
  return {
    voices: () => synthesis.getVoices(),
    onVoicesChanged(listener) {
      synthesis.addEventListener('voiceschanged', listener);
      return () => synthesis.removeEventListener('voiceschanged', listener);
    },
    speak(text, voice) {
      const utterance = new SpeechSynthesisUtterance(text);
      // Chromium throws on a voice that is not a SpeechSynthesisVoice; the language alone still
      // picks one.
      if (voice instanceof SpeechSynthesisVoice) utterance.voice = voice;
      utterance.lang = voice.lang;
      // A little slower than the default, for citizens listening to an unfamiliar form.
      utterance.rate = 0.9;
      synthesis.speak(utterance);
    },
    cancel: () => synthesis.cancel(),
  };
}

/** Languages read-aloud looks for, best first: Vietnamese pages in vi-VN, English in en-US/en-GB. */
const WANTED: Record<string, readonly string[]> = {
  vi: ['vi-vn', 'vi'],
  en: ['en-us', 'en-gb', 'en'],
};

/**
 * The voice to read a page in `locale` with: one whose language matches (an exact region first,
 * then any region of the language), a voice on the device before a network one (a kiosk's
 * connection may drop); `undefined` when there is none, and then the page offers no read-aloud,
 * since an English voice reading Vietnamese is unintelligible.
 *
 * @example
 * voiceFor([{ lang: 'en-US', name: 'A' }, { lang: 'vi_VN', name: 'B' }], 'vi'); // B
 */
export function voiceFor(voices: readonly SpeechVoice[], locale: string): SpeechVoice | undefined {
  const wanted = WANTED[locale] ?? WANTED.vi!;
  const language = wanted[wanted.length - 1]!;
  let best: SpeechVoice | undefined;
  let bestScore = -1;
  for (const voice of voices) {
    // Android reports `vi_VN`.
    const tag = voice.lang.replace(/_/g, '-').toLowerCase();
    if (tag !== language && !tag.startsWith(`${language}-`)) continue;
    const rank = wanted.indexOf(tag);
    const score = (rank === -1 ? 0 : (wanted.length - rank) * 2) + (voice.localService ? 1 : 0);
    if (score > bestScore) {
      best = voice;
      bestScore = score;
    }
  }
  return best;
}

/** Option lists longer than this (a select of 54 ethnic groups) are not read out. */
const MAX_OPTIONS_READ = 8;

/**
 * What "Nghe" reads on a question page, in the order the page shows it: the problems to fix
 * (or the things to check), the step's title and description when it asks several questions,
 * then each question with its hint, its example and, for a short list of choices, the choices
 * (a citizen who cannot read them cannot pick one otherwise).
 */
export function pageSpeech(procedure: Procedure, snapshot: SessionSnapshot): string[] {
  const step = snapshot.step;
  if (snapshot.status !== 'filling' || !step) return [];
  const locale = snapshot.locale;
  const strings = stringsFor(locale);
  const text = (value: Parameters<typeof localize>[0]) => localize(value, locale);
  const parts: string[] = [];
  const problems = snapshot.errors.length > 0 ? snapshot.errors : snapshot.warnings;
  if (problems.length > 0) {
    parts.push(
      snapshot.errors.length > 0 ? strings.errorSummaryTitle : strings.warningSummaryTitle,
      ...problems.map((problem) => problem.message),
    );
  }
  const fields = procedure.visibleFields(step.id, snapshot.answers);
  if (fields.length !== 1 || fields[0]!.type === 'group') parts.push(text(step.title));
  if (step.description) parts.push(text(step.description));
  const question = (field: FieldDefinition) => {
    parts.push(text(field.label));
    if (field.hint) parts.push(text(field.hint));
    if (field.example) parts.push(`${strings.example}: ${text(field.example)}`);
    const options = procedure.offeredOptions(field.id, snapshot.answers);
    if (field.type !== 'select' && options.length > 0 && options.length <= MAX_OPTIONS_READ) {
      parts.push(...options.map((option) => text(option.label)));
    }
  };
  for (const field of fields) question(field);
  return parts.filter((part) => part.trim() !== '');
}
