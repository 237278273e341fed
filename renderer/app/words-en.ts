/** The app's English words (locales/en, without the center's and the trainer's): one chunk, loaded when shown (issue 19). */
export default import.meta.glob<Record<string, unknown>>(['../../locales/en/*.json', '!../../locales/en/center.json', '!../../locales/en/trainer.json'], { eager: true, import: 'default' });
