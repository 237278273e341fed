/**
 * The built-in protocol form of the 2017 Kyrgyz presidential election: the best-supported structure of
 * domain.md §2.4, PROVISIONAL. The real form (annex to CEC Regulation No. 320 of 3 Aug 2017) was not
 * found: line numbers are placeholders and the labels are natural legal phrasing, not quotes. Every
 * relation is [inferred] (Kyrgyz historical form + Russian statutory relations), none is stated in a
 * Kyrgyz source. Replace this by loading the official form as data (`checkFormDefinition`).
 *
 * Choices made here [UNCONFIRMED]:
 * - Spoiled ballots (G) are a line of their own, not added into F (domain.md: either is possible).
 * - The Russian lines "lost" / "not accounted at receipt" (N) are left out (presence in the Kyrgyz
 *   form unconfirmed); the ballot balance is therefore B = C + D + F + G.
 * - Cross-checks against the ballot ledger are warnings: the protocol's figures come from the count
 *   and the acts; the ledger only says what the laptop recorded during the day.
 */
import type { FormDefinition } from './form';

const X = (code: string) => `protocol:explanation.${code}`;

export const KG_2017_PRESIDENTIAL_FORM: FormDefinition = {
  id: 'kg-2017-presidential-pec',
  version: 1,
  provisional: true,
  // CIS protocols write each figure in digits and in words, state the two copies, the signing time
  // and mark a dissent at the member's signature [expert: forms-and-terms-review §4.1].
  paper: { figuresInWords: true, twoCopiesStatement: true, signingTime: true, dissentMarks: true },
  title: {
    ky: 'Кыргыз Республикасынын Президентин шайлоодо добуш берүүнүн жыйынтыктары жөнүндө участкалык шайлоо комиссиясынын протоколу',
    ru: 'Протокол участковой избирательной комиссии об итогах голосования на выборах Президента Кыргызской Республики',
    en: 'Protocol of the precinct election commission on the voting results, presidential election of the Kyrgyz Republic',
  },
  lines: [
    { key: 'A', number: 1, kind: 'count', source: 'list', label: { ky: 'Шайлоочулардын тизмесине киргизилген шайлоочулардын саны', ru: 'Число избирателей, внесенных в список избирателей на момент окончания голосования', en: 'Voters in the list at the end of voting' } },
    { key: 'B', number: 2, kind: 'count', source: 'received', label: { ky: 'УШК алган бюллетендердин саны', ru: 'Число бюллетеней, полученных участковой избирательной комиссией', en: 'Ballots received by the precinct commission' } },
    { key: 'C', number: 3, kind: 'count', source: 'desk', label: { ky: 'Добуш берүү үчүн жайда шайлоочуларга берилген бюллетендердин саны', ru: 'Число бюллетеней, выданных избирателям в помещении для голосования', en: 'Ballots issued in the polling room' } },
    { key: 'D', number: 4, kind: 'count', source: 'outside', label: { ky: 'Жайдан тышкары добуш бергендерге берилген бюллетендердин саны', ru: 'Число бюллетеней, выданных избирателям, проголосовавшим вне помещения для голосования', en: 'Ballots issued to voters voting outside the polling room' } },
    { key: 'E', number: 5, kind: 'count', source: 'took-part', label: { ky: 'Добуш берүүгө катышкан шайлоочулардын саны', ru: 'Число избирателей, принявших участие в голосовании', en: 'Voters who took part in the voting' } },
    { key: 'F', number: 6, kind: 'count', source: 'cancelled', label: { ky: 'Пайдаланылбай калган жана эсептен чыгарылган бюллетендердин саны', ru: 'Число погашенных неиспользованных бюллетеней', en: 'Unused ballots cancelled' } },
    { key: 'G', number: 7, kind: 'count', source: 'spoiled', label: { ky: 'Бузулган бюллетендердин саны', ru: 'Число испорченных бюллетеней', en: 'Spoiled ballots' } },
    { key: 'H', number: 8, kind: 'count', source: 'count', label: { ky: 'Көчмө ящиктердеги бюллетендердин саны', ru: 'Число бюллетеней в переносных ящиках для голосования', en: 'Ballots found in the mobile boxes' } },
    { key: 'I', number: 9, kind: 'count', source: 'count', label: { ky: 'Стационардык ящиктеги (АЭУдагы) бюллетендердин саны', ru: 'Число бюллетеней в стационарном ящике (АСУ)', en: 'Ballots found in the stationary box (ballot scanner)' } },
    { key: 'J', number: 10, kind: 'count', source: 'count', label: { ky: 'Жараксыз бюллетендердин саны', ru: 'Число недействительных бюллетеней', en: 'Invalid ballots' } },
    { key: 'K', number: 11, kind: 'count', source: 'count', label: { ky: 'Жарактуу бюллетендердин саны', ru: 'Число действительных бюллетеней', en: 'Valid ballots' } },
    { key: 'L', number: 12, kind: 'candidate', source: 'count', label: { ky: 'Ар бир талапкерге берилген добуштардын саны', ru: 'Число голосов избирателей, поданных за каждого кандидата', en: 'Votes for each candidate' } },
    { key: 'M', number: 13, kind: 'against-all', source: 'count', label: { ky: 'Баарына каршы', ru: 'Против всех', en: 'Against all' } },
  ],
  relations: [
    // Hard relations (domain.md §2.4, 1–5): block signing unless the chair overrides with a reason.
    { code: 'list-covers-issued', severity: 'error', left: ['A'], op: '>=', right: ['C', 'D'], explanation: X('list-covers-issued') },
    { code: 'ballot-balance', severity: 'error', left: ['B'], op: '=', right: ['C', 'D', 'F', 'G'], explanation: X('ballot-balance') },
    { code: 'boxes-equal-valid-invalid', severity: 'error', left: ['H', 'I'], op: '=', right: ['J', 'K'], explanation: X('boxes-equal-valid-invalid') },
    { code: 'valid-equals-votes', severity: 'error', left: ['K'], op: '=', right: [{ kind: 'candidate' }, { kind: 'against-all' }], explanation: X('valid-equals-votes') },
    { code: 'took-part-equals-issued', severity: 'error', left: ['E'], op: '=', right: ['C', 'D'], explanation: X('took-part-equals-issued') },
    // Soft checks: warnings the secretary acknowledges.
    { code: 'mobile-within-outside', severity: 'warning', left: ['H'], op: '<=', right: ['D'], explanation: X('mobile-within-outside') },
    { code: 'boxes-not-above-issued', severity: 'warning', left: ['H', 'I'], op: '<=', right: ['C', 'D'], explanation: X('boxes-not-above-issued') },
    { code: 'boxes-not-below-issued', severity: 'warning', left: ['H', 'I'], op: '>=', right: ['C', 'D'], explanation: X('boxes-not-below-issued') },
    { code: 'received-within-list-margin', severity: 'warning', left: ['B'], op: '<=', right: ['A'], ratio: { num: 1001, den: 1000 }, explanation: X('received-within-list-margin') },
    // Cross-checks against the ballot ledger (skipped when no ledger or the figure is unknown).
    { code: 'room-issued-matches-page-sums', severity: 'warning', left: ['C'], op: '=', right: [{ ledger: 'listPageSums' }], explanation: X('room-issued-matches-page-sums') },
    { code: 'room-issued-matches-desk', severity: 'warning', left: ['C'], op: '=', right: [{ ledger: 'issuedRoom' }], explanation: X('room-issued-matches-desk') },
    { code: 'outside-issued-matches-register', severity: 'warning', left: ['D'], op: '=', right: [{ ledger: 'issuedOutside' }], explanation: X('outside-issued-matches-register') },
    { code: 'mobile-within-register', severity: 'warning', left: ['H'], op: '<=', right: [{ ledger: 'issuedOutside' }], explanation: X('mobile-within-register') },
    // Item 77: line 8 is the sum of the mobile boxes opened on their own and counted before the count.
    { code: 'mobile-matches-boxes-counted', severity: 'warning', left: ['H'], op: '=', right: [{ ledger: 'mobileBoxes' }], explanation: X('mobile-matches-boxes-counted') },
    { code: 'received-matches-act', severity: 'warning', left: ['B'], op: '=', right: [{ ledger: 'received' }], explanation: X('received-matches-act') },
    { code: 'cancelled-matches-act', severity: 'warning', left: ['F'], op: '=', right: [{ ledger: 'cancelled' }], explanation: X('cancelled-matches-act') },
    { code: 'spoiled-matches-act', severity: 'warning', left: ['G'], op: '=', right: [{ ledger: 'spoiled' }], explanation: X('spoiled-matches-act') },
    { code: 'ledger-received-within-list', severity: 'warning', left: [{ ledger: 'received' }], op: '<=', right: [{ ledger: 'listSize' }], ratio: { num: 1001, den: 1000 }, lines: ['B', 'A'], explanation: X('ledger-received-within-list') },
  ],
};
