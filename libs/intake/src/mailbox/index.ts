export * from './imap-connector';
export * from './imapflow-connector';
export * from './mailbox-lock';
export * from './mailbox-idle';
export * from './mailbox-sync.service';
export * from './reply-threading';
export { writeLetters, externalIdFor, requesterOf, receivedAtOf, clipUtf8 } from './letter-writer';
export type { LetterDraft, LetterOutcome, StoredAttachment, WrittenLetter } from './letter-writer';
export { describeSetting } from './mailbox-settings';
