/**
 * Postings and informing voters (items 40, 46, 68, 70, 84, 85) through the one door: decided by
 * `shared/posting/decide.ts` on the postings as stored and the protocol's signing, again inside the
 * recording transaction (two windows never record one posting twice), stamped with the command's
 * one clock reading; a double click records once.
 */
import {
  decideInforming, decidePosting,
  type InformInput, type PostingContext, type PostingInput, type PostingRefusal, type PostingState, type PostingWarning,
} from '../../shared/posting/decide';
import { canonicalJson } from '../../shared/util/canonical-json';
import { err, ok, type Result } from '../../shared/util/result';
import type { EventContext } from '../db/event-store';
import { protocolProjector } from '../db/projectors';
import type { PrecinctDatabase } from '../db/schema';
import type { CommandBus, Recorded } from './command';

export async function readPosting(database: PrecinctDatabase): Promise<PostingState> {
  const events = await database.events.where('type').anyOf(['DocumentPosted', 'VotersInformed']).toArray();
  const state: { posted: PostingState['posted'][number][]; informed: PostingState['informed'][number][] } = { posted: [], informed: [] };
  for (const e of events) {
    if (e.type === 'DocumentPosted') state.posted.push({ document: e.payload.document, place: e.payload.place });
    else if (e.type === 'VotersInformed') state.informed.push({ method: e.payload.method, where: e.payload.where });
  }
  return { ...state, protocolSigned: (await protocolProjector.read(database)).current !== null };
}

type Base = Omit<PostingContext, 'now'>;

export function recordPosting(bus: CommandBus, input: PostingInput, base: Base, context: EventContext): Promise<Result<Recorded<'DocumentPosted', PostingWarning>, PostingRefusal>> {
  return bus.execute(
    {
      type: 'DocumentPosted',
      reads: ['events', 'projections'],
      key: canonicalJson([context.actor, input.document, input.place.trim(), input.postedBy, input.copyNumber?.trim() ?? '']),
      async decide(database, now) {
        const r = decidePosting(await readPosting(database), input, { ...base, now });
        return r.ok ? ok(r.value) : err(r.error);
      },
    },
    context,
  );
}

export function recordInforming(bus: CommandBus, input: InformInput, base: Omit<Base, 'members'>, context: EventContext): Promise<Result<Recorded<'VotersInformed', PostingWarning>, PostingRefusal>> {
  return bus.execute(
    {
      type: 'VotersInformed',
      reads: ['events', 'projections'],
      key: canonicalJson([context.actor, input.method, input.where.trim()]),
      async decide(database, now) {
        const r = decideInforming(await readPosting(database), input, { ...base, now });
        return r.ok ? ok(r.value) : err(r.error);
      },
    },
    context,
  );
}
