export * from './parsed-letter';
export * from './parse-letter';
export * from './letter-parse-error';
export * from './classify-automated';
export { sanitizeLetterHtml, htmlToPlainText } from './letter-html';
export { inspectMime, type MimeInspection } from './mime-repair';
export { LetterParserPool, sharedLetterParser } from './letter-parser-pool';
