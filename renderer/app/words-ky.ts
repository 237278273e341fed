/** The app's Kyrgyz words (locales/ky, without the center's and the trainer's): one chunk, loaded when shown (issue 19). */
export default import.meta.glob<Record<string, unknown>>(['../../locales/ky/*.json', '!../../locales/ky/center.json', '!../../locales/ky/trainer.json'], { eager: true, import: 'default' });
