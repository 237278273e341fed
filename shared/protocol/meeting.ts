/**
 * The final meeting (items 81–82): complaints received on voting day and at the count, with the
 * commission's decisions, and members' dissenting opinions. Both are attached to the protocol; a
 * complaint still undecided holds the signing back (it is decided before the protocol is signed).
 */
import type { ComplaintDecision, ProtocolPayload } from './events';

export interface Complaint {
  id: string;
  receivedAt: string;
  author: string;
  content: string;
  /** Who recorded it (the event's actor), when known. */
  recordedBy: string | null;
  decision: { decision: ComplaintDecision; text: string; decidedAt: string } | null;
}

export interface Dissent {
  memberId: string;
  text: string;
  at: string;
}

export interface MeetingState {
  complaints: Complaint[];
  dissents: Dissent[];
}

export const EMPTY_MEETING: MeetingState = { complaints: [], dissents: [] };

export type MeetingFact =
  | { type: 'ComplaintRecorded'; payload: ProtocolPayload<'ComplaintRecorded'>; actor?: string | null }
  | { type: 'ComplaintDecided'; payload: ProtocolPayload<'ComplaintDecided'>; actor?: string | null }
  | { type: 'DissentRecorded'; payload: ProtocolPayload<'DissentRecorded'>; actor?: string | null };

export const MEETING_FACT_TYPES = ['ComplaintRecorded', 'ComplaintDecided', 'DissentRecorded'] as const satisfies readonly MeetingFact['type'][];

export function foldMeeting(state: MeetingState, fact: MeetingFact): MeetingState {
  switch (fact.type) {
    case 'ComplaintRecorded': {
      const p = fact.payload;
      // A complaint is recorded once; a replayed event changes nothing.
      if (state.complaints.some((c) => c.id === p.id)) return state;
      const complaints = [...state.complaints, { id: p.id, receivedAt: p.receivedAt, author: p.author, content: p.content, recordedBy: fact.actor ?? null, decision: null }];
      complaints.sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
      return { ...state, complaints };
    }
    case 'ComplaintDecided': {
      const p = fact.payload;
      return {
        ...state,
        complaints: state.complaints.map((c) => (c.id === p.id ? { ...c, decision: { decision: p.decision, text: p.text, decidedAt: p.decidedAt } } : c)),
      };
    }
    case 'DissentRecorded': {
      const p = fact.payload;
      // One opinion a member: a later text replaces the earlier one.
      return { ...state, dissents: [...state.dissents.filter((d) => d.memberId !== p.memberId), { memberId: p.memberId, text: p.text, at: p.at }] };
    }
    default: {
      const never: never = fact;
      throw new Error(`foldMeeting: unknown fact ${(never as { type: string }).type}`);
    }
  }
}

export const undecidedComplaints = (state: MeetingState): Complaint[] => state.complaints.filter((c) => c.decision === null);
