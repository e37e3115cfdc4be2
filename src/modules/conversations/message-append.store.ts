import type { Database } from '../../platform/db/database.js';
import type { Message } from './conversations.js';

/** A message to append: the writer has given it an id; the store gives it the next sequence number. */
export type AppendDraft = Pick<Message, 'id' | 'conversationId' | 'clientId' | 'authorType' | 'authorId' | 'kind' | 'text' | 'payload'>;
/**
 * What became of one draft of a batch, in batch order: stored as new, already stored under its
 * client id (the stored message), or refused because the conversation is not the sender's (or
 * does not exist) or takes no more messages.
 */
export type Appended = { outcome: 'stored'; seq: number } | { outcome: 'duplicate'; message: Message } | { outcome: 'not_found' } | { outcome: 'closed' };
/** The conversation rules a batch applies, as data, so that the store applies them in the statement that writes. */
export interface AppendRules {
  /** Statuses that take no more messages. */
  refusing: readonly string[];
  /** A customer writing to a conversation in `from` moves it to `to`. */
  reopen: { from: string; to: string };
}

/** Columns of a stored message, as the statement returns a retried one (`to_jsonb`). */
interface StoredRow {
  id: string;
  conversation_id: string;
  seq: number;
  client_id: string;
  author_type: Message['authorType'];
  author_id: string | null;
  kind: Message['kind'];
  text: string;
  payload: Record<string, unknown>;
  created_at: string;
  delivered_at: string | null;
  read_at: string | null;
}

const toMessage = (e: StoredRow): Message => ({
  id: e.id,
  conversationId: e.conversation_id,
  seq: Number(e.seq),
  clientId: e.client_id,
  authorType: e.author_type,
  authorId: e.author_id,
  kind: e.kind,
  text: e.text,
  payload: e.payload,
  createdAt: new Date(e.created_at),
  deliveredAt: e.delivered_at ? new Date(e.delivered_at) : null,
  readAt: e.read_at ? new Date(e.read_at) : null,
});

/**
 * The statement behind `appendMessages`. The batch's conversations are locked in id order (two
 * batches on two nodes never deadlock) and their latest sequence numbers read under the lock;
 * each new message takes the next one of its conversation in batch order, gap-free. A client id
 * already stored (or sent twice in the batch) is answered with the stored message, even if the
 * conversation closed since. The lookup sees the statement's snapshot: a writer on another node
 * that stored the same client id while this one waited for the lock makes the insert fail on the
 * unique key, and the caller runs the batch again.
 * $1 drafts (JSON), $2 refusing statuses (JSON), $3/$4 reopen to/from, $5 the time.
 */
const APPEND = `with d as (
    select * from json_to_recordset($1::json) as d(ord int, id uuid, conversation_id uuid, client_id text, author_type text, author_id text, kind text, text text, payload jsonb)
  ), locked as (
    select c.id, c.last_seq, c.contact_id, c.status from conversations c
    where c.id = any(array(select conversation_id from d)) order by c.id for update
  ), allowed as (
    -- A customer writes only to their own conversation.
    select d.*, l.status from d join locked l on l.id = d.conversation_id
    where d.author_type <> 'customer' or l.contact_id::text = d.author_id
  ), existing as (
    select m.* from messages m where (m.conversation_id, m.client_id) in (select conversation_id, client_id from allowed)
  ), fresh as (
    select distinct on (a.conversation_id, a.client_id) a.* from allowed a
    where a.status not in (select json_array_elements_text($2::json))
      and not exists (select 1 from existing e where e.conversation_id = a.conversation_id and e.client_id = a.client_id)
    order by a.conversation_id, a.client_id, a.ord
  ), numbered as (
    select f.*, l.last_seq + row_number() over (partition by f.conversation_id order by f.ord) as seq
    from fresh f join locked l on l.id = f.conversation_id
  ), inserted as (
    insert into messages (id, conversation_id, seq, client_id, author_type, author_id, kind, text, payload, created_at)
    select id, conversation_id, seq, client_id, author_type, author_id, kind, text, payload, $5::timestamptz from numbered
  ), changed as (
    update conversations c set last_seq = x.seq, last_message_at = $5::timestamptz, updated_at = $5::timestamptz,
      status = case when x.reopen then $3::text else c.status end,
      resolved_at = case when x.reopen then null else c.resolved_at end,
      first_response_at = case when x.staff and c.first_response_at is null then $5::timestamptz else c.first_response_at end
    from (select conversation_id, max(seq) as seq, bool_or(author_type = 'customer' and status = $4::text) as reopen, bool_or(author_type = 'agent') as staff
          from numbered group by conversation_id) x
    where c.id = x.conversation_id
  )
  select d.ord, a.ord is not null as allowed, n.ord as fresh_ord, n.seq, to_jsonb(e) as existing
  from d
  left join allowed a on a.ord = d.ord
  left join existing e on e.conversation_id = a.conversation_id and e.client_id = a.client_id
  left join numbered n on n.conversation_id = a.conversation_id and n.client_id = a.client_id
  order by d.ord`;

/**
 * Appends batches of messages in one statement each: one round trip and one commit however many
 * conversations a batch touches, and a statement PostgreSQL parses and plans once per connection.
 */
export function messageAppendStore(db: Pick<Database, 'prepared'>) {
  const append = db.prepared<{ ord: number; allowed: boolean; fresh_ord: number | null; seq: string | null; existing: StoredRow | null }>('append_messages', APPEND);
  return {
    async appendMessages(drafts: AppendDraft[], rules: AppendRules, at: Date): Promise<Appended[]> {
      const json = JSON.stringify(drafts.map((d, ord) => ({ ord, id: d.id, conversation_id: d.conversationId, client_id: d.clientId, author_type: d.authorType, author_id: d.authorId, kind: d.kind, text: d.text, payload: d.payload })));
      const rows = await append([json, JSON.stringify(rules.refusing), rules.reopen.to, rules.reopen.from, at.toISOString()]);
      return rows.map((r): Appended => {
        if (!r.allowed) return { outcome: 'not_found' };
        if (r.existing) return { outcome: 'duplicate', message: toMessage(r.existing) };
        if (r.fresh_ord === null) return { outcome: 'closed' };
        // Sent twice in this batch: the later copy is answered with the first one's message.
        if (r.fresh_ord !== r.ord) return { outcome: 'duplicate', message: { ...drafts[r.fresh_ord]!, seq: Number(r.seq), createdAt: at } };
        return { outcome: 'stored', seq: Number(r.seq) };
      });
    },
  };
}

export type MessageAppendStore = ReturnType<typeof messageAppendStore>;
