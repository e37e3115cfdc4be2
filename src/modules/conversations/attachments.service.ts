import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { AppError } from '../../platform/http/app-error.js';
import { maskText } from '../guard/index.js';
import { assertSize, fileName, signLink, sniffType, storageKey, verifyLink, type AttachmentType, type SignedLink } from './attachments.js';
import type { AttachmentsStore } from './attachments.store.js';
import type { Message } from './conversations.js';
import type { ConversationsService, Sender } from './conversations.service.js';

/**
 * Files in chat. A file is checked (size, type from its bytes) and written to disk before its
 * message exists, and its row before the message is pushed, so whoever sees the message can
 * open the file. The message goes through the conversations service like text: sequence number,
 * idempotency by client id, push.
 */
export function attachmentsService(deps: {
  store: AttachmentsStore;
  conversations: ConversationsService;
  dataDir: string;
  maxBytes: number;
  linkTtlSeconds: number;
  publicUrl: string;
  signingKey: () => Promise<string>;
  clock?: () => Date;
}) {
  const { store, conversations } = deps;
  const clock = deps.clock ?? (() => new Date());
  const root = join(deps.dataDir, 'attachments');
  const pathOf = (key: string) => join(root, key);
  let key: Promise<string> | undefined;
  const signingKey = () =>
    (key ??= deps.signingKey().catch((err: unknown) => {
      key = undefined;
      throw err;
    }));

  /** Written under a temporary name, flushed, then renamed: a reader never sees half a file. */
  async function writeFile(storage: string, bytes: Uint8Array): Promise<void> {
    const path = pathOf(storage);
    try {
      await mkdir(dirname(path), { recursive: true });
    } catch (err) {
      throw new Error(`attachments cannot be stored: the folder ${dirname(path)} cannot be created (check DATA_DIR)`, { cause: err });
    }
    const temporary = `${path}.${randomBytes(6).toString('hex')}.partial`;
    try {
      const handle = await open(temporary, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
    } catch (err) {
      await rm(temporary, { force: true });
      throw err;
    }
  }

  async function discard(id: string, storage: string): Promise<void> {
    await store.remove(id);
    await rm(pathOf(storage), { force: true });
  }

  /** Checks a file (size, type from its bytes), writes it, and records its row. */
  async function keep(input: { name: string; bytes: Uint8Array }, owner: { conversationId: string | null; uploaderType: 'customer' | 'agent'; uploaderId: string | null }) {
    assertSize(input.bytes.length, deps.maxBytes);
    const contentType = await sniffType(input.bytes);
    const id = uuidv7();
    const storage = storageKey(id);
    await writeFile(storage, input.bytes);
    const originalName = fileName(maskText(input.name), contentType);
    try {
      await store.insert({ id, ...owner, contentType, sizeBytes: input.bytes.length, sha256: createHash('sha256').update(input.bytes).digest('hex'), storageKey: storage, originalName });
    } catch (err) {
      await rm(pathOf(storage), { force: true });
      throw err;
    }
    return { id, storage, name: originalName, contentType, sizeBytes: input.bytes.length };
  }

  async function signedUrl(attachmentId: string): Promise<{ url: string; expiresAt: Date }> {
    const expiresAt = new Date(clock().getTime() + deps.linkTtlSeconds * 1000);
    const link = signLink(await signingKey(), attachmentId, expiresAt);
    const query = new URLSearchParams({ expires: String(link.expires), signature: link.signature });
    return { url: `${deps.publicUrl}/api/v1/attachments/${attachmentId}?${query}`, expiresAt: new Date(link.expires * 1000) };
  }

  return {
    /** Stores a file and sends it as an 'attachment' message; a retry with the same client id returns the first message and keeps no second file. */
    async upload(sender: Sender, conversationId: string, input: { clientId: string; name: string; bytes: Uint8Array }): Promise<{ message: Message; duplicate: boolean }> {
      const target = await conversations.writeTarget(sender, conversationId);
      const file = await keep(input, { conversationId, uploaderType: 'customer' in sender ? 'customer' : 'agent', uploaderId: target.authorId });
      let result: { message: Message; duplicate: boolean };
      try {
        result = await conversations.sendAttachment(sender, target, { clientId: input.clientId, attachment: { id: file.id, name: file.name, contentType: file.contentType, size: file.sizeBytes } });
      } catch (err) {
        await discard(file.id, file.storage);
        throw err;
      }
      if (result.duplicate) await discard(file.id, file.storage);
      else await store.linkMessage(file.id, result.message.id);
      return result;
    },

    /**
     * A file kept for something that does not exist yet (a ticket being written, an e-mail being
     * filed): it belongs to its uploader until a ticket claims it by id.
     */
    async storeLoose(uploader: { type: 'customer' | 'agent'; id: string }, input: { name: string; bytes: Uint8Array }) {
      const { id, name, contentType, sizeBytes } = await keep(input, { conversationId: null, uploaderType: uploader.type, uploaderId: uploader.id });
      return { id, name, contentType, sizeBytes };
    },

    /** Who owns a loose file a sender uploads: a customer's contact, or the agent. */
    async uploaderOf(sender: Sender): Promise<{ type: 'customer' | 'agent'; id: string }> {
      if ('customer' in sender) return { type: 'customer', id: (await conversations.contactOf(sender.customer)).id };
      if (!sender.agent.id) throw new AppError('FORBIDDEN');
      return { type: 'agent', id: sender.agent.id };
    },

    /** The uploader's own loose files among `ids`; any other id is refused as not found. */
    async ownLoose(uploader: { type: 'customer' | 'agent'; id: string }, ids: string[]) {
      const found = await store.loose([...new Set(ids)], uploader.type, uploader.id);
      if (found.length !== new Set(ids).size) throw new AppError('NOT_FOUND', { what: 'attachment' });
      return found.map((a) => ({ id: a.id, name: a.originalName, contentType: a.contentType, sizeBytes: a.sizeBytes }));
    },

    /** What is known about files by id, for a caller that has already checked who may see them. */
    async describe(ids: string[]) {
      return (await store.many(ids)).map((a) => ({ id: a.id, name: a.originalName, contentType: a.contentType, sizeBytes: a.sizeBytes }));
    },

    /** A short-lived link to a file, for someone who takes part in its conversation. */
    async link(viewer: Sender, conversationId: string, attachmentId: string): Promise<{ url: string; expiresAt: Date }> {
      if ('customer' in viewer) await conversations.participant(viewer.customer, conversationId);
      const attachment = await store.inConversation(conversationId, attachmentId);
      if (!attachment) throw new AppError('NOT_FOUND');
      return signedUrl(attachment.id);
    },

    /** A short-lived link for a caller that has already checked access (the tickets module). */
    signedUrl,

    /** The file behind a signed link: its type, name, size, seconds the link has left, and an open stream. */
    async open(link: SignedLink) {
      const now = clock();
      verifyLink(await signingKey(), link, now);
      const attachment = await store.get(link.attachmentId);
      if (!attachment) throw new AppError('ATTACHMENT_URL_INVALID');
      // A row without its file means this node does not see the others' DATA_DIR: say so in the log.
      const handle = await open(pathOf(attachment.storageKey), 'r').catch((err: unknown) => {
        throw new Error(`attachment ${attachment.id} is missing from ${root} (is DATA_DIR shared by every node?)`, { cause: err });
      });
      return {
        contentType: attachment.contentType as AttachmentType,
        name: attachment.originalName,
        size: attachment.sizeBytes,
        secondsLeft: Math.max(0, link.expires - Math.floor(now.getTime() / 1000)),
        stream: handle.createReadStream(),
      };
    },
  };
}

export type AttachmentsService = ReturnType<typeof attachmentsService>;
