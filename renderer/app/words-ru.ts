/** The app's Russian words (locales/ru, without the center's and the trainer's): one chunk, loaded when shown (issue 19). */
export default import.meta.glob<Record<string, unknown>>(['../../locales/ru/*.json', '!../../locales/ru/center.json', '!../../locales/ru/trainer.json'], { eager: true, import: 'default' });
