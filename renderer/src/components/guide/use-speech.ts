import { useCallback, useEffect, useState } from 'react';
import type { LanguageCode } from '../../../../main/core/config/languages';
import { htmlLangFor } from '../../i18n';

/** The platform voice for a language, if the machine has one (speech-dispatcher, a system voice…). */
function voiceFor(language: LanguageCode): SpeechSynthesisVoice | null {
  if (typeof window.speechSynthesis === 'undefined') return null;
  const wanted = htmlLangFor(language).toLowerCase();
  return window.speechSynthesis.getVoices().find((voice) => voice.lang.toLowerCase().split(/[-_]/)[0] === wanted) ?? null;
}

/**
 * "Écouter": reads a text aloud with the platform's speech synthesis, in the
 * visitor's language. `available` is false where no voice exists for that
 * language: the button is then not shown at all.
 */
export function useSpeech(language: LanguageCode): { available: boolean; speaking: string | null; speak(id: string, text: string): void; stop(): void } {
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>(() => voiceFor(language));
  const [speaking, setSpeaking] = useState<string | null>(null);

  useEffect(() => {
    setVoice(voiceFor(language));
    if (typeof window.speechSynthesis === 'undefined') return;
    // Voices often arrive after the page: listen for them.
    const update = () => setVoice(voiceFor(language));
    window.speechSynthesis.addEventListener('voiceschanged', update);
    return () => window.speechSynthesis.removeEventListener('voiceschanged', update);
  }, [language]);

  // Nothing keeps talking once the guide is gone (another démarche, the next visitor).
  useEffect(() => () => window.speechSynthesis?.cancel(), []);

  const stop = useCallback(() => {
    window.speechSynthesis?.cancel();
    setSpeaking(null);
  }, []);

  const speak = useCallback(
    (id: string, text: string) => {
      if (voice === null) return;
      window.speechSynthesis.cancel();
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = voice.lang;
      try {
        utterance.voice = voice;
      } catch {
        // Not a voice object this engine accepts: the language alone chooses one.
      }
      utterance.rate = 0.9; // a little slower than the default, for everyone
      utterance.onend = () => setSpeaking((current) => (current === id ? null : current));
      utterance.onerror = utterance.onend;
      setSpeaking(id);
      window.speechSynthesis.speak(utterance);
    },
    [voice],
  );

  return { available: voice !== null, speaking, speak, stop };
}
